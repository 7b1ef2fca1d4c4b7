#include "web/too_large_page.h"

#include <kainjow/mustache.hpp>

#include "web/web_page.h"

namespace jadwal::web {

WebResponse tooLargePage(const std::string& language) {
  WebResponse response;
  response.status = 413;
  response.body = renderPage("terlalu_besar", tr(language, "error.too_large_title"), TemplateData(), language);
  return response;
}

}  // namespace jadwal::web
