#pragma once
// The one write path to calendar objects. A CalDAV PUT or DELETE and a
// workflow decision both come through here, so that validation, the index,
// ETags, ctag and sync tokens are the same whoever writes. Observers hear of
// every change after it is committed and may keep a calendar from being
// deleted (the workflow registers one to keep a request and its event in
// step, without caldav knowing of workflow).

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caldav/ical/ical.h"
#include "sql/store.h"

namespace jadwal::caldav {

// Who a write comes from. It travels with the write to the observers as an
// argument, so it holds on whichever thread the write or its announcement
// runs: the workflow follows a client's edit but not its own writes.
enum class WriteOrigin {
  Client,    // a CalDAV client, the operator's import: a change the workflow follows
  Workflow,  // the workflow writing or repairing the events of its requests
};

struct CalendarChange {
  enum class Kind { Put, Delete };
  Kind kind = Kind::Put;
  sql::Calendar calendar;
  std::string name;  // resource name
  std::string uid;
  std::string ical;  // the new text (Put) or the text deleted (Delete)
  std::string etag;
  std::optional<std::int64_t> actorId;  // the user who wrote, if any
  WriteOrigin origin = WriteOrigin::Client;
};

class CalendarObserver {
 public:
  virtual ~CalendarObserver() = default;
  // Called after the write committed, on the writing thread. Must not throw.
  virtual void calendarChanged(const CalendarChange& change) = 0;
  // Asked before a whole calendar is deleted with everything in it, on the
  // deleting thread: a reason (for the client) keeps the calendar, nullopt
  // lets it go. Deleting a calendar announces no change per object, so an
  // observer that follows objects refuses what it could not follow. Must
  // not throw.
  virtual std::optional<std::string> refuseCalendarRemoval(const sql::Calendar&) { return std::nullopt; }
  // Called after a calendar was deleted, on the deleting thread. Must not throw.
  virtual void calendarRemoved(const sql::Calendar&, std::optional<std::int64_t> /*actorId*/) {}
};

struct CalendarRemoval {
  enum class Status { Removed, NotFound, Refused };
  Status status = Status::NotFound;
  std::string reason;  // Refused: why, as the observer that refused gave it
};

// What one user may store through CalDAV (RFC 4331 quotas), counted for the
// owner of the calendar written, whoever writes: staff writing into a
// leader's calendar use the leader's quota.
struct QuotaLimits {
  std::int64_t calendarsPerUser = 20;
  std::int64_t bytesPerUser = 100 * 1024 * 1024;  // sql::Usage::bytes
  std::int64_t objectsPerCalendar = 100000;
  // Deletions a calendar remembers for sync-collection (each existing
  // object's latest change is kept anyway): without a bound, creating and
  // deleting objects would grow the change log without end.
  std::int64_t changesPerCalendar = 10000;
};

class CalendarService {
 public:
  CalendarService(sql::Store& store, TimeContext time, QuotaLimits quota = {});

  // Validates `ical` (throws IcalError), indexes it and writes it under `name`.
  // No quota applies: the workflow writes its events here (a decision staff
  // took must reach the leader's calendar, and requests have their own
  // bounds), and so does the operator's import.
  sql::WriteResult put(const sql::Calendar& calendar, const std::string& name, std::string_view ical,
                       const sql::Precondition& pre, std::optional<std::int64_t> actorId = std::nullopt,
                       WriteOrigin origin = WriteOrigin::Client);
  // A write by a CalDAV user (WriteOrigin::Client): as put, but refused with QuotaExceeded when it
  // would grow the owner's data past bytesPerUser or the calendar past
  // objectsPerCalendar (writes that do not grow them always pass).
  sql::WriteResult putWithinQuota(const sql::Calendar& calendar, const std::string& name, std::string_view ical,
                                  sql::Precondition pre, std::optional<std::int64_t> actorId = std::nullopt);
  // Deletes `name`; the calendar's change log then keeps only the newest
  // changesPerCalendar deletions, whoever deletes.
  sql::WriteResult remove(const sql::Calendar& calendar, const std::string& name, sql::Precondition pre,
                          std::optional<std::int64_t> actorId = std::nullopt, WriteOrigin origin = WriteOrigin::Client);

  // Deletes a calendar with its objects, changes, shares and properties,
  // unless an observer refuses (refuseCalendarRemoval); observers then hear
  // of it (calendarRemoved). The one way a calendar is deleted.
  CalendarRemoval removeCalendar(const sql::Calendar& calendar, std::optional<std::int64_t> actorId = std::nullopt);

  void addObserver(std::shared_ptr<CalendarObserver> observer);

  const TimeContext& time() const { return time_; }
  const QuotaLimits& quota() const { return quota_; }
  // The strong ETag of a text: a quoted digest of its bytes.
  static std::string etagOf(std::string_view ical);

 private:
  void announce(const CalendarChange& change);
  std::vector<std::shared_ptr<CalendarObserver>> observers();
  sql::Store& store_;
  TimeContext time_;
  QuotaLimits quota_;
  std::mutex observersMutex_;
  std::vector<std::shared_ptr<CalendarObserver>> observers_;
};

}  // namespace jadwal::caldav
