#pragma once
// What per-client bounds count by. An IPv4 client is its address; an IPv6
// client is the prefix of its address of [http] ipv6_prefix_bits (a /64 by
// default): a home or an office gets a whole /64, 2^64 addresses, so
// counting each address alone would let one client step around every
// per-client bound by changing its address. An IPv4-mapped IPv6 address
// counts as the IPv4 address it carries.
//
// Every per-client bound keys on this: connections per client, the
// workers' share per client, login failures, form submissions and
// tracking-code lookups.

#include <string>
#include <string_view>

namespace jadwal::server {

inline constexpr int kDefaultIpv6PrefixBits = 64;
inline constexpr int kMinIpv6PrefixBits = 32;  // shorter would put a whole provider's clients under one key
inline constexpr int kMaxIpv6PrefixBits = 128;

// "192.0.2.7" for 192.0.2.7 and ::ffff:192.0.2.7; "2001:db8:1:2::/64" for
// any address of that /64; the address itself (in its canonical form) when
// `ipv6PrefixBits` is 128. Text that is no IP address comes back unchanged.
// `ipv6PrefixBits` is clamped to [kMinIpv6PrefixBits, kMaxIpv6PrefixBits].
std::string clientKey(std::string_view address, int ipv6PrefixBits = kDefaultIpv6PrefixBits);

}  // namespace jadwal::server
