#pragma once
// What the workflow itself writes into the audit trail (a calendar edit
// followed, a disposition given) is stored as a code and its values, not as
// a sentence: the reader's language is chosen when the entry is shown
// (web/audit_text.h). The note column then holds JSON:
//   {"code":"calendar_deleted","calendar":"Agenda Bupati"}
// Notes a person typed (a decision's reason, a withdrawal's) are stored as
// typed. Entries written before codes were stored hold an Indonesian
// sentence, and are shown as they are.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jadwal::workflow {

struct AuditNote {
  std::string code;                           // what happened, e.g. "calendar_deleted"
  std::map<std::string, std::string> values;  // its details by name; instants as decimal seconds
};

// The JSON text stored for `note`.
std::string encodeAuditNote(const AuditNote& note);

// The code and values stored in an entry with audit action `action`, or
// nullopt when the entry holds words: a person's note, or an older entry.
// Only the actions the workflow writes itself are read as codes, so a note
// a requester typed is never taken for one.
std::optional<AuditNote> decodeAuditNote(std::string_view action, std::string_view stored);

// An entry the workflow wrote in words before it stored codes ("Acara
// kalender: ditulis bupati/agenda/x.ics; dihapus y.ics"), read back as the
// code it would store now, so that it too is shown in the reader's words;
// nullopt for anything else. Parts that are not a step (a failure's own
// words) become its "errors".
std::optional<AuditNote> decodeOlderCalendarNote(std::string_view action, std::string_view stored);

// The note of new agenda details of a request (dress code, role, contact,
// published), set on the staff page or followed from a calendar client.
std::string agendaDetailsNote(const std::string& dressCode, const std::string& leaderRole,
                              const std::string& contactPerson, std::optional<bool> published);

// A list in a value (the steps of a calendar write): one item a line.
std::string joinedSteps(const std::vector<std::string>& steps);
std::vector<std::string> splitSteps(const std::string& value);

// A leader who deletes or cancels their event in a calendar app cannot
// attend: the follower gives that disposition with one of these notes,
// stored as a code too, since the staff page shows dispositions' notes.
inline constexpr std::string_view kEventDeletedInCalendar = "event_deleted_in_calendar";
inline constexpr std::string_view kEventCancelledInCalendar = "event_cancelled_in_calendar";
std::string dispositionNoteOfEdit(bool deleted);

// The code of a disposition note the follower wrote, or nullopt for a note
// a leader or aide typed. Only those two codes, without values, are read:
// a typed note that is exactly one of them says the same in words.
std::optional<AuditNote> decodeDispositionNote(std::string_view stored);

}  // namespace jadwal::workflow
