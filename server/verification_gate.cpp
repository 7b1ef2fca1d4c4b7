#include "server/verification_gate.h"

#include <algorithm>

namespace jadwal::server {

VerificationGate::VerificationGate(std::size_t slots, std::size_t maxWaiting, std::chrono::milliseconds wait)
    : slots_(std::max<std::size_t>(1, slots)),
      maxWaiting_(maxWaiting),
      wait_(std::max(wait, std::chrono::milliseconds(0))),
      reservedSlots_(slots_ > 1 ? 1 : 0),
      reservedWaiting_(maxWaiting > 1 ? 1 : 0) {}

VerificationGate::Slot& VerificationGate::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    if (gate_) gate_->release();
    gate_ = other.gate_;
    other.gate_ = nullptr;
  }
  return *this;
}

VerificationGate::Slot::~Slot() {
  if (gate_) gate_->release();
}

bool VerificationGate::mayTake(Standing standing) const {
  if (standing == Standing::Trusted) return inUse_ < slots_;
  return inUse_ + reservedSlots_ < slots_ && trustedWaiting_ == 0;
}

std::optional<VerificationGate::Slot> VerificationGate::acquire(Standing standing) {
  std::unique_lock lock(mutex_);
  if (!mayTake(standing)) {
    const std::size_t places = standing == Standing::Trusted ? maxWaiting_ : maxWaiting_ - reservedWaiting_;
    if (waiting_ >= places || wait_.count() == 0) return std::nullopt;
    const bool trusted = standing == Standing::Trusted;
    ++waiting_;
    if (trusted) ++trustedWaiting_;
    const bool freed = freed_.wait_for(lock, wait_, [&] { return mayTake(standing); });
    --waiting_;
    if (trusted) --trustedWaiting_;
    if (!freed) {
      // A suspect waiter may now be the one to take what this one left.
      if (trusted) freed_.notify_all();
      return std::nullopt;
    }
  }
  ++inUse_;
  return Slot(this);
}

void VerificationGate::release() {
  {
    std::lock_guard lock(mutex_);
    --inUse_;
  }
  freed_.notify_all();
}

std::size_t VerificationGate::inUse() const {
  std::lock_guard lock(mutex_);
  return inUse_;
}

std::size_t VerificationGate::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace jadwal::server
