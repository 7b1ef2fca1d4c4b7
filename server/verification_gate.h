#pragma once
// Bounds the password verifications that run at once. Each argon2id check
// takes 64 MiB and a core for tens of milliseconds: unbounded, a burst of
// wrong logins took the process to 700 MB and made every other request wait.
//
// A check waits at most `wait` for a slot and at most `maxWaiting` checks
// wait at all; any other is refused at once (the caller answers 503 with
// Retry-After), so logins never hold more than slots + maxWaiting request
// threads, nor more than `slots` times 64 MiB.
//
// Attempts come in two standings. Trusted: from a client address with no
// recent wrong password, or from a known device. Suspect: from an address
// that failed recently. Suspect attempts leave one slot and one waiting
// place to trusted ones (when there are two or more of each) and never take
// a slot a trusted attempt is waiting for, so clients that keep sending
// wrong passwords cannot starve everybody else's logins. Whether the name
// exists plays no part: real checks and decoys queue alike, so the queue
// tells nothing about names.
//
// Thread-safe. Every Slot must be gone before the gate.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace jadwal::server {

class VerificationGate {
 public:
  enum class Standing { Trusted, Suspect };

  // `slots` is at least 1.
  VerificationGate(std::size_t slots, std::size_t maxWaiting, std::chrono::milliseconds wait);

  // Holds one slot until destroyed.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot();

   private:
    friend class VerificationGate;
    explicit Slot(VerificationGate* gate) : gate_(gate) {}
    VerificationGate* gate_;
  };

  // A slot, or nullopt when none came free within the wait or the waiting
  // places are taken.
  std::optional<Slot> acquire(Standing standing);

  std::size_t slots() const { return slots_; }
  std::size_t inUse() const;
  std::size_t waiting() const;

 private:
  bool mayTake(Standing standing) const;  // with mutex_ held
  void release();

  const std::size_t slots_;
  const std::size_t maxWaiting_;
  const std::chrono::milliseconds wait_;
  const std::size_t reservedSlots_;    // slots suspect attempts leave to trusted ones
  const std::size_t reservedWaiting_;  // waiting places they leave
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t inUse_ = 0;
  std::size_t waiting_ = 0;
  std::size_t trustedWaiting_ = 0;
};

}  // namespace jadwal::server
