#pragma once
// Corrections on return: staff name the form fields a requester is to
// correct (Decision::fieldsToCorrect), the return's audit note keeps them
// as a code, and the requester's resubmission may change those fields only,
// checked by the form's own rules (request_validation.h), each change
// recorded old -> new in the resubmission's audit note.
//
//   return:   {"code":"correction_asked","note":"<typed>","fields":"tanggal\ntempat"}
//   resubmit: {"code":"corrected","note":"<typed>","old:tempat":"Aula","new:tempat":"Gedung B"}

#include <optional>
#include <string>
#include <vector>

#include "sql/request_store.h"
#include "workflow/audit_note.h"
#include "workflow/clock.h"
#include "workflow/request_service.h"
#include "workflow/workflow_config.h"

namespace jadwal::workflow {

// Whether staff may ask for `field` to be corrected: a typed or chosen field
// of the form (RequestForm's names), not the leaders, flags or files.
bool correctableField(const std::string& field);

// The return's audit note: the typed note as is when no field is asked.
std::string correctionAskedNote(const std::string& note, const std::vector<std::string>& fields);

// The fields the latest return of a request asked about (audit rows oldest
// first); empty when it asked for none, or the request was never returned.
std::vector<std::string> fieldsAskedToCorrect(const std::vector<sql::AuditRow>& audit);

// The value a field shows in the correction form, from the stored request.
std::string correctionValue(const sql::RequestRow& row, const std::string& field, const std::string& timezone);

struct FieldChange {
  std::string field, before, after;
};

// The resubmission's audit note: the typed note as is when nothing changed.
std::string correctedNote(const std::string& note, const std::vector<FieldChange>& changes);
// The changes a "corrected" note holds (for the history), by field name.
std::vector<FieldChange> changesOf(const AuditNote& note);

struct AppliedCorrections {
  FieldErrors errors;                // by field; "field_not_asked" for one staff did not ask about
  std::vector<FieldChange> changes;  // what differs from the stored request
  sql::RequestRow row;               // the request with the corrections
};

// Applies `corrections` to `request`, allowed for the fields in `asked` only,
// each judged by the public form's rules; a new day or time moves start and
// end as a reschedule does.
AppliedCorrections applyCorrections(const sql::RequestRow& request, const std::vector<std::string>& asked,
                                    const FieldCorrections& corrections, sql::Store& store, const Clock& clock,
                                    const WorkflowConfig& config);

}  // namespace jadwal::workflow
