#include "web/recap_request.h"

#include <cctype>

#include "web/password_check.h"
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

Caller callerOf(WebContext& context, const WebRequest& request, bool basicToo) {
  Caller caller;
  caller.user = currentUser(context, request);
  if (caller.user || !basicToo) return caller;
  const std::string authorization = request.header("Authorization");
  if (authorization.empty()) return caller;
  const auto auth = context.authenticator.check(authorization, request.clientKey);
  caller.busy = auth.busy;
  if (auth.user)
    caller.user = caldav::Principal{auth.user->id, auth.user->name, auth.user->role, auth.user->displayName};
  return caller;
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

void keepPrivate(WebResponse& response) {
  response.setHeader("Cache-Control", "private, no-cache");
  response.setHeader("Vary", "Cookie, Authorization");
}

}  // namespace jadwal::web::recap
