#pragma once
// The leaders' agenda as every output shows it (the daily WhatsApp text, the
// staff agenda page, the public agenda and its feeds, the printed agenda,
// the morning mail): read straight from the leaders' calendars, so that
// events entered in Thunderbird or on a phone count as much as those made
// from requests.
//
// What an event says beyond its time, title and place comes from lines of
// its DESCRIPTION that anyone can type in a calendar client, and that the
// events written for approved requests carry too (event_mapping.cpp), so
// the two never differ (agenda_fields.h has the convention):
//   Pakaian: PDH
//   Ket.: Sambutan
//   Diwakili oleh: Sekretaris Daerah
//   Narahubung: Budi, 0812 3456 7890
//   Publik: ya | tidak
//   s.d. selesai              (alone on a line: the end is open)
//
// Who sees what:
//  - a reader (a logged-in user) sees the leaders whose calendars they may
//    read (caldav::calendarAccess), and of each only those calendars;
//  - the public (no reader) sees the published entries of every leader.
// Leaders are the enabled users of role Leader; a disabled one is left out.
// Cancelled events are never listed. Tentative ones only when asked for;
// then also the holds of pending requests (AgendaConfig::holdCalendar), each
// under the leaders its request asks for, to readers who may read the hold
// calendar; never to the public.
// CLASS:PRIVATE and CLASS:CONFIDENTIAL events are listed to readers as
// "Acara internal" with their time only, and never published.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "caldav/dav.h"
#include "caldav/ical/ical.h"
#include "sql/store.h"
#include "workflow/agenda_config.h"

namespace jadwal::workflow {

// A day as people name it, in the configured zone.
struct LocalDate {
  int year = 1970, month = 1, day = 1;
  friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

// One occurrence on a leader's agenda.
struct AgendaEntry {
  std::string leader;        // the user name of the calendar's owner
  std::string calendarPath;  // "bupati/agenda"
  std::string objectName;    // "abc.ics"
  std::string uid;
  sql::Instant start = 0;
  sql::Instant end = 0;         // as the calendar has it; an open end has end == start
  bool openEnd = false;         // "s.d. selesai": no DTEND nor DURATION, or the line in the description
  bool allDay = false;          // DTSTART is a date
  std::string activity;         // SUMMARY, without a trailing " (diwakili)"
  std::string place;            // LOCATION
  std::string dressCode;        // "Pakaian:"
  std::string role;             // "Ket.:": the leader's part (Sambutan, Narasumber, ...)
  std::string representedBy;    // "Diwakili oleh:"
  std::string contact;          // "Narahubung:"
  bool tentative = false;       // STATUS:TENTATIVE ("(belum pasti)")
  bool confidential = false;    // CLASS PRIVATE or CONFIDENTIAL: time only, "Acara internal"
  bool published = false;       // may appear on the public agenda (publishedByDefault and the event's choice)
  sql::Instant modifiedAt = 0;  // of the object it comes from
  // The event's own link for people to open (its first http(s) ATTACH, else
  // its http(s) URL), as a calendar client shows it; "" when none. Readers'
  // pages only: no public output shows it.
  std::string link;
};

struct LeaderAgenda {
  std::string userName;              // "bupati"
  std::string title;                 // the heading: the display name in capitals, "BUPATI"
  std::vector<AgendaEntry> entries;  // by start, then end, then activity
};

struct AgendaQuery {
  sql::Instant from = 0;  // [from, to): usually whole local days (dayStart)
  sql::Instant to = 0;
  std::string leader;             // one leader's user name; empty: every leader
  bool includeTentative = false;  // list STATUS:TENTATIVE events (marked)
  // The public agenda: only published entries, never confidential ones,
  // and of each only the public fields (the caller shows no others).
  bool publicOnly = false;
};

struct Agenda {
  AgendaQuery query;
  std::vector<LeaderAgenda> leaders;  // AgendaConfig::leaderOrder first, then the others by display name
  // A recurring event was not expanded in full (an expansion bound or the
  // budget): some occurrences may be missing; outputs say so.
  bool incomplete = false;
  // For conditional GETs: changes whenever anything the answer shows may
  // have changed (the sync sequence of every calendar read, and which
  // calendars those are, the leaders' titles, the [agenda] settings and
  // whether the reader is the public); quoted, ready for an ETag header.
  std::string etag;
  sql::Instant lastModified = 0;  // the newest modifiedAt of the objects read (0: none)
};

// Which leaders and calendars a query reads, and the answer's ETag, found
// without reading one event: a conditional GET can answer 304 from it.
struct AgendaPlan {
  struct LeaderCalendars {
    sql::User leader;
    std::vector<sql::Calendar> calendars;  // those the reader may read
  };
  AgendaQuery query;                     // publicOnly set for the public
  std::vector<LeaderCalendars> leaders;  // the leaders the reader sees, in order
  // The hold calendar, when the query includes tentative events and the
  // reader may read it (never for the public).
  std::optional<sql::Calendar> holdCalendar;
  std::string etag;  // as Agenda::etag
};
AgendaPlan planAgenda(sql::Store& store, const AgendaConfig& config, const std::optional<caldav::Principal>& reader,
                      const AgendaQuery& query);

// Reads the events of a plan. Every expansion spends from `budget` (a page
// shares one). Events written since the plan was made may show; its ETag
// then names an older answer, so the next conditional GET reads again.
Agenda readPlannedAgenda(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                         const AgendaConfig& config, const AgendaPlan& plan);

// Plans and reads the agenda of [query.from, query.to). `reader` empty
// means the public.
Agenda readAgenda(sql::Store& store, const caldav::TimeContext& time, caldav::ExpansionBudget& budget,
                  const AgendaConfig& config, const std::optional<caldav::Principal>& reader, const AgendaQuery& query);

// A leader's heading on every output: the display name in capitals ("BUPATI").
std::string agendaTitleOf(const sql::User& leader);

// Whether a calendar's events are public unless they say otherwise:
// AgendaConfig::publicCalendars names it ("OWNER/SLUG"), or holds "leaders"
// and the calendar is a leader's "agenda".
bool publishedByDefault(const AgendaConfig& config, const sql::Calendar& calendar, sql::Role ownerRole);

// Local days in `timezone`.
LocalDate localDateOf(sql::Instant instant, const std::string& timezone);
sql::Instant dayStart(const LocalDate& date, const std::string& timezone);  // 00.00 local
LocalDate nextDay(const LocalDate& date, int days = 1);                     // also negative
// "2023-11-22"; nullopt when malformed or not a real date.
std::optional<LocalDate> parseIsoDate(std::string_view text);
std::string isoDateText(const LocalDate& date);
int weekdayOf(const LocalDate& date);  // 0 = Sunday ... 6 = Saturday

}  // namespace jadwal::workflow
