#pragma once
// Storage of activity requests (permohonan), their files, decisions and
// audit trail. Like Store it knows nothing of HTTP or of the workflow's
// rules: states are opaque strings here, the workflow gives them meaning.
//
// Contract: the same as Store (thread-safe; each write one transaction;
// database failures thrown as StoreError). The audit table is append-only:
// nothing here updates or deletes an audit row. Web sessions have their own
// header, sql/session_store.h.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/archive_search.h"
#include "sql/store.h"
// Users of SessionStore that reach it through this header keep compiling.
#include "sql/session_store.h"

namespace jadwal::sql {

struct RequestRow {
  std::int64_t id = 0;
  std::string code;          // tracking code shown to the requester, unique
  std::string state;         // workflow state code, e.g. "diajukan"
  std::int64_t version = 0;  // bumped by every update; updates compare it

  // The requester (no account).
  std::string requesterName, requesterPosition, institution, whatsapp, email;
  std::string language = "id";  // the language the requester used: "id" or "en"

  // The letter.
  std::string letterNumber, letterDate /* YYYY-MM-DD */, subject, letterType /* undangan|audiensi|kunjungan|lainnya */;

  // The activity.
  std::string eventName;
  Instant start = 0;
  std::optional<Instant> end;  // none: "s.d. selesai" (until done)
  std::string venue, address, dressCode;
  // A choice of the form (menghadiri|sambutan|membuka|pengarahan|narasumber),
  // or what staff typed instead: the agenda's "Ket.".
  std::string leaderRole;
  std::string otherInvitees, contactPerson;
  // Whether its event appears on the public agenda, as staff chose; unset:
  // as the leader's calendar does by default ([agenda] public_calendars).
  std::optional<bool> published;
  std::vector<std::string> leadersAsked;  // user names of the leaders asked
  bool representativeAccepted = false;    // the requester accepts a representative

  // The decision.
  std::string assignedLeader;                              // user name of the leader the event is for
  std::string representativeUser;                          // a user who represents the leader, or
  std::string representativeName, representativePosition;  // a person named
  std::string decisionNote;

  // Calendar objects written for this request (calendar id 0: none).
  std::int64_t holdCalendarId = 0;  // the TENTATIVE hold while pending
  std::string holdObjectName;
  std::int64_t eventCalendarId = 0;  // the event on the leader's agenda
  std::string eventObjectName;
  std::int64_t representativeCalendarId = 0;  // the event on the representative's agenda
  std::string representativeObjectName;

  Instant createdAt = 0;
  Instant updatedAt = 0;
};

// Whether a request's calendar events show the request as it is. A change
// is marked in the transaction that makes it and cleared once the workflow
// has brought the events in line, so a server killed in between finds the
// request again (see RequestStore's calendar-step methods).
enum class CalendarStep {
  InStep = 0,          // the events show the request
  RequestChanged = 1,  // the request changed; its events may not show it yet
  EventChanged = 2,    // an event it links was written or deleted; not yet followed
};

// A file kept with a request. The bytes live once per content in blobs.
struct FileRow {
  std::int64_t id = 0;
  std::int64_t requestId = 0;
  std::string kind;  // "surat" (the letter), "revisi" (a revised letter), "pendukung" (supporting)
  std::string name;  // the file name as uploaded, sanitised
  std::string contentType;
  std::string sha256;  // hex
  std::int64_t size = 0;
  Instant uploadedAt = 0;
};

// A file to attach: its blob must have been stored with putBlob, or its
// bytes come along in `content`.
struct FileRef {
  std::string kind, name, contentType, sha256;
  // When set, the bytes are stored as a blob in the same transaction that
  // attaches the file, and sha256 is computed from them (it may be left
  // empty): a write that is refused then leaves nothing behind.
  std::shared_ptr<const std::string> content = nullptr;
  // The words inside the file (a PDF letter's text), for the archive's
  // search; empty for a scan or a file without text. (Initialised here so
  // that brace lists naming the members before it stay warning-free.)
  std::string text = {};
};

// What a collection of unused blobs deleted.
struct BlobSweep {
  std::int64_t blobs = 0;
  std::int64_t bytes = 0;
};

struct AuditRow {
  std::int64_t id = 0;
  std::int64_t requestId = 0;
  Instant at = 0;
  std::optional<std::int64_t> actorId;  // none: the requester or the system
  std::string actorName;                // as shown: a user's display name, "Pemohon", "Sistem", ...
  std::string action;                   // e.g. "verify", "approve", "calendar-edit"
  std::string fromState, toState;
  std::string note;
};

// A leader's (or their aide's) answer to a request addressed to the leader.
struct DispositionRow {
  std::int64_t requestId = 0;
  std::int64_t leaderId = 0;
  std::string choice;          // "hadir" | "diwakilkan" | "tidak_hadir"
  std::string representative;  // whom the leader names, for "diwakilkan"
  std::string note;
  std::optional<std::int64_t> byUserId;  // the leader or an aide
  Instant at = 0;
};

struct RequestQuery {
  std::vector<std::string> states;  // empty: any
  std::string text;                 // matched in names, institution, subject, event, letter number
  // Whether `text` is matched in the tracking code too. The code is the
  // requester's key: only staff may find (or confirm) a request by it.
  bool matchCode = false;
  std::string leader;               // a user name among leadersAsked or assignedLeader; empty: any
  std::optional<Instant> from, to;  // activity start within [from, to)
  // Submitted (createdAt) within [createdFrom, createdTo): a report's period.
  std::optional<Instant> createdFrom, createdTo;
  int limit = 50;
  int offset = 0;
  // The order of listRequests; ties go by id in the same direction.
  enum class Order {
    Received,     // createdAt
    Activity,     // start
    Leader,       // the first leader asked, by display name (else user name)
    Institution,  // case-insensitive
    State,        // the state code
  };
  Order order = Order::Received;
  bool ascending = false;  // the default: newest first
};

// A request's keys for likely duplicates (a double submission, a letter sent
// twice): the same requester contact or letter number on the same day.
struct DuplicateProbe {
  std::int64_t requestId = 0;                 // never reported as a duplicate of itself
  std::string whatsapp, email, letterNumber;  // as stored; the store compares them normalised
  Instant dayFrom = 0, dayTo = 0;             // the activity's day: other starts within [dayFrom, dayTo)
};

class RequestStore {
 public:
  virtual ~RequestStore() = default;

  // --- blobs: the bytes of files, once per content ---
  // A blob no request file references yet (an upload kept for a form shown
  // again with errors) lives until collectBlobs deletes it: each blob carries
  // the last time it was stored or touched, and collection spares the young.

  // Stores the bytes once per content and marks the blob as stored at `at`
  // (storing the same content again moves the mark on); returns the hex
  // SHA-256.
  virtual std::string putBlob(const std::string& bytes, Instant at) = 0;
  virtual std::optional<std::string> blobBytes(std::string_view sha256) = 0;
  // Marks an existing blob as used at `at`, as putBlob does, before a caller
  // attaches it; false (nothing changed) when there is no such blob.
  virtual bool touchBlob(std::string_view sha256, Instant at) = 0;
  // Deletes every blob that no request file references and that was last
  // stored or touched before `storedBefore`. The caller's grace period
  // (storedBefore = now - grace) must exceed the time between putBlob or
  // touchBlob and the write that attaches the blob. Runs in short
  // transactions so that other writers are not held up.
  virtual BlobSweep collectBlobs(Instant storedBefore) = 0;
  // The bytes of the blobs no request file references (kept for a form
  // shown again, or not yet collected).
  virtual std::int64_t unusedBlobBytes() = 0;

  // --- one-time form tokens, by a hash of the token (workflow/form_token.h) ---
  // Records the token as claimed at `at` by a submission now running; false
  // (nothing changed) when it was claimed before. The key is unique, so of
  // two submissions at once exactly one claims it.
  virtual bool claimFormToken(std::string_view tokenHash, Instant at) = 0;
  // The request a claimed token made; 0 while its submission runs; nullopt
  // when the token is not claimed.
  virtual std::optional<std::int64_t> formTokenRequest(std::string_view tokenHash) = 0;
  // Ties a claimed token to the request it made; requestId 0 releases the
  // claim (the submission failed), so the token may be used again.
  virtual void finishFormToken(std::string_view tokenHash, std::int64_t requestId) = 0;
  // Forgets tokens claimed before `claimedBefore`; returns how many.
  virtual std::int64_t sweepFormTokens(Instant claimedBefore) = 0;

  // Inserts the request (id, version 1, createdAt/updatedAt = audit.at), its
  // files and its first audit row. Exists (nothing written) if the code is
  // taken. REQUIRES: a code, and every file's blob stored (or its content
  // brought along); a missing blob is thrown as StoreError.
  virtual CreateResult<RequestRow> createRequest(const RequestRow& row, const std::vector<FileRef>& files,
                                                 const AuditRow& audit) = 0;
  virtual std::optional<RequestRow> findRequest(std::int64_t id) = 0;
  virtual std::optional<RequestRow> findRequestByCode(std::string_view code) = 0;
  // The request whose hold, event or representative event is this object.
  virtual std::optional<RequestRow> findRequestByObject(std::int64_t calendarId, std::string_view objectName) = 0;
  // The requests whose hold, event or representative event lies in this
  // calendar (the link kept even after the calendar is gone), by ascending
  // id greater than `after`, at most `limit`: a calendar about to be deleted.
  virtual std::vector<RequestRow> requestsLinkingCalendar(std::int64_t calendarId, std::int64_t after, int limit) = 0;
  // In query.order (by default newest first: by createdAt, then id).
  virtual std::vector<RequestRow> listRequests(const RequestQuery& query) = 0;
  virtual std::int64_t countRequests(const RequestQuery& query) = 0;
  // For each probe, the ids (ascending, at most `perRequest`) of the other
  // requests whose activity starts within its day and that share its
  // WhatsApp number (the same subscriber number however it was written:
  // 0812-..., +62 812 ...), its email (case-insensitive) or its letter
  // number (case and spaces aside); empty keys match nothing. Probes with
  // none are left out of the answer. One indexed query per probe.
  virtual std::map<std::int64_t, std::vector<std::int64_t>> likelyDuplicates(const std::vector<DuplicateProbe>& probes,
                                                                             int perRequest) = 0;
  // The archive search (sql/archive_search.h); read the rows with findRequest.
  virtual ArchivePage searchArchive(const ArchiveQuery& query) = 0;
  // The PDF files whose words were never read (stored before the archive
  // read letters, or attached without FileRef::text), by ascending id
  // greater than `after`, at most `limit`. A file once given its words,
  // even none (a scan), is not listed again.
  virtual std::vector<FileRow> lettersWithoutText(std::int64_t after, int limit) = 0;
  // Keeps the words read from a file for the archive's index, in the
  // transaction that re-indexes its request; words kept already stay.
  virtual void setLetterText(std::int64_t fileId, const std::string& text) = 0;

  // Writes `row` only if the stored version still equals row.version; then
  // the stored version becomes row.version + 1 and updatedAt = audit.at. In
  // the same transaction appends `audit` and attaches `files`. Returns false
  // (changing nothing) if the version moved.
  virtual bool updateRequest(const RequestRow& row, const AuditRow& audit, const std::vector<FileRef>& files = {}) = 0;

  virtual std::vector<FileRow> filesOf(std::int64_t requestId) = 0;
  virtual std::optional<FileRow> findFile(std::int64_t fileId) = 0;
  virtual std::vector<AuditRow> auditOf(std::int64_t requestId) = 0;  // oldest first
  // For each of `requestIds` that has one, the time of its earliest audit
  // row whose action is among `actions` (a report's "first decision"), read
  // in a few queries however many requests there are.
  virtual std::map<std::int64_t, Instant> firstAuditTimes(const std::vector<std::int64_t>& requestIds,
                                                          const std::vector<std::string>& actions) = 0;

  // One disposition per request and leader; a new one replaces the old and
  // appends `audit`.
  virtual void setDisposition(const DispositionRow& disposition, const AuditRow& audit) = 0;
  virtual std::vector<DispositionRow> dispositionsOf(std::int64_t requestId) = 0;

  // --- whether a request's events are in step with it (CalendarStep) ---
  // createRequest and updateRequest mark the request RequestChanged in their
  // transaction. Writing or deleting an object that a request links (Store's
  // putObject, deleteObject, deleteCalendar) marks that request
  // EventChanged in the object's transaction, unless it is marked already.
  // Only recordCalendarLinks and clearEventChanged clear a mark.
  virtual CalendarStep calendarStep(std::int64_t requestId) = 0;  // InStep if there is no such request
  // Ids of the requests marked out of step, ascending, greater than `after`, at most `limit`.
  virtual std::vector<std::int64_t> requestsOutOfStep(std::int64_t after, int limit) = 0;
  // Writes the three object links of `row` only if the stored version still
  // equals row.version; then the version becomes row.version + 1, updatedAt
  // = at, the mark is cleared when `inStep`, and `audit` is appended if
  // given. Returns false (changing nothing) if the version moved.
  virtual bool recordCalendarLinks(const RequestRow& row, Instant at, bool inStep,
                                   const std::optional<AuditRow>& audit) = 0;
  // Clears an EventChanged mark if the request is still at `version`; the
  // version stays. Returns whether it cleared one.
  virtual bool clearEventChanged(std::int64_t requestId, std::int64_t version) = 0;
};

}  // namespace jadwal::sql
