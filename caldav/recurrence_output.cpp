// calendar-data transformations of reports (RFC 4791 sections 9.6.5 and
// 9.6.6): a recurrence set expanded into its instances, or limited to the
// overrides that matter in a range. Built on the recurrence engine of
// recurrence.cpp.

#include <libical/ical.h>

#include "caldav/ical.h"
#include "caldav/ical_instances.h"
#include "caldav/ical_time.h"

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
  IcalComponent copy(icalcomponent_new_clone(instance.source));
  icalcomponent* c = copy.get();
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

std::string expandCalendarData(icalcomponent* vcalendar, Instant start, Instant end, const TimeContext& ctx) {
  IcalComponent out(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(out.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(out.get(), icalproperty_new_prodid(productIdOf(vcalendar).c_str()));
  const icalcomponent_kind kind = detail::objectKindOf(vcalendar);
  if (kind != ICAL_NO_COMPONENT) {
    detail::TimeResolver times(vcalendar, ctx);
    for (const detail::Occurrence& o : detail::occurrencesOverlapping(vcalendar, kind, start, end, ctx)) {
      icalcomponent_add_component(out.get(), expandedInstance(o.instance, times).release());
    }
  }
  return out.toString();
}

std::string limitRecurrenceSet(icalcomponent* vcalendar, Instant start, Instant end, const TimeContext& ctx) {
  IcalComponent copy(icalcomponent_new_clone(vcalendar));
  const icalcomponent_kind kind = detail::objectKindOf(copy.get());
  if (kind == ICAL_NO_COMPONENT) return copy.toString();
  detail::TimeResolver times(copy.get(), ctx);
  for (icalcomponent* component : childrenOf(copy.get(), kind)) {
    if (firstProperty(component, ICAL_RECURRENCEID_PROPERTY) == nullptr) continue;  // the master stays
    const detail::Override o = detail::overrideOf(component, times);
    const bool keep = detail::overlaps(detail::occurrence(o.shape.rule, o.shape.start, o.shape.end, component), start,
                                       end) ||
                      (o.recurrenceId >= start && o.recurrenceId < end);  // moved out of the range: still news
    if (!keep) {
      icalcomponent_remove_component(copy.get(), component);
      icalcomponent_free(component);
    }
  }
  return copy.toString();
}

}  // namespace jadwal::caldav
