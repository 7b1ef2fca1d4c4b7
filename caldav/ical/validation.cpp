#include "caldav/ical/detail/validation.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav::detail {
namespace {

[[noreturn]] void invalid(const std::string& reason) { throw IcalError(IcalError::Kind::NotICalendar, reason); }

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The content lines of `text`, unfolded (a line starting with a space or a
// tab continues the one before).
std::vector<std::string> unfoldedLines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !lines.empty()) {
      lines.back().append(line.substr(1));
    } else {
      lines.emplace_back(line);
    }
    start = end + 1;
  }
  return lines;
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

void checkTime(const icaltimetype& time, icalproperty* property) {
  if (icaltime_is_null_time(time)) return;
  const bool dateOk = time.year >= 1 && time.year <= 9999 && time.month >= 1 && time.month <= 12 && time.day >= 1 &&
                      time.day <= daysIn(time.year, time.month);
  const bool timeOk = time.is_date || (time.hour >= 0 && time.hour <= 23 && time.minute >= 0 && time.minute <= 59 &&
                                       time.second >= 0 && time.second <= 60);
  if (dateOk && timeOk) return;
  const char* name = icalproperty_get_property_name(property);
  invalid(std::string(name != nullptr ? name : "a property") + " holds a date or time that does not exist");
}

void checkProperty(icalproperty* property) {
  icalvalue* value = icalproperty_get_value(property);
  if (value == nullptr) return;
  switch (icalvalue_isa(value)) {
    case ICAL_DATE_VALUE:
      return checkTime(icalvalue_get_date(value), property);
    case ICAL_DATETIME_VALUE:
      return checkTime(icalvalue_get_datetime(value), property);
    case ICAL_DATETIMEPERIOD_VALUE: {
      const icaldatetimeperiodtype both = icalvalue_get_datetimeperiod(value);
      checkTime(both.time, property);
      checkTime(both.period.start, property);
      return checkTime(both.period.end, property);
    }
    case ICAL_PERIOD_VALUE: {
      const icalperiodtype period = icalvalue_get_period(value);
      checkTime(period.start, property);
      return checkTime(period.end, property);
    }
    case ICAL_TRIGGER_VALUE:
      return checkTime(icalvalue_get_trigger(value).time, property);
    case ICAL_RECUR_VALUE:
      return checkTime(icalvalue_get_recur(value).until, property);
    default:
      return;
  }
}

}  // namespace

void checkText(std::string_view text) {
  if (!base::isValidUtf8(text)) invalid("the body is not UTF-8 text");
  std::vector<std::string> open;
  for (const std::string& line : unfoldedLines(text)) {
    const std::string head = upper(std::string_view(line).substr(0, 6));
    if (head.starts_with("BEGIN:")) {
      open.push_back(upper(std::string_view(line).substr(6)));
    } else if (head.starts_with("END:")) {
      const std::string name = upper(std::string_view(line).substr(4));
      if (open.empty() || open.back() != name) {
        invalid("END:" + name + (open.empty() ? " closes nothing" : " does not close BEGIN:" + open.back()));
      }
      open.pop_back();
    }
  }
}

void checkValues(icalcomponent* root) {
  for (icalproperty* property : propertiesOf(root, ICAL_ANY_PROPERTY)) checkProperty(property);
  for (icalcomponent* child : childrenOf(root, ICAL_ANY_COMPONENT)) checkValues(child);
}

}  // namespace jadwal::caldav::detail
