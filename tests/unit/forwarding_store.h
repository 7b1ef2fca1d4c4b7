#pragma once
// A Store that hands every call to another: tests derive from it and
// override the calls they make fail, to see how the layers above answer a
// storage failure.

#include "sql/store.h"

namespace jadwal::sql::testing {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& inner) : inner_(inner) {}

  // clang-format off
  RequestStore& requests() override { return inner_.requests(); }
  SessionStore& sessions() override { return inner_.sessions(); }
  AgendaMailStore& agendaMails() override { return inner_.agendaMails(); }
  FeedStore& feeds() override { return inner_.feeds(); }
  UserAdminStore& userAdmin() override { return inner_.userAdmin(); }
  void migrate() override { return inner_.migrate(); }
  bool ping() override { return inner_.ping(); }
  CreateResult<User> createUser(const User& user) override { return inner_.createUser(user); }
  std::optional<User> findUser(std::string_view name) override { return inner_.findUser(name); }
  std::optional<User> findUserById(std::int64_t id) override { return inner_.findUserById(id); }
  std::vector<User> listUsers() override { return inner_.listUsers(); }
  bool setPasswordHash(std::string_view name, const std::string& hash) override { return inner_.setPasswordHash(name, hash); }
  bool setDisabled(std::string_view name, bool disabled) override { return inner_.setDisabled(name, disabled); }
  bool setMayCreateCalendars(std::string_view name, bool allowed) override { return inner_.setMayCreateCalendars(name, allowed); }
  Usage usageOf(std::int64_t userId) override { return inner_.usageOf(userId); }
  void assignAide(std::int64_t aideId, std::int64_t leaderId) override { return inner_.assignAide(aideId, leaderId); }
  void unassignAide(std::int64_t aideId, std::int64_t leaderId) override { return inner_.unassignAide(aideId, leaderId); }
  std::vector<std::int64_t> leadersOfAide(std::int64_t aideId) override { return inner_.leadersOfAide(aideId); }
  CreateResult<Calendar> createCalendar(const Calendar& calendar) override { return inner_.createCalendar(calendar); }
  CreateResult<Calendar> createCalendarWithinQuota(const Calendar& calendar, const std::vector<DeadProperty>& properties, const CalendarLimits& limits) override { return inner_.createCalendarWithinQuota(calendar, properties, limits); }
  std::optional<Calendar> findCalendar(std::string_view ownerName, std::string_view slug) override { return inner_.findCalendar(ownerName, slug); }
  std::optional<Calendar> findCalendarById(std::int64_t id) override { return inner_.findCalendarById(id); }
  std::vector<Calendar> calendarsOwnedBy(std::int64_t userId) override { return inner_.calendarsOwnedBy(userId); }
  std::vector<Calendar> allCalendars() override { return inner_.allCalendars(); }
  void updateCalendarProperties(const Calendar& calendar) override { return inner_.updateCalendarProperties(calendar); }
  bool deleteCalendar(std::int64_t calendarId) override { return inner_.deleteCalendar(calendarId); }
  void setShare(const Share& share) override { return inner_.setShare(share); }
  void removeShare(std::int64_t calendarId, std::int64_t userId) override { return inner_.removeShare(calendarId, userId); }
  std::vector<Share> sharesOfUser(std::int64_t userId) override { return inner_.sharesOfUser(userId); }
  std::vector<Share> sharesOfCalendar(std::int64_t calendarId) override { return inner_.sharesOfCalendar(calendarId); }
  WriteResult putObject(std::int64_t calendarId, const std::string& name, const std::string& ical, const std::string& etag, const ObjectIndex& index, const Precondition& pre) override { return inner_.putObject(calendarId, name, ical, etag, index, pre); }
  WriteResult deleteObject(std::int64_t calendarId, const std::string& name, const Precondition& pre) override { return inner_.deleteObject(calendarId, name, pre); }
  std::optional<StoredObject> getObject(std::int64_t calendarId, std::string_view name) override { return inner_.getObject(calendarId, name); }
  std::optional<StoredObject> findObjectByUid(std::int64_t calendarId, std::string_view uid) override { return inner_.findObjectByUid(calendarId, uid); }
  std::vector<StoredObject> getObjects(std::int64_t calendarId, const std::vector<std::string>& names) override { return inner_.getObjects(calendarId, names); }
  std::vector<ObjectMeta> listObjects(std::int64_t calendarId) override { return inner_.listObjects(calendarId); }
  std::vector<StoredObject> allObjects(std::int64_t calendarId) override { return inner_.allObjects(calendarId); }
  std::vector<StoredObject> objectsOverlapping(std::int64_t calendarId, std::string_view component, Instant start, Instant end) override { return inner_.objectsOverlapping(calendarId, component, start, end); }
  std::vector<ObjectMeta> objectMetasOverlapping(std::int64_t calendarId, std::string_view component, Instant start, Instant end) override { return inner_.objectMetasOverlapping(calendarId, component, start, end); }
  BusyInstances busyInstances(std::int64_t calendarId, Instant start, Instant end) override { return inner_.busyInstances(calendarId, start, end); }
  std::vector<InstanceWork> objectsWithInstancesBefore(Instant before, std::int64_t afterId, std::size_t limit) override { return inner_.objectsWithInstancesBefore(before, afterId, limit); }
  std::size_t writeInstances(const std::vector<InstanceUpdate>& updates) override { return inner_.writeInstances(updates); }
  ChangeSet changesSince(std::int64_t calendarId, std::int64_t since) override { return inner_.changesSince(calendarId, since); }
  ChangeSet changedObjectsSince(std::int64_t calendarId, std::int64_t since) override { return inner_.changedObjectsSince(calendarId, since); }
  std::vector<DeadProperty> deadProperties(std::int64_t calendarId, std::string_view resource) override { return inner_.deadProperties(calendarId, resource); }
  void setDeadProperty(std::int64_t calendarId, std::string_view resource, const DeadProperty& prop) override { return inner_.setDeadProperty(calendarId, resource, prop); }
  void removeDeadProperty(std::int64_t calendarId, std::string_view resource, std::string_view ns, std::string_view name) override { return inner_.removeDeadProperty(calendarId, resource, ns, name); }
  PropertyWriteResult writeProperties(const std::vector<PropertyChange>& changes, const std::optional<Calendar>& live, std::optional<std::int64_t> maxBytesPerUser) override { return inner_.writeProperties(changes, live, maxBytesPerUser); }
  std::vector<DeadProperty> userProperties(std::int64_t userId, std::string_view resource) override { return inner_.userProperties(userId, resource); }
  void setUserProperty(std::int64_t userId, std::string_view resource, const DeadProperty& prop) override { return inner_.setUserProperty(userId, resource, prop); }
  void removeUserProperty(std::int64_t userId, std::string_view resource, std::string_view ns, std::string_view name) override { return inner_.removeUserProperty(userId, resource, ns, name); }
  // clang-format on

 protected:
  Store& inner_;
};

}  // namespace jadwal::sql::testing
