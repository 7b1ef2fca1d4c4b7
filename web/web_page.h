#pragma once
// Small pieces shared by the web page modules: the answer pages for errors
// and the page headers every HTML answer carries.

#include <string>
#include <string_view>
#include <vector>

#include "web/web.h"

namespace jadwal::web {

// An HTML page with `status`, a title and a message, both message ids
// translated into `language` (templates/halaman_pesan.html).
WebResponse messagePage(int status, const std::string& language, std::string_view titleId, std::string_view messageId);

// Adds the headers every web answer carries (CSP on HTML, nosniff,
// Referrer-Policy, X-Frame-Options, no-store on HTML) unless already set.
// handleWeb does this itself; for answers made outside it.
void addSecurityHeaders(WebResponse& response);

// Whether `method` may change something (anything but GET, HEAD, OPTIONS).
bool isStateChanging(std::string_view method);
// Whether a state-changing request was sent from a page of this site: its
// Origin header, or lacking one its Referer, has public_url's origin
// (scheme, host, port). With neither header it is let through: some old
// browsers and scripts send none, and the forms' CSRF tokens still apply.
bool sentFromThisSite(const WebRequest& request, const std::string& publicUrl);

// "/permohonan" style path segments: the parts of `path` after `prefix`
// ("/permohonan/JDW-1/revisi" with "/permohonan" -> {"JDW-1", "revisi"}).
// Empty segments are dropped.
std::vector<std::string> pathSegmentsAfter(std::string_view path, std::string_view prefix);

}  // namespace jadwal::web
