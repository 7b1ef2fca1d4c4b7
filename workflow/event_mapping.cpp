// The iCalendar text of a request's events, written by the iCalendar library
// (caldav/ical/event.h), and what a CalDAV client may have changed in them.

#include "workflow/event_mapping.h"
#include "base/clock.h"
#include "base/percent.h"
#include "workflow/representative.h"

#include <ctime>

#include "caldav/ical/event.h"
#include "workflow/agenda_fields.h"
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

}  // namespace

std::string leaderRoleText(const std::string& role) {
  if (role == "menghadiri") return "Menghadiri";
  if (role == "sambutan") return "Sambutan";
  if (role == "membuka") return "Membuka acara";
  if (role == "pengarahan") return "Pengarahan";
  if (role == "narasumber") return "Narasumber";
  return role;  // what staff typed
}

namespace {

std::string locationText(const sql::RequestRow& request) {
  if (request.venue.empty()) return request.address;
  if (request.address.empty()) return request.venue;
  return request.venue + ", " + request.address;
}

// One line per label, whatever the value holds: a paragraph typed on the
// public form (other invitees) must not start a line of its own, or it
// could add a "Diwakili oleh:" or "s.d. selesai" that the agenda reads.
void addLine(std::string& text, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  text.append(label).append(": ");
  bool lineBreak = false;
  for (const char c : value) {
    if (c == '\r' || c == '\n') {
      lineBreak = true;
      continue;
    }
    if (lineBreak) text.append("; ");
    lineBreak = false;
    text.push_back(c);
  }
  text.append("\n");
}

// The lines the agenda reads back (workflow/agenda.h: Pakaian, Ket.,
// Diwakili oleh, Narahubung, Publik, and "s.d. selesai" alone on a line) are
// the ones a Thunderbird user types, so an event from a request and one
// entered by hand show the same on every output.
std::string descriptionOf(const sql::RequestRow& request, const std::vector<sql::FileRow>& files, EventKind kind,
                          const WorkflowConfig& config, const std::string& representedLeader) {
  std::string text;
  addLine(text, "Waktu", formatSpan(request.start, request.end, config.timezone, "id"));
  if (!request.end) text.append("s.d. selesai\n");
  addLine(text, "Instansi", request.institution);
  addLine(text, "Narahubung", request.contactPerson);
  addLine(text, "Pakaian", request.dressCode);
  addLine(text, "Ket.", leaderRoleText(request.leaderRole));
  // The representative's own copy says whom they stand in for, not that they are represented.
  if (kind == EventKind::Representative) {
    addLine(text, "Mewakili", representedLeader);
  } else if (isRepresented(request)) {
    addLine(text, "Diwakili oleh", representativeText(request));
  }
  if (request.published) addLine(text, "Publik", *request.published ? "ya" : "tidak");
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

std::string statusOf(EventKind kind) {
  switch (kind) {
    case EventKind::Hold:
      return "TENTATIVE";
    case EventKind::Cancelled:
      return "CANCELLED";
    case EventKind::LeaderEvent:
    case EventKind::Representative:
      break;
  }
  return "CONFIRMED";
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
                          int sequence, const WorkflowConfig& config, const std::string& uidOverride,
                          const std::string& representedLeader) {
  EventText result;
  result.uid = uidOverride.empty() ? eventUid(request.id, kind) : uidOverride;

  caldav::EventFields fields;
  fields.productId = kProductId;
  fields.timezone = config.timezone;
  fields.uid = result.uid;
  // DTSTAMP is the request's last change, so the same request always gives
  // the same text; a row not stored yet has none and takes the clock's time.
  fields.stamp = request.updatedAt > 0   ? request.updatedAt
                 : request.createdAt > 0 ? request.createdAt
                                         : base::systemClock().now();
  fields.start = request.start;
  // An open end still needs a span on a phone and in free-busy: the assumed
  // duration, while the description's "s.d. selesai" line says it is open.
  fields.end = request.end ? request.end : std::optional<sql::Instant>(request.start + config.openEndAssumedSeconds());
  fields.summary = summaryOf(request, kind);
  fields.location = locationText(request);
  fields.description = descriptionOf(request, files, kind, config, representedLeader);
  fields.status = statusOf(kind);
  fields.sequence = sequence;
  fields.url = config.publicUrl + "/staf/permohonan/" + std::to_string(request.id);
  fields.categories = "Permohonan";
  fields.transparent = kind == EventKind::Cancelled;
  for (const sql::FileRow& file : files)
    fields.attachments.push_back({fileUrl(file, config), file.contentType, withoutBidiControls(file.name)});
  fields.xProperties.emplace_back("X-JADWAL-REQUEST", std::to_string(request.id));
  result.ical = caldav::eventCalendar(fields);
  return result;
}

std::optional<EventEdit> readEventEdit(const std::string& ical, const WorkflowConfig& config) {
  const std::optional<caldav::MasterEvent> master = caldav::readMasterEvent(ical, config.timezone);
  if (!master) return std::nullopt;
  EventEdit edit;
  edit.start = master->start;
  edit.end = master->end;
  // The "s.d. selesai" line says the end is open; a DTEND beside it is the
  // assumed duration (eventForRequest), not an end anyone chose.
  if (readDescriptionFields(master->description).openEnd) edit.end.reset();
  edit.location = master->location;
  edit.status = master->status;
  edit.description = master->description;
  edit.recurring = master->recurring;
  return edit;
}

}  // namespace jadwal::workflow
