#pragma once
// Partial retrieval of calendar data (RFC 4791 section 9.6.1) as data: which
// properties and subcomponents of a component to keep. CalDAV reads it from
// a <C:comp> element (caldav/calendar_data.h).

#include <string>
#include <vector>

#include "caldav/ical/ical.h"

namespace jadwal::caldav {

struct NamedSelection;

struct DataSelection {
  bool allProperties = false;
  std::vector<std::string> properties;  // names, compared without case
  bool allComponents = false;
  std::vector<NamedSelection> components;  // the first of a name counts
};

// The selection inside the subcomponents named `name` (compared without case).
struct NamedSelection {
  std::string name;
  DataSelection selection;
};

// Removes from `component` (in place) every property and subcomponent that
// `selection` does not ask for.
void keepSelected(ComponentRef component, const DataSelection& selection);

}  // namespace jadwal::caldav
