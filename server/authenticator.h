#pragma once
// HTTP Basic authentication against the users in the store.
//
// Every request re-reads the user row (a cheap indexed lookup), so a user
// disabled or given a new password by the operator CLI, which is another
// process, is refused at once; only the argon2id verification is cached.
//
// Wrong passwords are limited per client address and user name, and per
// client address across names (a new name each time gets around the
// first), an address being its client_key.h key (an IPv6 client's prefix);
// past a limit only credentials verified recently (the credential cache)
// pass. A browser that logged in before (a known device, see
// known_device.h) is exempt from both for its own user, and limited per
// device instead, so a colleague or an attacker behind the office's one
// NAT address cannot lock everybody out. The verifications themselves run
// through a VerificationGate: a bounded number at once, with addresses that
// failed recently or keep retrying when turned away queued behind the others.

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "server/credential_cache.h"
#include "server/last_logins.h"
#include "server/login_limits.h"
#include "server/rate_limiter.h"
#include "server/verification_flights.h"
#include "server/verification_gate.h"
#include "sql/store.h"
#include "web/password_check.h"

namespace jadwal::server {

struct BasicCredentials {
  std::string user;
  std::string password;
};

// Parses an Authorization header value "Basic base64(user:password)". The
// scheme is case-insensitive; the user part may not be empty nor contain ':'.
std::optional<BasicCredentials> parseBasicAuthorization(std::string_view header);

// The challenge sent with every 401.
inline constexpr const char* kBasicChallenge = "Basic realm=\"Jadwal\", charset=\"UTF-8\"";

// Seconds a client is told to wait (Retry-After) when no verification slot came free.
inline constexpr int kBusyRetrySeconds = 5;

struct AuthResult {
  std::optional<sql::User> user;
  bool throttled = false;  // too many failures: not checked (429)
  bool busy = false;       // no verification slot within the wait: not checked (503, Retry-After)
};

// Also the web pages' password check (web::PasswordCheck), so the login form
// and CalDAV agree on who may enter.
class Authenticator : public web::PasswordCheck {
 public:
  // `store`, `cache` and `clock` (which times failure windows) must outlive
  // the authenticator. Safe to call from many threads.
  Authenticator(sql::Store& store, CredentialCache& cache, LoginLimits limits = {},
                const base::Clock& clock = base::systemClock());

  // The user the header authenticates, or nullopt for a missing or malformed
  // header, an unknown or disabled user, a wrong password, or no free
  // verification slot. No failure limits apply (no client address).
  std::optional<sql::User> authenticate(std::string_view authorizationHeader);

  // The same for a request from `client` (its clientKey(), so that an IPv6
  // client's whole prefix counts as one address). `device` is the id
  // of a known-device cookie that the caller verified and that names the
  // user in the header ("" for none).
  AuthResult authenticateFrom(std::string_view authorizationHeader, std::string_view client,
                              std::string_view device = {});

  // web::PasswordCheck: authenticateFrom, and the server's answers around it.
  web::PasswordCheckResult check(std::string_view authorization, std::string_view client,
                                 std::string_view device = {}) override;
  sql::Instant knownDeviceLifetime() const override { return limits_.knownDeviceLifetime.count(); }
  std::string_view challenge() const override { return kBasicChallenge; }
  int busyRetrySeconds() const override { return kBusyRetrySeconds; }

  // Where successful logins are recorded (last login); none: not recorded.
  // REQUIRES: set before the first check, and outliving the authenticator.
  void recordLoginsIn(LastLogins* lastLogins) { lastLogins_ = lastLogins; }

  const LoginLimits& limits() const { return limits_; }
  // The bound on verifications running at once (tests hold its slots).
  VerificationGate& verifications() { return gate_; }

 private:
  sql::Store& store_;
  const base::Clock& clock_;
  CredentialCache& cache_;
  const LoginLimits limits_;
  RateLimiter perAddressAndName_;
  RateLimiter perAddress_;
  RateLimiter perDevice_;
  RateLimiter refusals_;  // attempts turned away busy, per client address, in the last seconds
  VerificationGate gate_;
  VerificationFlights flights_;
  std::string decoyHash_;
  LastLogins* lastLogins_ = nullptr;  // verified against for unknown users, so timing does not reveal names
};

}  // namespace jadwal::server
