#include "web/audit_text.h"

#include <charconv>
#include <optional>

#include "web/web.h"
#include "workflow/audit_note.h"
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

// `message` with each {name} replaced by `values`' value, in one pass, so a
// value that holds braces is never read as a placeholder.
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

std::string choiceLabel(const std::string& language, const std::string& choice) {
  const std::string id = "staf_choice_" + choice;
  const std::string label = tr(language, id);
  return label == id ? choice : label;
}

}  // namespace

std::string auditNoteText(const std::string& language, const sql::AuditRow& entry, const std::string& timezone) {
  const auto note = workflow::decodeAuditNote(entry.action, entry.note);
  if (!note) return entry.note;
  const std::string id = "audit." + note->code;
  const std::string message = tr(language, id);
  if (message == id) return entry.note;  // a code this version does not know: the stored text says more than nothing
  std::map<std::string, std::string> values = note->values;
  if (note->code == "moved_in_calendar") {
    const auto start = instantOf(valueOf(*note, "start"));
    if (!start) return entry.note;
    std::string when = workflow::formatSpan(*start, instantOf(valueOf(*note, "end")), timezone, language);
    if (const std::string venue = valueOf(*note, "venue"); !venue.empty()) when += ", " + venue;
    values["when"] = when;
  }
  if (note->code == "disposition") {
    values["choice"] = choiceLabel(language, valueOf(*note, "choice"));
    std::string text = filled(message, values);
    if (const std::string by = valueOf(*note, "representative"); !by.empty()) text += " (" + by + ")";
    if (const std::string typed = valueOf(*note, "note"); !typed.empty()) text += " - " + typed;
    return text;
  }
  return filled(message, values);
}

}  // namespace jadwal::web
