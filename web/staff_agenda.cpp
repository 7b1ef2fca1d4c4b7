// /staf/agenda: the leaders' agenda of a day or a range of days for those
// who read their calendars (every role; each sees the leaders whose
// calendars they may read), with the WhatsApp text to copy or share, and
// the same agenda as plain text (/staf/agenda.txt, also for scripts with
// HTTP Basic credentials) and as a PDF to print (/staf/agenda.pdf).
//
// Parameters, the same for the three: tanggal=YYYY-MM-DD (default today),
// sampai=YYYY-MM-DD (the last day, inclusive), pimpinan=<user name> (one
// leader), tentatif=1 (tentative holds too, marked).

#include <algorithm>
#include <string>
#include <vector>

#include "base/percent.h"
#include "web/agenda_pdf.h"
#include "web/agenda_request.h"
#include "web/agenda_view.h"
#include "web/private_caller.h"
#include "web/staff_views.h"
#include "web/web.h"
#include "web/web_page.h"
#include "workflow/agenda_text.h"
#include "workflow/request_service.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;

enum class AgendaOutput { Page, Text, Pdf };

// What the user asked for, as typed (the form shows it back).
struct Params {
  std::string from, until, leader;
  bool tentative = false;

  explicit Params(const WebRequest& request)
      : from(request.queryValue("tanggal")),
        until(request.queryValue("sampai")),
        leader(request.queryValue("pimpinan")),
        tentative(request.queryValue("tentatif") == "1") {}

  // The query string of these parameters with the days replaced.
  std::string link(std::string_view path, const agenda::DayRange& range) const {
    std::string url = std::string(path) + "?tanggal=" + workflow::isoDateText(range.first);
    if (range.last != range.first) url += "&sampai=" + workflow::isoDateText(range.last);
    if (!leader.empty()) url += "&pimpinan=" + base::percentEncoded(leader);
    if (tentative) url += "&tentatif=1";
    return url;
  }
};

WebResponse agendaPlainText(int status, std::string body) {
  WebResponse response;
  response.status = status;
  response.contentType = "text/plain; charset=utf-8";
  response.body = std::move(body);
  if (!response.body.empty() && response.body.back() != '\n') response.body += '\n';
  return response;
}

std::string targetOf(const WebRequest& request) {
  std::string target = request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    if (name == "lang") continue;
    target += separator + base::percentEncoded(name) + "=" + base::percentEncoded(value);
    separator = '&';
  }
  return target;
}

// The page: the form, the agenda of each day, the WhatsApp text with copy
// and share, the links to the PDF and the text. `agenda` is null when the
// form was refused (`error` says why).
WebResponse agendaPage(staff::StaffRequest& staff, const Params& params, const agenda::DayRange* range,
                       const workflow::Agenda* agenda, const std::vector<std::pair<std::string, std::string>>& leaders,
                       int status, const std::string& error) {
  const std::string& zone = staff.web.requests.config().timezone;
  mustache::data data = staff::baseData(staff);
  data.set("tanggal", params.from.empty() && range ? workflow::isoDateText(range->first) : params.from);
  data.set("sampai", params.until);
  data.set("tentatif", params.tentative);
  mustache::data choices{mustache::data::type::list};
  for (const auto& [name, title] : leaders) {
    mustache::data choice;
    choice.set("name", name);
    choice.set("title", title);
    choice.set("selected", name == params.leader);
    choices.push_back(choice);
  }
  data.set("leaders", choices);
  staff::setOptional(data, "error", error);
  if (agenda && range) {
    const int days = range->days();
    data.set("prev", params.link("/staf/agenda",
                                 {workflow::nextDay(range->first, -days), workflow::nextDay(range->last, -days)}));
    data.set("next", params.link("/staf/agenda",
                                 {workflow::nextDay(range->first, days), workflow::nextDay(range->last, days)}));
    data.set("days", agenda::daysData(*agenda, zone, staff.language, agenda::Fields::Staff));
    data.set("no_leaders", agenda->leaders.empty());
    data.set("incomplete", agenda->incomplete);
    const std::string text =
        workflow::whatsappText(*agenda, staff.web.agenda, staff.web.requests.config().officeName, zone);
    data.set("text", text);
    data.set("share", "https://wa.me/?text=" + base::percentEncoded(text));
    data.set("pdf", params.link("/staf/agenda.pdf", *range));
    data.set("txt", params.link("/staf/agenda.txt", *range));
    data.set("shown", true);
  } else {
    data.set("shown", false);
  }
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_agenda", tr(staff.language, "agenda.title"), data, staff.language);
  return response;
}

WebResponse refused(WebContext& context, const WebRequest& request, const caldav::Principal& user,
                    const std::string& language, AgendaOutput output, const Params& params, int status,
                    const std::string& error, const std::vector<std::pair<std::string, std::string>>& leaders) {
  if (output == AgendaOutput::Text) return agendaPlainText(status, error);
  if (output == AgendaOutput::Pdf) return staff::messagePage(language, status, error, "/staf/agenda", "layout.agenda");
  staff::StaffRequest staff{context, request, user, language, csrfTokenOf(context, request)};
  return agendaPage(staff, params, nullptr, nullptr, leaders, status, error);
}

WebResponse agendaAnswer(WebContext& context, const WebRequest& request, const caldav::Principal& user,
                         const std::string& language, AgendaOutput output) {
  const Params params(request);
  const int maxDays = context.agenda.maxDays;
  const auto choice = agenda::dayRange(params.from, params.until, agenda::today(context), maxDays);
  const std::string& timezone = context.requests.config().timezone;
  const agenda::DayRange today{agenda::today(context), agenda::today(context)};
  auto query = agenda::queryOf(choice.range.value_or(today), timezone);
  query.includeTentative = params.tentative;
  // The leaders the user may read, for the choice: a plan reads no event.
  const workflow::AgendaPlan everyone = workflow::planAgenda(context.store, context.agenda, user, query);
  std::vector<std::pair<std::string, std::string>> leaders;
  for (const auto& planned : everyone.leaders) {
    const sql::User& leader = planned.leader;
    leaders.emplace_back(leader.name, workflow::agendaTitleOf(leader));
  }
  if (!choice.range) {
    // The form comes back with what was chosen still chosen.
    return refused(context, request, user, language, output, params, 400,
                   agenda::rangeErrorText(language, choice, maxDays), leaders);
  }
  const auto& range = *choice.range;
  if (!params.leader.empty()) {
    // A leader the user may not read answers as one that does not exist.
    const bool readable =
        std::any_of(leaders.begin(), leaders.end(), [&](const auto& leader) { return leader.first == params.leader; });
    if (!readable) {
      return refused(context, request, user, language, output, params, 404, tr(language, "agenda.unknown_leader"),
                     leaders);
    }
    query.leader = params.leader;  // only that leader's events are read and expanded
  }
  const workflow::Agenda agenda = agenda::read(context, user, query);

  const std::string& zone = context.requests.config().timezone;
  WebResponse response;
  if (output == AgendaOutput::Page) {
    staff::StaffRequest staff{context, request, user, language, csrfTokenOf(context, request)};
    return agendaPage(staff, params, &range, &agenda, leaders, 200, "");
  }
  if (output == AgendaOutput::Text) {
    response = agendaPlainText(
        200, workflow::whatsappText(agenda, context.agenda, context.requests.config().officeName, zone));
  } else {
    const PdfHeading heading{context.agenda.region, context.requests.config().officeName, context.agenda.signature,
                             zone};
    response.contentType = "application/pdf";
    response.body = renderAgendaPdf(agenda, heading);
    response.setHeader("Content-Disposition",
                       "inline; filename=\"agenda-" + workflow::isoDateText(range.first) + ".pdf\"");
  }
  keepPrivate(response);
  return response;
}

}  // namespace

std::optional<WebResponse> staffAgendaPages(WebContext& context, const WebRequest& request) {
  AgendaOutput output;
  if (request.path == "/staf/agenda") {
    output = AgendaOutput::Page;
  } else if (request.path == "/staf/agenda.txt") {
    output = AgendaOutput::Text;
  } else if (request.path == "/staf/agenda.pdf") {
    output = AgendaOutput::Pdf;
  } else {
    return std::nullopt;
  }
  const std::string language = languageOf(request);
  if (request.method != "GET") {
    WebResponse response = staff::messagePage(language, 405, tr(language, "error.method"));
    response.setHeader("Allow", "GET, HEAD");
    return response;
  }
  const Caller caller = callerOf(context, request, output == AgendaOutput::Text);  // scripts fetch the text
  if (caller.busy) {
    WebResponse response = agendaPlainText(503, tr(language, "error.busy"));
    response.setHeader("Retry-After", std::to_string(context.authenticator.busyRetrySeconds()));
    return response;
  }
  if (!caller.user) {
    if (output == AgendaOutput::Text) {
      // Scripts authenticate as CalDAV clients do.
      WebResponse response = agendaPlainText(401, tr(language, "error.login_required"));
      response.setHeader("WWW-Authenticate", std::string(context.authenticator.challenge()));
      return response;
    }
    return WebResponse::redirect("/staf/masuk?lanjut=" + staff::encodeQueryValue(targetOf(request), true));
  }
  return agendaAnswer(context, request, *caller.user, language, output);
}

}  // namespace jadwal::web
