// The agenda around a requested time, read from the leader's own calendars:
// the index narrows the objects, the recurrence engine gives the instances
// within the bounds of a CalDAV report.

#include "workflow/conflicts.h"

#include "workflow/agenda_fields.h"

#include <algorithm>
#include <tuple>

namespace jadwal::workflow {

namespace {

bool overlapsSpan(const AgendaItem& item, sql::Instant start, sql::Instant end) {
  // An instant event (no duration) sits at its start.
  if (item.end <= item.start) return item.start >= start && item.start < end;
  return item.start < end && item.end > start;
}

}  // namespace

AgendaAround agendaAround(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                          const std::string& leader, sql::Instant from, sql::Instant to, sql::Instant start,
                          std::optional<sql::Instant> end, sql::Instant openEndSeconds) {
  AgendaAround result;
  std::vector<AgendaItem>& items = result.items;
  const std::optional<sql::User> user = store.findUser(leader);
  if (!user || from >= to) return result;
  const sql::Instant requestedEnd = end.value_or(start + openEndSeconds);
  caldav::TimeContext bounded = time;
  bounded.budget = &budget;
  budget.cutShort = false;  // this leader's, whatever an earlier one spent

  for (const sql::Calendar& calendar : store.calendarsOwnedBy(user->id)) {
    // An open-ended event that began up to `openEndSeconds` before `from` still overlaps.
    for (const sql::StoredObject& object : store.objectsOverlapping(calendar.id, "VEVENT", from - openEndSeconds, to)) {
      // Once the budget is spent a recurring event yields nothing: not worth parsing.
      if (budget.exhausted && object.recurring) {
        result.incomplete = true;
        continue;
      }
      caldav::IcalComponent parsed;
      try {
        parsed = caldav::parseStored(object.ical);
      } catch (const caldav::IcalError&) {
        continue;  // validated when written; one unreadable object must not hide the rest
      }
      for (const caldav::Instance& instance :
           caldav::instancesOverlapping(parsed.get(), "VEVENT", from - openEndSeconds, to, bounded)) {
        AgendaItem item;
        item.calendarOwner = calendar.ownerName;
        item.objectName = object.name;
        item.summary = instance.source.summary();
        item.location = instance.source.location();
        item.etag = object.etag;
        item.start = instance.start;
        item.end = instance.end;
        // A timed event without an end lasts no time by RFC 5545, yet keeps
        // the leader busy: the office's "s.d. selesai".
        const DescriptionFields fields = readDescriptionFields(instance.source.description());
        item.openEnd = !instance.source.startIsDate() && (!instance.source.hasEndOrDuration() || fields.openEnd);
        if (item.openEnd && !instance.source.hasEndOrDuration()) item.end = instance.start + openEndSeconds;
        if (item.start < from && item.end <= from) continue;  // read only for an open end that may reach in
        const std::string status = instance.source.status();
        item.tentative = status == "TENTATIVE";
        item.cancelled = status == "CANCELLED";
        // "Diwakili oleh ...": someone else attends in the leader's place.
        item.represented = !fields.representedBy.empty();
        // A cancelled or represented event keeps the leader free: listed, never a conflict.
        item.overlaps = !item.cancelled && !item.represented && overlapsSpan(item, start, requestedEnd);
        items.push_back(std::move(item));
      }
    }
  }
  std::sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::tie(a.start, a.end, a.calendarOwner, a.objectName) <
           std::tie(b.start, b.end, b.calendarOwner, b.objectName);
  });
  result.incomplete = result.incomplete || budget.cutShort;
  return result;
}

}  // namespace jadwal::workflow
