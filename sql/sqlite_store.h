#pragma once
// The Store on one SQLite file through Poco::Data. Readers run in parallel on
// their own connections (WAL); writers queue on an in-process mutex and then
// take SQLite's write lock with BEGIN IMMEDIATE, so two threads of this
// process never meet SQLITE_BUSY. All state lives in the file: two stores on
// the same path see the same data.

#include <string>

#include "base/clock.h"
#include "sql/sqlite_agenda_mail_store.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_feed_store.h"
#include "sql/sqlite_request_store.h"
#include "sql/sqlite_session_store.h"
#include "sql/sqlite_transaction.h"
#include "sql/sqlite_user_admin_store.h"
#include "sql/store.h"

namespace jadwal::sql {

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) the database file. Throws StoreError if it
  // cannot be opened. Call migrate() before anything else.
  // `clock` stamps what is stored (created, modified, applied) and must
  // outlive the store.
  explicit SqliteStore(const std::string& path, std::size_t maxConnections = 16,
                       const base::Clock& clock = base::systemClock());
  SqliteStore(const std::string& path, const StoreLimits& limits, const base::Clock& clock);

  RequestStore& requests() override { return requests_; }
  SessionStore& sessions() override { return sessions_; }
  AgendaMailStore& agendaMails() override { return agendaMails_; }
  FeedStore& feeds() override { return feeds_; }
  UserAdminStore& userAdmin() override { return userAdmin_; }

  void migrate() override;
  bool ping() override;

  CreateResult<User> createUser(const User& user) override;
  std::optional<User> findUser(std::string_view name) override;
  std::optional<User> findUserById(std::int64_t id) override;
  std::vector<User> listUsers() override;
  bool setPasswordHash(std::string_view name, const std::string& hash) override;
  bool setDisabled(std::string_view name, bool disabled) override;
  bool setMayCreateCalendars(std::string_view name, bool allowed) override;
  Usage usageOf(std::int64_t userId) override;  // sqlite_quota.cpp

  void assignAide(std::int64_t aideId, std::int64_t leaderId) override;
  void unassignAide(std::int64_t aideId, std::int64_t leaderId) override;
  std::vector<std::int64_t> leadersOfAide(std::int64_t aideId) override;

  CreateResult<Calendar> createCalendar(const Calendar& calendar) override;
  CreateResult<Calendar> createCalendarWithinQuota(const Calendar& calendar,
                                                   const std::vector<DeadProperty>& properties,
                                                   const CalendarLimits& limits) override;
  std::optional<Calendar> findCalendar(std::string_view ownerName, std::string_view slug) override;
  std::optional<Calendar> findCalendarById(std::int64_t id) override;
  std::vector<Calendar> calendarsOwnedBy(std::int64_t userId) override;
  std::vector<Calendar> allCalendars() override;
  void updateCalendarProperties(const Calendar& calendar) override;
  bool deleteCalendar(std::int64_t calendarId) override;

  void setShare(const Share& share) override;
  void removeShare(std::int64_t calendarId, std::int64_t userId) override;
  std::vector<Share> sharesOfUser(std::int64_t userId) override;
  std::vector<Share> sharesOfCalendar(std::int64_t calendarId) override;

  WriteResult putObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                        const std::string& etag, const ObjectIndex& index, const Precondition& pre) override;
  WriteResult deleteObject(std::int64_t calendarId, const std::string& name, const Precondition& pre) override;

  std::optional<StoredObject> getObject(std::int64_t calendarId, std::string_view name) override;
  std::optional<StoredObject> findObjectByUid(std::int64_t calendarId, std::string_view uid) override;
  std::vector<StoredObject> getObjects(std::int64_t calendarId, const std::vector<std::string>& names) override;
  std::vector<ObjectMeta> listObjects(std::int64_t calendarId) override;
  std::vector<StoredObject> allObjects(std::int64_t calendarId) override;
  std::vector<ObjectMeta> objectMetasOverlapping(std::int64_t calendarId, std::string_view component, Instant start,
                                                 Instant end) override;
  std::vector<StoredObject> objectsOverlapping(std::int64_t calendarId, std::string_view component, Instant start,
                                               Instant end) override;
  // The instance table: sqlite_instances.cpp.
  BusyInstances busyInstances(std::int64_t calendarId, Instant start, Instant end) override;
  std::vector<InstanceWork> objectsWithInstancesBefore(Instant before, std::int64_t afterId,
                                                       std::size_t limit) override;
  std::size_t writeInstances(const std::vector<InstanceUpdate>& updates) override;

  ChangeSet changesSince(std::int64_t calendarId, std::int64_t since) override;
  ChangeSet changedObjectsSince(std::int64_t calendarId, std::int64_t since) override;

  // Properties: sqlite_properties.cpp.
  std::vector<DeadProperty> deadProperties(std::int64_t calendarId, std::string_view resource) override;
  void setDeadProperty(std::int64_t calendarId, std::string_view resource, const DeadProperty& prop) override;
  void removeDeadProperty(std::int64_t calendarId, std::string_view resource, std::string_view ns,
                          std::string_view name) override;
  PropertyWriteResult writeProperties(const std::vector<PropertyChange>& changes, const std::optional<Calendar>& live,
                                      std::optional<std::int64_t> maxBytesPerUser) override;
  std::vector<DeadProperty> userProperties(std::int64_t userId, std::string_view resource) override;
  void setUserProperty(std::int64_t userId, std::string_view resource, const DeadProperty& prop) override;
  void removeUserProperty(std::int64_t userId, std::string_view resource, std::string_view ns,
                          std::string_view name) override;

 private:
  CreateResult<Calendar> createCalendarIn(std::string_view operation, const Calendar& calendar,
                                          const std::vector<DeadProperty>& properties, const CalendarLimits& limits);

  const base::Clock& clock_;
  SqliteConnectionPool pool_;
  WriterQueue writers_;  // one writer at a time within this process, in arrival order
  // Declared after the pool and the mutex they share, so built after them.
  SqliteRequestStore requests_;
  SqliteSessionStore sessions_;
  SqliteAgendaMailStore agendaMails_;
  SqliteFeedStore feeds_;
  SqliteUserAdminStore userAdmin_;
};

}  // namespace jadwal::sql
