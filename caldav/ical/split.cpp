// An iCalendar file split into calendar object resources with libical.

#include "caldav/ical/split.h"

#include <libical/ical.h>

#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "caldav/ical/detail/handle.h"

namespace jadwal::caldav {
namespace {

bool isObjectComponent(icalcomponent_kind kind) {
  return kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT || kind == ICAL_VJOURNAL_COMPONENT;
}

// TZIDs named by the properties of `component` and its subcomponents.
void collectTzids(icalcomponent* component, std::set<std::string>& out) {
  for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); property;
       property = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
    if (icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)) {
      if (const char* name = icalparameter_get_tzid(tzid)) out.insert(name);
    }
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    collectTzids(child, out);
  }
}

// Google Calendar writes empty properties ("DESCRIPTION:"); libical drops
// them and leaves an error behind. Nothing is lost, so the error goes too.
void dropEmptyValueErrors(icalcomponent* component) {
  std::vector<icalproperty*> harmless;
  for (icalproperty* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); error;
       error = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    if (text && std::string_view(text).starts_with("No value for ")) harmless.push_back(error);
  }
  for (icalproperty* error : harmless) {
    icalcomponent_remove_property(component, error);
    icalproperty_free(error);
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    dropEmptyValueErrors(child);
  }
}

// The first parse error libical recorded inside `component`, if any.
std::string parseErrorIn(icalcomponent* component) {
  if (icalproperty* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    return text ? text : "malformed component";
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    if (auto error = parseErrorIn(child); !error.empty()) return error;
  }
  return "";
}

// The component's name for a problem report. libical has none for an
// x-component or an unknown one ("BEGIN:VDVENT"): it gives a null pointer.
std::string kindName(icalcomponent_kind kind) {
  const char* name = icalcomponent_kind_to_string(kind);
  return name != nullptr && *name != '\0' ? name : "X-";
}

struct Group {
  std::vector<icalcomponent*> components;  // borrowed from the parsed tree
  std::set<std::string> instances;         // recurrenceKey of each component
  std::string problem;
};

// Which instance a component is: "" for the master, else its RECURRENCE-ID.
std::string recurrenceKey(icalcomponent* component) {
  icalproperty* property = icalcomponent_get_first_property(component, ICAL_RECURRENCEID_PROPERTY);
  if (!property) return "";
  const char* value = icalproperty_get_value_as_string(property);
  return std::string("R:") + (value ? value : "");
}

void splitOne(icalcomponent* vcalendar, SplitCalendar& out) {
  std::map<std::string, icalcomponent*> timezones;
  std::vector<std::string> order;  // UIDs in the order they first appear
  std::map<std::string, Group> groups;
  for (icalcomponent* child = icalcomponent_get_first_component(vcalendar, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(vcalendar, ICAL_ANY_COMPONENT)) {
    const icalcomponent_kind kind = icalcomponent_isa(child);
    if (kind == ICAL_VTIMEZONE_COMPONENT) {
      if (icalproperty* tzid = icalcomponent_get_first_property(child, ICAL_TZID_PROPERTY)) {
        if (const char* name = icalproperty_get_tzid(tzid)) timezones[name] = child;
      }
      continue;
    }
    const char* rawUid = isObjectComponent(kind) ? icalcomponent_get_uid(child) : nullptr;
    const std::string uid = rawUid ? rawUid : "";
    if (!isObjectComponent(kind)) {
      out.problems.push_back({uid, "unsupported component " + kindName(kind)});
      continue;
    }
    if (uid.empty()) {
      out.problems.push_back({"", kindName(kind) + " without UID"});
      continue;
    }
    dropEmptyValueErrors(child);
    auto [it, inserted] = groups.try_emplace(uid);
    if (inserted) order.push_back(uid);
    Group& group = it->second;
    // An export may carry an event twice: the first is kept, as a client would.
    const std::string instance = recurrenceKey(child);
    if (!group.instances.insert(instance).second) {
      out.problems.push_back({uid, "duplicate UID: a second " + kindName(kind) + " with the same UID" +
                                       (instance.empty() ? "" : " and RECURRENCE-ID") + ", the first was kept"});
      continue;
    }
    if (!group.components.empty() && icalcomponent_isa(group.components.front()) != kind) {
      group.problem = "components of different types share the UID";
    }
    if (auto error = parseErrorIn(child); !error.empty() && group.problem.empty()) group.problem = error;
    group.components.push_back(child);
  }

  icalproperty* prodid = icalcomponent_get_first_property(vcalendar, ICAL_PRODID_PROPERTY);
  icalproperty* calscale = icalcomponent_get_first_property(vcalendar, ICAL_CALSCALE_PROPERTY);
  for (const auto& uid : order) {
    const Group& group = groups[uid];
    if (!group.problem.empty()) {
      out.problems.push_back({uid, group.problem});
      continue;
    }
    IcalComponent owned = detail::own(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent* object = detail::raw(owned.get());
    icalcomponent_add_property(object, icalproperty_new_version("2.0"));
    icalcomponent_add_property(
        object, prodid ? icalproperty_new_clone(prodid) : icalproperty_new_prodid("-//Jadwal//Import//EN"));
    if (calscale) icalcomponent_add_property(object, icalproperty_new_clone(calscale));
    std::set<std::string> tzids;
    for (icalcomponent* component : group.components) collectTzids(component, tzids);
    for (const auto& tzid : tzids) {
      if (auto zone = timezones.find(tzid); zone != timezones.end()) {
        icalcomponent_add_component(object, icalcomponent_new_clone(zone->second));
      }
    }
    for (icalcomponent* component : group.components) {
      icalcomponent_add_component(object, icalcomponent_new_clone(component));
    }
    out.objects.push_back({uid, owned.toString()});
  }
}

}  // namespace

SplitCalendar splitCalendar(std::string_view text) {
  SplitCalendar out;
  const std::string terminated(text);
  IcalComponent owned = detail::own(icalparser_parse_string(terminated.c_str()));
  icalcomponent* root = detail::raw(owned.get());
  if (!root) return out;
  const icalcomponent_kind kind = icalcomponent_isa(root);
  if (kind == ICAL_VCALENDAR_COMPONENT) {
    out.parsed = true;
    splitOne(root, out);
  } else if (kind == ICAL_XROOT_COMPONENT) {
    // Several VCALENDARs in one file.
    for (icalcomponent* child = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); child;
         child = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
      out.parsed = true;
      splitOne(child, out);
    }
  }
  return out;
}

}  // namespace jadwal::caldav
