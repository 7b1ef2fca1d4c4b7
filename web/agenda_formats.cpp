#include "web/agenda_formats.h"

#include <sodium.h>

#include <cstdio>

#include "base/utf8.h"
#include "caldav/ical/ical.h"
#include "caldav/ical/zones.h"
#include "workflow/agenda_text.h"

namespace jadwal::web::agenda {
namespace {

using workflow::AgendaEntry;

// Only the entries the public may see, whatever the caller read.
bool isPublic(const AgendaEntry& entry) { return entry.published && !entry.confidential; }

// Text from calendars as valid UTF-8 without control characters but line breaks.
std::string cleaned(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = base::utf8SequenceLength(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (length > 1 || c == '\n' || (c >= 0x20 && c != 0x7f)) out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  for (const char ch : cleaned(text)) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '<') {
      out += "\\u003c";  // harmless if a page ever embeds the answer
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// "2023-11-22T08:00:00+07:00"
std::string isoDateTime(sql::Instant instant, const std::string& timezone) {
  const int offset = caldav::utcOffsetAt(instant, timezone);
  const auto local = caldav::civilTimeOf(instant + offset);
  const int minutes = (offset < 0 ? -offset : offset) / 60;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", local.year, local.month, local.day,
                local.hour, local.minute, local.second, offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

std::string entryJson(const AgendaEntry& entry, const std::string& timezone) {
  std::string out = "{\"start\":\"" + isoDateTime(entry.start, timezone) + "\",\"end\":";
  out += entry.openEnd ? "null" : "\"" + isoDateTime(entry.end, timezone) + "\"";
  out += ",\"open_end\":";
  out += entry.openEnd ? "true" : "false";
  out += ",\"all_day\":";
  out += entry.allDay ? "true" : "false";
  out += ",\"activity\":" + jsonString(entry.activity);
  out += ",\"place\":" + jsonString(entry.place);
  out += ",\"represented_by\":" + jsonString(entry.representedBy) + "}";
  return out;
}

// --- iCalendar (RFC 5545) ---

std::string icsText(std::string_view text) {
  std::string out;
  for (const char c : cleaned(text)) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets, never inside a UTF-8 sequence.
void addLine(std::string& out, std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t length = base::utf8SequenceLength(line, i);
    if (length == 0) length = 1;
    if (width + length > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line.substr(i, length));
    width += length;
    i += length;
  }
  out += "\r\n";
}

std::string dateValue(const workflow::LocalDate& date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", date.year, date.month, date.day);
  return text;
}

// A UID that names the occurrence without telling anything of the stored
// event (its UID may name the request it came from).
std::string publicUid(const AgendaEntry& entry) {
  const std::string input = entry.calendarPath + "/" + entry.uid + "@" + std::to_string(entry.start);
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  static const char* hex = "0123456789abcdef";
  std::string uid;
  for (unsigned char byte : digest) {
    uid += hex[byte >> 4];
    uid += hex[byte & 15];
  }
  return uid + "@agenda.jadwal";
}

void addEvent(std::string& out, const AgendaEntry& entry, const std::string& leaderTitle, sql::Instant stamp,
              const std::string& timezone) {
  addLine(out, "BEGIN:VEVENT");
  addLine(out, "UID:" + publicUid(entry));
  addLine(out, "DTSTAMP:" + caldav::formatUtcDateTime(entry.modifiedAt > 0 ? entry.modifiedAt : stamp));
  if (entry.allDay) {
    const auto first = workflow::localDateOf(entry.start, timezone);
    auto after = workflow::localDateOf(entry.end, timezone);
    if (!(first < after)) after = workflow::nextDay(first);
    addLine(out, "DTSTART;VALUE=DATE:" + dateValue(first));
    addLine(out, "DTEND;VALUE=DATE:" + dateValue(after));
  } else {
    addLine(out, "DTSTART:" + caldav::formatUtcDateTime(entry.start));
    if (!entry.openEnd && entry.end > entry.start) addLine(out, "DTEND:" + caldav::formatUtcDateTime(entry.end));
  }
  addLine(out, "SUMMARY:" + icsText(entry.activity));
  if (!entry.place.empty()) addLine(out, "LOCATION:" + icsText(entry.place));
  std::string description = "Pimpinan: " + leaderTitle;
  if (entry.openEnd) description += "\nWaktu: s.d. selesai";
  if (!entry.representedBy.empty()) description += "\nDiwakili oleh: " + entry.representedBy;
  addLine(out, "DESCRIPTION:" + icsText(description));
  addLine(out, "CLASS:PUBLIC");
  addLine(out, "TRANSP:OPAQUE");
  addLine(out, "END:VEVENT");
}

}  // namespace

std::string publicJson(const workflow::Agenda& agenda, const DayRange& range, const std::string& timezone) {
  std::string out = "{\"from\":\"" + workflow::isoDateText(range.first) + "\",\"to\":\"" +
                    workflow::isoDateText(range.last) + "\",\"timezone\":" + jsonString(timezone) +
                    ",\"incomplete\":" + (agenda.incomplete ? "true" : "false") + ",\"days\":[";
  bool firstDay = true;
  for (const auto& day : workflow::agendaByDay(agenda, timezone)) {
    out += firstDay ? "" : ",";
    firstDay = false;
    out += "{\"date\":\"" + workflow::isoDateText(day.date) + "\",\"leaders\":[";
    bool firstLeader = true;
    for (const auto& leader : day.leaders) {
      out += firstLeader ? "" : ",";
      firstLeader = false;
      out += "{\"title\":" + jsonString(leader.title) + ",\"entries\":[";
      bool firstEntry = true;
      for (const auto& entry : leader.entries) {
        if (!isPublic(entry)) continue;
        out += firstEntry ? "" : ",";
        firstEntry = false;
        out += entryJson(entry, timezone);
      }
      out += "]}";
    }
    out += "]}";
  }
  return out + "]}\n";
}

std::string publicIcs(const workflow::Agenda& agenda, const std::string& calendarName, const std::string& timezone) {
  std::string out;
  addLine(out, "BEGIN:VCALENDAR");
  addLine(out, "VERSION:2.0");
  addLine(out, "PRODID:-//Jadwal//Agenda Publik//ID");
  addLine(out, "CALSCALE:GREGORIAN");
  addLine(out, "METHOD:PUBLISH");
  addLine(out, "X-WR-CALNAME:" + icsText(calendarName));
  for (const auto& leader : agenda.leaders) {
    for (const auto& entry : leader.entries) {
      if (isPublic(entry)) addEvent(out, entry, leader.title, agenda.query.from, timezone);
    }
  }
  addLine(out, "END:VCALENDAR");
  return out;
}

}  // namespace jadwal::web::agenda
