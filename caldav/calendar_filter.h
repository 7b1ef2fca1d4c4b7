#pragma once
// The CALDAV:filter of a calendar-query report (RFC 4791 section 9.7):
// parsed from XML once, then matched against each candidate object.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "caldav/ical.h"
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

struct TimeRange {
  Instant start = sql::kOpenStart;
  Instant end = sql::kOpenEnd;
};

struct TextMatch {
  std::string text;
  std::string collation = "i;ascii-casemap";  // or "i;octet"
  bool negate = false;
};

struct ParamFilter {
  std::string name;  // upper case
  bool isNotDefined = false;
  std::optional<TextMatch> textMatch;
};

struct PropFilter {
  std::string name;  // upper case
  bool isNotDefined = false;
  std::optional<TimeRange> timeRange;
  std::optional<TextMatch> textMatch;
  std::vector<ParamFilter> paramFilters;
};

struct CompFilter {
  std::string name;  // upper case
  bool isNotDefined = false;
  std::optional<TimeRange> timeRange;
  std::vector<PropFilter> propFilters;
  std::vector<CompFilter> compFilters;
};

// Parses a <C:filter> element. Its one child must be a comp-filter named
// VCALENDAR. Throws FilterError.
CompFilter parseFilter(const XmlElement& filter);

// Whether the VCALENDAR matches the filter (whose name is VCALENDAR).
bool matchesFilter(const CompFilter& filter, icalcomponent* vcalendar, const TimeContext& ctx);

// What the store's index can answer before any object is parsed: the
// component type and time range of the filter's first-level comp-filter.
struct IndexHint {
  std::string component;           // empty: any
  std::optional<TimeRange> range;  // empty: no time-range at the first level
};
IndexHint indexHint(const CompFilter& filter);

}  // namespace jadwal::caldav
