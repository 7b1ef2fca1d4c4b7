#include "caldav/ical/export.h"

#include <libical/ical.h>

#include <algorithm>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {

std::string exportHead(std::string_view productId, std::string_view displayName) {
  IcalComponent head = detail::own(icalcomponent_new_vcalendar());
  icalcomponent* root = detail::raw(head.get());
  icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  icalcomponent_add_property(root, icalproperty_new_prodid(std::string(productId).c_str()));
  icalproperty* name = icalproperty_new_x(std::string(displayName).c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(root, name);
  const std::string text = head.toString();
  return text.substr(0, text.rfind("END:VCALENDAR"));  // its components follow
}

void appendExportComponents(std::string_view stored, std::vector<std::string>& zonesSeen, std::string& out) {
  IcalComponent parsed = parseStored(stored);
  icalcomponent* root = detail::raw(parsed.get());
  for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT); c;
       c = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)) {
    if (icalcomponent_isa(c) == ICAL_VTIMEZONE_COMPONENT) {
      icalproperty* tzid = icalcomponent_get_first_property(c, ICAL_TZID_PROPERTY);
      std::string id = tzid ? icalproperty_get_tzid(tzid) : "";
      if (std::find(zonesSeen.begin(), zonesSeen.end(), id) != zonesSeen.end()) continue;
      zonesSeen.push_back(std::move(id));
    }
    out += detail::own(icalcomponent_new_clone(c)).toString();
  }
}

}  // namespace jadwal::caldav
