// The agenda in the office's words: Indonesian times, days, and the daily
// WhatsApp message.

#include "workflow/agenda_text.h"

#include <cstdlib>

#include "workflow/agenda_fields.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {

namespace {

constexpr int kMostDays = 3660;  // a runaway range must not loop for ever

int daysBetween(const LocalDate& from, const LocalDate& to) {
  // Local dates as UTC midnights: whole days apart, whatever the zone.
  return static_cast<int>((dayStart(to, "UTC") - dayStart(from, "UTC")) / 86400);
}

// Another day than the one shown: its name within a week, else its date.
std::string otherDayText(const LocalDate& date, const LocalDate& shown) {
  if (std::abs(daysBetween(shown, date)) <= 6) return std::string(dayName(weekdayOf(date), "id"));
  return std::to_string(date.day) + " " + std::string(monthName(date.month, "id")) + " " + std::to_string(date.year);
}

std::string clock(const LocalDateTime& local) {
  const auto two = [](int value) { return std::string(value < 10 ? "0" : "") + std::to_string(value); };
  return two(local.hour) + "." + two(local.minute);
}

LocalDate dateOf(const LocalDateTime& local) { return LocalDate{local.year, local.month, local.day}; }

bool fallsOn(const AgendaEntry& entry, sql::Instant dayFrom, sql::Instant dayTo) {
  // An entry with no duration sits at its start.
  if (entry.end <= entry.start) return entry.start >= dayFrom && entry.start < dayTo;
  return entry.start < dayTo && entry.end > dayFrom;
}

void addField(std::string& text, std::string_view label, const std::string& value) {
  const std::string line = agendaLine(value);
  if (!line.empty()) text.append("   ").append(label).append(line).append("\n");
}

void addEntry(std::string& text, int number, const AgendaEntry& entry, const LocalDate& day,
              const std::string& timezone) {
  text += std::to_string(number) + ". " + entryTimeText(entry, day, timezone);
  if (entry.tentative) text += " (belum pasti)";
  text += "\n";
  if (entry.confidential) {
    text += "   Acara internal\n";
    return;
  }
  addField(text, "", entry.activity);
  addField(text, "Tempat  : ", entry.place);
  addField(text, "Pakaian : ", entry.dressCode);
  addField(text, "Ket.    : ", entry.role);
  addField(text, "Diwakili oleh : ", entry.representedBy);
  addField(text, "Narahubung : ", entry.contact);
}

}  // namespace

std::string entryTimeText(const AgendaEntry& entry, const LocalDate& day, const std::string& timezone) {
  if (entry.allDay) return "Sepanjang hari";
  const std::string zone = " " + zoneAbbreviation(timezone);
  const LocalDateTime start = toLocal(entry.start, timezone);
  const std::string startText = (dateOf(start) == day ? "" : otherDayText(dateOf(start), day) + " ") + clock(start);
  if (entry.openEnd) return startText + zone + " s.d. selesai";
  if (entry.end <= entry.start) return startText + zone;

  const LocalDateTime end = toLocal(entry.end, timezone);
  std::string endText;
  if (dateOf(end) == day) {
    endText = clock(end);
  } else if (dateOf(end) == nextDay(day) && end.hour == 0 && end.minute == 0) {
    endText = "24.00";  // up to midnight ends the day shown, not the next
  } else {
    endText = otherDayText(dateOf(end), day) + " " + clock(end);
  }
  if (dateOf(start) == day && (dateOf(end) == day || endText == "24.00")) {
    return startText + "\u2013" + endText + zone;
  }
  return startText + zone + " s.d. " + endText + zone;
}

std::vector<AgendaDay> agendaByDay(const Agenda& agenda, const std::string& timezone) {
  std::vector<AgendaDay> days;
  LocalDate date = localDateOf(agenda.query.from, timezone);
  for (int count = 0; count < kMostDays && dayStart(date, timezone) < agenda.query.to; ++count) {
    const LocalDate next = nextDay(date);
    const sql::Instant from = dayStart(date, timezone), to = dayStart(next, timezone);
    AgendaDay day;
    day.date = date;
    for (const LeaderAgenda& leader : agenda.leaders) {
      LeaderAgenda onDay;
      onDay.userName = leader.userName;
      onDay.title = leader.title;
      for (const AgendaEntry& entry : leader.entries) {
        if (fallsOn(entry, from, to)) onDay.entries.push_back(entry);
      }
      day.leaders.push_back(std::move(onDay));
    }
    days.push_back(std::move(day));
    date = next;
  }
  return days;
}

std::string whatsappText(const Agenda& agenda, const AgendaConfig& config, const std::string& officeName,
                         const std::string& timezone) {
  std::string text = "*AGENDA PIMPINAN " + agendaLine(config.region) + "*\n";
  bool firstDay = true;
  for (const AgendaDay& day : agendaByDay(agenda, timezone)) {
    if (!firstDay) text += "\n";
    firstDay = false;
    // Noon is on the day whatever a zone's midnight does.
    text += "*" + formatDate(dayStart(day.date, timezone) + 12 * 3600, timezone, "id") + "*\n";
    if (day.leaders.empty()) text += "\nTidak ada agenda\n";
    for (const LeaderAgenda& leader : day.leaders) {
      text += "\n*" + agendaLine(leader.title) + "*\n";
      if (leader.entries.empty()) text += "Tidak ada agenda\n";
      int number = 0;
      for (const AgendaEntry& entry : leader.entries) addEntry(text, ++number, entry, day.date, timezone);
    }
  }
  const std::string signature = agendaLine(config.signature.empty() ? officeName : config.signature);
  if (!signature.empty()) text += "\n_" + signature + "_\n";
  if (agenda.incomplete) text += "\nSebagian acara berulang mungkin tidak tercantum.\n";
  return text;
}

}  // namespace jadwal::workflow
