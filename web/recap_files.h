#pragma once
// The work report as files: CSV for a spreadsheet (one row per request of
// the period, or its numbers), and JSON for scripts (the whole Recap).
//
// CSV (RFC 4180): UTF-8 with a byte order mark so that Excel reads the
// letters right, CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break. A field that begins with = + - @ (or a tab or CR)
// gets a leading apostrophe, so that a spreadsheet shows it rather than
// runs it as a formula. Columns, in the header's language:
//   code, submitted (YYYY-MM-DD HH:MM local), institution, requester,
//   letter number, letter date, type, activity, activity start (local),
//   place, leaders asked (display names, "; "), assigned leader, state,
//   decision (the first, local), represented by, decision note.
//
// JSON field names (times ISO 8601 with the zone's offset, "+07:00"):
//   period {year, month (0: the year), from, to, timezone}
//   total, months[] {year, month, counts}, by_institution {name: counts},
//   by_letter_type {type: counts}: counts are {received, pending,
//   approved, represented, rejected, withdrawn, cancelled, held, not_held}
//   decision_times {decided, median_hours, p90_hours (null: none)}
//   leaders[] {user, name, counts, decision_times, represented_by {name: n},
//     events_from_requests, events_direct, agenda[] {start, end, open_end,
//     all_day, activity, place, represented_by, from_request, confidential}}
//   requests[] {code, state, submitted, decided (null), institution,
//     requester, letter_number, letter_date, letter_type, activity, start,
//     end (null), place, leaders_asked[], assigned_leader, leader_name,
//     represented_by, decision_note}
//   agenda_incomplete, requests_incomplete

#include <string>

#include "workflow/recap.h"

namespace jadwal::web::recap {

std::string recapCsv(const workflow::Recap& recap, const std::string& timezone, const std::string& language);
std::string recapJson(const workflow::Recap& recap, const std::string& timezone);
// The recap's numbers as CSV (/staf/rekap.csv?isi=ringkasan), same rules as
// above: a row of totals, one per month of a year, per leader (with the
// decision times and the events from requests and entered directly), per
// institution and per letter type; the counts as RecapCounts has them.
std::string recapSummaryCsv(const workflow::Recap& recap, const std::string& language);

// A CSV field as RFC 4180 writes it, made safe from formulas.
std::string csvField(const std::string& text);

// "Undangan" for "undangan": the letter type as the form names it.
std::string letterTypeLabel(const std::string& code, const std::string& language);

// "2025-11-20T09:00:00+07:00"
std::string isoInstant(sql::Instant instant, const std::string& timezone);

}  // namespace jadwal::web::recap
