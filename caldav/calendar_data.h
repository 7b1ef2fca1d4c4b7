#pragma once
// Partial retrieval of calendar data (RFC 4791 section 9.6.1): a
// <C:comp name="VCALENDAR"> tree inside <C:calendar-data> names which
// components and properties a client wants back.

#include <string>

#include "caldav/ical/ical.h"
#include "caldav/xml.h"

namespace jadwal::caldav {

// Removes from `component` (in place) every property and subcomponent that
// `selection` (a <C:comp> element naming this component) does not ask for.
void selectCalendarData(ComponentRef component, const XmlElement& selection);

}  // namespace jadwal::caldav
