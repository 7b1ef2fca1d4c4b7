#pragma once
// HTTP Basic authentication against the users in the store.
//
// Every request re-reads the user row (a cheap indexed lookup), so a user
// disabled or given a new password by the operator CLI, which is another
// process, is refused at once; only the argon2id verification is cached.

#include <optional>
#include <string>
#include <string_view>

#include "server/credential_cache.h"
#include "server/rate_limiter.h"
#include "sql/store.h"

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

struct AuthResult {
  std::optional<sql::User> user;
  bool throttled = false;  // too many failures for this user from this client: not checked
};

class Authenticator {
 public:
  // All must outlive the authenticator; `failures` may be null (no limit).
  // Safe to call from many threads.
  Authenticator(sql::Store& store, CredentialCache& cache, RateLimiter* failures = nullptr);

  // The user the header authenticates, or nullopt for a missing or malformed
  // header, an unknown or disabled user, or a wrong password.
  std::optional<sql::User> authenticate(std::string_view authorizationHeader);

  // The same for a request from `client` (its address). Failures count per
  // client and user name; past the limit only credentials verified recently
  // (in the cache) pass, so nobody can guess a password at argon2id's pace,
  // and a mistyping phone elsewhere in the office locks nobody else out.
  AuthResult authenticateFrom(std::string_view authorizationHeader, std::string_view client);

 private:
  sql::Store& store_;
  CredentialCache& cache_;
  RateLimiter* failures_;
  std::string decoyHash_;  // verified against for unknown users, so timing does not reveal names
};

}  // namespace jadwal::server
