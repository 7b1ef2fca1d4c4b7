// /staf/rekap.xlsx?bulan=YYYY-MM | tahun=YYYY: the work report as an Excel
// workbook (recap_workbook.h), for whom /staf/rekap.csv is (recap_request.h
// says who sees what): a session, or HTTP Basic credentials for scripts.
// A workbook that cannot be written is an internal error (500, logged by
// the web handler).

#include "web/recap_request.h"
#include "web/recap_workbook.h"
#include "web/staff_views.h"
#include "web/web.h"
#include "workflow/agenda.h"

namespace jadwal::web {
namespace {

constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace

std::optional<WebResponse> staffRecapWorkbook(WebContext& context, const WebRequest& request) {
  if (request.path != "/staf/rekap.xlsx") return std::nullopt;
  const std::string language = languageOf(request);
  if (request.method != "GET") {
    WebResponse response = recap::plainTextAnswer(405, tr(language, "error.method"));
    response.setHeader("Allow", "GET, HEAD");
    return response;
  }
  const Caller caller = callerOf(context, request, true);
  if (caller.busy) {
    WebResponse response = recap::plainTextAnswer(503, tr(language, "error.busy"));
    response.setHeader("Retry-After", std::to_string(context.authenticator.busyRetrySeconds()));
    return response;
  }
  if (!caller.user) {
    // Scripts authenticate as CalDAV clients do; a browser asks for the password.
    WebResponse response = recap::plainTextAnswer(401, tr(language, "error.login_required"));
    response.setHeader("WWW-Authenticate", std::string(context.authenticator.challenge()));
    return response;
  }
  if (!recap::mayReadRecap(*caller.user)) return recap::plainTextAnswer(403, tr(language, "staf_forbidden"));
  const std::string& zone = context.requests.config().timezone;
  const auto today = workflow::localDateOf(context.clock->now(), zone);
  const recap::PeriodChoice choice =
      recap::parsePeriod(request.queryValue("bulan"), request.queryValue("tahun"), today);
  if (!choice.period) return recap::plainTextAnswer(400, tr(language, choice.error));

  const workflow::Recap recap = recap::readRecapFor(context, *caller.user, *choice.period);
  WebResponse response;
  response.contentType = std::string(kXlsxType);
  response.body = recapWorkbook(recap, zone, {static_cast<std::size_t>(context.agenda.maxRecapWorkbookRows)});
  response.setHeader("Content-Disposition",
                     "attachment; filename=\"rekap-" + recap::periodText(recap.period) + ".xlsx\"");
  keepPrivate(response);
  return response;
}

}  // namespace jadwal::web
