#pragma once
// Known devices (OWASP's "device cookies"): a browser that logged in as a
// user gets a signed, HttpOnly cookie naming that user. A later login as
// the same user from that browser is exempt from the lockouts by client
// address (per address and name, per address), which one colleague or an
// attacker behind the office's single NAT address would otherwise trigger
// for everyone, and counts against a limit of its own per device instead.
// It grants nothing else: the password is still checked.
//
// Value: "<user name, hex>.<device id>.<issued, unix time>.<HMAC-SHA256>",
// signed with a secret kept in the database (SessionStore::secret), so every
// server of an installation agrees. A new cookie, with a new id, is issued
// at every successful login. One browser knows one user: the last one.

#include <optional>
#include <string>

#include "sql/request_store.h"
#include "web/web.h"

namespace jadwal::web {

inline constexpr const char* kKnownDeviceCookie = "jadwal_perangkat";

// A new cookie value for `user`, issued at `now`.
std::string newKnownDeviceCookie(sql::SessionStore& sessions, const std::string& user, sql::Instant now);

struct KnownDevice {
  std::string user;  // the user it logged in as
  std::string id;    // random, per cookie: what its failures count against
};
// The device the request's cookie names, when the signature holds and it
// is younger than `lifetime` seconds at `now`.
std::optional<KnownDevice> knownDeviceOf(sql::SessionStore& sessions, const WebRequest& request, sql::Instant now,
                                         sql::Instant lifetime);

}  // namespace jadwal::web
