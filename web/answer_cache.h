#pragma once
// Answers that are the same for everyone (the public agenda), kept by their
// ETag so that a crowd on the page costs one read of the calendars per
// change rather than one per visitor. Bounded in entries and bytes; the
// least recently used go first. Safe to use from many threads.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "web/web.h"

namespace jadwal::web {

class AnswerCache {
 public:
  AnswerCache(std::size_t maxEntries, std::size_t maxBytes) : maxEntries_(maxEntries), maxBytes_(maxBytes) {}

  std::optional<WebResponse> find(const std::string& key) {
    std::lock_guard guard(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, found->second);  // most recently used first
    return found->second->second;
  }

  // Keeps `response` under `key`; one larger than the whole cache is not kept.
  void keep(const std::string& key, const WebResponse& response) {
    const std::size_t size = sizeOf(key, response);
    std::lock_guard guard(mutex_);
    if (size > maxBytes_ || maxEntries_ == 0) return;
    if (auto found = index_.find(key); found != index_.end()) {
      bytes_ -= sizeOf(key, found->second->second);
      entries_.erase(found->second);
      index_.erase(found);
    }
    while (!entries_.empty() && (entries_.size() >= maxEntries_ || bytes_ + size > maxBytes_)) {
      bytes_ -= sizeOf(entries_.back().first, entries_.back().second);
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
    entries_.emplace_front(key, response);
    index_[key] = entries_.begin();
    bytes_ += size;
  }

 private:
  static std::size_t sizeOf(const std::string& key, const WebResponse& response) {
    std::size_t size = key.size() + response.body.size() + response.contentType.size();
    for (const auto& [name, value] : response.headers) size += name.size() + value.size();
    return size;
  }

  std::size_t maxEntries_, maxBytes_;
  std::size_t bytes_ = 0;
  std::mutex mutex_;
  std::list<std::pair<std::string, WebResponse>> entries_;
  std::unordered_map<std::string, std::list<std::pair<std::string, WebResponse>>::iterator> index_;
};

}  // namespace jadwal::web
