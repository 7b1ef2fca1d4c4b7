#pragma once
// Starting and ending staff login sessions; used by the login pages and by
// the tests. The cookie carries a random token; the database keeps only its
// SHA-256, so a copy of the database does not let anyone log in.

#include <optional>
#include <string>
#include <string_view>

#include "sql/request_store.h"
#include "web/web.h"

namespace jadwal::web {

inline constexpr const char* kSessionCookie = "jadwal_sesi";
inline constexpr sql::Instant kSessionLifetimeSeconds = 12 * 3600;

// Hex SHA-256 of a cookie value, as stored in SessionRow::tokenHash.
std::string sessionTokenHash(std::string_view token);

// `bytes` random bytes from libsodium, hex encoded.
std::string randomHex(std::size_t bytes);

// The session behind the request's cookie at `now`, if any and not expired.
std::optional<sql::SessionRow> sessionOf(WebContext& context, const WebRequest& request, sql::Instant now);

struct StartedSession {
  std::string cookieValue;  // the token to send to the browser
  sql::SessionRow row;      // as stored
};
// Stores a new session for `user` that expires kSessionLifetimeSeconds after `now`.
StartedSession startSession(WebContext& context, const sql::User& user, sql::Instant now);

// Deletes the request's session, if it has one.
void endSession(WebContext& context, const WebRequest& request);

}  // namespace jadwal::web
