// The properties of SqliteStore: dead properties of calendars and objects,
// a user's own, a calendar's writable live ones, and a PROPPATCH's changes
// written together within the owners' quotas.
#include <Poco/Data/Statement.h>

#include <map>
#include <string>
#include <vector>

#include "sql/sqlite_properties.h"
#include "sql/sqlite_quota.h"
#include "sql/sqlite_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;

void writeLiveProperties(Session& s, const Calendar& calendar) {
  s << "UPDATE calendars SET display_name = ?, description = ?, color = ?, timezone = ? WHERE id = ?",
      useRef(calendar.displayName), useRef(calendar.description), useRef(calendar.color), useRef(calendar.timezone),
      bind(calendar.id), now;
}

}  // namespace

void SqliteStore::updateCalendarProperties(const Calendar& calendar) {
  guarded("updateCalendarProperties", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    writeLiveProperties(tx.session(), calendar);
    tx.commit();
  });
}

// --- dead properties and a user's own properties: one table each, the same shape ---

namespace {

// `table` is "dead_props" (keyed by calendar_id) or "user_props" (keyed by user_id).
struct PropertyTable {
  const char* table;
  const char* key;
};
constexpr PropertyTable kDeadProps{"dead_props", "calendar_id"};
constexpr PropertyTable kUserProps{"user_props", "user_id"};

std::vector<Store::DeadProperty> readProperties(Session& s, PropertyTable t, std::int64_t owner,
                                                const std::string& resource) {
  std::vector<std::string> namespaces, names, xmls;
  s << std::string("SELECT ns, name, xml FROM ") + t.table + " WHERE " + t.key +
           " = ? AND resource = ? ORDER BY ns, name",
      into(namespaces), into(names), into(xmls), bind(owner), useRef(resource), now;
  std::vector<Store::DeadProperty> props(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    props[i] = Store::DeadProperty{std::move(namespaces[i]), std::move(names[i]), std::move(xmls[i])};
  }
  return props;
}

void writeProperty(Session& s, PropertyTable t, std::int64_t owner, const std::string& resource,
                   const Store::DeadProperty& prop) {
  s << std::string("INSERT INTO ") + t.table + " (" + t.key + ", resource, ns, name, xml) VALUES (?, ?, ?, ?, ?) " +
           "ON CONFLICT (" + t.key + ", resource, ns, name) DO UPDATE SET xml = excluded.xml",
      bind(owner), useRef(resource), useRef(prop.ns), useRef(prop.name), useRef(prop.xml), now;
}

void deleteProperty(Session& s, PropertyTable t, std::int64_t owner, const std::string& resource, const std::string& ns,
                    const std::string& name) {
  s << std::string("DELETE FROM ") + t.table + " WHERE " + t.key + " = ? AND resource = ? AND ns = ? AND name = ?",
      bind(owner), useRef(resource), useRef(ns), useRef(name), now;
}

}  // namespace

std::vector<Store::DeadProperty> SqliteStore::deadProperties(std::int64_t calendarId, std::string_view resource) {
  return guarded("deadProperties", [&] {
    auto lease = pool_.acquire();
    return readProperties(lease.session(), kDeadProps, calendarId, std::string(resource));
  });
}

void SqliteStore::setDeadProperty(std::int64_t calendarId, std::string_view resource, const DeadProperty& prop) {
  guarded("setDeadProperty", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    writeProperty(tx.session(), kDeadProps, calendarId, std::string(resource), prop);
    tx.commit();
  });
}

void SqliteStore::removeDeadProperty(std::int64_t calendarId, std::string_view resource, std::string_view ns,
                                     std::string_view name) {
  guarded("removeDeadProperty", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    deleteProperty(tx.session(), kDeadProps, calendarId, std::string(resource), std::string(ns), std::string(name));
    tx.commit();
  });
}

std::vector<Store::DeadProperty> SqliteStore::userProperties(std::int64_t userId, std::string_view resource) {
  return guarded("userProperties", [&] {
    auto lease = pool_.acquire();
    return readProperties(lease.session(), kUserProps, userId, std::string(resource));
  });
}

void SqliteStore::setUserProperty(std::int64_t userId, std::string_view resource, const DeadProperty& prop) {
  guarded("setUserProperty", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    writeProperty(tx.session(), kUserProps, userId, std::string(resource), prop);
    tx.commit();
  });
}

void SqliteStore::removeUserProperty(std::int64_t userId, std::string_view resource, std::string_view ns,
                                     std::string_view name) {
  guarded("removeUserProperty", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    deleteProperty(tx.session(), kUserProps, userId, std::string(resource), std::string(ns), std::string(name));
    tx.commit();
  });
}

namespace {

std::int64_t userHolding(Session& s, const PropertyChange& change) {
  if (change.holder == PropertyChange::Holder::User) return change.holderId;
  std::vector<std::int64_t> owner;
  s << "SELECT owner_id FROM calendars WHERE id = ?", into(owner), bind(change.holderId), now;
  if (owner.empty()) throw StoreError("no calendar with id " + std::to_string(change.holderId));
  return owner.front();
}

}  // namespace

PropertyWriteResult applyPropertyChanges(Session& s, const std::vector<PropertyChange>& changes,
                                         const std::optional<Calendar>& live,
                                         std::optional<std::int64_t> maxBytesPerUser) {
  // What each user touched stores before: usage is compared after the
  // changes, so a replaced or moved value counts only by what it adds.
  std::map<std::int64_t, std::int64_t> before;
  if (maxBytesPerUser) {
    for (const auto& change : changes) {
      const std::int64_t user = userHolding(s, change);
      if (!before.contains(user)) before[user] = bytesStoredBy(s, user);
    }
  }
  for (const auto& change : changes) {
    const PropertyTable table = change.holder == PropertyChange::Holder::User ? kUserProps : kDeadProps;
    if (change.xml)
      writeProperty(s, table, change.holderId, change.resource, {change.ns, change.name, *change.xml});
    else
      deleteProperty(s, table, change.holderId, change.resource, change.ns, change.name);
  }
  if (live) writeLiveProperties(s, *live);
  for (const auto& [user, used] : before) {
    const std::int64_t after = bytesStoredBy(s, user);
    if (after > used && after > *maxBytesPerUser) return PropertyWriteResult{false, user, used};
  }
  return PropertyWriteResult{true, 0, 0};
}

PropertyWriteResult SqliteStore::writeProperties(const std::vector<PropertyChange>& changes,
                                                 const std::optional<Calendar>& live,
                                                 std::optional<std::int64_t> maxBytesPerUser) {
  return guarded("writeProperties", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    const PropertyWriteResult written = applyPropertyChanges(tx.session(), changes, live, maxBytesPerUser);
    if (written.written) tx.commit();  // else the destructor rolls every change back
    return written;
  });
}

}  // namespace jadwal::sql
