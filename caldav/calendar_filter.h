#pragma once
// The CALDAV:filter of a calendar-query report (RFC 4791 section 9.7):
// parsed from XML once, then matched against each candidate object by the
// iCalendar library (caldav/ical/filter.h).

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "caldav/ical/filter.h"
#include "caldav/xml.h"

namespace jadwal::caldav {

// A filter the server cannot or will not evaluate. The answer is 403 with the
// named precondition: "valid-filter" or "supported-collation"
// (supported-filter for unknown components or properties is not enforced:
// they simply never match).
class FilterError : public std::runtime_error {
 public:
  FilterError(std::string precondition, const std::string& reason)
      : std::runtime_error(reason), precondition_(std::move(precondition)) {}
  const std::string& precondition() const { return precondition_; }

 private:
  std::string precondition_;
};

// Parses a <C:filter> element. Its one child must be a comp-filter named
// VCALENDAR. Throws FilterError.
CompFilter parseFilter(const XmlElement& filter);

// What the store's index can answer before any object is parsed: the
// component type and time range of the filter's first-level comp-filter.
struct IndexHint {
  std::string component;           // empty: any
  std::optional<TimeRange> range;  // empty: no time-range at the first level
};
IndexHint indexHint(const CompFilter& filter);

}  // namespace jadwal::caldav
