#pragma once
// One event written as a calendar object resource, and read back: what the
// workflow puts on a leader's calendar and follows when a client edits it.
// libical writes the text, so escaping, folding and the VTIMEZONE are its.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/store.h"

namespace jadwal::caldav {

struct EventAttachment {
  std::string url;          // absolute
  std::string contentType;  // FMTTYPE; none when empty
  std::string fileName;     // FILENAME
};

// The properties of the one VEVENT, written in this order; empty texts are
// left out where marked.
struct EventFields {
  std::string productId;
  // DTSTART and DTEND as wall-clock times with this TZID and its VTIMEZONE
  // (under the plain Olson name), or in UTC when the zone database does not
  // know it.
  std::string timezone;
  std::string uid;
  sql::Instant stamp = 0;  // DTSTAMP
  sql::Instant start = 0;
  std::optional<sql::Instant> end;  // no DTEND when open
  std::string summary;
  std::string location;  // left out when empty
  std::string description;
  std::string status;  // "TENTATIVE", "CONFIRMED", "CANCELLED"
  int sequence = 0;
  std::string url;
  std::string categories;
  bool transparent = false;  // TRANSP:TRANSPARENT
  std::vector<EventAttachment> attachments;
  std::vector<std::pair<std::string, std::string>> xProperties;  // name ("X-...") and value
};

// A complete VCALENDAR holding the event.
std::string eventCalendar(const EventFields& fields);

// What the master event (the VEVENT without RECURRENCE-ID) of stored text
// says about its time and place.
struct MasterEvent {
  sql::Instant start = 0;
  std::optional<sql::Instant> end;  // DTEND, DTSTART + DURATION, or the day of an all-day event
  std::string location;
  std::string status;       // "CONFIRMED", "CANCELLED", ...
  std::string description;  // unescaped; "" when absent
  // RRULE, RDATE, EXRULE or EXDATE, or an instance overridden by
  // RECURRENCE-ID: the calendar shows other times than start..end.
  bool recurring = false;
};
// Floating times and dates are read in `defaultTzid`. nullopt when the text
// does not parse, has no master event, or the master has no DTSTART.
std::optional<MasterEvent> readMasterEvent(std::string_view stored, const std::string& defaultTzid);

// The stored text with every VEVENT STATUS:CANCELLED and TRANSP:TRANSPARENT,
// all else kept. Throws IcalError if it does not parse.
std::string withEventsCancelled(std::string_view stored);

}  // namespace jadwal::caldav
