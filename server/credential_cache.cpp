#include "server/credential_cache.h"

#include <sodium.h>

#include <algorithm>
#include <cstdint>

#include "server/password.h"

namespace jadwal::server {

CredentialCache::CredentialCache(std::chrono::seconds ttl, std::size_t capacity, Clock clock)
    : ttl_(ttl), capacity_(std::max<std::size_t>(capacity, 1)), clock_(std::move(clock)) {
  initSodium();
  randombytes_buf(key_.data(), key_.size());
}

CredentialCache::Digest CredentialCache::digestOf(std::string_view storedHash, std::string_view password) const {
  // The stored hash's length goes first so that no two (hash, password) pairs share a digest input.
  const std::uint64_t hashLength = storedHash.size();
  crypto_generichash_state state;
  crypto_generichash_init(&state, key_.data(), key_.size(), kDigestBytes);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&hashLength), sizeof hashLength);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(storedHash.data()), storedHash.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(password.data()), password.size());
  Digest digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  sodium_memzero(&state, sizeof state);
  return digest;
}

bool CredentialCache::contains(std::string_view user, std::string_view storedHash, std::string_view password) const {
  if (ttl_.count() <= 0) return false;
  const Digest wanted = digestOf(storedHash, password);
  const auto now = clock_();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(user));
  if (it == entries_.end() || it->second.expires <= now) return false;
  return sodium_memcmp(it->second.digest.data(), wanted.data(), kDigestBytes) == 0;
}

void CredentialCache::remember(std::string_view user, std::string_view storedHash, std::string_view password) {
  if (ttl_.count() <= 0) return;
  Entry entry{digestOf(storedHash, password), {}};
  const auto now = clock_();
  entry.expires = now + ttl_;
  std::lock_guard lock(mutex_);
  std::string key(user);
  if (entries_.find(key) == entries_.end()) evictForInsert(now);
  entries_[std::move(key)] = entry;
}

void CredentialCache::evictForInsert(std::chrono::steady_clock::time_point now) {
  if (entries_.size() < capacity_) return;
  std::erase_if(entries_, [now](const auto& item) { return item.second.expires <= now; });
  if (entries_.size() < capacity_) return;
  // Still full of live entries: drop the one closest to expiring.
  auto oldest = std::min_element(entries_.begin(), entries_.end(),
                                 [](const auto& a, const auto& b) { return a.second.expires < b.second.expires; });
  entries_.erase(oldest);
}

void CredentialCache::forget(std::string_view user) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::string(user));
}

std::size_t CredentialCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

CredentialCache::Digest CredentialCache::storedDigest(std::string_view user) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(user));
  return it == entries_.end() ? Digest{} : it->second.digest;
}

}  // namespace jadwal::server
