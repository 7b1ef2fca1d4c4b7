#include "sql/object_writes.h"

#include <algorithm>
#include <optional>

namespace jadwal::sql {

namespace {

bool preconditionHolds(const Precondition& pre, const std::optional<ObjectRows::Row>& current) {
  if (pre.ifNoneMatchAny && current) return false;
  if (pre.ifMatch) return current && ifMatchAccepts(*pre.ifMatch, current->etag);
  return true;
}

// Whether writing `newSize` bytes over an object of `oldSize` bytes (none: a
// new object) would pass one of `limits`; fills result.exceeded and
// result.used when it would. A write that does not grow what a limit counts
// always passes it.
bool exceedsLimits(ObjectRows& rows, std::int64_t calendarId, const WriteLimits& limits,
                   std::optional<std::int64_t> oldSize, std::int64_t newSize, WriteResult& result) {
  if (limits.calendarObjects && !oldSize) {
    const std::int64_t objects = rows.objectCount(calendarId);
    if (objects + 1 > *limits.calendarObjects) {
      result.exceeded = WriteResult::Limit::CalendarObjects;
      result.used = objects;
      return true;
    }
  }
  const std::int64_t growth = newSize - oldSize.value_or(0);
  if (limits.ownerBytes && growth > 0) {
    const std::int64_t used = rows.bytesOfOwner(calendarId);
    if (used + growth > *limits.ownerBytes) {
      result.exceeded = WriteResult::Limit::OwnerBytes;
      result.used = used;
      return true;
    }
  }
  return false;
}

// Moves the calendar to `seq` and makes it the latest change of `name`.
void recordWrite(ObjectRows& rows, std::int64_t calendarId, const std::string& name, std::int64_t seq, bool deleted) {
  rows.setSyncSeq(calendarId, seq);
  rows.recordChange(calendarId, name, seq, deleted);
}

}  // namespace

bool ifMatchAccepts(std::string_view header, std::string_view current) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    const char c = header[pos];
    if (c == ' ' || c == '\t' || c == ',') {
      ++pos;
    } else if (c == '*') {
      return true;
    } else {
      const bool weak = header.substr(pos).starts_with("W/");
      if (weak) pos += 2;
      if (pos >= header.size() || header[pos] != '"') return false;  // malformed: match nothing
      const auto close = header.find('"', pos + 1);
      if (close == std::string_view::npos) return false;
      if (!weak && header.substr(pos, close - pos + 1) == current) return true;
      pos = close + 1;
    }
  }
  return false;
}

WriteResult putObjectRows(ObjectRows& rows, std::int64_t calendarId, const std::string& name, const std::string& ical,
                          const std::string& etag, const ObjectIndex& index, const Precondition& pre, Instant now) {
  WriteResult result;
  const auto seq = rows.lockCalendar(calendarId);
  if (!seq) return result;  // NotFound: no such calendar
  result.syncSeq = *seq;
  const auto current = rows.findByName(calendarId, name);
  if (!preconditionHolds(pre, current)) {
    result.status = WriteStatus::PreconditionFailed;
    return result;
  }
  if (auto holder = rows.nameHoldingUid(calendarId, index.uid, name)) {
    result.status = WriteStatus::UidConflict;
    result.conflictName = std::move(*holder);
    return result;
  }
  // A resource keeps its UID (RFC 4791 5.3.2.1): another UID needs another name.
  if (current && current->uid != index.uid) {
    result.status = WriteStatus::UidConflict;
    result.conflictName = name;
    return result;
  }
  const auto size = static_cast<std::int64_t>(ical.size());
  const std::optional<std::int64_t> oldSize = current ? std::optional(current->size) : std::nullopt;
  if (exceedsLimits(rows, calendarId, pre.limits, oldSize, size, result)) {
    result.status = WriteStatus::QuotaExceeded;
    return result;
  }
  if (current)
    rows.updateObject(calendarId, name, ical, etag, index, now);
  else
    rows.insertObject(calendarId, name, ical, etag, index, now);
  recordWrite(rows, calendarId, name, *seq + 1, false);
  result.status = current ? WriteStatus::Updated : WriteStatus::Created;
  result.etag = etag;
  result.syncSeq = *seq + 1;
  return result;
}

WriteResult deleteObjectRows(ObjectRows& rows, std::int64_t calendarId, const std::string& name,
                             const Precondition& pre) {
  WriteResult result;
  const auto seq = rows.lockCalendar(calendarId);
  if (!seq) return result;
  result.syncSeq = *seq;
  const auto current = rows.findByName(calendarId, name);
  if (!current) return result;
  if (!preconditionHolds(pre, current)) {
    result.status = WriteStatus::PreconditionFailed;
    return result;
  }
  rows.deleteObject(calendarId, name);
  recordWrite(rows, calendarId, name, *seq + 1, true);
  // Keep the newest deletions only; tokens from before the pruned ones expire.
  if (pre.keptDeletions) {
    if (auto pruned = rows.deletionBehind(calendarId, std::max<std::int64_t>(*pre.keptDeletions, 0)))
      rows.forgetDeletionsUpTo(calendarId, *pruned);
  }
  result.status = WriteStatus::Deleted;
  result.syncSeq = *seq + 1;
  return result;
}

}  // namespace jadwal::sql
