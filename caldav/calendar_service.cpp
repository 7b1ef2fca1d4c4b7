#include "caldav/calendar_service.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

namespace jadwal::caldav {

CalendarService::CalendarService(sql::Store& store, TimeContext time, QuotaLimits quota)
    : store_(store), time_(std::move(time)), quota_(quota) {}

std::string CalendarService::etagOf(std::string_view ical) {
  Poco::SHA1Engine sha1;
  sha1.update(ical.data(), static_cast<unsigned>(ical.size()));
  return "\"" + Poco::DigestEngine::digestToHex(sha1.digest()) + "\"";
}

sql::WriteResult CalendarService::put(const sql::Calendar& calendar, const std::string& name, std::string_view ical,
                                      const sql::Precondition& pre, std::optional<std::int64_t> actorId,
                                      WriteOrigin origin) {
  ParsedObject parsed = parseCalendarObject(ical, calendar.components, time_);
  std::string text(ical);
  std::string etag = etagOf(text);
  auto result = store_.putObject(calendar.id, name, text, etag, parsed.index, pre);
  if (result.status == sql::WriteStatus::Created || result.status == sql::WriteStatus::Updated) {
    CalendarChange change{CalendarChange::Kind::Put, calendar,    name,    parsed.index.uid,
                          std::move(text),           result.etag, actorId, origin};
    change.calendar.syncSeq = result.syncSeq;
    announce(change);
  }
  return result;
}

sql::WriteResult CalendarService::putWithinQuota(const sql::Calendar& calendar, const std::string& name,
                                                 std::string_view ical, sql::Precondition pre,
                                                 std::optional<std::int64_t> actorId) {
  pre.limits.ownerBytes = quota_.bytesPerUser;
  pre.limits.calendarObjects = quota_.objectsPerCalendar;
  return put(calendar, name, ical, pre, actorId, WriteOrigin::Client);
}

sql::WriteResult CalendarService::remove(const sql::Calendar& calendar, const std::string& name, sql::Precondition pre,
                                         std::optional<std::int64_t> actorId, WriteOrigin origin) {
  pre.keptDeletions = quota_.changesPerCalendar;
  // Read first so observers learn what was deleted; the store re-checks the
  // precondition inside its transaction.
  auto before = store_.getObject(calendar.id, name);
  auto result = store_.deleteObject(calendar.id, name, pre);
  if (result.status == sql::WriteStatus::Deleted) {
    CalendarChange change{
        CalendarChange::Kind::Delete, calendar, name,  before ? before->uid : "", before ? before->ical : "",
        before ? before->etag : "",   actorId,  origin};
    change.calendar.syncSeq = result.syncSeq;
    announce(change);
  }
  return result;
}

CalendarRemoval CalendarService::removeCalendar(const sql::Calendar& calendar, std::optional<std::int64_t> actorId) {
  const auto listening = observers();
  for (const auto& observer : listening) {
    if (auto reason = observer->refuseCalendarRemoval(calendar))
      return CalendarRemoval{CalendarRemoval::Status::Refused, std::move(*reason)};
  }
  if (!store_.deleteCalendar(calendar.id)) return CalendarRemoval{CalendarRemoval::Status::NotFound, {}};
  for (const auto& observer : listening) observer->calendarRemoved(calendar, actorId);
  return CalendarRemoval{CalendarRemoval::Status::Removed, {}};
}

void CalendarService::addObserver(std::shared_ptr<CalendarObserver> observer) {
  std::lock_guard lock(observersMutex_);
  observers_.push_back(std::move(observer));
}

std::vector<std::shared_ptr<CalendarObserver>> CalendarService::observers() {
  std::lock_guard lock(observersMutex_);
  return observers_;
}

void CalendarService::announce(const CalendarChange& change) {
  for (const auto& observer : observers()) observer->calendarChanged(change);
}

}  // namespace jadwal::caldav
