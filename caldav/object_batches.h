#pragma once
// The objects of a list, fetched a batch at a time: an answer over a large
// calendar lists what it will answer first (names and index data, no text)
// and reads the text of a few objects at a time as it goes, so that it never
// holds every object's text at once.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "sql/store.h"

namespace jadwal::caldav {

class ObjectBatches {
 public:
  static constexpr std::size_t kBatch = 32;

  ObjectBatches(sql::Store& store, std::int64_t calendarId, std::vector<sql::ObjectMeta> listed)
      : store_(store), calendarId_(calendarId), listed_(std::move(listed)) {}

  // What is listed next, before its text is read; nullptr at the end.
  const sql::ObjectMeta* peek() const { return next_ < listed_.size() ? &listed_[next_] : nullptr; }
  // Passes over the next listed object without reading it.
  void skip();
  // The next object with its text, or nullopt at the end. An object deleted
  // since it was listed is passed over.
  std::optional<sql::StoredObject> next();

 private:
  void fetch();

  sql::Store& store_;
  std::int64_t calendarId_;
  std::vector<sql::ObjectMeta> listed_;
  std::size_t next_ = 0;
  std::size_t fetchedUpTo_ = 0;            // listed_ before this index are fetched (or passed over)
  std::deque<sql::StoredObject> fetched_;  // in listed order, from next_ on
};

}  // namespace jadwal::caldav
