#include "workflow/audit_note.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

namespace jadwal::workflow {

namespace {

// The audit actions whose notes the workflow writes (calendar_follower.cpp,
// calendar_repair.cpp, request_calendar.cpp, request_service.cpp,
// conflict_guard.cpp); every
// other action's note is a person's words.
bool writtenByTheWorkflow(std::string_view action) {
  return action == "disposition" || action == "calendar-unlink" || action == "calendar-delete" ||
         action == "calendar-cancel" || action == "calendar-edit" || action == "calendar-restore" ||
         action == "calendar-write" || action == "calendar-error" || action == "calendar-repair" ||
         action == "edit-details" || action == "conflicts-confirmed";
}

std::optional<AuditNote> parsed(std::string_view stored) {
  if (!stored.starts_with("{")) return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(std::string(stored)).extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has("code")) return std::nullopt;
    AuditNote note;
    for (const auto& [name, value] : *object) {
      if (!value.isString()) return std::nullopt;
      if (name == "code")
        note.code = value.toString();
      else
        note.values.emplace(name, value.toString());
    }
    return note;
  } catch (const Poco::Exception&) {
    return std::nullopt;  // words that happen to start with a brace
  }
}

}  // namespace

std::string encodeAuditNote(const AuditNote& note) {
  Poco::JSON::Object object;
  object.set("code", note.code);
  for (const auto& [name, value] : note.values) object.set(name, value);
  std::ostringstream text;
  object.stringify(text);
  return text.str();
}

std::optional<AuditNote> decodeAuditNote(std::string_view action, std::string_view stored) {
  // A return that asked for corrections, and the resubmission that made
  // them, hold the typed note inside their code (request_corrections.h).
  if (action == "return" || action == "resubmit") {
    auto note = parsed(stored);
    if (note && note->code == (action == "return" ? "correction_asked" : "corrected") && note->values.count("note"))
      return note;
    return std::nullopt;
  }
  if (!writtenByTheWorkflow(action)) return std::nullopt;
  return parsed(stored);
}

std::optional<AuditNote> decodeOlderCalendarNote(std::string_view action, std::string_view stored) {
  if (action != "calendar-write" && action != "calendar-error" && action != "calendar-repair") return std::nullopt;
  static const std::pair<std::string_view, std::string_view> kOpenings[] = {
      {"Acara kalender: ", "calendar_synced"},
      {"Acara kalender diselaraskan kembali dengan permohonan: ", "calendar_repaired"},
      {"Perubahan acara di aplikasi kalender belum sempat diproses dan tidak diikuti; acara dipasang kembali sesuai "
       "permohonan: ",
       "calendar_change_unfollowed"}};
  static const std::pair<std::string_view, std::string_view> kSteps[] = {
      {"ditulis ", "written "},
      {"dibatalkan ", "cancelled "},
      {"dihapus ", "deleted "},
      {"dinamai ulang tanpa kode pelacakan: ", "renamed "}};
  for (const auto& [opening, code] : kOpenings) {
    if (!stored.starts_with(opening)) continue;
    std::vector<std::string> steps, errors;
    std::string_view rest = stored.substr(opening.size());
    while (!rest.empty()) {
      const auto end = std::min(rest.find("; "), rest.size());
      const std::string_view part = rest.substr(0, end);
      rest = end < rest.size() ? rest.substr(end + 2) : std::string_view();
      bool step = false;
      for (const auto& [words, verb] : kSteps) {
        if (!part.starts_with(words)) continue;
        steps.push_back(std::string(verb) + std::string(part.substr(words.size())));
        step = true;
        break;
      }
      if (!step) errors.emplace_back(part);
    }
    AuditNote note{std::string(code), {}};
    if (!steps.empty()) note.values["steps"] = joinedSteps(steps);
    if (!errors.empty()) note.values["errors"] = joinedSteps(errors);
    return note;
  }
  return std::nullopt;
}

std::string agendaDetailsNote(const std::string& dressCode, const std::string& leaderRole,
                              const std::string& contactPerson, std::optional<bool> published) {
  return encodeAuditNote({"agenda_details",
                          {{"dress", dressCode},
                           {"role", leaderRole},
                           {"contact", contactPerson},
                           {"published", !published   ? ""
                                         : *published ? "1"
                                                      : "0"}}});
}

std::string joinedSteps(const std::vector<std::string>& steps) {
  std::string text;
  for (const auto& step : steps) text += (text.empty() ? "" : "\n") + step;
  return text;
}

std::vector<std::string> splitSteps(const std::string& value) {
  std::vector<std::string> steps;
  for (std::size_t at = 0; at < value.size();) {
    const auto end = std::min(value.find('\n', at), value.size());
    steps.push_back(value.substr(at, end - at));
    at = end + 1;
  }
  return steps;
}

std::string dispositionNoteOfEdit(bool deleted) {
  return encodeAuditNote({std::string(deleted ? kEventDeletedInCalendar : kEventCancelledInCalendar), {}});
}

std::optional<AuditNote> decodeDispositionNote(std::string_view stored) {
  auto note = parsed(stored);
  // Only the exact notes the follower writes: anything else was typed.
  if (!note || !note->values.empty() ||
      (note->code != kEventDeletedInCalendar && note->code != kEventCancelledInCalendar))
    return std::nullopt;
  return note;
}

}  // namespace jadwal::workflow
