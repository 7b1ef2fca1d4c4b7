#include "server/client_key.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace jadwal::server {

std::string clientKey(std::string_view address, int ipv6PrefixBits) {
  // A zone ("fe80::1%eth0") names the local interface, not the client.
  const std::string text(address.substr(0, address.find('%')));
  std::array<char, INET6_ADDRSTRLEN> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return inet_ntop(AF_INET, &v4, out.data(), out.size()) ? std::string(out.data()) : text;
  }
  in6_addr v6{};
  if (text.empty() || inet_pton(AF_INET6, text.c_str(), &v6) != 1) return std::string(address);
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    std::memcpy(&v4, &v6.s6_addr[12], sizeof v4);
    return inet_ntop(AF_INET, &v4, out.data(), out.size()) ? std::string(out.data()) : text;
  }
  const int bits = std::clamp(ipv6PrefixBits, kMinIpv6PrefixBits, kMaxIpv6PrefixBits);
  for (int i = 0; i < 16; ++i) {
    const int kept = std::clamp(bits - 8 * i, 0, 8);
    v6.s6_addr[i] &= static_cast<unsigned char>(0xff00u >> kept);
  }
  if (!inet_ntop(AF_INET6, &v6, out.data(), out.size())) return text;
  return bits == kMaxIpv6PrefixBits ? std::string(out.data()) : std::string(out.data()) + "/" + std::to_string(bits);
}

}  // namespace jadwal::server
