#include "web/audit_text.h"

#include <charconv>
#include <optional>
#include <vector>

#include "web/web.h"
#include "workflow/audit_note.h"
#include "workflow/conflict_guard.h"
#include "workflow/request_corrections.h"
#include "workflow/request_form_fields.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

std::string valueOf(const workflow::AuditNote& note, const std::string& name) {
  auto found = note.values.find(name);
  return found == note.values.end() ? std::string() : found->second;
}

std::optional<sql::Instant> instantOf(const std::string& text) {
  sql::Instant value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string filled(const std::string& message, const std::map<std::string, std::string>& values) {
  std::string out;
  for (std::size_t at = 0; at < message.size();) {
    const auto open = message.find('{', at);
    const auto close = open == std::string::npos ? std::string::npos : message.find('}', open);
    if (close == std::string::npos) {
      out += message.substr(at);
      break;
    }
    out += message.substr(at, open - at);
    auto value = values.find(message.substr(open + 1, close - open - 1));
    out += value == values.end() ? message.substr(open, close - open + 1) : value->second;
    at = close + 1;
  }
  return out;
}

namespace {

std::string choiceLabel(const std::string& language, const std::string& choice) {
  const std::string id = "staf_choice_" + choice;
  const std::string label = tr(language, id);
  return label == id ? choice : label;
}

// The message `id` filled with `values`, or nullopt when the catalogue does
// not know it (a code of a later version).
std::optional<std::string> worded(const std::string& language, const std::string& id,
                                  const std::map<std::string, std::string>& values = {}) {
  const std::string message = tr(language, id);
  if (message == id) return std::nullopt;
  return filled(message, values);
}

// A new time (and place) a note holds as instants, in the reader's words and zone.
std::optional<std::string> whenOf(const workflow::AuditNote& note, const std::string& language,
                                  const std::string& timezone) {
  const auto start = instantOf(valueOf(note, "start"));
  if (!start) return std::nullopt;
  std::string when = workflow::formatSpan(*start, instantOf(valueOf(note, "end")), timezone, language);
  if (const std::string venue = valueOf(note, "venue"); !venue.empty()) when += ", " + venue;
  return when;
}

// "agenda Bupati" for "bupati/agenda/x.ics"; the hold calendar by its
// role; a bare object name (older deletions) as "a calendar".
std::string calendarWords(const std::string& language, const std::string& path, const CalendarNaming& calendars) {
  const auto first = path.find('/');
  const auto second = first == std::string::npos ? std::string::npos : path.find('/', first + 1);
  if (second == std::string::npos) return tr(language, "audit.calendar.unnamed");
  const std::string owner = path.substr(0, first);
  if (!calendars.holdCalendar.empty() && path.substr(0, second) == calendars.holdCalendar)
    return tr(language, "audit.calendar.hold");
  std::string name = calendars.displayName ? calendars.displayName(owner) : std::string();
  if (name.empty()) name = owner;
  return filled(tr(language, "audit.calendar.agenda"), {{"name", name}});
}

// The first letter of a later sentence in a list, lowered ("; acara ...").
std::string continued(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// The steps of a calendar write ("written owner/agenda/x.ics" ...) in words
// that name the calendar, never the file; a step this version does not know
// is shown as stored.
std::string stepsText(const std::string& language, const workflow::AuditNote& note, const CalendarNaming& calendars) {
  std::vector<std::string> lines;
  for (const auto& step : workflow::splitSteps(valueOf(note, "steps"))) {
    const auto space = step.find(' ');
    const auto text = space == std::string::npos
                          ? std::nullopt
                          : worded(language, "audit.step." + step.substr(0, space),
                                   {{"calendar", calendarWords(language, step.substr(space + 1), calendars)}});
    lines.push_back(text ? *text : step);
  }
  // Failures are the calendar store's own words, kept as they are.
  for (const auto& error : workflow::splitSteps(valueOf(note, "errors"))) lines.push_back(error);
  std::string text;
  for (const auto& line : lines) text += text.empty() ? line : "; " + continued(line);
  return text;
}

// Why an edit made in a calendar app was put back.
std::optional<std::string> reasonText(const std::string& language, const workflow::AuditNote& note) {
  const std::string reason = valueOf(note, "reason");
  if (reason != "refused") return worded(language, "audit.reason." + reason);
  const std::map<std::string, std::string> sizes = {{"limit", valueOf(note, "venue_limit")},
                                                    {"length", valueOf(note, "venue_length")}};
  std::string text;
  for (const auto& code : workflow::splitSteps(valueOf(note, "refused"))) {
    const auto part = worded(language, "audit.refused." + code, sizes);
    text += (text.empty() ? "" : "; ") + (part ? *part : code);  // a field the checks named as it is
  }
  return text;
}

// An edit made in a calendar app and put back: what was tried and why not.
std::optional<std::string> restoredText(const std::string& language, const workflow::AuditNote& note,
                                        const std::string& timezone) {
  const std::string attempt = valueOf(note, "attempt");
  std::map<std::string, std::string> values;
  if (attempt == "moved") {
    const auto when = whenOf(note, language, timezone);
    if (!when) return std::nullopt;
    values["when"] = *when;
  }
  const auto tried = worded(language, "audit.attempt." + attempt, values);
  const auto reason = reasonText(language, note);
  if (!tried || !reason) return std::nullopt;
  const bool notAttending = !valueOf(note, "disposition").empty();
  return worded(language, notAttending ? "audit.calendar_restored_not_attending" : "audit.calendar_restored",
                {{"attempt", *tried}, {"reason", *reason}});
}

std::string fieldLabel(const std::string& language, const std::string& field) {
  const std::string id = workflow::formLabelId(field);
  const std::string label = tr(language, id);
  return label == id ? field : label;
}

// A return that asked for fields, or the resubmission that corrected them:
// the typed note first, then the fields (old -> new) by their form labels.
std::string correctionText(const std::string& language, const workflow::AuditNote& note, const std::string&) {
  std::string list;
  if (note.code == "correction_asked") {
    for (const auto& field : workflow::splitSteps(valueOf(note, "fields")))
      list += (list.empty() ? "" : ", ") + fieldLabel(language, field);
  } else {
    for (const auto& change : workflow::changesOf(note)) {
      auto shown = [&](const std::string& value) { return value.empty() ? tr(language, "audit.empty_value") : value; };
      list += (list.empty() ? "" : "; ") +
              filled(tr(language, "audit.change"), {{"field", fieldLabel(language, change.field)},
                                                    {"old", shown(change.before)},
                                                    {"new", shown(change.after)}});
    }
  }
  const std::string done = filled(tr(language, "audit." + note.code), {{"fields", list}, {"changes", list}});
  const std::string typed = valueOf(note, "note");
  return typed.empty() ? done : typed + " \u2014 " + done;
}

// The events a double booking was confirmed over: "Rapat (Bupati, Rabu, 22
// November 2023, 09.00–11.00 WIB)", an open end written as "s.d. selesai".
std::string overlapsText(const std::string& language, const std::string& value, const std::string& timezone,
                         bool named) {
  const auto events = workflow::overlapsOfValue(value);
  if (!named) return filled(tr(language, "audit.conflicts_unnamed"), {{"count", std::to_string(events.size())}});
  std::string text;
  for (const auto& event : events) {
    const auto end = event.openEnd ? std::nullopt : std::optional<sql::Instant>(event.end);
    text += (text.empty() ? "" : "; ") + event.summary + " (" + event.leader + ", " +
            workflow::formatSpan(event.start, end, timezone, language) + ")";
  }
  return text;
}

}  // namespace

std::string dispositionNoteText(const std::string& language, const std::string& note) {
  const auto coded = workflow::decodeDispositionNote(note);
  if (!coded) return note;
  return worded(language, "audit." + coded->code).value_or(note);
}

std::string overlapsLeaderOf(const sql::AuditRow& entry) {
  const auto note = workflow::decodeAuditNote(entry.action, entry.note);
  if (!note) return {};
  if (note->code == "conflicts_confirmed") return valueOf(*note, "leader");
  if (note->code == "disposition" && !valueOf(*note, "conflicts").empty()) return valueOf(*note, "leader");
  return {};
}

std::string auditNoteText(const std::string& language, const sql::AuditRow& entry, const std::string& timezone,
                          const CalendarNaming& calendars, bool namesOverlaps) {
  auto note = workflow::decodeAuditNote(entry.action, entry.note);
  if (!note) note = workflow::decodeOlderCalendarNote(entry.action, entry.note);
  if (!note) return entry.note;
  const std::string id = "audit." + note->code;
  const std::string message = tr(language, id);
  if (message == id) return entry.note;  // a code this version does not know: the stored text says more than nothing
  std::map<std::string, std::string> values = note->values;
  if (note->code == "moved_in_calendar") {
    const auto when = whenOf(*note, language, timezone);
    if (!when) return entry.note;
    values["when"] = *when;
  }
  if (note->code == "calendar_restored") return restoredText(language, *note, timezone).value_or(entry.note);
  if (note->code == "calendar_synced" || note->code == "calendar_repaired" ||
      note->code == "calendar_change_unfollowed")
    values["steps"] = stepsText(language, *note, calendars);
  if (note->code == "calendar_synced" && valueOf(*note, "steps").empty())
    return filled(tr(language, "audit.calendar_failed"), values);
  if (note->code == "correction_asked" || note->code == "corrected") return correctionText(language, *note, timezone);
  if (note->code == "disposition") {
    values["choice"] = choiceLabel(language, valueOf(*note, "choice"));
    std::string text = filled(message, values);
    if (const std::string by = valueOf(*note, "representative"); !by.empty()) text += " (" + by + ")";
    if (const std::string typed = valueOf(*note, "note"); !typed.empty())
      text += " - " + dispositionNoteText(language, typed);
    if (const std::string overlaps = valueOf(*note, "conflicts"); !overlaps.empty())
      text += "; " + worded(language, "audit.conflicts_confirmed_disposition",
                            {{"events", overlapsText(language, overlaps, timezone, namesOverlaps)}})
                         .value_or(overlaps);
    return text;
  }
  if (note->code == "conflicts_confirmed")
    values["events"] = overlapsText(language, valueOf(*note, "events"), timezone, namesOverlaps);
  return filled(message, values);
}

}  // namespace jadwal::web
