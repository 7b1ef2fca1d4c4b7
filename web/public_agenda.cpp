// /agenda, /agenda.json, /agenda.ics: the leaders' published agenda for
// everyone, by day (tanggal=YYYY-MM-DD, default today) or by week
// (minggu=YYYY-MM-DD: Monday..Sunday of its week); the data answers also
// take a range (tanggal= and sampai=). Only published entries and of them
// only the public fields (time, activity, place, leader, represented by).
//
// A crowd on the page costs little: each answer carries an ETag and
// Last-Modified and may be kept by browsers and proxies for a short while;
// a client that has it gets 304. The answers are the same for everyone
// (nothing depends on cookies or a login), so shared caches may keep them.

#include <string>

#include "web/agenda_formats.h"
#include "web/agenda_request.h"
#include "web/agenda_view.h"
#include "web/answer_cache.h"
#include "web/conditional_get.h"
#include "web/version_times.h"
#include "web/web.h"
#include "web/web_page.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;

// Public answers kept at most, whatever their size: days and weeks people look at.
constexpr std::size_t kCachedAnswers = 1024;

enum class PublicOutput { Page, Json, Ics };

struct View {
  agenda::DayRange range;
  bool week = false;
};

std::string dayLink(const workflow::LocalDate& date) { return "/agenda?tanggal=" + workflow::isoDateText(date); }
std::string weekLink(const workflow::LocalDate& date) { return "/agenda?minggu=" + workflow::isoDateText(date); }

// The query of the data links for the same days.
std::string dataQuery(const View& view) {
  if (view.week) return "?minggu=" + workflow::isoDateText(view.range.first);
  std::string query = "?tanggal=" + workflow::isoDateText(view.range.first);
  if (view.range.last != view.range.first) query += "&sampai=" + workflow::isoDateText(view.range.last);
  return query;
}

WebResponse page(WebContext& context, const std::string& language, const std::string& typedDate, const View* view,
                 const workflow::Agenda* agenda, int status, const std::string& error) {
  const std::string& zone = context.requests.config().timezone;
  mustache::data data;
  data.set("region", context.agenda.region);
  data.set("tanggal", view ? workflow::isoDateText(view->range.first) : typedDate);
  if (!error.empty()) data.set("error", error);
  if (view && agenda) {
    const auto& range = view->range;
    const int step = view->week ? 7 : 1;
    const auto link = view->week ? weekLink : dayLink;
    data.set("week", view->week);
    data.set("prev", link(workflow::nextDay(range.first, -step)));
    data.set("next", link(workflow::nextDay(range.first, step)));
    data.set("prev_label", tr(language, view->week ? "agenda.prev_week" : "agenda.prev_day"));
    data.set("next_label", tr(language, view->week ? "agenda.next_week" : "agenda.next_day"));
    data.set("day_link", dayLink(range.first));
    data.set("week_link", weekLink(range.first));
    data.set("days", agenda::daysData(*agenda, zone, language, agenda::Fields::Public));
    data.set("incomplete", agenda->incomplete);
    data.set("json", "/agenda.json" + dataQuery(*view));
    data.set("ics", "/agenda.ics" + dataQuery(*view));
    data.set("shown", true);
  }
  WebResponse response;
  response.status = status;
  response.body = renderPage("agenda_publik", tr(language, "agenda.title"), data, language);
  return response;
}

WebResponse refused(WebContext& context, PublicOutput output, const std::string& language, const std::string& typedDate,
                    const std::string& error) {
  if (output == PublicOutput::Page) return page(context, language, typedDate, nullptr, nullptr, 400, error);
  WebResponse response;
  response.status = 400;
  response.contentType = "text/plain; charset=utf-8";
  response.body = error + "\n";
  return response;
}

}  // namespace

std::optional<WebResponse> publicAgendaPages(WebContext& context, const WebRequest& request) {
  PublicOutput output;
  if (request.path == "/agenda") {
    output = PublicOutput::Page;
  } else if (request.path == "/agenda.json") {
    output = PublicOutput::Json;
  } else if (request.path == "/agenda.ics") {
    output = PublicOutput::Ics;
  } else {
    return std::nullopt;
  }
  // Indonesian unless the link itself asks for English: never a cookie,
  // so that every visitor of the same URL gets the same answer.
  const std::string language = request.queryValue("lang") == "en" ? "en" : "id";
  if (request.method != "GET") {
    WebResponse response = messagePage(405, language, "error.method_title", "error.method");
    response.setHeader("Allow", "GET, HEAD");
    return response;
  }

  const int maxDays = context.agenda.maxDays;
  const std::string week = request.queryValue("minggu");
  const std::string from = request.queryValue("tanggal");
  const std::string until = output == PublicOutput::Page ? std::string() : request.queryValue("sampai");
  const auto choice =
      !week.empty() ? agenda::weekRange(week, maxDays) : agenda::dayRange(from, until, agenda::today(context), maxDays);
  if (!choice.range) {
    return refused(context, output, language, week.empty() ? from : week,
                   agenda::rangeErrorText(language, choice, maxDays));
  }
  const View view{*choice.range, !week.empty()};

  const std::string& zone = context.requests.config().timezone;
  auto query = agenda::queryOf(view.range, zone);
  query.publicOnly = true;
  // The plan alone gives the ETag: a client that has the answer costs no read of the events.
  const workflow::AgendaPlan plan = workflow::planAgenda(context.store, context.agenda, std::nullopt, query);

  static constexpr const char* kVariants[] = {"page", "json", "ics"};
  const std::string parameters = workflow::isoDateText(view.range.first) + ".." +
                                 workflow::isoDateText(view.range.last) + (view.week ? " week " : " day ") + language +
                                 " " + (week.empty() ? from : week);
  const std::string etag = agenda::etagOf(plan.etag, kVariants[static_cast<int>(output)], parameters);
  const int maxAge = context.agenda.publicCacheSeconds;
  // Not the newest object's time: a deletion leaves nothing newer (version_times.h).
  static VersionTimes versions;
  const sql::Instant lastModified = versions.firstSeen(etag, etag, context.clock->now());
  if (clientHasVersion(request, etag, lastModified)) return agenda::notModified(etag, lastModified, maxAge);
  // The same answer for everyone: built once per version, not per visitor.
  static AnswerCache answers(kCachedAnswers, context.agenda.publicAnswerCacheBytes);
  if (auto kept = answers.find(etag)) return std::move(*kept);

  const workflow::Agenda agenda = agenda::read(context, plan);
  WebResponse response;
  if (output == PublicOutput::Page) {
    response = page(context, language, from, &view, &agenda, 200, "");
  } else if (output == PublicOutput::Json) {
    response.contentType = "application/json; charset=utf-8";
    response.body = agenda::publicJson(agenda, view.range, zone);
  } else {
    response.contentType = "text/calendar; charset=utf-8";
    response.body = agenda::publicIcs(agenda, "Agenda Pimpinan " + context.agenda.region, zone);
    response.setHeader("Content-Disposition", "inline; filename=\"agenda.ics\"");
  }
  agenda::setPublicCaching(response, etag, lastModified, maxAge);
  // An agenda cut short by a bound is not kept: the next visitor's read may be whole.
  if (!agenda.incomplete) answers.keep(etag, response);
  return response;
}

}  // namespace jadwal::web
