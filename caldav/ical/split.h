#pragma once
// Splits an iCalendar file (an export of a whole calendar) into calendar
// object resources: one VCALENDAR per UID holding the master and its
// overridden instances together, with the VTIMEZONEs they refer to.

#include <string>
#include <string_view>
#include <vector>

namespace jadwal::caldav {

struct SplitObject {
  std::string uid;
  std::string ical;
};

// A component left out, and why.
struct SplitProblem {
  std::string uid;  // "" when the component has none
  std::string reason;
};

struct SplitCalendar {
  bool parsed = false;  // false: the text is not iCalendar at all
  std::vector<SplitObject> objects;
  std::vector<SplitProblem> problems;
};

SplitCalendar splitCalendar(std::string_view text);

}  // namespace jadwal::caldav
