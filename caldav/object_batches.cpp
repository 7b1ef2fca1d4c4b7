#include "caldav/object_batches.h"

namespace jadwal::caldav {

void ObjectBatches::skip() {
  if (next_ >= listed_.size()) return;
  if (!fetched_.empty() && fetched_.front().name == listed_[next_].name) fetched_.pop_front();
  ++next_;
}

std::optional<sql::StoredObject> ObjectBatches::next() {
  while (next_ < listed_.size()) {
    if (next_ >= fetchedUpTo_) fetch();
    const std::string& name = listed_[next_++].name;
    if (!fetched_.empty() && fetched_.front().name == name) {
      sql::StoredObject object = std::move(fetched_.front());
      fetched_.pop_front();
      return object;
    }
    // Deleted since it was listed: nothing to answer for it.
  }
  return std::nullopt;
}

void ObjectBatches::fetch() {
  fetched_.clear();
  std::vector<std::string> names;
  std::size_t end = next_;
  for (; end < listed_.size() && names.size() < kBatch; ++end) names.push_back(listed_[end].name);
  fetchedUpTo_ = end;
  // getObjects keeps the order asked for and leaves out names that are gone.
  for (auto& object : store_.getObjects(calendarId_, names)) fetched_.push_back(std::move(object));
}

}  // namespace jadwal::caldav
