// Parsing of the calendar-query filter (RFC 4791 section 9.7) from its XML;
// the iCalendar library matches it (caldav/ical/filter.cpp).

#include "caldav/calendar_filter.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "caldav/ical/text_match.h"

namespace jadwal::caldav {
namespace {

// ---------------------------------------------------------------- parsing

[[noreturn]] void invalidFilter(const std::string& reason) { throw FilterError("valid-filter", reason); }

std::string upperAscii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// XmlElement::attribute cannot tell an absent attribute from an empty one;
// the filter grammar needs to.
std::optional<std::string> attributeIfPresent(const XmlElement& element, std::string_view name) {
  for (const auto& [key, value] : element.attributes) {
    if (key == name) return value;
  }
  return std::nullopt;
}

bool isCalDav(const XmlElement& element, std::string_view name) { return element.is(ns::kCalDav, name); }

std::string requiredName(const XmlElement& element) {
  auto name = attributeIfPresent(element, "name");
  if (!name || name->empty()) invalidFilter("<" + element.name + "> needs a name attribute");
  return upperAscii(*name);
}

// RFC 4791 section 9.9 defines time-range only for these components.
bool acceptsTimeRange(std::string_view component) {
  static constexpr std::array<std::string_view, 5> kComponents = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VALARM"};
  return std::find(kComponents.begin(), kComponents.end(), component) != kComponents.end();
}

TimeRange parseTimeRange(const XmlElement& element) {
  auto startText = attributeIfPresent(element, "start");
  auto endText = attributeIfPresent(element, "end");
  if (!startText && !endText) invalidFilter("time-range needs a start or an end attribute");
  TimeRange range;
  if (startText && !parseUtcDateTime(*startText, range.start)) {
    invalidFilter("time-range start \"" + *startText + "\" is not a UTC date-time (YYYYMMDDTHHMMSSZ)");
  }
  if (endText && !parseUtcDateTime(*endText, range.end)) {
    invalidFilter("time-range end \"" + *endText + "\" is not a UTC date-time (YYYYMMDDTHHMMSSZ)");
  }
  if (range.start >= range.end) invalidFilter("time-range start must be before its end");
  return range;
}

TextMatch parseTextMatch(const XmlElement& element) {
  TextMatch match;
  match.text = element.text;
  if (auto collation = attributeIfPresent(element, "collation")) {
    if (!isSupportedCollation(*collation)) {
      throw FilterError("supported-collation",
                        "collation \"" + *collation + "\" is not supported; use i;ascii-casemap or i;octet");
    }
    match.collation = *collation;
  }
  if (auto negate = attributeIfPresent(element, "negate-condition")) {
    if (*negate == "yes") {
      match.negate = true;
    } else if (*negate != "no") {
      invalidFilter("negate-condition must be \"yes\" or \"no\", not \"" + *negate + "\"");
    }
  }
  return match;
}

// Unknown elements are skipped, as WebDAV asks of every XML body (RFC 4918
// section 17); only the CalDAV grammar of section 9.7 is enforced.
ParamFilter parseParamFilter(const XmlElement& element) {
  ParamFilter filter;
  filter.name = requiredName(element);
  for (const XmlElement& child : element.children) {
    if (isCalDav(child, "is-not-defined")) {
      filter.isNotDefined = true;
    } else if (isCalDav(child, "text-match")) {
      if (filter.textMatch) invalidFilter("param-filter " + filter.name + " has more than one text-match");
      filter.textMatch = parseTextMatch(child);
    }
  }
  if (filter.isNotDefined && filter.textMatch) {
    invalidFilter("param-filter " + filter.name + " has both is-not-defined and text-match");
  }
  return filter;
}

PropFilter parsePropFilter(const XmlElement& element) {
  PropFilter filter;
  filter.name = requiredName(element);
  for (const XmlElement& child : element.children) {
    if (isCalDav(child, "is-not-defined")) {
      filter.isNotDefined = true;
    } else if (isCalDav(child, "time-range")) {
      if (filter.timeRange) invalidFilter("prop-filter " + filter.name + " has more than one time-range");
      filter.timeRange = parseTimeRange(child);
    } else if (isCalDav(child, "text-match")) {
      if (filter.textMatch) invalidFilter("prop-filter " + filter.name + " has more than one text-match");
      filter.textMatch = parseTextMatch(child);
    } else if (isCalDav(child, "param-filter")) {
      filter.paramFilters.push_back(parseParamFilter(child));
    }
  }
  if (filter.timeRange && filter.textMatch) {
    invalidFilter("prop-filter " + filter.name + " has both time-range and text-match");
  }
  if (filter.isNotDefined && (filter.timeRange || filter.textMatch || !filter.paramFilters.empty())) {
    invalidFilter("prop-filter " + filter.name + " has is-not-defined together with other conditions");
  }
  return filter;
}

CompFilter parseCompFilter(const XmlElement& element) {
  CompFilter filter;
  filter.name = requiredName(element);
  for (const XmlElement& child : element.children) {
    if (isCalDav(child, "is-not-defined")) {
      filter.isNotDefined = true;
    } else if (isCalDav(child, "time-range")) {
      if (filter.timeRange) invalidFilter("comp-filter " + filter.name + " has more than one time-range");
      if (!acceptsTimeRange(filter.name)) {
        invalidFilter("time-range cannot apply to " + filter.name +
                      " (only VEVENT, VTODO, VJOURNAL, VFREEBUSY and VALARM)");
      }
      filter.timeRange = parseTimeRange(child);
    } else if (isCalDav(child, "prop-filter")) {
      filter.propFilters.push_back(parsePropFilter(child));
    } else if (isCalDav(child, "comp-filter")) {
      filter.compFilters.push_back(parseCompFilter(child));
    }
  }
  if (filter.isNotDefined && (filter.timeRange || !filter.propFilters.empty() || !filter.compFilters.empty())) {
    invalidFilter("comp-filter " + filter.name + " has is-not-defined together with other conditions");
  }
  return filter;
}

}  // namespace

CompFilter parseFilter(const XmlElement& filter) {
  if (!isCalDav(filter, "filter")) invalidFilter("expected a CALDAV:filter element, got <" + filter.name + ">");
  std::vector<const XmlElement*> top = filter.childrenNamed(ns::kCalDav, "comp-filter");
  if (top.size() != 1) invalidFilter("filter must hold exactly one comp-filter (named VCALENDAR)");
  CompFilter parsed = parseCompFilter(*top.front());
  if (parsed.name != "VCALENDAR") invalidFilter("the top comp-filter must be named VCALENDAR, not " + parsed.name);
  return parsed;
}

IndexHint indexHint(const CompFilter& filter) {
  if (filter.compFilters.size() != 1) return {};
  const CompFilter& first = filter.compFilters.front();
  if (first.isNotDefined) return {};
  return IndexHint{first.name, first.timeRange};
}

}  // namespace jadwal::caldav
