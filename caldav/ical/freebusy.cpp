// Free-busy time (RFC 4791 section 7.10): busy periods of a calendar object
// and the VFREEBUSY answer built from them.

#include <libical/ical.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/instances.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {
namespace {

using detail::firstProperty;
using detail::propertiesOf;

bool propertyIs(icalcomponent* component, icalproperty_kind kind, const char* value) {
  icalproperty* p = firstProperty(component, kind);
  const char* text = p != nullptr ? icalproperty_get_value_as_string(p) : nullptr;
  return text != nullptr && strcasecmp(text, value) == 0;
}

// FBTYPE of a FREEBUSY property: BUSY when absent, and for any value this
// server does not know (RFC 5545 section 3.2.9). Empty for FREE.
std::string busyTypeOf(icalproperty* freebusy) {
  icalparameter* fbtype = icalproperty_get_first_parameter(freebusy, ICAL_FBTYPE_PARAMETER);
  if (fbtype == nullptr) return "BUSY";
  switch (icalparameter_get_fbtype(fbtype)) {
    case ICAL_FBTYPE_FREE:
      return "";
    case ICAL_FBTYPE_BUSYTENTATIVE:
      return "BUSY-TENTATIVE";
    case ICAL_FBTYPE_BUSYUNAVAILABLE:
      return "BUSY-UNAVAILABLE";
    default:
      return "BUSY";
  }
}

void addClipped(std::vector<BusyPeriod>& out, Instant start, Instant end, Instant from, Instant to, std::string type) {
  start = std::max(start, from);
  end = std::min(end, to);
  if (start < end) out.push_back(BusyPeriod{start, end, std::move(type)});
}

void addFreeBusyComponent(icalcomponent* freebusy, detail::TimeResolver& times, Instant from, Instant to,
                          std::vector<BusyPeriod>& out) {
  for (icalproperty* p : propertiesOf(freebusy, ICAL_FREEBUSY_PROPERTY)) {
    std::string type = busyTypeOf(p);
    if (type.empty()) continue;
    icalperiodtype period = icalproperty_get_freebusy(p);
    if (icaltime_is_null_time(period.start)) continue;
    const Instant start = times.toInstant(period.start);
    const Instant end = icaltime_is_null_time(period.end) ? start + icaldurationtype_as_int(period.duration)
                                                          : times.toInstant(period.end);
    addClipped(out, start, end, from, to, std::move(type));
  }
}

}  // namespace

std::vector<BusyPeriod> busyPeriods(ComponentRef calendar, Instant start, Instant end, const TimeContext& ctx) {
  icalcomponent* vcalendar = detail::raw(calendar);
  std::vector<BusyPeriod> periods;
  if (vcalendar == nullptr) return periods;
  for (const detail::Occurrence& o :
       detail::occurrencesOverlapping(vcalendar, ICAL_VEVENT_COMPONENT, start, end, ctx)) {
    icalcomponent* event = detail::raw(o.instance.source);
    if (propertyIs(event, ICAL_TRANSP_PROPERTY, "TRANSPARENT")) continue;
    icalproperty* status = firstProperty(event, ICAL_STATUS_PROPERTY);
    icalproperty_status value = status != nullptr ? icalproperty_get_status(status) : ICAL_STATUS_NONE;
    if (value == ICAL_STATUS_CANCELLED) continue;
    addClipped(periods, o.instance.start, o.instance.end, start, end,
               value == ICAL_STATUS_TENTATIVE ? "BUSY-TENTATIVE" : "BUSY");
  }
  detail::TimeResolver times(vcalendar, ctx);
  for (icalcomponent* freebusy : detail::childrenOf(vcalendar, ICAL_VFREEBUSY_COMPONENT)) {
    addFreeBusyComponent(freebusy, times, start, end, periods);
  }
  return periods;
}

std::string freeBusyCalendar(const std::vector<BusyPeriod>& periods, Instant start, Instant end, Instant stamp,
                             bool incomplete) {
  std::vector<BusyPeriod> sorted = periods;
  std::sort(sorted.begin(), sorted.end(), [](const BusyPeriod& a, const BusyPeriod& b) {
    return a.type != b.type ? a.type < b.type : a.start < b.start;
  });
  std::vector<BusyPeriod> merged;
  for (const BusyPeriod& p : sorted) {
    if (p.start >= p.end) continue;
    if (!merged.empty() && merged.back().type == p.type && p.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, p.end);
    } else {
      merged.push_back(p);
    }
  }
  std::stable_sort(merged.begin(), merged.end(),
                   [](const BusyPeriod& a, const BusyPeriod& b) { return a.start < b.start; });

  IcalComponent calendar = detail::own(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* root = detail::raw(calendar.get());
  icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  icalcomponent_add_property(root, icalproperty_new_prodid("-//Jadwal//CalDAV Server//ID"));
  icalcomponent* freebusy = icalcomponent_new(ICAL_VFREEBUSY_COMPONENT);
  icalcomponent_add_component(root, freebusy);
  icalcomponent_add_property(freebusy, icalproperty_new_dtstamp(detail::utcTimeOf(stamp)));
  icalcomponent_add_property(freebusy, icalproperty_new_dtstart(detail::utcTimeOf(start)));
  icalcomponent_add_property(freebusy, icalproperty_new_dtend(detail::utcTimeOf(end)));
  if (incomplete) {
    icalcomponent_add_property(
        freebusy, icalproperty_new_comment("Incomplete: an event repeats more often than the server expands; some busy "
                                           "time may be missing"));
  }
  for (const BusyPeriod& p : merged) {
    icalperiodtype period = icalperiodtype_null_period();
    period.start = detail::utcTimeOf(p.start);
    period.end = detail::utcTimeOf(p.end);
    icalproperty* property = icalproperty_new_freebusy(period);
    icalproperty_add_parameter(property,
                               icalparameter_new_fbtype(p.type == "BUSY-TENTATIVE"     ? ICAL_FBTYPE_BUSYTENTATIVE
                                                        : p.type == "BUSY-UNAVAILABLE" ? ICAL_FBTYPE_BUSYUNAVAILABLE
                                                                                       : ICAL_FBTYPE_BUSY));
    icalcomponent_add_property(freebusy, property);
  }
  return calendar.toString();
}

}  // namespace jadwal::caldav
