#include "web/known_device.h"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "web/public_csrf.h"
#include "web/web_session_internal.h"

namespace jadwal::web {
namespace {

constexpr std::string_view kDeviceSecretName = "known-device";
constexpr std::size_t kMaxCookie = 400;

std::string signature(sql::SessionStore& sessions, std::string_view payload) {
  return hmacSha256Hex(sessions.secret(kDeviceSecretName), std::string("device:").append(payload));
}

std::string hexOf(const std::string& text) {
  std::string out(text.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  out.pop_back();
  return out;
}

std::optional<std::string> unhex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (hex.size() % 2 != 0 || sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                                            hex.size(), nullptr, &length, nullptr) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::string newKnownDeviceCookie(sql::SessionStore& sessions, const std::string& user, sql::Instant now) {
  const std::string payload = hexOf(user) + "." + randomHex(16) + "." + std::to_string(now);
  return payload + "." + signature(sessions, payload);
}

std::optional<KnownDevice> knownDeviceOf(sql::SessionStore& sessions, const WebRequest& request, sql::Instant now,
                                         sql::Instant lifetime) {
  const std::string cookie = request.cookie(kKnownDeviceCookie);
  if (cookie.empty() || cookie.size() > kMaxCookie || lifetime <= 0) return std::nullopt;
  const auto parts = split(cookie, '.');
  if (parts.size() != 4) return std::nullopt;
  const std::string_view payload(cookie.data(), cookie.size() - parts[3].size() - 1);
  if (!constantTimeEquals(parts[3], signature(sessions, payload))) return std::nullopt;
  sql::Instant issued = 0;
  const auto [end, error] = std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), issued);
  if (error != std::errc() || end != parts[2].data() + parts[2].size()) return std::nullopt;
  if (issued > now + 300 || now - issued > lifetime) return std::nullopt;  // a little clock skew between servers
  auto user = unhex(parts[0]);
  if (!user || user->empty() || parts[1].empty()) return std::nullopt;
  return KnownDevice{std::move(*user), std::string(parts[1])};
}

}  // namespace jadwal::web
