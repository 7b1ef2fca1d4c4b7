#pragma once
// The SQLite schema as numbered migrations. Each database records the
// migrations it has had in schema_version, so a later build can upgrade an
// older file by running only the steps it lacks.

#include <Poco/Data/Session.h>

#include "sql/store.h"

namespace jadwal::sql {

// The version a database has after migrateSqliteSchema.
int latestSqliteSchemaVersion();

// Applies the missing migrations up to `targetVersion` (tests stop early to
// build an older file). REQUIRES: the caller holds a write transaction on
// `session`. Throws StoreError if the file comes from a newer build than this
// one. `appliedAt` is recorded beside each version applied.
void migrateSqliteSchema(Poco::Data::Session& session, int targetVersion = latestSqliteSchemaVersion(),
                         Instant appliedAt = 0);

}  // namespace jadwal::sql
