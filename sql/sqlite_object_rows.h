#pragma once
// ObjectRows on a SQLite write transaction: the rows of calendar objects and
// their change log, without the rules (sql/object_writes.h).

#include <Poco/Data/Session.h>

#include "sql/object_rows.h"

namespace jadwal::sql {

class SqliteObjectRows final : public ObjectRows {
 public:
  // REQUIRES: `session` is inside a write transaction begun with BEGIN
  // IMMEDIATE (SqliteWriteTransaction): SQLite's write lock, held to the
  // commit, keeps every other writer out, which is the isolation
  // object_rows.h asks for. The objects' triggers mark linked requests.
  explicit SqliteObjectRows(Poco::Data::Session& session) : s_(session) {}

  std::optional<std::int64_t> lockCalendar(std::int64_t calendarId) override;
  std::optional<Row> findByName(std::int64_t calendarId, const std::string& name) override;
  std::optional<std::string> nameHoldingUid(std::int64_t calendarId, const std::string& uid,
                                            const std::string& exceptName) override;
  void insertObject(std::int64_t calendarId, const std::string& name, const std::string& ical, const std::string& etag,
                    const ObjectIndex& index, Instant modifiedAt) override;
  void updateObject(std::int64_t calendarId, const std::string& name, const std::string& ical, const std::string& etag,
                    const ObjectIndex& index, Instant modifiedAt) override;
  void deleteObject(std::int64_t calendarId, const std::string& name) override;
  void setSyncSeq(std::int64_t calendarId, std::int64_t seq) override;
  void recordChange(std::int64_t calendarId, const std::string& name, std::int64_t seq, bool deleted) override;
  std::optional<std::int64_t> deletionBehind(std::int64_t calendarId, std::int64_t newer) override;
  void forgetDeletionsUpTo(std::int64_t calendarId, std::int64_t seq) override;
  std::int64_t objectCount(std::int64_t calendarId) override;
  std::int64_t bytesOfOwner(std::int64_t calendarId) override;

 private:
  Poco::Data::Session& s_;
};

}  // namespace jadwal::sql
