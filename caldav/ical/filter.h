#pragma once
// The conditions of a calendar-query filter (RFC 4791 section 9.7), as data,
// and their evaluation against a calendar object (section 9.9). CalDAV
// parses them from XML (caldav/calendar_filter.h).

#include <optional>
#include <string>
#include <vector>

#include "caldav/ical/ical.h"

namespace jadwal::caldav {

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

// Whether the VCALENDAR matches the filter (whose name is VCALENDAR).
bool matchesFilter(const CompFilter& filter, ComponentRef vcalendar, const TimeContext& ctx);

}  // namespace jadwal::caldav
