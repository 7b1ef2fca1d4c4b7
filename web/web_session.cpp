#include <sodium.h>

#include <ctime>
#include <stdexcept>

#include "sql/request_store.h"
#include "web/web.h"
#include "web/web_session_internal.h"

namespace jadwal::web {

namespace {

std::string toHex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.resize(size * 2);
  return hex;
}

}  // namespace

std::string sessionTokenHash(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return toHex(digest, sizeof digest);
}

std::string randomHex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not start");  // safe to call many times
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex = toHex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

std::optional<sql::SessionRow> sessionOf(WebContext& context, const WebRequest& request, sql::Instant now) {
  const std::string token = request.cookie(kSessionCookie);
  // A token we issued is 64 hex digits; anything else cannot match, so skip the lookup.
  if (token.size() != 64) return std::nullopt;
  return context.store.sessions().findSession(sessionTokenHash(token), now);
}

StartedSession startSession(WebContext& context, const sql::User& user, sql::Instant now) {
  StartedSession started;
  started.cookieValue = randomHex(32);
  started.row.tokenHash = sessionTokenHash(started.cookieValue);
  started.row.userId = user.id;
  started.row.csrfToken = randomHex(32);
  started.row.createdAt = now;
  started.row.expiresAt = now + kSessionLifetimeSeconds;
  context.store.sessions().deleteExpiredSessions(now);
  // 256 random bits do not collide; a taken hash would mean a broken random source.
  if (context.store.sessions().createSession(started.row) != sql::CreateStatus::Created)
    throw sql::StoreError("a new session token was already in use");
  return started;
}

void endSession(WebContext& context, const WebRequest& request) {
  const std::string token = request.cookie(kSessionCookie);
  if (!token.empty()) context.store.sessions().deleteSession(sessionTokenHash(token));
}

std::optional<caldav::Principal> currentUser(WebContext& context, const WebRequest& request) {
  const auto session = sessionOf(context, request, context.clock->now());
  if (!session) return std::nullopt;
  // Re-read the user: one disabled by the operator is logged out at once.
  const auto user = context.store.findUserById(session->userId);
  if (!user || user->disabled) return std::nullopt;
  return caldav::Principal{user->id, user->name, user->role, user->displayName};
}

std::string csrfTokenOf(WebContext& context, const WebRequest& request) {
  const auto session = sessionOf(context, request, context.clock->now());
  return session ? session->csrfToken : std::string();
}

bool csrfValid(WebContext& context, const WebRequest& request, const FormData& form) {
  const auto session = sessionOf(context, request, context.clock->now());
  if (!session || session->csrfToken.empty()) return false;
  const std::string sent = form.value("csrf");
  if (sent.size() != session->csrfToken.size()) return false;
  return sodium_memcmp(sent.data(), session->csrfToken.data(), sent.size()) == 0;
}

}  // namespace jadwal::web
