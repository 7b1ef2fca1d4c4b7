#pragma once
// Remembers recently verified Basic credentials, because verifying argon2id
// costs tens of milliseconds and CalDAV clients authenticate every request.
//
// An entry holds, per user name, a keyed BLAKE2b digest of the stored
// password hash and the password; the key is random per process, so the
// cache never holds the password nor anything an attacker could test
// passwords against offline. The stored hash is part of the digest, so
// changing a password (another process writes the row) invalidates the entry
// as soon as the row is re-read. A failed attempt never touches an entry.
// Thread-safe; the lock is held only for a map lookup, never while hashing.

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jadwal::server {

class CredentialCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr std::size_t kDigestBytes = 32;
  using Digest = std::array<unsigned char, kDigestBytes>;

  // A `ttl` of zero disables the cache. At most `capacity` users are kept.
  CredentialCache(std::chrono::seconds ttl, std::size_t capacity, Clock clock = std::chrono::steady_clock::now);

  // Whether `password` was verified for `user` with this `storedHash` within the TTL.
  bool contains(std::string_view user, std::string_view storedHash, std::string_view password) const;
  // Records a successful verification.
  void remember(std::string_view user, std::string_view storedHash, std::string_view password);
  void forget(std::string_view user);
  std::size_t size() const;

  // The keyed digest an entry holds; exposed so tests can check what is stored.
  Digest digestOf(std::string_view storedHash, std::string_view password) const;
  // A copy of the digest stored for `user`, or an all-zero digest if none.
  Digest storedDigest(std::string_view user) const;

 private:
  struct Entry {
    Digest digest{};
    std::chrono::steady_clock::time_point expires;
  };
  void evictForInsert(std::chrono::steady_clock::time_point now);

  std::chrono::seconds ttl_;
  std::size_t capacity_;
  Clock clock_;
  std::array<unsigned char, 32> key_{};
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace jadwal::server
