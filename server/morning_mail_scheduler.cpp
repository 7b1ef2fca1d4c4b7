#include "server/morning_mail_scheduler.h"

#include <exception>
#include <ostream>

namespace jadwal::server {

MorningMailScheduler::MorningMailScheduler(workflow::MorningMail& mail, const workflow::Clock& clock,
                                           std::chrono::seconds interval, std::ostream& log)
    : mail_(mail), clock_(clock), interval_(interval), log_(log) {}

// The jthread, destroyed first, asks the thread to stop (which ends its
// wait at once) and joins it.
MorningMailScheduler::~MorningMailScheduler() = default;

void MorningMailScheduler::start() {
  if (thread_.joinable()) return;
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void MorningMailScheduler::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      const workflow::MorningMail::Pass pass = mail_.runOnce(clock_.now());
      if (pass.sent > 0 || pass.failed > 0) {
        log_ << "jadwald: morning mail: " << pass.sent << " sent, " << pass.failed << " failed" << std::endl;
      }
    } catch (const std::exception& e) {
      // The next check tries again; the server goes on meanwhile.
      log_ << "jadwald: morning mail check failed: " << e.what() << std::endl;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, interval_, [] { return false; });
  }
}

}  // namespace jadwal::server
