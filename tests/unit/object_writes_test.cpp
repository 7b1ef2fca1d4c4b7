// The CalDAV rules of object writes (sql/object_writes.h) on rows kept in
// memory: they hold without any database, so every backend that keeps rows
// as object_rows.h says gets them the same.
#define BOOST_TEST_MODULE object_writes
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "sql/object_writes.h"

using namespace jadwal::sql;

namespace {

// One calendar (id 1) and its owner's other bytes, in maps.
class MemoryRows final : public ObjectRows {
 public:
  struct Object {
    Row row;
    std::string ical;
  };
  std::int64_t seq = 0;
  std::int64_t floor = 0;
  std::int64_t otherBytes = 0;  // what the owner stores besides these objects
  int locks = 0;
  std::map<std::string, Object> objects;
  std::map<std::string, std::pair<std::int64_t, bool>> changes;  // name -> seq, deleted

  std::optional<std::int64_t> lockCalendar(std::int64_t calendarId) override {
    ++locks;
    return calendarId == 1 ? std::optional(seq) : std::nullopt;
  }
  std::optional<Row> findByName(std::int64_t, const std::string& name) override {
    auto it = objects.find(name);
    return it == objects.end() ? std::nullopt : std::optional(it->second.row);
  }
  std::optional<std::string> nameHoldingUid(std::int64_t, const std::string& uid,
                                            const std::string& exceptName) override {
    for (const auto& [name, object] : objects)
      if (object.row.uid == uid && name != exceptName) return name;
    return std::nullopt;
  }
  void insertObject(std::int64_t, const std::string& name, const std::string& ical, const std::string& etag,
                    const ObjectIndex& index, Instant) override {
    objects[name] = {{index.uid, etag, static_cast<std::int64_t>(ical.size())}, ical};
  }
  void updateObject(std::int64_t id, const std::string& name, const std::string& ical, const std::string& etag,
                    const ObjectIndex& index, Instant at) override {
    insertObject(id, name, ical, etag, index, at);
  }
  void deleteObject(std::int64_t, const std::string& name) override { objects.erase(name); }
  void setSyncSeq(std::int64_t, std::int64_t value) override { seq = value; }
  void recordChange(std::int64_t, const std::string& name, std::int64_t at, bool deleted) override {
    changes[name] = {at, deleted};
  }
  std::optional<std::int64_t> deletionBehind(std::int64_t, std::int64_t newer) override {
    std::vector<std::int64_t> deletions;
    for (const auto& [name, change] : changes)
      if (change.second) deletions.push_back(change.first);
    std::sort(deletions.rbegin(), deletions.rend());
    if (static_cast<std::int64_t>(deletions.size()) <= newer) return std::nullopt;
    return deletions[static_cast<std::size_t>(newer)];
  }
  void forgetDeletionsUpTo(std::int64_t, std::int64_t upTo) override {
    std::erase_if(changes, [&](const auto& entry) { return entry.second.second && entry.second.first <= upTo; });
    floor = std::max(floor, upTo);
  }
  std::int64_t objectCount(std::int64_t) override { return static_cast<std::int64_t>(objects.size()); }
  std::int64_t bytesOfOwner(std::int64_t) override {
    std::int64_t bytes = otherBytes;
    for (const auto& [name, object] : objects) bytes += object.row.size;
    return bytes;
  }
};

ObjectIndex indexOf(const std::string& uid) {
  ObjectIndex index;
  index.uid = uid;
  index.component = "VEVENT";
  return index;
}

WriteResult put(MemoryRows& rows, const std::string& name, const std::string& uid, const std::string& etag,
                Precondition pre = {}, const std::string& text = "0123456789") {
  return putObjectRows(rows, 1, name, text, etag, indexOf(uid), pre, 1000);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_write_moves_the_sequence_on_by_one_and_records_the_change) {
  MemoryRows rows;
  auto created = put(rows, "a.ics", "a", "\"1\"");
  BOOST_TEST((created.status == WriteStatus::Created));
  BOOST_TEST(created.syncSeq == 1);
  BOOST_TEST(created.etag == "\"1\"");
  auto updated = put(rows, "a.ics", "a", "\"2\"");
  BOOST_TEST((updated.status == WriteStatus::Updated));
  BOOST_TEST(updated.syncSeq == 2);
  BOOST_TEST(rows.changes["a.ics"].first == 2);
  auto deleted = deleteObjectRows(rows, 1, "a.ics", {});
  BOOST_TEST((deleted.status == WriteStatus::Deleted));
  BOOST_TEST(deleted.syncSeq == 3);
  BOOST_TEST(rows.changes["a.ics"].second);
  BOOST_TEST(rows.objects.empty());
}

BOOST_AUTO_TEST_CASE(nothing_is_written_when_the_calendar_or_object_is_missing) {
  MemoryRows rows;
  BOOST_TEST((putObjectRows(rows, 2, "a.ics", "x", "\"1\"", indexOf("a"), {}, 0).status == WriteStatus::NotFound));
  BOOST_TEST((deleteObjectRows(rows, 1, "a.ics", {}).status == WriteStatus::NotFound));
  BOOST_TEST(rows.seq == 0);
  BOOST_TEST(rows.changes.empty());
}

BOOST_AUTO_TEST_CASE(if_match_and_if_none_match_are_checked_strongly) {
  MemoryRows rows;
  BOOST_TEST_REQUIRE((put(rows, "a.ics", "a", "\"1\"").status == WriteStatus::Created));
  Precondition none;
  none.ifNoneMatchAny = true;
  BOOST_TEST((put(rows, "a.ics", "a", "\"2\"", none).status == WriteStatus::PreconditionFailed));
  Precondition weak;
  weak.ifMatch = "W/\"1\"";
  BOOST_TEST((put(rows, "a.ics", "a", "\"2\"", weak).status == WriteStatus::PreconditionFailed));
  Precondition stale;
  stale.ifMatch = "\"0\"";
  BOOST_TEST((deleteObjectRows(rows, 1, "a.ics", stale).status == WriteStatus::PreconditionFailed));
  BOOST_TEST(rows.seq == 1);
  Precondition listed;
  listed.ifMatch = "\"0\", \"1\"";
  BOOST_TEST((put(rows, "a.ics", "a", "\"2\"", listed).status == WriteStatus::Updated));
  Precondition any;
  any.ifMatch = "*";
  BOOST_TEST((put(rows, "b.ics", "b", "\"1\"", any).status == WriteStatus::PreconditionFailed));

  BOOST_TEST(ifMatchAccepts("\"x\"", "\"x\""));
  BOOST_TEST(!ifMatchAccepts("W/\"x\"", "\"x\""));
  BOOST_TEST(!ifMatchAccepts("x", "\"x\""));
  BOOST_TEST(!ifMatchAccepts("\"x", "\"x\""));
}

BOOST_AUTO_TEST_CASE(a_resource_keeps_its_uid_and_a_uid_lives_under_one_name) {
  MemoryRows rows;
  BOOST_TEST_REQUIRE((put(rows, "a.ics", "a", "\"1\"").status == WriteStatus::Created));
  auto other = put(rows, "b.ics", "a", "\"1\"");
  BOOST_TEST((other.status == WriteStatus::UidConflict));
  BOOST_TEST(other.conflictName == "a.ics");
  auto changed = put(rows, "a.ics", "z", "\"2\"");
  BOOST_TEST((changed.status == WriteStatus::UidConflict));
  BOOST_TEST(changed.conflictName == "a.ics");
  BOOST_TEST(rows.seq == 1);
  BOOST_TEST(rows.objects.size() == 1u);
}

BOOST_AUTO_TEST_CASE(quotas_refuse_only_writes_that_grow_what_they_count) {
  MemoryRows rows;
  rows.otherBytes = 5;
  Precondition pre;
  pre.limits.calendarObjects = 1;
  pre.limits.ownerBytes = 20;
  BOOST_TEST_REQUIRE((put(rows, "a.ics", "a", "\"1\"", pre).status == WriteStatus::Created));  // 5 + 10 bytes
  auto second = put(rows, "b.ics", "b", "\"1\"", pre);
  BOOST_TEST((second.status == WriteStatus::QuotaExceeded));
  BOOST_TEST((second.exceeded == WriteResult::Limit::CalendarObjects));
  BOOST_TEST(second.used == 1);
  auto bigger = put(rows, "a.ics", "a", "\"2\"", pre, std::string(16, 'x'));
  BOOST_TEST((bigger.status == WriteStatus::QuotaExceeded));
  BOOST_TEST((bigger.exceeded == WriteResult::Limit::OwnerBytes));
  BOOST_TEST(bigger.used == 15);
  rows.otherBytes = 100;  // a lowered quota: shrinking still passes
  BOOST_TEST((put(rows, "a.ics", "a", "\"3\"", pre, "01234").status == WriteStatus::Updated));
  BOOST_TEST(rows.seq == 2);
}

BOOST_AUTO_TEST_CASE(a_deletion_prunes_the_oldest_deletions_past_those_kept) {
  MemoryRows rows;
  for (const std::string name : {"a", "b", "c", "d"})
    BOOST_TEST_REQUIRE((put(rows, name + ".ics", name, "\"1\"").status == WriteStatus::Created));
  Precondition keepTwo;
  keepTwo.keptDeletions = 2;
  for (const std::string name : {"a", "b", "c"})
    BOOST_TEST_REQUIRE((deleteObjectRows(rows, 1, name + ".ics", keepTwo).status == WriteStatus::Deleted));
  // a.ics was deleted at 5, b.ics at 6, c.ics at 7: only the newest two are kept.
  BOOST_TEST(!rows.changes.contains("a.ics"));
  BOOST_TEST(rows.changes.contains("b.ics"));
  BOOST_TEST(rows.changes.contains("c.ics"));
  BOOST_TEST(rows.changes.contains("d.ics"));
  BOOST_TEST(rows.floor == 5);
  BOOST_TEST(rows.seq == 7);
}

BOOST_AUTO_TEST_CASE(every_write_locks_the_calendar_first) {
  MemoryRows rows;
  (void)put(rows, "a.ics", "a", "\"1\"");
  (void)deleteObjectRows(rows, 1, "a.ics", {});
  BOOST_TEST(rows.locks == 2);
}
