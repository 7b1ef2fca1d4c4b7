#pragma once
// Password hashing with argon2id (libsodium crypto_pwhash_str).
//
// The INTERACTIVE limits (about 64 MiB, a few tens of milliseconds) are used
// rather than MODERATE (256 MiB, most of a second): CalDAV clients send Basic
// credentials on every request and a cache miss verifies in a request thread,
// so a dozen parallel misses at MODERATE would need gigabytes of memory.

#include <optional>
#include <string>
#include <string_view>

namespace jadwal::server {

// Initialises libsodium; safe to call many times. Returns false if it cannot.
bool initSodium();

// The argon2id string for `password`, or nullopt if hashing failed (out of memory).
std::optional<std::string> hashPassword(std::string_view password);

// Whether `password` matches the argon2id string `hash`. A malformed hash never matches.
bool verifyPassword(std::string_view password, const std::string& hash);

// Counts UTF-8 code points, so a length rule means characters, not bytes.
std::size_t utf8Length(std::string_view text);

}  // namespace jadwal::server
