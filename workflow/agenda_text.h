#pragma once
// The agenda in words, as the office writes it: the Indonesian time of an
// entry on one day, the entries grouped by day, and the daily text ready
// to paste into WhatsApp (the shape of the office's own message):
//
//   *AGENDA PIMPINAN KABUPATEN OGAN ILIR*
//   *Rabu, 22 November 2023*
//
//   *BUPATI*
//   1. 08.00 WIB s.d. selesai
//      Apel Gabungan ASN
//      Tempat  : Halaman Kantor Bupati, Indralaya
//      Pakaian : PDH
//      Ket.    : Sambutan
//   2. 10.00–11.30 WIB
//      Rapat Koordinasi Pengendalian Inflasi
//      Tempat  : Ruang Rapat Bupati
//      Diwakili oleh : Sekretaris Daerah
//
//   *WAKIL BUPATI*
//   Tidak ada agenda
//
//   _Bagian Protokol dan Komunikasi Pimpinan_
//
// WhatsApp formatting only (*bold*, _italic_): no HTML, no entities.

#include <string>
#include <vector>

#include "workflow/agenda.h"

namespace jadwal::workflow {

// When an entry happens on `day`, in `timezone`: "08.00 WIB s.d. selesai"
// (open end), "10.00–11.30 WIB", "10.00 WIB" (no duration), "Sepanjang
// hari" (all-day). An entry that crosses midnight names the time on the
// other day with that day's name: "22.00 WIB s.d. Kamis 02.00 WIB" on the
// Wednesday, "Rabu 22.00 WIB s.d. 02.00 WIB" on the Thursday; a day more
// than six days away is named by its date ("4 Desember 2023 02.00 WIB").
// An end at the following midnight is "24.00": "22.00–24.00 WIB".
std::string entryTimeText(const AgendaEntry& entry, const LocalDate& day, const std::string& timezone);

// The agenda one day at a time: every day of [query.from, query.to), each
// with every leader of the agenda (also those with no entry that day) and
// the entries that fall on that day.
struct AgendaDay {
  LocalDate date;
  std::vector<LeaderAgenda> leaders;
};
std::vector<AgendaDay> agendaByDay(const Agenda& agenda, const std::string& timezone);

// The WhatsApp text of the whole agenda: the heading once, then one block
// per day (its date, then every leader) separated by a blank line, then the
// signature (AgendaConfig::signature; empty: `officeName`). Entries are
// numbered per leader per day; a tentative one has " (belum pasti)" after
// its time, a confidential one its time and "Acara internal" only. When the
// agenda is incomplete a last line says that some repeating events may be
// missing. Every line ends with "\n".
std::string whatsappText(const Agenda& agenda, const AgendaConfig& config, const std::string& officeName,
                         const std::string& timezone);

}  // namespace jadwal::workflow
