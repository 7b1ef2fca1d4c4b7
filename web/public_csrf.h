#pragma once
// CSRF protection for the public form, which has no login session: a token
// "<unix time>.<nonce>.<HMAC-SHA256(secret, time.nonce)>" is given both in a
// hidden field "csrf" and in a cookie, and a POST must bring the two equal,
// with a valid HMAC and younger than kPublicCsrfLifetime. Another site can
// make a browser post the form but can neither read nor set the cookie
// (SameSite=Lax keeps it off cross-site POSTs too). The secret lives in the
// database (SessionStore::secret), so every server of an installation agrees.

#include <string>
#include <string_view>

#include "sql/request_store.h"
#include "web/web.h"

namespace jadwal::web {

inline constexpr const char* kPublicCsrfCookie = "jadwal_formulir";
inline constexpr sql::Instant kPublicCsrfLifetime = 8 * 3600;  // a working day to fill the form in
// A token older than this is replaced when a page is shown, so a form opened
// late in the token's life still has hours left.
inline constexpr sql::Instant kPublicCsrfRenewAfter = 3600;

// A new token made at `now`.
std::string newPublicCsrfToken(sql::SessionStore& sessions, sql::Instant now);
// Whether `token` was made by this installation and is not expired at `now`.
bool publicCsrfTokenValid(sql::SessionStore& sessions, std::string_view token, sql::Instant now);

// The token for a page: the request's cookie while it is valid and fresh,
// else a new one. `renew` says the response must set the cookie.
struct PublicCsrf {
  std::string token;
  bool renew = false;
};
PublicCsrf publicCsrfFor(sql::SessionStore& sessions, const WebRequest& request, sql::Instant now);
// Sets the cookie for `csrf` on `response` when it was renewed.
void applyPublicCsrf(const PublicCsrf& csrf, WebResponse& response, bool secureCookies);
// Whether the form's "csrf" field equals the cookie and is a valid token.
bool publicCsrfValid(sql::SessionStore& sessions, const WebRequest& request, const FormData& form, sql::Instant now);

// Lower-case hex HMAC-SHA256 of `message` under `key` (libsodium).
std::string hmacSha256Hex(std::string_view key, std::string_view message);
// Comparison that takes the same time wherever the first difference is.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace jadwal::web
