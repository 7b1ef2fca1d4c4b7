#pragma once
// The office's work report (pelaporan kerja): per month or per year, what
// came in, what was decided, how fast, and what stood on each leader's
// agenda. One model read once; the recap page, its SVG chart, the CSV, the
// JSON for scripts and the Excel workbook all show this value.
//
// Which requests a period counts: those submitted (createdAt) within it,
// local days in the configured zone (WIB), classified by the decision
// they have now (RecapCounts). The agenda part counts the events on each leader's agenda
// calendars that start within the period, whether made from a request or
// entered directly in a client.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sql/request_store.h"
#include "workflow/agenda.h"

namespace jadwal::workflow {

struct RecapPeriod {
  int year = 1970;
  int month = 0;  // 1..12; 0: the whole year
  friend bool operator==(const RecapPeriod&, const RecapPeriod&) = default;
};

// How many requests ended where. `received` counts all of them and splits
// into pending, approved, represented, rejected, withdrawn and cancelled by
// the decision they have now; `held` and `notHeld` count, among the
// approved and represented, those since marked held or not held (a
// represented request marked held stays represented).
// On a leader's line, `received` counts the requests asked of or assigned
// to the leader; the rest only those decided for this leader (or for none
// yet): a request asked of two leaders and approved for the other counts
// as received only.
struct RecapCounts {
  std::int64_t received = 0;
  std::int64_t pending = 0;      // diajukan, diverifikasi, dikembalikan
  std::int64_t approved = 0;     // disetujui, and held or not held after it
  std::int64_t represented = 0;  // diwakilkan, and held or not held after it
  std::int64_t rejected = 0;     // ditolak
  std::int64_t withdrawn = 0;    // ditarik
  std::int64_t cancelled = 0;    // dibatalkan
  std::int64_t held = 0;         // terlaksana: of the approved and represented
  std::int64_t notHeld = 0;      // tidak_terlaksana: of the approved and represented
  friend bool operator==(const RecapCounts&, const RecapCounts&) = default;
};

// Time from submission to the first decision (approve, represent, reject),
// in hours; none when nothing was decided.
struct DecisionTimes {
  std::int64_t decided = 0;
  std::optional<double> medianHours;
  std::optional<double> p90Hours;
};

// One request of the period as the reports list it.
struct RecapRequest {
  sql::RequestRow request;
  std::optional<sql::Instant> decidedAt;  // the first decision, if any
  std::string leaderDisplayName;          // of assignedLeader, or of the first leader asked
  std::string representedBy;              // the representative's display name or the person named
};

// One line of a leader's agenda in the period.
struct RecapAgendaLine {
  AgendaEntry entry;
  bool fromRequest = false;  // the event a request wrote (its event link)
};

struct LeaderRecap {
  std::string userName;     // "bupati"
  std::string displayName;  // "Bupati"
  RecapCounts counts;       // requests asked of or assigned to this leader
  DecisionTimes decisionTimes;
  std::map<std::string, std::int64_t> representedBy;  // who represented the leader, how often
  std::int64_t eventsFromRequests = 0;
  std::int64_t eventsDirect = 0;
  std::vector<RecapAgendaLine> agenda;  // by start
};

// One bar of the chart: a month of a year recap, or the month itself.
struct RecapMonth {
  RecapPeriod period;
  RecapCounts counts;
};

struct Recap {
  RecapPeriod period;
  sql::Instant from = 0, to = 0;  // [from, to) in instants
  RecapCounts total;
  DecisionTimes decisionTimes;
  std::map<std::string, RecapCounts> byInstitution;  // as typed, case and spaces folded
  std::map<std::string, RecapCounts> byLetterType;   // undangan, audiensi, kunjungan, lainnya
  std::vector<LeaderRecap> leaders;                  // in AgendaConfig::leaderOrder, then by display name
  std::vector<RecapMonth> months;                    // the year's twelve, or the one month
  std::vector<RecapRequest> requests;                // every request of the period, by submission
  bool agendaIncomplete = false;                     // an expansion bound was reached
  // More requests than AgendaConfig::maxRecapRequests were submitted in the
  // period: the newest that many are counted.
  bool requestsIncomplete = false;
};

// Reads the recap of `period` as `reader` may see it: protocol staff and
// admins every request and leader; a leader or an aide only the requests
// and agendas of their own leaders (the inbox's rules), and no tracking
// codes (RecapRequest::request.code left empty: the code is the
// requester's key).
Recap readRecap(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                const AgendaConfig& config, const caldav::Principal& reader, const RecapPeriod& period);

// The value below which `fraction` (0.5: the median, 0.9) of `values` lie,
// interpolating linearly between the two nearest sorted values; nullopt
// for no values.
std::optional<double> percentileOf(std::vector<double> values, double fraction);

// The period's [from, to) in `timezone`.
sql::Instant periodStart(const RecapPeriod& period, const std::string& timezone);
sql::Instant periodEnd(const RecapPeriod& period, const std::string& timezone);

}  // namespace jadwal::workflow
