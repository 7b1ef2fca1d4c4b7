#include "server/blob_collector.h"

#include <exception>
#include <ostream>

namespace jadwal::server {

BlobCollector::BlobCollector(sql::RequestStore& requests, const workflow::Clock& clock, std::chrono::seconds grace,
                             std::chrono::seconds interval, std::ostream& log)
    : requests_(requests), clock_(clock), grace_(grace), interval_(interval), log_(log) {}

// The jthread, destroyed first, asks the thread to stop (which ends its
// wait at once) and joins it.
BlobCollector::~BlobCollector() = default;

void BlobCollector::start() {
  if (thread_.joinable()) return;
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

sql::BlobSweep BlobCollector::collectOnce() { return requests_.collectBlobs(clock_.now() - grace_.count()); }

void BlobCollector::run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    try {
      const sql::BlobSweep sweep = collectOnce();
      if (sweep.blobs > 0) {
        log_ << "jadwald: deleted " << sweep.blobs << " uploaded files no request uses (" << sweep.bytes << " bytes)"
             << std::endl;
      }
    } catch (const std::exception& e) {
      // The next pass tries again; the server goes on meanwhile.
      log_ << "jadwald: deleting unused uploaded files failed: " << e.what() << std::endl;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, interval_, [] { return false; });
  }
}

}  // namespace jadwal::server
