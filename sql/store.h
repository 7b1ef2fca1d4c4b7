#pragma once
// The storage interface of Jadwal. It knows nothing of HTTP, CalDAV or the
// request workflow: it keeps users, calendars, calendar objects with their
// time-span index, and the change log that sync tokens are made of.
//
// Contract for every implementation:
// - Every method is safe to call from many threads at once.
// - Every write method is one transaction: it happens whole or not at all,
//   and a failed precondition changes nothing.
// - Every write to a calendar's objects (put, delete) increments that
//   calendar's sync sequence by exactly one and records the change under the
//   new sequence, in the same transaction. The sequence never goes back.
// - The change log keeps each existing object's latest change, and of the
//   deleted names only the newest Precondition::keptDeletions: a deletion
//   prunes older ones in its transaction, and tokens from before a pruned
//   deletion are no longer valid (ChangeSet::expired).
// - Quotas (Precondition::limits, createCalendarWithinQuota,
//   writeProperties) are checked inside the write's transaction, so
//   concurrent writers cannot pass them together.
// - The rules of object writes (If-Match, UIDs, quotas, the change log) are
//   written once above the backends, in sql/object_writes.h; a backend keeps
//   rows as sql/object_rows.h says and runs them in its write transaction.
// - Errors of the database itself (disk full, lost connection) are thrown as
//   StoreError; expected outcomes (not found, precondition failed, a name
//   already taken, a quota reached) are values, such as CreateResult.
//   A call that breaks its REQUIRES (an empty name, an owner that does not
//   exist) is the caller's error and is thrown as StoreError too.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"

namespace jadwal::sql {

class StoreError : public std::runtime_error {
 public:
  enum class Cause {
    Failure,      // anything else: the database failed, or a REQUIRES was broken
    StorageFull,  // the disk or the database's size limit is full: no write can succeed until space is made
  };
  explicit StoreError(const std::string& what, Cause cause = Cause::Failure)
      : std::runtime_error(what), cause_(cause) {}
  Cause cause() const { return cause_; }

 private:
  Cause cause_;
};

// What a create* method did. Nothing is created unless the status is Created.
enum class CreateStatus {
  Created,
  Exists,         // the name (or code, or token) is taken
  QuotaExceeded,  // the owner has as many as the quota allows
};

// Which quota refused a create (QuotaExceeded).
enum class CreateLimit { None, Calendars, OwnerBytes };

template <typename T>
struct [[nodiscard]] CreateResult {
  CreateStatus status = CreateStatus::Exists;
  std::optional<T> created;  // as stored, with its id; set exactly when Created
  // For QuotaExceeded: which limit, and what the owner holds now (calendars
  // or Usage::bytes).
  CreateLimit exceeded = CreateLimit::None;
  std::int64_t used = 0;

  bool ok() const { return status == CreateStatus::Created; }
  // The created value. REQUIRES: ok(), e.g. a caller that made the name
  // free itself; throws std::logic_error otherwise.
  const T& value() const& {
    if (!created) throw std::logic_error("nothing was created: the name is taken or a quota reached");
    return *created;
  }
  T&& value() && {
    if (!created) throw std::logic_error("nothing was created: the name is taken or a quota reached");
    return std::move(*created);
  }
};

// Seconds since the Unix epoch, UTC. The sentinels mark an open span.
using Instant = std::int64_t;
inline constexpr Instant kOpenStart = std::numeric_limits<Instant>::min();
inline constexpr Instant kOpenEnd = std::numeric_limits<Instant>::max();

// Named in English in code; stored and typed by their Indonesian names
// (roleName: "admin", "protokol", "pimpinan", "ajudan", "viewer").
enum class Role { Admin, ProtocolStaff, Leader, Aide, Viewer };
std::string_view roleName(Role role);  // "admin", "protokol", ...
std::optional<Role> parseRole(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string name;  // login name, also the path segment in /dav/
  Role role = Role::Viewer;
  std::string displayName;
  std::string passwordHash;  // argon2id string as produced by libsodium
  bool disabled = false;
  // An admin's leave for an aide or a viewer to create calendars (the other
  // roles may anyway; see caldav::mayCreateCalendars).
  bool mayCreateCalendars = false;
};

struct Calendar {
  std::int64_t id = 0;
  std::int64_t ownerId = 0;
  std::string ownerName;  // filled on every read
  std::string slug;       // path segment under the owner's home
  std::string displayName;
  std::string description;
  std::string color;                        // "#RRGGBB" or "#RRGGBBAA", may be empty
  std::string timezone;                     // a VCALENDAR with one VTIMEZONE, may be empty
  std::string components = "VEVENT,VTODO";  // supported-calendar-component-set
  std::int64_t syncSeq = 0;                 // incremented by every object write
  Instant createdAt = 0;
};

// Which calendars a user has been given, and how.
struct Share {
  std::int64_t calendarId = 0;
  std::int64_t userId = 0;
  bool write = false;
};

// One instance of a calendar object as the instance table keeps it: the
// half-open interval that decides whether it overlaps a time range (RFC 4791
// section 9.9, so a point event is [start, start+1)), the original start of
// the instance (0 for a non-recurring object), and how it counts for
// free-busy.
struct InstanceSpan {
  Instant start = 0;
  Instant end = 0;
  Instant recurrenceId = 0;
  enum class Busy { None = 0, Busy = 1, Tentative = 2 } busy = Busy::None;
};
inline constexpr Instant kNoInstances = kOpenStart;
// Materialising this object was tried and gave up (over the bound on stored
// instances, or a shape the table does not hold): it is not tried again at
// start-up.
inline constexpr Instant kInstancesRefused = kOpenStart + 1;

// What the caller derived from the iCalendar text, stored beside it so that
// time-range queries need not parse every object.
struct ObjectIndex {
  std::string uid;
  std::string component;            // "VEVENT", "VTODO", "VJOURNAL"
  Instant firstStart = kOpenStart;  // earliest instant any instance covers
  Instant lastEnd = kOpenEnd;       // latest instant; kOpenEnd if unbounded
  bool recurring = false;           // has RRULE/RDATE or overridden instances
  // The instances themselves (the instance table), materialised when the
  // object is written: every instance whose span starts before
  // instancesUntil is in `instances`. kNoInstances: none are kept (an
  // object past the bound on stored instances, or not yet materialised), so
  // a time-range question about it needs its text.
  std::vector<InstanceSpan> instances;
  Instant instancesUntil = kNoInstances;
};

struct ObjectMeta {
  std::string name;  // the resource name inside the calendar, e.g. "abc.ics"
  std::string uid;
  std::string etag;  // the strong ETag, with its quotes
  std::string component;
  std::int64_t size = 0;
  Instant modifiedAt = 0;
  bool recurring = false;  // the index's: its span covers recurrences to expand
};

struct StoredObject : ObjectMeta {
  std::string ical;
  ObjectIndex index;
};

// Quotas a write must keep (RFC 4331), counted for the calendar's owner
// whoever writes. A write that does not grow what a limit counts is never
// refused by it, so an owner over a lowered quota may still edit and delete.
// Unset: no limit.
struct WriteLimits {
  std::optional<std::int64_t> ownerBytes;       // bytes the owner stores (Usage::bytes) after the write
  std::optional<std::int64_t> calendarObjects;  // objects in the calendar after the write
};

// Optimistic concurrency and quotas, checked inside the write transaction.
struct Precondition {
  bool ifNoneMatchAny = false;         // "If-None-Match: *": must not exist
  std::optional<std::string> ifMatch;  // must exist with this ETag ("*" = any)
  WriteLimits limits = {};
  // For deleteObject: deleted names the calendar's change log keeps (the
  // newest); unset keeps them all.
  std::optional<std::int64_t> keptDeletions = {};
};

enum class WriteStatus { Created, Updated, Deleted, NotFound, PreconditionFailed, UidConflict, QuotaExceeded };

struct WriteResult {
  WriteStatus status = WriteStatus::NotFound;
  std::string etag;          // the new ETag after Created/Updated
  std::string conflictName;  // for UidConflict: the object that holds the UID
  std::int64_t syncSeq = 0;  // the calendar's sequence after the write
  // For QuotaExceeded: which limit, and what the owner (bytes) or the
  // calendar (objects) holds now.
  enum class Limit { None, OwnerBytes, CalendarObjects } exceeded = Limit::None;
  std::int64_t used = 0;
};

// What one user stores: counted against their quota (RFC 4331 quota-used-bytes).
struct Usage {
  std::int64_t calendars = 0;  // calendars they own
  std::int64_t objects = 0;    // objects in those calendars
  // The iCalendar text of those objects, the dead properties kept on those
  // calendars and objects, and the user's own properties.
  std::int64_t bytes = 0;
};

struct Change {
  std::string name;
  bool deleted = false;
  std::int64_t seq = 0;
  // Store::changedObjectsSince only: the listing row of a live object (none
  // for a deletion, or an object gone since).
  std::optional<ObjectMeta> meta;
};

struct ChangeSet {
  bool valid = false;           // false when `since` is not a sequence this calendar had
  bool expired = false;         // (not valid) `since` is older than the changes kept
  std::int64_t current = 0;     // the calendar's sequence now
  std::vector<Change> changes;  // latest change per name with seq > since, by seq
};

// One property set or removed by a PROPPATCH: a dead property of a calendar
// or of one of its objects, or a user's own (see Store::userProperties).
struct PropertyChange {
  enum class Holder { Calendar, User } holder = Holder::Calendar;
  std::int64_t holderId = 0;       // the calendar's id, or the user's
  std::string resource;            // "" or an object name; "" or "calendar:<id>" for a user's own
  std::string ns, name;            // the property
  std::optional<std::string> xml;  // its new element, serialised; unset removes it
};

struct PropertyWriteResult {
  bool written = false;
  // When refused: the user whose quota the changes would pass, and what
  // they store now.
  std::int64_t userId = 0;
  std::int64_t used = 0;
};

// The quotas a new calendar must keep, checked in its transaction. Unset:
// no limit.
struct CalendarLimits {
  std::optional<std::int64_t> calendars;   // calendars the owner may have, the new one included
  std::optional<std::int64_t> ownerBytes;  // Usage::bytes of the owner after the create
};

// A dead property (WebDAV PROPPATCH of properties Jadwal does not interpret):
// `xml` is the property element as received, serialised.
struct DeadProperty {
  std::string ns;
  std::string name;
  std::string xml;
};

class RequestStore;
class SessionStore;
class AgendaMailStore;
class FeedStore;
class UserAdminStore;

class Store {
 public:
  virtual ~Store() = default;

  // The activity requests and the web sessions, in the same database
  // (sql/request_store.h, sql/session_store.h).
  virtual RequestStore& requests() = 0;
  virtual SessionStore& sessions() = 0;
  // Who receives the morning mail (sql/agenda_mail_store.h).
  virtual AgendaMailStore& agendaMails() = 0;
  // Read-only calendar feeds (sql/feed_store.h), in the same database.
  virtual FeedStore& feeds() = 0;
  // User administration's audit, must-change marks and last logins
  // (sql/user_admin_store.h), in the same database.
  virtual UserAdminStore& userAdmin() = 0;

  // Creates or upgrades the schema. Called once at start.
  virtual void migrate() = 0;
  // A cheap round trip to the database, for /healthz.
  virtual bool ping() = 0;

  // --- users ---
  // Exists (nothing written) if the name is taken. REQUIRES: a name.
  virtual CreateResult<User> createUser(const User& user) = 0;
  virtual std::optional<User> findUser(std::string_view name) = 0;
  virtual std::optional<User> findUserById(std::int64_t id) = 0;
  virtual std::vector<User> listUsers() = 0;
  // Returns false if the user does not exist.
  virtual bool setPasswordHash(std::string_view name, const std::string& hash) = 0;
  virtual bool setDisabled(std::string_view name, bool disabled) = 0;
  virtual bool setMayCreateCalendars(std::string_view name, bool allowed) = 0;
  // What the user stores (one consistent snapshot).
  virtual Usage usageOf(std::int64_t userId) = 0;

  // An aide (ajudan) assigned to a leader sees the leader's calendars.
  virtual void assignAide(std::int64_t aideId, std::int64_t leaderId) = 0;
  virtual void unassignAide(std::int64_t aideId, std::int64_t leaderId) = 0;
  virtual std::vector<std::int64_t> leadersOfAide(std::int64_t aideId) = 0;

  // --- calendars ---
  // Exists (nothing written) if the owner already has a calendar with that
  // slug. REQUIRES: a slug, and an owner that exists.
  virtual CreateResult<Calendar> createCalendar(const Calendar& calendar) = 0;
  // The same with the dead properties its creator sets (MKCALENDAR), all in
  // one transaction, the same way writeProperties writes a group: the
  // calendar exists with all of them or not at all. QuotaExceeded (nothing
  // created) when the owner would have more than `limits.calendars`
  // calendars, or when the properties would grow what they store past
  // `limits.ownerBytes`; both are counted in that transaction.
  virtual CreateResult<Calendar> createCalendarWithinQuota(const Calendar& calendar,
                                                           const std::vector<DeadProperty>& properties,
                                                           const CalendarLimits& limits) = 0;
  virtual std::optional<Calendar> findCalendar(std::string_view ownerName, std::string_view slug) = 0;
  virtual std::optional<Calendar> findCalendarById(std::int64_t id) = 0;
  virtual std::vector<Calendar> calendarsOwnedBy(std::int64_t userId) = 0;
  virtual std::vector<Calendar> allCalendars() = 0;
  // Writes displayName, description, color, timezone of `calendar.id`.
  virtual void updateCalendarProperties(const Calendar& calendar) = 0;
  // Deletes the calendar with its objects, changes, shares and dead properties.
  virtual bool deleteCalendar(std::int64_t calendarId) = 0;

  virtual void setShare(const Share& share) = 0;  // insert or replace
  virtual void removeShare(std::int64_t calendarId, std::int64_t userId) = 0;
  virtual std::vector<Share> sharesOfUser(std::int64_t userId) = 0;
  virtual std::vector<Share> sharesOfCalendar(std::int64_t calendarId) = 0;

  // --- calendar objects ---
  // Writes `ical` under `name` with the given ETag and index. Fails with
  // UidConflict if another name in the calendar holds index.uid, or if
  // `name` holds an object with another UID (conflictName is then `name`);
  // with QuotaExceeded if the write would pass one of pre.limits.
  virtual WriteResult putObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                                const std::string& etag, const ObjectIndex& index, const Precondition& pre) = 0;
  virtual WriteResult deleteObject(std::int64_t calendarId, const std::string& name, const Precondition& pre) = 0;

  virtual std::optional<StoredObject> getObject(std::int64_t calendarId, std::string_view name) = 0;
  virtual std::optional<StoredObject> findObjectByUid(std::int64_t calendarId, std::string_view uid) = 0;
  // Names that do not exist are left out.
  virtual std::vector<StoredObject> getObjects(std::int64_t calendarId, const std::vector<std::string>& names) = 0;
  virtual std::vector<ObjectMeta> listObjects(std::int64_t calendarId) = 0;
  virtual std::vector<StoredObject> allObjects(std::int64_t calendarId) = 0;
  // Objects whose index span [firstStart, lastEnd) overlaps [start, end),
  // optionally of one component only (empty = any). The answer is a superset
  // for recurring objects: the caller checks their instances.
  virtual std::vector<StoredObject> objectsOverlapping(std::int64_t calendarId, std::string_view component,
                                                       Instant start, Instant end) = 0;
  // The same without the text: for answers that fetch it a batch at a time.
  // Answered from the instance table: ObjectMeta::recurring is set only on
  // the objects whose instances in [start, end) the table does not hold
  // (the caller checks those); the others overlap exactly.
  virtual std::vector<ObjectMeta> objectMetasOverlapping(std::int64_t calendarId, std::string_view component,
                                                         Instant start, Instant end) = 0;
  // Free-busy of one range from the instance table: the busy instances of
  // the calendar's VEVENTs overlapping [start, end), unclipped, and the
  // objects the table cannot answer for that range (to parse).
  struct BusyInstances {
    std::vector<InstanceSpan> spans;
    std::vector<ObjectMeta> unindexed;
  };
  virtual BusyInstances busyInstances(std::int64_t calendarId, Instant start, Instant end) = 0;

  // --- keeping the instance table ---
  // Objects, across calendars, whose instances are kept only up to before
  // `before` (or not at all), except those refused (kInstancesRefused);
  // at most `limit`, after `afterId` in id order.
  struct InstanceWork {
    std::int64_t id = 0;
    std::int64_t calendarId = 0;
    std::string etag;
    std::string ical;
  };
  virtual std::vector<InstanceWork> objectsWithInstancesBefore(Instant before, std::int64_t afterId,
                                                               std::size_t limit) = 0;
  // Replaces the kept instances of each object `id` by index.instances up
  // to index.instancesUntil, unless its ETag is no longer `etag` (it was
  // written since; that write kept its own), all in one transaction.
  // Returns how many were replaced.
  struct InstanceUpdate {
    std::int64_t id = 0;
    std::string etag;
    ObjectIndex index;
  };
  virtual std::size_t writeInstances(const std::vector<InstanceUpdate>& updates) = 0;

  virtual ChangeSet changesSince(std::int64_t calendarId, std::int64_t since) = 0;
  // changesSince with each live object's listing row, read in one query and
  // one snapshot: a sync that asks for no text costs its answer's size.
  virtual ChangeSet changedObjectsSince(std::int64_t calendarId, std::int64_t since) = 0;

  // --- dead properties (WebDAV PROPPATCH of properties Jadwal does not interpret) ---
  // `resource` is "" for the calendar itself or an object name.
  using DeadProperty = sql::DeadProperty;
  virtual std::vector<DeadProperty> deadProperties(std::int64_t calendarId, std::string_view resource) = 0;
  virtual void setDeadProperty(std::int64_t calendarId, std::string_view resource, const DeadProperty& prop) = 0;
  virtual void removeDeadProperty(std::int64_t calendarId, std::string_view resource, std::string_view ns,
                                  std::string_view name) = 0;

  // Applies `changes` in order, and the live properties of `live` (as
  // updateCalendarProperties) when given, in one transaction (PROPPATCH's
  // all or nothing, RFC 4918 9.2). With
  // `maxBytesPerUser`, refused with nothing changed when they would grow
  // what some user stores (Usage::bytes) past it; changes that grow no
  // one's usage always pass.
  virtual PropertyWriteResult writeProperties(const std::vector<PropertyChange>& changes,
                                              const std::optional<Calendar>& live,
                                              std::optional<std::int64_t> maxBytesPerUser) = 0;

  // --- a user's own properties: what one user sets for themselves (their
  // home's settings; per calendar, its colour and order in their clients).
  // `resource` is "" for the home or "calendar:<id>" for a calendar.
  virtual std::vector<DeadProperty> userProperties(std::int64_t userId, std::string_view resource) = 0;
  virtual void setUserProperty(std::int64_t userId, std::string_view resource, const DeadProperty& prop) = 0;
  virtual void removeUserProperty(std::int64_t userId, std::string_view resource, std::string_view ns,
                                  std::string_view name) = 0;
};

// Opens the store named by a db.url: "sqlite:PATH" (later "mysql://...").
// Throws StoreError with a readable message for an unknown scheme or a
// database that cannot be opened.
// `clock` stamps what is stored and must outlive the store.
std::unique_ptr<Store> openStore(const std::string& url, const base::Clock& clock = base::systemClock());

// What the store may hold open and in memory ([db] pool_size, cache_kib).
struct StoreLimits {
  std::size_t connections = 16;  // database connections at once
  std::size_t cacheKib = 2048;   // page cache of each connection, in KiB
};
std::unique_ptr<Store> openStore(const std::string& url, const StoreLimits& limits,
                                 const base::Clock& clock = base::systemClock());

}  // namespace jadwal::sql
