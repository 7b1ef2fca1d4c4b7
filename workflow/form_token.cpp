#include "workflow/form_token.h"

#include <sodium.h>

#include <array>
#include <thread>

namespace jadwal::workflow {

std::string formTokenHash(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

FormTokenClaim::FormTokenClaim(sql::RequestStore& requests, std::string_view token, std::chrono::milliseconds wait)
    : requests_(requests), hash_(token.empty() ? std::string() : formTokenHash(token)), wait_(wait) {}

FormTokenClaim::~FormTokenClaim() {
  if (!claimed_) return;
  try {
    requests_.finishFormToken(hash_, 0);
  } catch (...) {
    // The claim is swept with the old tokens; a destructor must not throw.
  }
}

std::optional<sql::RequestRow> FormTokenClaim::earlierRequest() {
  if (hash_.empty()) return std::nullopt;
  // A submission in flight takes its time (files, the calendar hold): the
  // repeat waits for its request rather than answering twice.
  const auto deadline = std::chrono::steady_clock::now() + wait_;
  for (;;) {
    const auto id = requests_.formTokenRequest(hash_);
    if (!id) return std::nullopt;
    if (*id != 0) return requests_.findRequest(*id);
    if (std::chrono::steady_clock::now() >= deadline)
      throw sql::StoreError("a submission with the same form token is still running");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::optional<sql::RequestRow> FormTokenClaim::claim(sql::Instant now, sql::Instant forgetBefore) {
  if (hash_.empty()) return std::nullopt;
  requests_.sweepFormTokens(forgetBefore);
  // Two rounds: the one that claimed first may fail and release it meanwhile.
  for (int round = 0; round < 2; ++round) {
    if (requests_.claimFormToken(hash_, now)) {
      claimed_ = true;
      return std::nullopt;
    }
    if (auto earlier = earlierRequest()) return earlier;
  }
  throw sql::StoreError("the form token could not be claimed");
}

void FormTokenClaim::madeRequest(std::int64_t requestId) {
  if (!claimed_) return;
  requests_.finishFormToken(hash_, requestId);
  claimed_ = false;
}

}  // namespace jadwal::workflow
