// /staf/rekap: the office's work report (pelaporan kerja) of a month or a
// year, with its chart and tables, and the same report as CSV
// (/staf/rekap.csv) and JSON (/staf/rekap.json) for spreadsheets and
// scripts, which also take HTTP Basic credentials. recap_request.h says
// who may see what.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "web/recap_chart.h"
#include "web/recap_files.h"
#include "web/recap_request.h"
#include "web/staff_views.h"
#include "web/web.h"
#include "workflow/agenda.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;

enum class RecapOutput { Page, Csv, Json };

// "5 jam", "2,5 hari", "45 menit" (English: "5 hours", "2.5 days", "45 min"); "–" for none.
// Under two days in hours, then in days: as the office speaks of a wait.
std::string durationText(const std::optional<double>& hours, const std::string& language) {
  if (!hours) return "–";
  const auto number = [&](double value) {
    char text[32];
    const double rounded = std::round(value * 10) / 10;
    if (rounded == std::floor(rounded)) {
      std::snprintf(text, sizeof text, "%.0f", rounded);
    } else {
      std::snprintf(text, sizeof text, "%.1f", rounded);
    }
    std::string out = text;
    if (language != "en") std::replace(out.begin(), out.end(), '.', ',');
    return out;
  };
  if (*hours * 60 < 0.5) return tr(language, "recap.under_minute");
  if (*hours < 1) return number(std::round(*hours * 60)) + " " + tr(language, "recap.minutes");
  if (*hours < 48) return number(*hours) + " " + tr(language, "recap.hours");
  return number(*hours / 24) + " " + tr(language, "recap.days");
}

std::int64_t otherOf(const workflow::RecapCounts& c) { return c.withdrawn + c.cancelled; }

mustache::data countsRow(const std::string& name, const workflow::RecapCounts& c) {
  mustache::data row;
  row.set("name", name.empty() ? std::string("–") : name);
  row.set("received", std::to_string(c.received));
  row.set("pending", std::to_string(c.pending));
  row.set("approved", std::to_string(c.approved));
  row.set("represented", std::to_string(c.represented));
  row.set("rejected", std::to_string(c.rejected));
  row.set("other", std::to_string(otherOf(c)));
  return row;
}

mustache::data totalsList(const workflow::RecapCounts& c, const std::string& language) {
  const std::pair<const char*, std::int64_t> lines[] = {
      {"recap.received", c.received},      {"state.diajukan", c.pending}, {"state.disetujui", c.approved},
      {"state.diwakilkan", c.represented}, {"state.ditolak", c.rejected}, {"state.ditarik", c.withdrawn},
      {"state.dibatalkan", c.cancelled},   {"state.terlaksana", c.held},  {"state.tidak_terlaksana", c.notHeld},
  };
  mustache::data list{mustache::data::type::list};
  for (const auto& [id, count] : lines) {
    mustache::data line;
    // "Diajukan" stands for every state that still waits.
    line.set("label", std::string_view(id) == "state.diajukan" ? tr(language, "recap.pending_long") : tr(language, id));
    line.set("count", std::to_string(count));
    list.push_back(line);
  }
  return list;
}

// The page. `recap` is null when the period was refused (`error` says why).
WebResponse recapPage(staff::StaffRequest& staff, const std::string& month, const std::string& year,
                      const workflow::Recap* recap, int status, const std::string& error) {
  const std::string& language = staff.language;
  mustache::data data = staff::baseData(staff);
  data.set("bulan", month);
  data.set("tahun", year);
  // The examples in the empty fields are this month and year.
  const auto today = workflow::localDateOf(staff.web.clock->now(), staff.web.requests.config().timezone);
  data.set("year_hint", std::to_string(today.year));
  data.set("month_hint", recap::periodText(workflow::RecapPeriod{today.year, today.month}));
  staff::setOptional(data, "error", error);
  if (recap) {
    const workflow::RecapPeriod& period = recap->period;
    if (period.month != 0) data.set("bulan", recap::periodText(period));
    if (period.month == 0) data.set("tahun", std::to_string(period.year));
    const workflow::RecapPeriod prev = period.month == 0   ? workflow::RecapPeriod{period.year - 1, 0}
                                       : period.month == 1 ? workflow::RecapPeriod{period.year - 1, 12}
                                                           : workflow::RecapPeriod{period.year, period.month - 1};
    const workflow::RecapPeriod next = period.month == 0    ? workflow::RecapPeriod{period.year + 1, 0}
                                       : period.month == 12 ? workflow::RecapPeriod{period.year + 1, 1}
                                                            : workflow::RecapPeriod{period.year, period.month + 1};
    data.set("prev", "/staf/rekap?" + recap::periodQuery(prev));
    data.set("next", "/staf/rekap?" + recap::periodQuery(next));
    data.set("year_link", "/staf/rekap?tahun=" + std::to_string(period.year));
    data.set("is_month", period.month != 0);
    data.set("period_label", recap::periodLabel(period, language));
    data.set("agenda_incomplete", recap->agendaIncomplete);
    data.set("requests_incomplete", recap->requestsIncomplete);
    data.set("totals", totalsList(recap->total, language));
    data.set("median", durationText(recap->decisionTimes.medianHours, language));
    data.set("p90", durationText(recap->decisionTimes.p90Hours, language));
    data.set("decided", std::to_string(recap->decisionTimes.decided));
    data.set("chart", recap::recapChartSvg(*recap, language));
    mustache::data leaders{mustache::data::type::list};
    for (const auto& leader : recap->leaders) {
      mustache::data row = countsRow(leader.displayName, leader.counts);
      row.set("median", durationText(leader.decisionTimes.medianHours, language));
      row.set("p90", durationText(leader.decisionTimes.p90Hours, language));
      std::string by;
      for (const auto& [name, count] : leader.representedBy)
        by += (by.empty() ? "" : ", ") + name + " (" + std::to_string(count) + ")";
      row.set("represented_by", by.empty() ? std::string("–") : by);
      row.set("events_requests", std::to_string(leader.eventsFromRequests));
      row.set("events_direct", std::to_string(leader.eventsDirect));
      leaders.push_back(row);
    }
    data.set("leaders", leaders);
    data.set("no_leaders", recap->leaders.empty());
    mustache::data institutions{mustache::data::type::list};
    for (const auto& [name, counts] : recap->byInstitution) institutions.push_back(countsRow(name, counts));
    data.set("institutions", institutions);
    mustache::data types{mustache::data::type::list};
    for (const auto& [code, counts] : recap->byLetterType)
      types.push_back(countsRow(recap::letterTypeLabel(code, language), counts));
    data.set("types", types);
    data.set("no_requests", recap->requests.empty());
    const std::string query = recap::periodQuery(period);
    data.set("csv", "/staf/rekap.csv?" + query);
    data.set("csv_summary", "/staf/rekap.csv?isi=ringkasan&" + query);
    data.set("json", "/staf/rekap.json?" + query);
    data.set("xlsx", "/staf/rekap.xlsx?" + query);
    data.set("shown", true);
  } else {
    data.set("shown", false);
  }
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_rekap", tr(language, "recap.title"), data, language);
  return response;
}

WebResponse recapAnswer(WebContext& context, const WebRequest& request, const caldav::Principal& user,
                        const std::string& language, RecapOutput output) {
  const std::string month = request.queryValue("bulan");
  const std::string year = request.queryValue("tahun");
  const std::string& zone = context.requests.config().timezone;
  const auto today = workflow::localDateOf(context.clock->now(), zone);
  const recap::PeriodChoice choice = recap::parsePeriod(month, year, today);
  if (!recap::mayReadRecap(user)) {
    if (output != RecapOutput::Page) return recap::plainTextAnswer(403, tr(language, "staf_forbidden"));
    return staff::messagePage(language, 403, tr(language, "staf_forbidden"), "/staf");
  }
  if (!choice.period) {
    if (output != RecapOutput::Page) return recap::plainTextAnswer(400, tr(language, choice.error));
    staff::StaffRequest staff{context, request, user, language, csrfTokenOf(context, request)};
    return recapPage(staff, month, year, nullptr, 400, tr(language, choice.error));
  }
  const workflow::Recap recap = recap::readRecapFor(context, user, *choice.period);
  if (output == RecapOutput::Page) {
    staff::StaffRequest staff{context, request, user, language, csrfTokenOf(context, request)};
    return recapPage(staff, month, year, &recap, 200, "");
  }
  WebResponse response;
  const std::string name = "rekap-" + recap::periodText(recap.period);
  if (output == RecapOutput::Csv) {
    response.contentType = "text/csv; charset=utf-8; header=present";
    const bool summary = request.queryValue("isi") == "ringkasan";
    response.body = summary ? recap::recapSummaryCsv(recap, language) : recap::recapCsv(recap, zone, language);
    response.setHeader("Content-Disposition",
                       "attachment; filename=\"" + name + (summary ? "-ringkasan" : "") + ".csv\"");
  } else {
    response.contentType = "application/json";
    response.body = recap::recapJson(recap, zone);
  }
  keepPrivate(response);
  return response;
}

}  // namespace

std::optional<WebResponse> staffRecapPages(WebContext& context, const WebRequest& request) {
  RecapOutput output;
  if (request.path == "/staf/rekap") {
    output = RecapOutput::Page;
  } else if (request.path == "/staf/rekap.csv") {
    output = RecapOutput::Csv;
  } else if (request.path == "/staf/rekap.json") {
    output = RecapOutput::Json;
  } else {
    return std::nullopt;
  }
  const std::string language = languageOf(request);
  if (request.method != "GET") {
    WebResponse response = staff::messagePage(language, 405, tr(language, "error.method"));
    response.setHeader("Allow", "GET, HEAD");
    return response;
  }
  const Caller caller = callerOf(context, request, output != RecapOutput::Page);
  if (caller.busy) {
    WebResponse response = recap::plainTextAnswer(503, tr(language, "error.busy"));
    response.setHeader("Retry-After", std::to_string(context.authenticator.busyRetrySeconds()));
    return response;
  }
  if (!caller.user) {
    if (output != RecapOutput::Page) {
      // Scripts authenticate as CalDAV clients do.
      WebResponse response = recap::plainTextAnswer(401, tr(language, "error.login_required"));
      response.setHeader("WWW-Authenticate", std::string(context.authenticator.challenge()));
      return response;
    }
    std::string target = "/staf/rekap";
    if (const auto month = request.queryValue("bulan"); !month.empty()) target += "?bulan=" + month;
    if (const auto year = request.queryValue("tahun"); !year.empty())
      target += (target.find('?') == std::string::npos ? "?tahun=" : "&tahun=") + year;
    return WebResponse::redirect("/staf/masuk?lanjut=" + staff::encodeQueryValue(target, true));
  }
  return recapAnswer(context, request, *caller.user, language, output);
}

}  // namespace jadwal::web
