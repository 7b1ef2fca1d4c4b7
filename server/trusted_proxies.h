#pragma once
// Which peers may tell us the client's address. A reverse proxy in front of
// jadwald (conf/nginx-jadwal.conf) passes the address it saw in X-Real-IP
// and X-Forwarded-For; anyone else could send those headers too, so they
// count only from the addresses configured in [http] trusted_proxies. The
// rate limits and per-client caps count by the address decided here.

#include <Poco/Net/IPAddress.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jadwal::server {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // Parses a comma- or space-separated list of addresses and networks
  // ("127.0.0.1, ::1, 10.0.0.0/8"). Returns nullopt and sets `error` on a
  // malformed entry.
  static std::optional<TrustedProxies> parse(std::string_view list, std::string& error);

  bool empty() const { return networks_.empty(); }
  bool trusts(const Poco::Net::IPAddress& peer) const;

  // The client's address for a request that came from `peer`: the peer
  // itself unless it is trusted; then X-Real-IP if it holds an address, else
  // the last X-Forwarded-For hop that is not itself a trusted proxy (earlier
  // hops are whatever the client claimed). Empty header values are "absent".
  std::string clientAddress(const Poco::Net::IPAddress& peer, std::string_view realIp,
                            std::string_view forwardedFor) const;

 private:
  struct Network {
    Poco::Net::IPAddress address;
    unsigned prefixBits = 0;
  };
  static bool contains(const Network& network, const Poco::Net::IPAddress& address);
  std::vector<Network> networks_;
};

}  // namespace jadwal::server
