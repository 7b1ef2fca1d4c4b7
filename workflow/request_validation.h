#pragma once
// The rules of the public form, and of the time and venue staff may adjust
// when they decide. Everything a person typed is checked here; files are
// judged by their bytes (workflow::sniffFileType), never by name.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sql/request_store.h"
#include "workflow/clock.h"
#include "workflow/request_service.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

// The longest accepted typed values, in bytes: generous for real names and
// places, small enough that nobody stores a novel in the agenda. Every path
// that writes a typed value into a request checks it against these: the
// public form, staff decisions and dispositions, and edits followed from a
// calendar client.
namespace limits {
inline constexpr std::size_t kShortText = 200;   // names, positions, institution, dress code, letter number
inline constexpr std::size_t kLongText = 300;    // subject, activity, venue
inline constexpr std::size_t kParagraph = 2000;  // address, other invitees, notes
inline constexpr std::size_t kEmail = 254;
inline constexpr std::size_t kPhone = 32;
inline constexpr std::size_t kPersonName = kShortText;  // a representative's name or position
inline constexpr std::size_t kVenue = kLongText;
inline constexpr std::size_t kNote = kParagraph;  // a decision's, disposition's or requester's note
}  // namespace limits

// Checks every typed field of `form` and copies it, trimmed, into `out`
// (requester, letter and activity fields; start/end as instants in
// config.timezone). Returns the errors by field name; empty when valid.
FieldErrors validateFormFields(const RequestForm& form, sql::Store& store, const Clock& clock,
                               const WorkflowConfig& config, sql::RequestRow& out);

// The files of a submission: new uploads and files kept from an earlier
// attempt (looked up and re-checked from their stored bytes: the hidden
// fields that carry them are not trusted). Uploads that pass are stored as
// blobs at once, marked `now`, so that a re-shown form can keep them; kept
// ones are touched `now`. Until a request references them, blob collection
// spares them for its grace period only. When the submission goes back
// (`formHasErrors`, or a file failed), new uploads are only kept for the next
// try while the files no request uses stay within config.maxUnusedFileBytes
// ("file_not_kept" beyond). Each file is within config.maxFileBytes and all
// of them together (kept ones too) within config.maxUploadTotalBytes:
// supporting files beyond the total are refused ("files_total_too_large").
struct CheckedFiles {
  std::vector<sql::FileRef> files;  // every file that passed, the letter first
  std::vector<KeptFile> kept;       // the same, as the form carries them
  FieldErrors errors;               // "surat" / "pendukung"
};
CheckedFiles checkSubmissionFiles(const std::vector<UploadedFile>& uploads, const std::vector<KeptFile>& kept,
                                  sql::RequestStore& requests, const WorkflowConfig& config, sql::Instant now,
                                  bool formHasErrors);

// A revised letter: must be a PDF within the size limit. Stores nothing: the
// file (kind "revisi") carries its content, stored with the update that
// attaches it. Returns the file or the error message id.
struct CheckedLetter {
  std::optional<sql::FileRef> file;
  std::string error;
};
CheckedLetter checkRevisedLetter(const UploadedFile& upload, const WorkflowConfig& config);

// Whether a request with `files` may take another revised letter at `now`:
// nullopt, or the message id ("too_many_revisions" past
// config.maxRevisions, "revisions_too_fast" past config.revisionsPerHour).
std::optional<std::string> revisionRefusal(const std::vector<sql::FileRow>& files, sql::Instant now,
                                           const WorkflowConfig& config);

// Applies a decision's adjusted date, times and venue to `row` (empty
// fields keep what the row has). Returns errors keyed by the decision form's
// field names (tanggal, jam_mulai, jam_selesai, tempat); `row` is changed
// only when there are none. `changed` tells whether anything moved.
FieldErrors applyScheduleChange(const std::string& date, const std::string& startTime, const std::string& endTime,
                                bool untilDone, const std::string& venue, const WorkflowConfig& config,
                                sql::RequestRow& row, bool& changed);

// A new time or place for a request read from its event as a calendar
// client wrote it, checked by the rules a staff reschedule follows before
// the request takes it: an end after the start and, when the place moved
// (`location` given), the LOCATION made one line as the form makes a typed
// line (into `venue`), not empty and within limits::kVenue. Errors are keyed
// by the decision form's fields (tempat, jam_selesai); empty when the
// request may follow.
FieldErrors checkCalendarEdit(sql::Instant start, const std::optional<sql::Instant>& end,
                              const std::optional<std::string>& location, std::string& venue);

// Staff's agenda details of a request, cleaned (one line each) into `row`
// when valid. Errors keyed by the form's fields (pakaian, peran, narahubung).
FieldErrors checkAgendaDetails(const AgendaDetails& details, sql::RequestRow& row);

bool isIndonesianMobileNumber(const std::string& number);
bool isPlausibleEmail(const std::string& address);

}  // namespace jadwal::workflow
