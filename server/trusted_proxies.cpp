#include "server/trusted_proxies.h"

#include <Poco/String.h>

#include <charconv>

#include "base/text.h"

namespace jadwal::server {
namespace {

std::optional<Poco::Net::IPAddress> addressOf(std::string_view text) {
  Poco::Net::IPAddress address;
  if (text.empty() || !Poco::Net::IPAddress::tryParse(std::string(text), address)) return std::nullopt;
  // An IPv4 peer reached over an IPv6 socket shows as ::ffff:a.b.c.d.
  if (address.family() == Poco::Net::IPAddress::IPv6 && address.isIPv4Mapped()) {
    return Poco::Net::IPAddress(address.toString().substr(7));
  }
  return address;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string& error) {
  TrustedProxies proxies;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find_first_of(", ", start), list.size());
    const std::string_view entry = base::trimmed(list.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    const std::size_t slash = entry.find('/');
    auto address = addressOf(entry.substr(0, slash));
    if (!address) {
      error = "\"" + std::string(entry) + "\" is not an IP address or network";
      return std::nullopt;
    }
    const unsigned maxBits = address->family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
    unsigned bits = maxBits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || bits > maxBits) {
        error = "\"" + std::string(entry) + "\" has a bad prefix length";
        return std::nullopt;
      }
    }
    proxies.networks_.push_back(Network{*address, bits});
  }
  return proxies;
}

bool TrustedProxies::contains(const Network& network, const Poco::Net::IPAddress& address) {
  if (network.address.family() != address.family()) return false;
  Poco::Net::IPAddress mask(network.prefixBits, address.family());
  return (network.address & mask) == (address & mask);
}

bool TrustedProxies::trusts(const Poco::Net::IPAddress& peer) const {
  auto normalised = addressOf(peer.toString());
  if (!normalised) return false;
  for (const auto& network : networks_)
    if (contains(network, *normalised)) return true;
  return false;
}

std::string TrustedProxies::clientAddress(const Poco::Net::IPAddress& peer, std::string_view realIp,
                                          std::string_view forwardedFor) const {
  auto normalisedPeer = addressOf(peer.toString());
  const std::string peerText = normalisedPeer ? normalisedPeer->toString() : peer.toString();
  if (!trusts(peer)) return peerText;
  if (auto claimed = addressOf(base::trimmed(realIp))) return claimed->toString();
  // Walk X-Forwarded-For from the right: each trusted proxy appended the
  // address it saw; the first one not trusted is the client.
  std::string_view hops = forwardedFor;
  while (!hops.empty()) {
    const std::size_t comma = hops.rfind(',');
    const std::string_view hop = base::trimmed(comma == std::string_view::npos ? hops : hops.substr(comma + 1));
    hops = comma == std::string_view::npos ? std::string_view() : hops.substr(0, comma);
    auto address = addressOf(hop);
    if (!address) break;  // a hop we cannot read: stop at the last good one
    if (!trusts(*address) || hops.empty()) return address->toString();
  }
  return peerText;
}

}  // namespace jadwal::server
