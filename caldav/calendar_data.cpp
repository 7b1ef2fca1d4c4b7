#include "caldav/calendar_data.h"

#include <libical/ical.h>

#include <strings.h>

#include <vector>

namespace jadwal::caldav {

namespace {

bool namedIn(const XmlElement& selection, std::string_view element, const char* name) {
  for (const auto* child : selection.childrenNamed(ns::kCalDav, element))
    if (name && strcasecmp(child->attribute("name").c_str(), name) == 0) return true;
  return false;
}

const XmlElement* selectionFor(const XmlElement& selection, const char* name) {
  for (const auto* child : selection.childrenNamed(ns::kCalDav, "comp"))
    if (name && strcasecmp(child->attribute("name").c_str(), name) == 0) return child;
  return nullptr;
}

}  // namespace

void selectCalendarData(icalcomponent* component, const XmlElement& selection) {
  if (!selection.child(ns::kCalDav, "allprop")) {
    std::vector<icalproperty*> drop;
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY))
      if (!namedIn(selection, "prop", icalproperty_get_property_name(p))) drop.push_back(p);
    for (icalproperty* p : drop) {
      icalcomponent_remove_property(component, p);
      icalproperty_free(p);
    }
  }
  bool allComponents = selection.child(ns::kCalDav, "allcomp") != nullptr;
  std::vector<icalcomponent*> drop;
  for (icalcomponent* c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    if (allComponents) continue;
    const XmlElement* sub = selectionFor(selection, icalcomponent_kind_to_string(icalcomponent_isa(c)));
    if (sub)
      selectCalendarData(c, *sub);
    else
      drop.push_back(c);
  }
  for (icalcomponent* c : drop) {
    icalcomponent_remove_component(component, c);
    icalcomponent_free(c);
  }
}

}  // namespace jadwal::caldav
