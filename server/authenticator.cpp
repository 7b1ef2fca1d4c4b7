#include "server/authenticator.h"

#include <sodium.h>

#include <cctype>
#include <vector>

#include "server/password.h"

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

Authenticator::Authenticator(sql::Store& store, CredentialCache& cache) : store_(store), cache_(cache) {
  decoyHash_ = hashPassword("decoy password, never a real one").value_or("");
}

std::optional<sql::User> Authenticator::authenticate(std::string_view authorizationHeader) {
  auto credentials = parseBasicAuthorization(authorizationHeader);
  if (!credentials) return std::nullopt;
  auto user = store_.findUser(credentials->user);
  if (!user || user->disabled) {
    verifyPassword(credentials->password, decoyHash_);
    return std::nullopt;
  }
  if (cache_.contains(user->name, user->passwordHash, credentials->password)) return user;
  // The expensive check runs without any lock, so other requests go on meanwhile.
  if (!verifyPassword(credentials->password, user->passwordHash)) return std::nullopt;
  cache_.remember(user->name, user->passwordHash, credentials->password);
  return user;
}

}  // namespace jadwal::server
