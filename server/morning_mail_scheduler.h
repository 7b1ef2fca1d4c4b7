#pragma once
// Runs the morning mail's check (workflow/morning_mail.h) at start and then
// every interval, on a thread of its own that the destructor stops.

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <thread>

#include "workflow/clock.h"
#include "workflow/morning_mail.h"

namespace jadwal::server {

class MorningMailScheduler {
 public:
  // REQUIRES: `mail`, `clock` and `log` outlive the scheduler.
  MorningMailScheduler(workflow::MorningMail& mail, const workflow::Clock& clock, std::chrono::seconds interval,
                       std::ostream& log);
  ~MorningMailScheduler();  // stops the thread, after the check in progress if any
  MorningMailScheduler(const MorningMailScheduler&) = delete;
  MorningMailScheduler& operator=(const MorningMailScheduler&) = delete;

  void start();

 private:
  void run(std::stop_token stop);

  workflow::MorningMail& mail_;
  const workflow::Clock& clock_;
  const std::chrono::seconds interval_;
  std::ostream& log_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the rest goes
};

}  // namespace jadwal::server
