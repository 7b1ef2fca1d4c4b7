#include "server/authenticator.h"

#include <sodium.h>

#include <cctype>
#include <ctime>
#include <vector>

#include "server/password.h"
#include "server/rate_limiter.h"

namespace jadwal::server {

std::optional<BasicCredentials> parseBasicAuthorization(std::string_view header) {
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.front()))) header.remove_prefix(1);
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.back()))) header.remove_suffix(1);
  constexpr std::string_view scheme = "basic";
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != scheme[i]) return std::nullopt;
  }
  std::string_view encoded = header.substr(scheme.size() + 1);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  if (encoded.empty() || encoded.size() > 4096) return std::nullopt;

  if (!initSodium()) return std::nullopt;
  std::vector<unsigned char> decoded(encoded.size());
  std::size_t decodedLength = 0;
  if (sodium_base642bin(decoded.data(), decoded.size(), encoded.data(), encoded.size(), nullptr, &decodedLength,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  std::string plain(reinterpret_cast<const char*>(decoded.data()), decodedLength);
  sodium_memzero(decoded.data(), decoded.size());
  const auto colon = plain.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return BasicCredentials{plain.substr(0, colon), plain.substr(colon + 1)};
}

Authenticator::Authenticator(sql::Store& store, CredentialCache& cache, RateLimiter* failures)
    : store_(store), cache_(cache), failures_(failures) {
  decoyHash_ = hashPassword("decoy password, never a real one").value_or("");
}

std::optional<sql::User> Authenticator::authenticate(std::string_view authorizationHeader) {
  return authenticateFrom(authorizationHeader, "").user;
}

AuthResult Authenticator::authenticateFrom(std::string_view authorizationHeader, std::string_view client) {
  auto credentials = parseBasicAuthorization(authorizationHeader);
  if (!credentials) return {};
  const sql::Instant now = static_cast<sql::Instant>(std::time(nullptr));
  const std::string key = std::string(client) + "|" + credentials->user;
  const bool limited = failures_ && !client.empty();
  const bool throttled = limited && failures_->exhausted(key, now);
  auto failed = [&] {
    if (limited) failures_->tryAcquire(key, now);
    return AuthResult{std::nullopt, throttled};
  };

  auto user = store_.findUser(credentials->user);
  if (!user || user->disabled) {
    if (!throttled) verifyPassword(credentials->password, decoyHash_);
    return failed();
  }
  if (cache_.contains(user->name, user->passwordHash, credentials->password)) return {user, false};
  if (throttled) return {std::nullopt, true};
  // The expensive check runs without any lock, so other requests go on meanwhile.
  if (!verifyPassword(credentials->password, user->passwordHash)) return failed();
  cache_.remember(user->name, user->passwordHash, credentials->password);
  return {user, false};
}

}  // namespace jadwal::server
