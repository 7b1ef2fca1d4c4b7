#include "caldav/ical/selection.h"

#include <libical/ical.h>

#include <strings.h>

#include <vector>

#include "caldav/ical/detail/handle.h"

namespace jadwal::caldav {

namespace {

bool named(const std::vector<std::string>& names, const char* name) {
  for (const std::string& candidate : names)
    if (name && strcasecmp(candidate.c_str(), name) == 0) return true;
  return false;
}

const DataSelection* selectionFor(const DataSelection& selection, const char* name) {
  for (const NamedSelection& sub : selection.components)
    if (name && strcasecmp(sub.name.c_str(), name) == 0) return &sub.selection;
  return nullptr;
}

void keep(icalcomponent* component, const DataSelection& selection) {
  if (!selection.allProperties) {
    std::vector<icalproperty*> drop;
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY))
      if (!named(selection.properties, icalproperty_get_property_name(p))) drop.push_back(p);
    for (icalproperty* p : drop) {
      icalcomponent_remove_property(component, p);
      icalproperty_free(p);
    }
  }
  std::vector<icalcomponent*> drop;
  for (icalcomponent* c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    if (selection.allComponents) continue;
    const DataSelection* sub = selectionFor(selection, icalcomponent_kind_to_string(icalcomponent_isa(c)));
    if (sub)
      keep(c, *sub);
    else
      drop.push_back(c);
  }
  for (icalcomponent* c : drop) {
    icalcomponent_remove_component(component, c);
    icalcomponent_free(c);
  }
}

}  // namespace

void keepSelected(ComponentRef component, const DataSelection& selection) {
  if (component) keep(detail::raw(component), selection);
}

}  // namespace jadwal::caldav
