#pragma once
// Tests read what the iCalendar library wrote with libical directly, a
// reader of their own, rather than through the library under test. The only
// file outside caldav/ical/ that includes libical (tests/layering/ical_boundary.cmake).

#include <libical/ical.h>

#include <memory>
#include <string>
#include <string_view>

namespace jadwal::testing {

struct LibicalFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using LibicalTree = std::unique_ptr<icalcomponent, LibicalFree>;

// The parsed tree of `text` (a VCALENDAR), or empty if libical cannot read it.
inline LibicalTree readWithLibical(std::string_view text) {
  const std::string terminated(text);
  return LibicalTree(icalparser_parse_string(terminated.c_str()));
}

}  // namespace jadwal::testing
