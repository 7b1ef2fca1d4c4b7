#include "workflow/audit_note.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace jadwal::workflow {

namespace {

// The audit actions whose notes the workflow writes (calendar_follower.cpp,
// request_service.cpp); every other action's note is a person's words.
bool writtenByTheWorkflow(std::string_view action) {
  return action == "disposition" || action == "calendar-unlink" || action == "calendar-delete" ||
         action == "calendar-cancel" || action == "calendar-edit";
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
  if (!writtenByTheWorkflow(action) || !stored.starts_with("{")) return std::nullopt;
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

}  // namespace jadwal::workflow
