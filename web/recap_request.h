#pragma once
// What every form of the work report (/staf/rekap: the page, .csv, .json,
// .xlsx) shares: who asks (a session, or HTTP Basic credentials for the
// files that scripts fetch), which period (bulan=YYYY-MM or tahun=YYYY,
// default the current month in the configured zone), and the Recap read
// with the server's bounds.
//
// Who may: protocol staff and admins see every request and leader; a
// leader or an aide only their own leaders'; a viewer nothing (403).

#include <optional>
#include <string>

#include "web/private_caller.h"
#include "web/web.h"
#include "workflow/recap.h"

namespace jadwal::web::recap {

// The chosen period, or the id of the message that says what is wrong.
struct PeriodChoice {
  std::optional<workflow::RecapPeriod> period;
  std::string error;  // "recap.bad_month", "recap.bad_year", "recap.both"
};
// bulan and tahun as typed; both empty: the month of `today`.
PeriodChoice parsePeriod(const std::string& month, const std::string& year, const workflow::LocalDate& today);

// "2025-11" or "2025": the value of the period's parameter, and of file names.
std::string periodText(const workflow::RecapPeriod& period);
// "bulan=2025-11" or "tahun=2025".
std::string periodQuery(const workflow::RecapPeriod& period);
// "November 2025" / "Tahun 2025" ("Year 2025").
std::string periodLabel(const workflow::RecapPeriod& period, const std::string& language);

// The refusal for a caller who may not see any report (a viewer), or none.
bool mayReadRecap(const caldav::Principal& user);

// Reads the recap as `user` may see it, with the bounds of one CalDAV
// report on expanding recurring events ([caldav] max_answer_steps).
workflow::Recap readRecapFor(WebContext& context, const caldav::Principal& user, const workflow::RecapPeriod& period);

// The answer of the recap's file links (CSV, JSON, workbook) when they
// refuse: a line of plain text, since no page asked for them.
WebResponse plainTextAnswer(int status, const std::string& text);

}  // namespace jadwal::web::recap
