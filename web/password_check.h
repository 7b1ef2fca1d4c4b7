#pragma once
// What the web pages need from the server's password check, so that the web
// library never includes the server: the staff login form and the Basic
// credentials a phone sends for a letter go through the same check as CalDAV
// (disabled users, the password cache, the timing decoy, the failure limits),
// and the pages only read its answer. server::Authenticator implements it.

#include <optional>
#include <string_view>

#include "sql/store.h"

namespace jadwal::web {

struct PasswordCheckResult {
  std::optional<sql::User> user;
  bool throttled = false;  // too many failures: not checked (429)
  bool busy = false;       // no verification slot came free: not checked (503, Retry-After)
};

class PasswordCheck {
 public:
  virtual ~PasswordCheck() = default;

  // Checks an Authorization header value "Basic ..." sent from `client` (its
  // client key). `device` is the id of a known-device cookie the caller
  // verified and that names the user in the header ("" for none). Safe to
  // call from many threads.
  virtual PasswordCheckResult check(std::string_view authorization, std::string_view client,
                                    std::string_view device = {}) = 0;

  // Seconds a known-device cookie lives; 0: none are issued.
  virtual sql::Instant knownDeviceLifetime() const = 0;
  // The WWW-Authenticate value sent with a 401.
  virtual std::string_view challenge() const = 0;
  // Seconds a client is told to wait (Retry-After) after a busy answer.
  virtual int busyRetrySeconds() const = 0;
};

}  // namespace jadwal::web
