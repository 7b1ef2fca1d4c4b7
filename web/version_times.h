#pragma once
// When this server first answered each version (ETag) of an answer: its
// Last-Modified. A time read from the objects shown would miss a deletion
// (nothing newer is left) and a calendar the reader lost, and a client
// that asks only If-Modified-Since would then keep what is gone. Kept in
// memory and bounded: after a restart, or once the table was full and was
// emptied, a client downloads once more.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "sql/store.h"

namespace jadwal::web {

class VersionTimes {
 public:
  explicit VersionTimes(std::size_t maxAnswers = 100000) : maxAnswers_(maxAnswers) {}

  // The time `answer` (a URL, a feed) was first seen with `etag`, `now` if
  // it is seen so for the first time.
  sql::Instant firstSeen(const std::string& answer, const std::string& etag, sql::Instant now) {
    std::lock_guard guard(mutex_);
    auto found = seen_.find(answer);
    if (found != seen_.end() && found->second.first == etag) return found->second.second;
    if (found == seen_.end() && seen_.size() >= maxAnswers_) seen_.clear();
    seen_[answer] = {etag, now};
    return now;
  }

 private:
  std::size_t maxAnswers_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, sql::Instant>> seen_;
};

}  // namespace jadwal::web
