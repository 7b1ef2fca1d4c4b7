#pragma once
// The iCalendar library (target jadwal_ical): parsing and validating
// calendar object resources (RFC 4791 section 4.1), the time span stored in
// the index, recurrence expansion with overridden instances, and the
// calendar-data transformations of reports (expand, limit-recurrence-set,
// free-busy). Its other public headers: filter.h (calendar-query matching),
// selection.h (partial calendar-data), zones.h (local time in a zone),
// event.h (writing and reading one event), export.h (a whole calendar in one
// VCALENDAR), split.h (an import into objects), text_match.h (collations).
//
// Only this library includes libical: no libical type appears in its public
// headers, and every handle it makes is owned by an RAII type.
//
// Recurrence is unbounded by nature, so every expansion here stops at
// TimeContext::maxInstances instances or maxSteps steps, and never looks past
// TimeContext::horizon; an unbounded rule is indexed as open-ended. An
// expansion cut short by a bound says so in TimeContext::budget.
//
// libical keeps global state (its time zone cache, icalerrno). Everything
// here is safe to call from many threads at once: the implementation
// serialises what libical does not.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "sql/store.h"

namespace jadwal::caldav {

using sql::Instant;

namespace detail {
struct ComponentAccess;  // the library's own way to the libical handles
}

// A component inside a parsed tree, not owned: valid while the
// IcalComponent holding the tree lives. Empty when default-constructed.
class ComponentRef {
 public:
  ComponentRef() = default;
  explicit operator bool() const { return handle_ != nullptr; }
  friend bool operator==(ComponentRef a, ComponentRef b) { return a.handle_ == b.handle_; }

  std::string name() const;     // "VEVENT", ...; "" when empty
  std::string uid() const;      // "" when it has none
  std::string summary() const;  // unescaped; "" when absent
  std::string location() const;
  std::string status() const;       // "TENTATIVE", "CONFIRMED", "CANCELLED", ...; "" when absent
  std::string description() const;  // unescaped, lines joined by "\n"; "" when absent
  // CLASS in capitals: "PUBLIC", "PRIVATE", "CONFIDENTIAL" or an X- name; "" when absent.
  std::string classification() const;
  bool startIsDate() const;       // DTSTART is a DATE (an all-day event); false when absent
  bool hasEndOrDuration() const;  // DTEND or DURATION is present
  int sequence() const;           // 0 when absent
  // The direct subcomponents named `name` ("VEVENT"), in order.
  std::vector<ComponentRef> children(std::string_view name) const;
  // The values of the X- properties named exactly `name` ("X-JADWAL-REQUEST").
  std::vector<std::string> xValues(std::string_view name) const;
  // The URIs of the ATTACH properties given by reference (not inline
  // binaries), in order; and the URL property ("" when absent).
  std::vector<std::string> attachmentUris() const;
  std::string url() const;

 private:
  friend struct detail::ComponentAccess;
  explicit ComponentRef(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

// Owns one parsed or built component tree (a VCALENDAR) and frees it.
class IcalComponent {
 public:
  IcalComponent() = default;
  ComponentRef get() const;
  explicit operator bool() const { return tree_ != nullptr; }
  std::string toString() const;  // serialised iCalendar text, CRLF lines

 private:
  friend struct detail::ComponentAccess;
  struct Free {
    void operator()(void* tree) const;
  };
  std::unique_ptr<void, Free> tree_;
};

// Why a body is not acceptable as a calendar object resource. The kind names
// the CalDAV precondition element for the 403/400/415 answer.
class IcalError : public std::runtime_error {
 public:
  enum class Kind {
    NotICalendar,         // C:valid-calendar-data: not parseable iCalendar
    NotObjectResource,    // C:valid-calendar-object-resource: mixed UIDs, METHOD, several types, no UID
    UnsupportedComponent  // C:supported-calendar-component: type not allowed in this calendar
  };
  IcalError(Kind kind, const std::string& reason) : std::runtime_error(reason), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Work counted across all the expansions of one answer: a report over many
// objects multiplies every bound of a single expansion, so the answer has a
// bound of its own. One per answer, used by one thread at a time.
struct ExpansionBudget {
  std::size_t stepsLeft = SIZE_MAX;  // recurrence steps the answer may still take
  bool exhausted = false;            // stepsLeft ran out: every expansion since stopped early
  // Some expansion stopped at a bound (its own or the answer's) before it
  // reached the end of its range: what it returned may lack instances. The
  // caller resets it before each object it wants to know this of.
  bool cutShort = false;

  // Takes one step; false (and nothing taken) when none is left.
  bool spend() {
    if (stepsLeft == 0) {
      exhausted = cutShort = true;
      return false;
    }
    --stepsLeft;
    return true;
  }
};

struct TimeContext {
  std::string defaultTzid = "Asia/Jakarta";  // for floating times and all-day dates
  std::size_t maxInstances = 5000;           // instances one expansion may produce
  std::size_t maxSteps = 50000;              // recurrence steps one expansion may take to reach its range
  Instant horizonStart = -2208988800;        // 1900-01-01: nothing is looked for before
  Instant horizonEnd = 4102444800;           // 2100-01-01: nor after
  ExpansionBudget* budget = nullptr;         // the answer's budget, if it has one
  // The instance table (materialiseInstances): a recurrence without end is
  // kept up to this long past now (or past its first instance, if later);
  // an object with more instances than maxKeptInstances keeps none.
  Instant instanceHorizon = 730 * 86400;
  std::size_t maxKeptInstances = 1000;
  const base::Clock* clock = nullptr;  // "now" of the horizon; the system's when unset
};

struct ParsedObject {
  IcalComponent calendar;  // the VCALENDAR
  sql::ObjectIndex index;
};

// Parses and validates a calendar object resource: a VCALENDAR with
// VERSION:2.0 and PRODID, components of exactly one type among VEVENT, VTODO
// and VJOURNAL (plus VTIMEZONEs), all with the same non-empty UID, at most
// one of them without RECURRENCE-ID, no METHOD property, and each TZID
// resolvable (from an included VTIMEZONE or the system's zones).
// `allowedComponents` is the calendar's comma-separated component set.
// Throws IcalError.
ParsedObject parseCalendarObject(std::string_view text, std::string_view allowedComponents, const TimeContext& ctx);

// The instances of a parsed VCALENDAR for the store's instance table, into
// index.instances and index.instancesUntil (sql::ObjectIndex says what they
// promise); `index` is indexOf's. Bounded by ctx.maxKeptInstances and the
// horizon: past the bound no instance is kept (kInstancesRefused), and a
// query past the horizon reads the text.
void materialiseInstances(ComponentRef vcalendar, sql::ObjectIndex& index, const TimeContext& ctx);

// Parses stored text that was validated when it was written. Throws
// IcalError(NotICalendar) if it no longer parses.
IcalComponent parseStored(std::string_view text);

// The index span of a parsed VCALENDAR (also used by parseCalendarObject).
sql::ObjectIndex indexOf(ComponentRef vcalendar, const TimeContext& ctx);

// One occurrence of a component: its span in UTC and the component it comes
// from (the master, or the override that replaces this instance).
struct Instance {
  Instant start = 0;
  Instant end = 0;
  ComponentRef source;       // inside the VCALENDAR passed in
  Instant recurrenceId = 0;  // the instance's original start, UTC
  bool recurring = false;    // false for a non-recurring component
};

// Instances of components of type `component` ("VEVENT", ...) in `vcalendar`
// that overlap [start, end) by the rules of RFC 4791 section 9.9, overridden
// instances replacing the master's and EXDATEs left out. Bounded by ctx.
std::vector<Instance> instancesOverlapping(ComponentRef vcalendar, std::string_view component, Instant start,
                                           Instant end, const TimeContext& ctx);

// Whether a single component (one instance's source, e.g. a VALARM's parent
// or a VTODO) overlaps [start, end) by section 9.9, considering its
// recurrences. Used by the calendar-query filter on nested comp-filters.
bool componentOverlaps(ComponentRef component, Instant start, Instant end, const TimeContext& ctx);

// calendar-data with <C:expand start end>: every instance overlapping the
// range as its own component without RRULE/RDATE/EXDATE, with a
// RECURRENCE-ID, times in UTC (RFC 4791 section 9.6.5).
std::string expandCalendarData(ComponentRef vcalendar, Instant start, Instant end, const TimeContext& ctx);

// calendar-data with <C:limit-recurrence-set start end>: the master and only
// the overrides that overlap the range (RFC 4791 section 9.6.6).
std::string limitRecurrenceSet(ComponentRef vcalendar, Instant start, Instant end, const TimeContext& ctx);

// A busy period for free-busy-query (RFC 4791 section 7.10).
struct BusyPeriod {
  Instant start = 0;
  Instant end = 0;
  std::string type;  // "BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE"
};

// Busy periods of the VEVENTs (not TRANSPARENT, not CANCELLED) and VFREEBUSY
// components of `vcalendar` inside [start, end), clipped to it.
std::vector<BusyPeriod> busyPeriods(ComponentRef vcalendar, Instant start, Instant end, const TimeContext& ctx);

// A VCALENDAR with one VFREEBUSY for [start, end) listing `periods` merged
// per type, as iCalendar text, stamped (DTSTAMP) `stamp`. `incomplete`: some
// recurrence was not fully expanded, which a COMMENT says.
std::string freeBusyCalendar(const std::vector<BusyPeriod>& periods, Instant start, Instant end, Instant stamp,
                             bool incomplete = false);

// Parses an iCalendar UTC date-time "YYYYMMDDTHHMMSSZ" (as in time-range
// attributes). Returns false if `text` is not one.
bool parseUtcDateTime(std::string_view text, Instant& out);
// Formats an instant as "YYYYMMDDTHHMMSSZ".
std::string formatUtcDateTime(Instant instant);

}  // namespace jadwal::caldav
