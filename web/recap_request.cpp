#include "web/recap_request.h"

#include <cctype>

#include "workflow/request_service.h"
#include "workflow/wib_format.h"

namespace jadwal::web::recap {

namespace {

// Years a report may name: the calendar horizon of the expansion (1900..2100).
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2099;

// Exactly `digits` ASCII digits.
std::optional<int> number(std::string_view text, std::size_t digits) {
  if (text.size() != digits) return std::nullopt;
  int value = 0;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

PeriodChoice parsePeriod(const std::string& month, const std::string& year, const workflow::LocalDate& today) {
  PeriodChoice choice;
  if (!month.empty() && !year.empty()) {
    choice.error = "recap.both";
  } else if (!month.empty()) {
    const auto y =
        month.size() == 7 && month[4] == '-' ? number(std::string_view(month).substr(0, 4), 4) : std::nullopt;
    const auto m = y ? number(std::string_view(month).substr(5), 2) : std::nullopt;
    if (y && m && *y >= kFirstYear && *y <= kLastYear && *m >= 1 && *m <= 12) {
      choice.period = workflow::RecapPeriod{*y, *m};
    } else {
      choice.error = "recap.bad_month";
    }
  } else if (!year.empty()) {
    const auto y = number(year, 4);
    if (y && *y >= kFirstYear && *y <= kLastYear) {
      choice.period = workflow::RecapPeriod{*y, 0};
    } else {
      choice.error = "recap.bad_year";
    }
  } else {
    choice.period = workflow::RecapPeriod{today.year, today.month};
  }
  return choice;
}

std::string periodText(const workflow::RecapPeriod& period) {
  std::string text = std::to_string(period.year);
  if (period.month != 0) text += (period.month < 10 ? "-0" : "-") + std::to_string(period.month);
  return text;
}

std::string periodQuery(const workflow::RecapPeriod& period) {
  return (period.month == 0 ? "tahun=" : "bulan=") + periodText(period);
}

std::string periodLabel(const workflow::RecapPeriod& period, const std::string& language) {
  if (period.month == 0) return tr(language, "recap.year") + " " + std::to_string(period.year);
  return std::string(workflow::monthName(period.month, language)) + " " + std::to_string(period.year);
}

bool mayReadRecap(const caldav::Principal& user) { return user.role != sql::Role::Viewer; }

workflow::Recap readRecapFor(WebContext& context, const caldav::Principal& user, const workflow::RecapPeriod& period) {
  caldav::ExpansionBudget budget;
  budget.stepsLeft = context.maxAnswerSteps;
  caldav::TimeContext time = context.time;
  time.defaultTzid = context.requests.config().timezone;
  time.budget = &budget;
  return workflow::readRecap(context.store, time, budget, context.agenda, user, period);
}

WebResponse plainTextAnswer(int status, const std::string& text) {
  WebResponse response;
  response.status = status;
  response.contentType = "text/plain; charset=utf-8";
  response.body = text + "\n";
  return response;
}

}  // namespace jadwal::web::recap
