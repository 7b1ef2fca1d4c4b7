#pragma once
// The description convention: what an event says beyond its time, title and
// place, in lines of its DESCRIPTION that a Thunderbird or phone user can
// type, and that the events written for approved requests carry too.
//
// A line "Label: value" gives a field; the label is compared without case,
// with the spaces around it trimmed and a trailing dot optional:
//   Pakaian                                  -> dressCode
//   Ket, Keterangan, Peran, Peran pimpinan   -> role
//   Diwakili oleh, Diwakili                  -> representedBy
//   Narahubung, Kontak, CP                   -> contact
//   Publik: ya | tidak (also yes | no)       -> the event's own publication choice
// A line that is only "s.d. selesai" ("s/d selesai", "sd selesai", any
// case) says the end is open. The first line of a label counts; lines with
// other labels (Instansi, Nomor surat, ...) and other text are ignored.

#include <optional>
#include <string>
#include <string_view>

#include "caldav/ical/ical.h"
#include "workflow/agenda.h"

namespace jadwal::workflow {

struct DescriptionFields {
  std::string dressCode;
  std::string role;
  std::string representedBy;
  std::string contact;
  std::optional<bool> published;  // "Publik:"; unset when absent or neither yes nor no
  bool openEnd = false;           // the "s.d. selesai" line
};

DescriptionFields readDescriptionFields(std::string_view description);

// User text on one line, as every agenda output shows a title or a place:
// trimmed, each line break with the blanks around it one space.
std::string agendaLine(std::string_view text);

// Whether an entry may appear on the public agenda, in this order:
// CLASS PRIVATE or CONFIDENTIAL never; TENTATIVE or CANCELLED never; then a
// "Publik:" line; then an explicit CLASS:PUBLIC; then the calendar's default.
bool entryPublished(std::string_view classification, std::string_view status, std::optional<bool> publicLine,
                    bool calendarDefault);

// The entry of one occurrence: times from the instance, the rest from the
// component it comes from (the master or the override). An entry of a
// CLASS PRIVATE or CONFIDENTIAL event keeps its time only: every text field
// is blank, so that no output can show it by mistake. `leader`,
// `calendarPath` and `objectName` are left to the caller.
AgendaEntry entryOf(const caldav::Instance& instance, bool calendarPublishedByDefault);

}  // namespace jadwal::workflow
