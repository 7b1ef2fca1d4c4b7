#pragma once
// Importing an iCalendar file: its split into calendar object resources
// (caldav/ical/split.h) and the names they are stored under.

#include <string>
#include <string_view>

#include "caldav/ical/split.h"

namespace jadwal::server {

// The split itself is the iCalendar library's.
using caldav::SplitCalendar;
using caldav::splitCalendar;
using caldav::SplitObject;
using caldav::SplitProblem;

// The resource name an imported object is stored under: the UID itself when
// it is short and made of safe characters, otherwise a readable prefix and a
// digest of the UID, so that distinct UIDs never share a name.
std::string resourceNameForUid(std::string_view uid);

}  // namespace jadwal::server
