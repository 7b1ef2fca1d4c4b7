#include "server/ics_split.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "server/password.h"

namespace jadwal::server {

std::string resourceNameForUid(std::string_view uid) {
  constexpr std::size_t kMaxPlain = 100;
  const bool safe = !uid.empty() && uid.size() <= kMaxPlain && uid.front() != '.' &&
                    std::all_of(uid.begin(), uid.end(), [](unsigned char c) {
                      return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '@';
                    });
  if (safe) return std::string(uid) + ".ics";

  std::string prefix;
  for (unsigned char c : uid.substr(0, 40)) prefix += std::isalnum(c) || c == '-' || c == '_' ? char(c) : '_';
  initSodium();
  unsigned char digest[8];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(uid.data()), uid.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return prefix + "-" + hex + ".ics";
}

}  // namespace jadwal::server
