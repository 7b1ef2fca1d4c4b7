// Builds the iCalendar text of a request's events with libical, so that
// escaping, folding and the VTIMEZONE are libical's, and reads back what a
// CalDAV client may have changed.

#include "workflow/event_mapping.h"
#include "base/percent.h"
#include "workflow/representative.h"

#include <libical/ical.h>

#include <ctime>

#include "caldav/ical.h"
#include "caldav/ical_time.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

constexpr const char* kProductId = "-//Jadwal//Permohonan Kegiatan//ID";

std::string_view uidSuffix(EventKind kind) {
  switch (kind) {
    case EventKind::Hold:
      return "-hold@jadwal";
    case EventKind::Representative:
      return "-wakil@jadwal";
    case EventKind::LeaderEvent:
    case EventKind::Cancelled:
      break;
  }
  return "-agenda@jadwal";
}

std::string_view roleLabel(const std::string& role) {
  if (role == "menghadiri") return "Menghadiri";
  if (role == "sambutan") return "Sambutan";
  if (role == "membuka") return "Membuka acara";
  if (role == "pengarahan") return "Pengarahan";
  return role;
}

std::string locationText(const sql::RequestRow& request) {
  if (request.venue.empty()) return request.address;
  if (request.address.empty()) return request.venue;
  return request.venue + ", " + request.address;
}

void addLine(std::string& text, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  text.append(label).append(": ").append(value).append("\n");
}

std::string descriptionOf(const sql::RequestRow& request, const std::vector<sql::FileRow>& files,
                          const WorkflowConfig& config) {
  std::string text;
  addLine(text, "Waktu", formatSpan(request.start, request.end, config.timezone, "id"));
  addLine(text, "Instansi", request.institution);
  addLine(text, "Narahubung", request.contactPerson);
  addLine(text, "Pakaian", request.dressCode);
  addLine(text, "Peran pimpinan", std::string(roleLabel(request.leaderRole)));
  if (isRepresented(request)) addLine(text, "Diwakili oleh", representativeText(request));
  addLine(text, "Undangan lain", request.otherInvitees);
  addLine(text, "Nomor surat", request.letterNumber);
  addLine(text, "Perihal", request.subject);
  for (const sql::FileRow& file : files) addLine(text, "Surat", fileUrl(file, config));
  if (!text.empty()) text.pop_back();
  return text;
}

std::string summaryOf(const sql::RequestRow& request, EventKind kind) {
  switch (kind) {
    case EventKind::Hold:
      return "[Permohonan] " + request.eventName;
    case EventKind::LeaderEvent:
      return isRepresented(request) ? request.eventName + " (diwakili)" : request.eventName;
    case EventKind::Representative:
    case EventKind::Cancelled:
      break;
  }
  return request.eventName;
}

icalproperty_status statusOf(EventKind kind) {
  switch (kind) {
    case EventKind::Hold:
      return ICAL_STATUS_TENTATIVE;
    case EventKind::Cancelled:
      return ICAL_STATUS_CANCELLED;
    case EventKind::LeaderEvent:
    case EventKind::Representative:
      break;
  }
  return ICAL_STATUS_CONFIRMED;
}

// A DTSTART/DTEND value: wall-clock time with a TZID in `zone`, or UTC when
// the configured zone is unknown to libical.
icalproperty* timeProperty(icalproperty* (*make)(icaltimetype), sql::Instant instant, icaltimezone* zone,
                           const std::string& tzid) {
  if (zone == nullptr) return make(caldav::detail::utcTimeOf(instant));
  const LocalDateTime local = toLocal(instant, tzid);
  icaltimetype t = icaltime_null_time();
  t.year = local.year;
  t.month = local.month;
  t.day = local.day;
  t.hour = local.hour;
  t.minute = local.minute;
  t.second = local.second;
  icalproperty* property = make(t);
  icalproperty_add_parameter(property, icalparameter_new_tzid(tzid.c_str()));
  return property;
}

icalproperty* attachProperty(const sql::FileRow& file, const WorkflowConfig& config) {
  const std::string url = fileUrl(file, config);
  icalattach* attach = icalattach_new_from_url(url.c_str());
  icalproperty* property = icalproperty_new_attach(attach);
  icalattach_unref(attach);  // the property holds its own reference
  if (!file.contentType.empty())
    icalproperty_add_parameter(property, icalparameter_new_fmttype(file.contentType.c_str()));
  icalproperty_add_parameter(property, icalparameter_new_filename(withoutBidiControls(file.name).c_str()));
  return property;
}

}  // namespace

std::string eventUid(std::int64_t requestId, EventKind kind) {
  return "permohonan-" + std::to_string(requestId) + std::string(uidSuffix(kind));
}

std::string fileUrl(const sql::FileRow& file, const WorkflowConfig& config) {
  // A name stored before uploads were cleaned keeps its controls in the
  // database; the link (served under either name) shows it clean.
  return config.publicUrl + "/lampiran/" + std::to_string(file.id) + "/" +
         base::percentEncoded(withoutBidiControls(file.name));
}

EventText eventForRequest(const sql::RequestRow& request, const std::vector<sql::FileRow>& files, EventKind kind,
                          int sequence, const WorkflowConfig& config, const std::string& uidOverride) {
  EventText result;
  result.uid = uidOverride.empty() ? eventUid(request.id, kind) : uidOverride;

  caldav::IcalComponent calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid(kProductId));

  icaltimezone* zone = nullptr;
  {
    auto lock = caldav::detail::lockZones();
    zone = icaltimezone_get_builtin_timezone(config.timezone.c_str());
    if (zone != nullptr) {
      icalcomponent* vtimezone = icalcomponent_new_clone(icaltimezone_get_component(zone));
      // libical names its builtin zones with a vendor prefix; the events
      // refer to the plain Olson name, which every client knows.
      icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
      if (tzid != nullptr) icalproperty_set_tzid(tzid, config.timezone.c_str());
      icalcomponent_add_component(calendar.get(), vtimezone);
    }
  }

  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_component(calendar.get(), event);
  icalcomponent_add_property(event, icalproperty_new_uid(result.uid.c_str()));
  const sql::Instant stamp = request.updatedAt > 0 ? request.updatedAt : static_cast<sql::Instant>(std::time(nullptr));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(caldav::detail::utcTimeOf(stamp)));
  icalcomponent_add_property(event, timeProperty(icalproperty_new_dtstart, request.start, zone, config.timezone));
  if (request.end) {
    icalcomponent_add_property(event, timeProperty(icalproperty_new_dtend, *request.end, zone, config.timezone));
  }
  icalcomponent_add_property(event, icalproperty_new_summary(summaryOf(request, kind).c_str()));
  if (const std::string location = locationText(request); !location.empty()) {
    icalcomponent_add_property(event, icalproperty_new_location(location.c_str()));
  }
  icalcomponent_add_property(event, icalproperty_new_description(descriptionOf(request, files, config).c_str()));
  icalcomponent_add_property(event, icalproperty_new_status(statusOf(kind)));
  icalcomponent_add_property(event, icalproperty_new_sequence(sequence));
  const std::string staffUrl = config.publicUrl + "/staf/permohonan/" + std::to_string(request.id);
  icalcomponent_add_property(event, icalproperty_new_url(staffUrl.c_str()));
  icalcomponent_add_property(event, icalproperty_new_categories("Permohonan"));
  if (kind == EventKind::Cancelled) icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  for (const sql::FileRow& file : files) icalcomponent_add_property(event, attachProperty(file, config));
  icalproperty* number = icalproperty_new_x(std::to_string(request.id).c_str());
  icalproperty_set_x_name(number, "X-JADWAL-REQUEST");
  icalcomponent_add_property(event, number);

  result.ical = calendar.toString();
  return result;
}

std::optional<EventEdit> readEventEdit(const std::string& ical, const WorkflowConfig& config) {
  caldav::IcalComponent calendar;
  try {
    calendar = caldav::parseStored(ical);
  } catch (const caldav::IcalError&) {
    return std::nullopt;
  }
  if (!calendar) return std::nullopt;
  // The master event: the one without RECURRENCE-ID.
  icalcomponent* event = nullptr;
  bool overridden = false;
  for (icalcomponent* child : caldav::detail::childrenOf(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    if (caldav::detail::firstProperty(child, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
      overridden = true;
    } else if (event == nullptr) {
      event = child;
    }
  }
  if (event == nullptr) return std::nullopt;

  caldav::TimeContext context;
  context.defaultTzid = config.timezone;
  caldav::detail::TimeResolver resolver(calendar.get(), context);
  icaltimetype start{};
  if (!resolver.read(caldav::detail::firstProperty(event, ICAL_DTSTART_PROPERTY), start)) return std::nullopt;

  EventEdit edit;
  edit.start = resolver.toInstant(start);
  icaltimetype end{};
  if (resolver.read(caldav::detail::firstProperty(event, ICAL_DTEND_PROPERTY), end)) {
    edit.end = resolver.toInstant(end);
  } else if (icalproperty* duration = caldav::detail::firstProperty(event, ICAL_DURATION_PROPERTY)) {
    edit.end = edit.start + icaldurationtype_as_int(icalproperty_get_duration(duration));
  } else if (start.is_date) {
    edit.end = edit.start + 86400;  // an all-day event without an end lasts its day
  }
  if (icalproperty* location = caldav::detail::firstProperty(event, ICAL_LOCATION_PROPERTY)) {
    const char* text = icalproperty_get_location(location);
    edit.location = text != nullptr ? text : "";
  }
  if (icalproperty* status = caldav::detail::firstProperty(event, ICAL_STATUS_PROPERTY)) {
    const char* text = icalproperty_status_to_string(icalproperty_get_status(status));
    edit.status = text != nullptr ? text : "";
  }
  // An EXDATE alone can hide the one occurrence, an RDATE add another.
  edit.recurring = overridden;
  for (const icalproperty_kind kind :
       {ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXRULE_PROPERTY, ICAL_EXDATE_PROPERTY}) {
    if (caldav::detail::firstProperty(event, kind) != nullptr) edit.recurring = true;
  }
  return edit;
}

}  // namespace jadwal::workflow
