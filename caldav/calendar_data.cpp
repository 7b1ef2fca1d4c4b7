#include "caldav/calendar_data.h"

#include "caldav/ical/selection.h"

namespace jadwal::caldav {

namespace {

// The <C:comp> element as the iCalendar library's selection.
DataSelection selectionOf(const XmlElement& element) {
  DataSelection selection;
  selection.allProperties = element.child(ns::kCalDav, "allprop") != nullptr;
  for (const auto* prop : element.childrenNamed(ns::kCalDav, "prop"))
    selection.properties.push_back(prop->attribute("name"));
  selection.allComponents = element.child(ns::kCalDav, "allcomp") != nullptr;
  for (const auto* comp : element.childrenNamed(ns::kCalDav, "comp"))
    selection.components.push_back(NamedSelection{comp->attribute("name"), selectionOf(*comp)});
  return selection;
}

}  // namespace

void selectCalendarData(ComponentRef component, const XmlElement& selection) {
  keepSelected(component, selectionOf(selection));
}

}  // namespace jadwal::caldav
