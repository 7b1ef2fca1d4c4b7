#include "web/public_csrf.h"

#include <sodium.h>

#include <array>
#include <charconv>

namespace jadwal::web {
namespace {

constexpr std::string_view kCsrfSecretName = "public-csrf";

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

std::string signedPart(sql::SessionStore& sessions, std::string_view payload) {
  return hmacSha256Hex(sessions.secret(kCsrfSecretName), std::string("csrf:").append(payload));
}

}  // namespace

std::string hmacSha256Hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  return hex(mac.data(), mac.size());
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string newPublicCsrfToken(sql::SessionStore& sessions, sql::Instant now) {
  std::array<unsigned char, 12> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  const std::string payload = std::to_string(now) + "." + hex(nonce.data(), nonce.size());
  return payload + "." + signedPart(sessions, payload);
}

bool publicCsrfTokenValid(sql::SessionStore& sessions, std::string_view token, sql::Instant now) {
  if (token.size() > 200) return false;
  const std::size_t lastDot = token.rfind('.');
  const std::size_t firstDot = token.find('.');
  if (lastDot == std::string_view::npos || firstDot == lastDot) return false;
  const std::string_view payload = token.substr(0, lastDot);
  sql::Instant made = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + firstDot, made);
  if (error != std::errc() || end != token.data() + firstDot) return false;
  if (made <= 0 || made > now + 300 || now - made > kPublicCsrfLifetime)
    return false;  // a little clock skew between servers
  return constantTimeEquals(token.substr(lastDot + 1), signedPart(sessions, payload));
}

PublicCsrf publicCsrfFor(sql::SessionStore& sessions, const WebRequest& request, sql::Instant now) {
  const std::string current = request.cookie(kPublicCsrfCookie);
  if (!current.empty() && publicCsrfTokenValid(sessions, current, now)) {
    sql::Instant made = 0;
    std::from_chars(current.data(), current.data() + current.find('.'), made);
    if (now - made < kPublicCsrfRenewAfter) return {current, false};
  }
  return {newPublicCsrfToken(sessions, now), true};
}

void applyPublicCsrf(const PublicCsrf& csrf, WebResponse& response, bool secureCookies) {
  if (csrf.renew) response.setCookie(kPublicCsrfCookie, csrf.token, secureCookies, int(kPublicCsrfLifetime));
}

bool publicCsrfValid(sql::SessionStore& sessions, const WebRequest& request, const FormData& form, sql::Instant now) {
  const std::string field = form.value("csrf");
  const std::string cookie = request.cookie(kPublicCsrfCookie);
  if (field.empty() || !constantTimeEquals(field, cookie)) return false;
  return publicCsrfTokenValid(sessions, field, now);
}

}  // namespace jadwal::web
