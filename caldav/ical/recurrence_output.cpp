// calendar-data transformations of reports (RFC 4791 sections 9.6.5 and
// 9.6.6): a recurrence set expanded into its instances, or limited to the
// overrides that matter in a range. Built on the recurrence engine of
// recurrence.cpp.

#include <libical/ical.h>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/instances.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {

using detail::childrenOf;
using detail::firstProperty;
using detail::propertiesOf;

namespace {

const char* kProductId = "-//Jadwal//CalDAV Server//ID";

// Replaces a DATE or DATE-TIME property's value: a DATE stays a DATE, any
// other time becomes UTC, with no TZID left behind.
void setTime(icalproperty* property, Instant instant, bool asDate, detail::TimeResolver& times) {
  icalproperty_remove_parameter_by_kind(property, ICAL_TZID_PARAMETER);
  icalproperty_remove_parameter_by_kind(property, ICAL_VALUE_PARAMETER);
  icalproperty_remove_parameter_by_kind(property, ICAL_RANGE_PARAMETER);
  if (asDate) {
    icaltimetype like = icaltime_null_date();
    icalproperty_set_value(property, icalvalue_new_date(times.toLocal(instant, like)));
  } else {
    icalproperty_set_value(property, icalvalue_new_datetime(detail::utcTimeOf(instant)));
  }
}

bool isDateValued(icalproperty* property) {
  icalvalue* value = property != nullptr ? icalproperty_get_value(property) : nullptr;
  return value != nullptr && icalvalue_isa(value) == ICAL_DATE_VALUE;
}

void removeAll(icalcomponent* component, icalproperty_kind kind) {
  for (icalproperty* p : propertiesOf(component, kind)) {
    icalcomponent_remove_property(component, p);
    icalproperty_free(p);
  }
}

// One instance as a standalone component, times in UTC (section 9.6.5).
IcalComponent expandedInstance(const Instance& instance, detail::TimeResolver& times) {
  IcalComponent copy = detail::own(icalcomponent_new_clone(detail::raw(instance.source)));
  icalcomponent* c = detail::raw(copy.get());
  for (icalproperty_kind kind :
       {ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXDATE_PROPERTY, ICAL_EXRULE_PROPERTY}) {
    removeAll(c, kind);
  }
  icalproperty* dtstart = firstProperty(c, ICAL_DTSTART_PROPERTY);
  const bool allDay = isDateValued(dtstart);
  if (dtstart != nullptr) setTime(dtstart, instance.start, allDay, times);
  for (icalproperty_kind kind : {ICAL_DTEND_PROPERTY, ICAL_DUE_PROPERTY}) {
    if (icalproperty* p = firstProperty(c, kind); p != nullptr && dtstart != nullptr) {
      setTime(p, instance.end, isDateValued(p), times);
    }
  }
  if (instance.recurring) {
    icalproperty* rid = firstProperty(c, ICAL_RECURRENCEID_PROPERTY);
    if (rid == nullptr) {
      rid = icalproperty_new_recurrenceid(detail::utcTimeOf(instance.recurrenceId));
      icalcomponent_add_property(c, rid);
    }
    setTime(rid, instance.recurrenceId, allDay, times);
  }
  // Any other time with a TZID (a DUE without DTSTART, an X- property) in UTC too.
  for (icalproperty* p : propertiesOf(c, ICAL_ANY_PROPERTY)) {
    icaltimetype at{};
    if (detail::tzidOf(p) != nullptr && !isDateValued(p) && times.read(p, at)) {
      setTime(p, times.toInstant(at), false, times);
    }
  }
  return copy;
}

std::string productIdOf(icalcomponent* vcalendar) {
  icalproperty* prodid = firstProperty(vcalendar, ICAL_PRODID_PROPERTY);
  const char* text = prodid != nullptr ? icalproperty_get_prodid(prodid) : nullptr;
  return text != nullptr ? text : kProductId;
}

}  // namespace

std::string expandCalendarData(ComponentRef calendar, Instant start, Instant end, const TimeContext& ctx) {
  icalcomponent* vcalendar = detail::raw(calendar);
  IcalComponent out = detail::own(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* root = detail::raw(out.get());
  icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  icalcomponent_add_property(root, icalproperty_new_prodid(productIdOf(vcalendar).c_str()));
  const icalcomponent_kind kind = detail::objectKindOf(vcalendar);
  if (kind != ICAL_NO_COMPONENT) {
    detail::TimeResolver times(vcalendar, ctx);
    for (const detail::Occurrence& o : detail::occurrencesOverlapping(vcalendar, kind, start, end, ctx)) {
      IcalComponent instance = expandedInstance(o.instance, times);
      icalcomponent_add_component(root, detail::ComponentAccess::release(instance));
    }
  }
  return out.toString();
}

std::string limitRecurrenceSet(ComponentRef calendar, Instant start, Instant end, const TimeContext& ctx) {
  IcalComponent copy = detail::own(icalcomponent_new_clone(detail::raw(calendar)));
  icalcomponent* root = detail::raw(copy.get());
  const icalcomponent_kind kind = detail::objectKindOf(root);
  if (kind == ICAL_NO_COMPONENT) return copy.toString();
  detail::TimeResolver times(root, ctx);
  for (icalcomponent* component : childrenOf(root, kind)) {
    if (firstProperty(component, ICAL_RECURRENCEID_PROPERTY) == nullptr) continue;  // the master stays
    const detail::Override o = detail::overrideOf(component, times);
    const bool keep = detail::overlaps(detail::occurrence(o.shape.rule, o.shape.start, o.shape.end, component), start,
                                       end) ||
                      (o.recurrenceId >= start && o.recurrenceId < end);  // moved out of the range: still news
    if (!keep) {
      icalcomponent_remove_component(root, component);
      icalcomponent_free(component);
    }
  }
  return copy.toString();
}

}  // namespace jadwal::caldav
