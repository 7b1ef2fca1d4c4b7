#pragma once
// The public request form as a page: which fields it has and how they are
// shown (values kept, errors beside their fields and summed up at the top,
// files already accepted carried in signed hidden fields), and reading a
// posted form back into what workflow::RequestService::submit takes.

#include <string>
#include <vector>

#include "sql/request_store.h"
#include "web/web.h"
#include "workflow/request_service.h"

namespace jadwal::web {

struct PublicFormState {
  FormData values;                       // as typed; empty for a fresh form
  workflow::FieldErrors errors;          // by field name
  std::vector<workflow::KeptFile> kept;  // files already accepted
  std::string problem;                   // a message id said above the form (an expired form, a limit)
};

// The template data of templates/permohonan_form.html.
TemplateData publicFormData(WebContext& context, const PublicFormState& state, const std::string& csrfToken,
                            const std::string& language, sql::Instant now);

// The one-time token of a form page (hidden field "token_kirim",
// workflow/form_token.h): random, and signed together with the page's CSRF
// token, so that a token is only good with the cookie of the browser that
// got the page: nobody else can use it to reach that browser's request.
std::string newFormToken(sql::SessionStore& sessions, const std::string& csrfToken);
// The posted token when it was made for the posted CSRF token, else "".
std::string formTokenFrom(const FormData& form, sql::SessionStore& sessions);

// The typed fields of a posted form.
workflow::RequestForm requestFormFrom(const FormData& form, const std::string& language);
// The uploaded files of a posted form (fields "surat" and "pendukung").
std::vector<workflow::UploadedFile> uploadsFrom(const FormData& form);

// The kept files a form carries, only those whose signature holds (a forged
// or altered entry is dropped: the requester then uploads the file again).
std::vector<workflow::KeptFile> keptFilesFrom(const FormData& form, sql::SessionStore& sessions);
// The signature of a kept file's hidden fields.
std::string keptFileSignature(const workflow::KeptFile& file, sql::SessionStore& sessions);

}  // namespace jadwal::web
