#pragma once
// The work report (workflow/recap.h) as an Excel workbook (.xlsx), written
// with libxlsxwriter, for the office's own spreadsheets:
//   "Ringkasan"           the period, the totals per state, decision times,
//                         and the same per leader, month, institution and
//                         letter type;
//   "Permohonan"          every request of the period with its decision;
//   "Agenda <leader>"     one sheet per leader: the agenda of the period.
// Each sheet has a bold, frozen header row with an autofilter and set column
// widths. Dates and times are real Excel dates (numbers with a date format)
// in the local time of `timezone` (WIB), as people in the office read them;
// the texts are Indonesian, the office's language for its reports.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/recap.h"

namespace jadwal::web {

struct RecapWorkbookLimits {
  // Data rows of the whole workbook, every sheet together ([agenda]
  // recap_workbook_max_rows): a year of a busy office fits, a runaway answer does
  // not. Past it the sheets stop, and the workbook says how many rows it
  // left out.
  std::size_t maxRows = 50000;
};

// The .xlsx bytes. libxlsxwriter writes to a file: a private temporary file
// in the system's temporary directory, removed before returning or
// throwing. Throws std::runtime_error when the workbook cannot be written.
std::string recapWorkbook(const workflow::Recap& recap, const std::string& timezone,
                          const RecapWorkbookLimits& limits = {});

// The name of a leader's agenda sheet: "Agenda <display name>" without the
// characters Excel refuses in a sheet name ([]:*?/\ and control characters),
// cut to Excel's 31 characters, and, ignoring case, none of `taken` (a
// number is added: "Agenda Bupati (2)").
std::string agendaSheetName(std::string_view displayName, const std::vector<std::string>& taken);

}  // namespace jadwal::web
