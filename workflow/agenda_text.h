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
// (open end), "10.00–11.30 WIB", "Sepanjang hari" (all-day); an entry that
// crosses midnight names the other day's time with its day.
std::string entryTimeText(const AgendaEntry& entry, const LocalDate& day, const std::string& timezone);

// The agenda one day at a time: every day of [query.from, query.to), each
// with every leader of the agenda (also those with no entry that day) and
// the entries that fall on that day.
struct AgendaDay {
  LocalDate date;
  std::vector<LeaderAgenda> leaders;
};
std::vector<AgendaDay> agendaByDay(const Agenda& agenda, const std::string& timezone);

// The WhatsApp text of the whole agenda, one block per day. `signature`
// empty: `officeName`.
std::string whatsappText(const Agenda& agenda, const AgendaConfig& config, const std::string& officeName,
                         const std::string& timezone);

}  // namespace jadwal::workflow
