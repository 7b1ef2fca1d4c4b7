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

namespace {

// An address turned away this often in ten seconds for want of a slot
// queues behind the others even before any of its passwords was checked:
// clients that retry at once are neither people at a login page nor
// calendar clients honouring Retry-After (kBusyRetrySeconds: two in ten).
constexpr std::size_t kRefusalsBeforeSuspect = 5;
constexpr std::chrono::seconds kRefusalWindow(10);

}  // namespace

Authenticator::Authenticator(sql::Store& store, CredentialCache& cache, LoginLimits limits, const base::Clock& clock)
    : store_(store),
      clock_(clock),
      cache_(cache),
      limits_(limits),
      perAddressAndName_(limits.failuresPerAddressAndName, std::chrono::hours(1)),
      perAddress_(limits.failuresPerAddress, std::chrono::hours(1)),
      perDevice_(limits.failuresPerDevice, std::chrono::hours(1)),
      refusals_(kRefusalsBeforeSuspect, kRefusalWindow),
      gate_(limits.maxVerifications, limits.maxWaitingVerifications, limits.verificationWait),
      flights_(limits.verificationDeadline) {
  decoyHash_ = hashPassword("decoy password, never a real one").value_or("");
}

std::optional<sql::User> Authenticator::authenticate(std::string_view authorizationHeader) {
  return authenticateFrom(authorizationHeader, "").user;
}

AuthResult Authenticator::authenticateFrom(std::string_view authorizationHeader, std::string_view client,
                                           std::string_view device) {
  auto credentials = parseBasicAuthorization(authorizationHeader);
  if (!credentials) return {};
  const sql::Instant now = clock_.now();
  const bool limited = !client.empty();
  const bool known = limited && !device.empty();
  const std::string address(client);
  const std::string addressAndName = address + "|" + credentials->user;
  const std::string deviceKey(device);
  // A known device answers for its own failures only; anyone else for the address's.
  const bool throttled =
      limited && (known ? perDevice_.exhausted(deviceKey, now)
                        : perAddressAndName_.exhausted(addressAndName, now) || perAddress_.exhausted(address, now));
  auto failed = [&] {
    if (known) {
      perDevice_.tryAcquire(deviceKey, now);
    } else if (limited) {
      perAddressAndName_.tryAcquire(addressAndName, now);
      perAddress_.tryAcquire(address, now);
    }
    return AuthResult{std::nullopt, false, false};
  };

  auto user = store_.findUser(credentials->user);
  const bool real = user && !user->disabled;
  if (real && cache_.contains(user->name, user->passwordHash, credentials->password)) {
    if (lastLogins_) lastLogins_->seen(user->id);
    return {user, false, false};
  }
  if (throttled) return {std::nullopt, true, false};

  // Real checks and decoys wait alike; an address that failed recently, or
  // keeps coming back when turned away, waits behind everybody else (see
  // VerificationGate). A known device never does. The same credentials
  // sent on several connections at once are checked once.
  const bool suspect = limited && !known && (perAddress_.count(address, now) > 0 || refusals_.exhausted(address, now));
  const std::string& hash = real ? user->passwordHash : decoyHash_;
  const auto digest = cache_.digestOf(hash, credentials->password);
  const std::string flight = credentials->user + '\n' + std::string(digest.begin(), digest.end());
  using Verdict = VerificationFlights::Verdict;
  const Verdict verdict = flights_.run(flight, [&] {
    auto slot = gate_.acquire(suspect ? VerificationGate::Standing::Suspect : VerificationGate::Standing::Trusted);
    if (!slot) return Verdict::Busy;
    // The expensive check runs without any lock, so other requests go on meanwhile.
    if (!verifyPassword(credentials->password, hash)) return Verdict::Mismatch;
    if (real) cache_.remember(user->name, user->passwordHash, credentials->password);
    return Verdict::Match;
  });
  if (verdict == Verdict::Busy) {
    if (limited && !known) refusals_.tryAcquire(address, now);
    return {std::nullopt, false, true};
  }
  if (!real || verdict == Verdict::Mismatch) return failed();
  if (lastLogins_) lastLogins_->seen(user->id);
  return {user, false, false};
}

web::PasswordCheckResult Authenticator::check(std::string_view authorization, std::string_view client,
                                              std::string_view device) {
  auto result = authenticateFrom(authorization, client, device);
  return {std::move(result.user), result.throttled, result.busy};
}

}  // namespace jadwal::server
