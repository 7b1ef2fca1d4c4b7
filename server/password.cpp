#include "server/password.h"

#include <sodium.h>

#include <array>

namespace jadwal::server {

bool initSodium() { return sodium_init() >= 0; }

std::optional<std::string> hashPassword(std::string_view password) {
  if (!initSodium()) return std::nullopt;
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out.data());
}

bool verifyPassword(std::string_view password, const std::string& hash) {
  if (!initSodium() || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::size_t utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;  // continuation bytes do not start a character
  }
  return count;
}

}  // namespace jadwal::server
