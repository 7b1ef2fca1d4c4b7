#pragma once
// The request workflow: submission, decisions, and the calendar events that
// follow them. Every change is one compare-and-set update of the request
// with its audit row; calendar events are written through the same
// CalendarService as CalDAV, so ETags, ctag and sync tokens move and phones
// pick the change up. The service also observes the calendars: when staff
// move or delete a request's event in a CalDAV client, the request follows;
// anyone else's edit is recorded and put back (calendar_follower.h).

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "sql/request_store.h"
#include "workflow/calendar_repair.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_state.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

// Field name -> message id. Ids are stable English keys that the web layer
// translates, e.g. "required", "invalid_date", "date_in_past",
// "end_before_start", "invalid_time", "invalid_email", "invalid_phone",
// "unknown_leader", "file_required", "file_type_pdf", "file_type_document",
// "file_too_large", "too_many_files", "too_long", "invalid_choice",
// "too_many_revisions", "revisions_too_fast", "file_not_kept".
using FieldErrors = std::map<std::string, std::string>;

// What the public form sends, as typed. Field names (the HTML names too):
// nama, jabatan, instansi, whatsapp, email, nomor_surat, tanggal_surat,
// perihal, jenis_surat, nama_kegiatan, tanggal, jam_mulai, jam_selesai,
// sampai_selesai, tempat, alamat, pakaian, peran, undangan_lain,
// narahubung, pimpinan (several), boleh_diwakilkan; files: surat, pendukung.
struct RequestForm {
  std::string requesterName, requesterPosition, institution, whatsapp, email;
  std::string letterNumber, letterDate, subject, letterType;
  std::string eventName, date /* YYYY-MM-DD */, startTime /* HH:MM */, endTime /* HH:MM or "" */;
  bool untilDone = false;  // "s.d. selesai"
  std::string venue, address, dressCode, leaderRole, otherInvitees, contactPerson;
  std::vector<std::string> leaders;  // user names
  bool representativeAccepted = false;
  std::string language = "id";
  // The one-time token of the form page the requester filled (hidden field
  // "token_kirim"): a second submission with it (a double tap) answers the
  // first one's request instead of making another. Empty: no such check.
  std::string formToken;
};

struct UploadedFile {
  std::string field;  // "surat" or "pendukung"
  std::string fileName;
  std::string bytes;
};

// A file already checked and stored as a blob, kept across a re-shown form
// so the requester need not upload it again.
struct KeptFile {
  std::string field;
  std::string name;
  std::string contentType;
  std::string sha256;
};

// Another confirmed event a decision would overlap, named to the one who
// decides so that a double booking is a choice, never an accident.
struct ConflictingEvent {
  std::string leader;  // user name of the leader whose agenda holds it
  std::string summary;
  sql::Instant start = 0;
  sql::Instant end = 0;
  bool openEnd = false;  // "s.d. selesai": `end` is the assumed one (workflow.open_end_assumed_minutes)
  std::string etag;      // of its calendar object: a confirmation holds for the events it saw
};

struct Outcome {
  // NeedsConfirmation: nothing changed; the decision overlaps `conflicts`
  // and is taken only when sent again with the conflicts confirmed.
  enum class Status { Ok, Invalid, NotFound, NotAllowed, Conflict, Forbidden, NeedsConfirmation };
  Status status = Status::Ok;
  FieldErrors errors;  // Invalid: by field
  std::string
      message;  // NotAllowed/Conflict/Forbidden: a message id, e.g. "transition_not_allowed", "changed_meanwhile"
  sql::RequestRow request;
  std::vector<KeptFile> keptFiles;          // Invalid submissions: files that passed, to carry into the re-shown form
  std::vector<ConflictingEvent> conflicts;  // NeedsConfirmation: what the decision would overlap
  bool repeated = false;                    // submit: the form token was used before; `request` is that one's
  bool ok() const { return status == Status::Ok; }
};

struct Decision {
  Action action = Action::Verify;
  std::string note;    // required for Return, Reject, Cancel
  std::string leader;  // Approve/Represent: which asked leader (user name); default the first asked
  // Approve/Reschedule: adjusted time or venue (empty: unchanged).
  std::string date, startTime, endTime, venue;
  bool untilDone = false;
  // Represent: a user (name) or a person named with position.
  std::string representativeUser, representativeName, representativePosition;
  // Approve/Reschedule: the one deciding has seen the overlapping events
  // and takes the decision anyway (the audit records it).
  bool conflictsConfirmed = false;
  // Return: the form fields (RequestForm's names) the requester is asked to correct.
  std::vector<std::string> fieldsToCorrect;
  // Approve/Represent on a request not yet verified: the decision verifies
  // it in the same step (one decision at the desk, not two), and the audit
  // records the approval from "diajukan".
  bool verifyFirst = false;
};

// A returned request's corrections: form field name -> the new value, for
// the fields staff asked about.
using FieldCorrections = std::map<std::string, std::string>;

// What the published agenda shows of a request beyond its time and place,
// as staff set it on the request page (the form's field names: pakaian,
// peran, narahubung, publik). The leader's role may be one of the form's
// choices or any text ("Narasumber dialog publik").
struct AgendaDetails {
  std::string dressCode, leaderRole, contactPerson;
  std::optional<bool> published;  // unset: as the leader's calendar does by default
};

// Who acts. Leaders and aides may see and give dispositions on the requests
// addressed to them (an aide for the leaders assigned to them); staff
// (protokol) and admins see everything and decide.
struct Actor {
  caldav::Principal user;
  bool isStaff() const;
};

class RequestService {
 public:
  RequestService(sql::Store& store, caldav::CalendarService& calendars, Mailer& mailer, const Clock& clock,
                 WorkflowConfig config);
  ~RequestService();

  // The public form. Validates everything (files by content), stores the
  // request with a new tracking code, writes the TENTATIVE hold, audits
  // "submit", mails the receipt. `kept` are files from an earlier attempt.
  Outcome submit(const RequestForm& form, const std::vector<UploadedFile>& files,
                 const std::vector<KeptFile>& kept = {});

  // The requester, by tracking code. Whoever holds the code may act; when
  // a logged-in user does (`by`), the history names that user, not "the
  // requester": the code cannot tell who typed it, a login can.
  Outcome withdraw(const std::string& code, const std::string& note,
                   const std::optional<caldav::Principal>& by = std::nullopt);
  Outcome resubmit(const std::string& code, const UploadedFile& revisedLetter, const std::string& note,
                   const std::optional<caldav::Principal>& by = std::nullopt, const FieldCorrections& corrections = {});

  // Staff decisions, checked against the state machine and the version the
  // staff member saw (Conflict when someone else decided meanwhile).
  Outcome decide(std::int64_t requestId, std::int64_t expectedVersion, const Decision& decision, const Actor& actor);

  // The rules of a staff decision, for the staff page to ask rather than
  // check again. Whether `action` is open on `request` now: the state machine
  // allows it and, for held or not held, the activity has begun (by the
  // workflow's clock). decide() refuses what is not open.
  bool actionOpen(const sql::RequestRow& request, Action action) const;
  // Whether `action` is open once the request is verified, taken in one
  // step with Decision::verifyFirst: approve or represent a submitted request.
  bool openVerifyingFirst(const sql::RequestRow& request, Action action) const;
  // Whether a decision needs a note: return, reject and cancel tell the requester why.
  static bool noteRequired(Action action);

  // Staff set what the agenda shows of a request: dress code, the leader's
  // role, contact person, and whether it appears on the public agenda. The
  // request's events are rewritten, so every output follows. Invalid for
  // text too long; Conflict when the version moved; NotAllowed when the
  // request has ended (rejected, withdrawn, cancelled, held or not held).
  Outcome editAgendaDetails(std::int64_t requestId, std::int64_t expectedVersion, const AgendaDetails& details,
                            const Actor& actor);

  // A leader's or aide's answer on a request addressed to the leader.
  Outcome setDisposition(std::int64_t requestId, const std::string& leader, const std::string& choice,
                         const std::string& representative, const std::string& note, const Actor& actor,
                         bool conflictsConfirmed = false);

  // Reading, with access checked: nullopt when the actor may not see it.
  bool maySee(const sql::RequestRow& request, const Actor& actor) const;
  // Whether the actor may open this file (staff, the leaders asked or assigned, their aides).
  bool mayOpenFile(const sql::FileRow& file, const Actor& actor) const;

  // Registered with the CalendarService by the server: what edits and
  // deletions made in CalDAV clients mean for requests (calendar_follower.h).
  std::shared_ptr<caldav::CalendarObserver> calendarObserver();

  // At start, before the server answers anyone: brings back in step the
  // events of every request a killed server left half-written
  // (calendar_repair.h), one line per request on `log`. Never throws.
  CalendarRepairSummary repairCalendars(std::ostream& log);

  const WorkflowConfig& config() const { return config_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  WorkflowConfig config_;
};

}  // namespace jadwal::workflow
