// The writable live properties of a calendar and their value rules.
#include <regex>

#include "base/text.h"
#include "caldav/properties.h"

namespace jadwal::caldav {

bool setCalendarProperty(sql::Calendar& calendar, const XmlElement& p, std::string& reason) {
  if (p.is(ns::kDav, "displayname")) {
    std::string value = base::trimmedCopy(p.text);
    if (value.size() > 200) {
      reason = "displayname is longer than 200 characters";
      return false;
    }
    calendar.displayName = value;
  } else if (p.is(ns::kCalDav, "calendar-description")) {
    calendar.description = p.text;
  } else if (p.is(ns::kApple, "calendar-color")) {
    static const std::regex color("#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?");
    std::string value = base::trimmedCopy(p.text);
    if (!std::regex_match(value, color)) {
      reason = "calendar-color must be #RRGGBB or #RRGGBBAA";
      return false;
    }
    calendar.color = value;
  } else if (p.is(ns::kCalDav, "calendar-timezone")) {
    std::string value = base::trimmedCopy(p.text);
    if (!value.empty() && value.find("BEGIN:VTIMEZONE") == std::string::npos) {
      reason = "calendar-timezone must be a VCALENDAR holding one VTIMEZONE";
      return false;
    }
    calendar.timezone = value;
  } else {
    reason = "property " + p.name + " cannot be set";
    return false;
  }
  return true;
}

std::string personalResourceOf(const sql::Calendar& calendar) { return "calendar:" + std::to_string(calendar.id); }

bool isPersonalCalendarProperty(const PropName& name) {
  return name.ns == ns::kApple && (name.name == "calendar-color" || name.name == "calendar-order");
}

void removeCalendarProperty(sql::Calendar& calendar, const PropName& name) {
  if (name.ns == ns::kDav && name.name == "displayname") calendar.displayName.clear();
  if (name.ns == ns::kCalDav && name.name == "calendar-description") calendar.description.clear();
  if (name.ns == ns::kApple && name.name == "calendar-color") calendar.color.clear();
  if (name.ns == ns::kCalDav && name.name == "calendar-timezone") calendar.timezone.clear();
}

}  // namespace jadwal::caldav
