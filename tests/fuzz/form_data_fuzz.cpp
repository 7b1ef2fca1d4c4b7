// The public form's body parser with uploads: urlencoded and multipart
// bodies (boundaries, part headers, file names), then what the server does
// with every file a parse yields (type by content, a safe name, the
// request's form fields). The first line of the input is the Content-Type
// the client claims; the rest is the body.
#include <cstdint>
#include <string>
#include <string_view>

#include "web/public_form_view.h"
#include "web/web.h"
#include "workflow/upload_check.h"

using namespace jadwal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  web::WebRequest request;
  request.method = "POST";
  request.path = "/permohonan";
  request.headers["Content-Type"] = std::string(input.substr(0, newline));
  request.body = std::string(input.substr(newline + 1));

  web::FormData form;
  if (web::parseForm(request, form, 64 * 1024) != web::FormError::None) return 0;
  for (const auto& file : form.files) {
    auto type = workflow::sniffFileType(file.bytes);
    if (type) workflow::safeFileName(file.fileName, *type);
    workflow::withoutBidiControls(file.fileName);
  }
  web::requestFormFrom(form, "id");
  web::uploadsFrom(form);
  return 0;
}
