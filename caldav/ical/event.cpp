// One event built with libical, and the master event of stored text read back.

#include "caldav/ical/event.h"

#include <libical/ical.h>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"
#include "caldav/ical/zones.h"

namespace jadwal::caldav {

namespace {

using detail::firstProperty;

// A DTSTART/DTEND value: wall-clock time with a TZID in `zone`, or UTC when
// the zone is unknown to libical.
icalproperty* timeProperty(icalproperty* (*make)(icaltimetype), sql::Instant instant, icaltimezone* zone,
                           const std::string& tzid) {
  if (zone == nullptr) return make(detail::utcTimeOf(instant));
  const CivilTime local = civilTimeOf(instant + utcOffsetAt(instant, tzid));
  icalproperty* property = make(detail::wallClockTimeOf(local));
  icalproperty_add_parameter(property, icalparameter_new_tzid(tzid.c_str()));
  return property;
}

icalproperty* attachProperty(const EventAttachment& file) {
  icalattach* attach = icalattach_new_from_url(file.url.c_str());
  icalproperty* property = icalproperty_new_attach(attach);
  icalattach_unref(attach);  // the property holds its own reference
  if (!file.contentType.empty())
    icalproperty_add_parameter(property, icalparameter_new_fmttype(file.contentType.c_str()));
  icalproperty_add_parameter(property, icalparameter_new_filename(file.fileName.c_str()));
  return property;
}

// The zone's VTIMEZONE under the plain Olson name, or nullptr (and no zone)
// when libical does not know it.
icaltimezone* addTimezone(icalcomponent* calendar, const std::string& timezone) {
  auto lock = detail::lockZones();
  icaltimezone* zone = icaltimezone_get_builtin_timezone(timezone.c_str());
  if (zone == nullptr) return nullptr;
  icalcomponent* vtimezone = icalcomponent_new_clone(icaltimezone_get_component(zone));
  // libical names its builtin zones with a vendor prefix; the events refer
  // to the plain Olson name, which every client knows.
  icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
  if (tzid != nullptr) icalproperty_set_tzid(tzid, timezone.c_str());
  icalcomponent_add_component(calendar, vtimezone);
  return zone;
}

}  // namespace

std::string eventCalendar(const EventFields& fields) {
  IcalComponent calendar = detail::own(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* root = detail::raw(calendar.get());
  icalcomponent_add_property(root, icalproperty_new_version("2.0"));
  icalcomponent_add_property(root, icalproperty_new_prodid(fields.productId.c_str()));
  icaltimezone* zone = addTimezone(root, fields.timezone);

  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_component(root, event);
  icalcomponent_add_property(event, icalproperty_new_uid(fields.uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(detail::utcTimeOf(fields.stamp)));
  icalcomponent_add_property(event, timeProperty(icalproperty_new_dtstart, fields.start, zone, fields.timezone));
  if (fields.end) {
    icalcomponent_add_property(event, timeProperty(icalproperty_new_dtend, *fields.end, zone, fields.timezone));
  }
  icalcomponent_add_property(event, icalproperty_new_summary(fields.summary.c_str()));
  if (!fields.location.empty()) icalcomponent_add_property(event, icalproperty_new_location(fields.location.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(fields.description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_status(icalproperty_string_to_status(fields.status.c_str())));
  icalcomponent_add_property(event, icalproperty_new_sequence(fields.sequence));
  icalcomponent_add_property(event, icalproperty_new_url(fields.url.c_str()));
  icalcomponent_add_property(event, icalproperty_new_categories(fields.categories.c_str()));
  if (fields.transparent) icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  for (const EventAttachment& file : fields.attachments) icalcomponent_add_property(event, attachProperty(file));
  for (const auto& [name, value] : fields.xProperties) {
    icalproperty* property = icalproperty_new_x(value.c_str());
    icalproperty_set_x_name(property, name.c_str());
    icalcomponent_add_property(event, property);
  }
  return calendar.toString();
}

std::optional<MasterEvent> readMasterEvent(std::string_view stored, const std::string& defaultTzid) {
  IcalComponent calendar;
  try {
    calendar = parseStored(stored);
  } catch (const IcalError&) {
    return std::nullopt;
  }
  if (!calendar) return std::nullopt;
  icalcomponent* root = detail::raw(calendar.get());
  // The master event: the one without RECURRENCE-ID.
  icalcomponent* event = nullptr;
  bool overridden = false;
  for (icalcomponent* child : detail::childrenOf(root, ICAL_VEVENT_COMPONENT)) {
    if (firstProperty(child, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
      overridden = true;
    } else if (event == nullptr) {
      event = child;
    }
  }
  if (event == nullptr) return std::nullopt;

  TimeContext context;
  context.defaultTzid = defaultTzid;
  detail::TimeResolver resolver(root, context);
  icaltimetype start{};
  if (!resolver.read(firstProperty(event, ICAL_DTSTART_PROPERTY), start)) return std::nullopt;

  MasterEvent master;
  master.start = resolver.toInstant(start);
  icaltimetype end{};
  if (resolver.read(firstProperty(event, ICAL_DTEND_PROPERTY), end)) {
    master.end = resolver.toInstant(end);
  } else if (icalproperty* duration = firstProperty(event, ICAL_DURATION_PROPERTY)) {
    master.end = master.start + icaldurationtype_as_int(icalproperty_get_duration(duration));
  } else if (start.is_date) {
    master.end = master.start + 86400;  // an all-day event without an end lasts its day
  }
  if (icalproperty* location = firstProperty(event, ICAL_LOCATION_PROPERTY)) {
    const char* text = icalproperty_get_location(location);
    master.location = text != nullptr ? text : "";
  }
  if (icalproperty* status = firstProperty(event, ICAL_STATUS_PROPERTY)) {
    const char* text = icalproperty_status_to_string(icalproperty_get_status(status));
    master.status = text != nullptr ? text : "";
  }
  master.description = detail::ref(event).description();
  // An EXDATE alone can hide the one occurrence, an RDATE add another.
  master.recurring = overridden;
  for (const icalproperty_kind kind :
       {ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXRULE_PROPERTY, ICAL_EXDATE_PROPERTY}) {
    if (firstProperty(event, kind) != nullptr) master.recurring = true;
  }
  return master;
}

std::string withEventsCancelled(std::string_view stored) {
  IcalComponent calendar = parseStored(stored);
  icalcomponent* root = detail::raw(calendar.get());
  for (icalcomponent* event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); event != nullptr;
       event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
    icalcomponent_set_status(event, ICAL_STATUS_CANCELLED);
    if (icalproperty* transp = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY)) {
      icalcomponent_remove_property(event, transp);
      icalproperty_free(transp);
    }
    icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  }
  return calendar.toString();
}

}  // namespace jadwal::caldav
