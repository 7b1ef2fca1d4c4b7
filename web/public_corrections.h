#pragma once
// The fields a returned request may be corrected in: the checkboxes staff
// tick on the return form, and the inputs the requester's status page shows
// for the fields asked (workflow/request_corrections.h has the rules).

#include <string>
#include <vector>

#include "sql/request_store.h"
#include "web/web.h"
#include "workflow/request_service.h"

namespace jadwal::web {

// For the staff's return form: {name, label} of every correctable field,
// each a checkbox named "perbaiki".
TemplateData correctionChoices(const std::string& language, const std::vector<std::string>& ticked = {});

// For the status page: one input per field `asked`, labelled as on the
// form, pre-filled with `posted` (a form sent back) or the stored value,
// with its error from `errors`.
TemplateData correctionInputs(const sql::RequestRow& row, const std::vector<std::string>& asked,
                              const std::map<std::string, std::string>& posted, const workflow::FieldErrors& errors,
                              const std::string& timezone, const std::string& language);

// What a posted revision corrects: every correctable field it carries
// (the service refuses those staff did not ask about).
workflow::FieldCorrections correctionsFrom(const FormData& form);

}  // namespace jadwal::web
