#pragma once
// The instance table of SqliteStore (ObjectIndex::instances, schema 13):
// writing an object's rows, and the range condition that reads only the
// rows of one range.

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

// Replaces the rows of object `objectId` by index.instances and, with
// `setUntil`, sets its instances_until (a write of the object sets it in
// its own row). REQUIRES: inside a write transaction.
void writeInstanceRows(Poco::Data::Session& session, std::int64_t objectId, std::int64_t calendarId,
                       const ObjectIndex& index, bool setUntil);

// Appends "SELECT <columns> FROM object_instances WHERE ..." for the rows of
// the calendar overlapping [start, end), one range scan per span class,
// each row once, and binds its values. `extra` is ANDed to each part.
void selectInstancesOverlapping(Poco::Data::Statement& st, std::string_view columns, std::string_view extra,
                                std::int64_t calendarId, Instant start, Instant end);

// The objects of the calendar (of `component` unless empty) overlapping
// [start, end) whose instances the table does not hold up to `end`: read
// from the span index, their ids and first starts into `ids` and
// `firstStarts`. In sqlite_objects.cpp.
std::vector<ObjectMeta> unindexedObjects(Poco::Data::Session& session, std::int64_t calendarId,
                                         std::string_view component, Instant start, Instant end,
                                         std::vector<std::int64_t>& ids, std::vector<Instant>& firstStarts);

}  // namespace jadwal::sql
