#pragma once
// Deletes the uploaded files no request uses once they are older than a
// grace period: files kept for a form shown again with errors and never
// sent, or left by a submission that failed. One pass at start, then one per
// interval, on a thread of its own that the destructor stops.

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <thread>

#include "sql/request_store.h"
#include "workflow/clock.h"

namespace jadwal::server {

class BlobCollector {
 public:
  // REQUIRES: `requests`, `clock` and `log` outlive the collector; `grace`
  // is longer than any request takes (see RequestStore::collectBlobs).
  BlobCollector(sql::RequestStore& requests, const workflow::Clock& clock, std::chrono::seconds grace,
                std::chrono::seconds interval, std::ostream& log);
  ~BlobCollector();  // stops the thread, after the pass in progress if any
  BlobCollector(const BlobCollector&) = delete;
  BlobCollector& operator=(const BlobCollector&) = delete;

  // Starts the thread: a pass now, then one every interval.
  void start();
  // One pass on the caller's thread, as the thread runs it. Throws StoreError.
  sql::BlobSweep collectOnce();

 private:
  void run(std::stop_token stop);

  sql::RequestStore& requests_;
  const workflow::Clock& clock_;
  const std::chrono::seconds grace_;
  const std::chrono::seconds interval_;
  std::ostream& log_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the rest goes
};

}  // namespace jadwal::server
