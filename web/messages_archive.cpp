// Messages of the archive search page (/staf/arsip, staff_archive.cpp).
// Ids start with "staf_archive_".

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kArchive = {
    Message{"layout.archive", "Arsip", "Archive"},
    Message{"staf_archive_title", "Arsip Permohonan", "Request archive"},
    Message{"staf_archive_intro",
            "Cari permohonan dari tahun mana pun dan dalam status apa pun, termasuk isi surat PDF-nya.",
            "Search requests of any year and in any state, including the text of their PDF letters."},
    Message{"staf_archive_text", "Kata yang dicari", "Words to find"},
    Message{"staf_archive_text_hint",
            "Kegiatan, perihal, instansi, pemohon, tempat, catatan, atau isi surat; huruf besar-kecil dan aksen "
            "tidak berpengaruh.",
            "Activity, subject, institution, requester, venue, notes or the letter's text; case and accents do "
            "not matter."},
    Message{"staf_archive_filters", "Saring lebih lanjut", "More filters"},
    Message{"staf_archive_number", "Nomor surat", "Letter number"},
    Message{"staf_archive_institution", "Instansi", "Institution"},
    Message{"staf_archive_leader", "Pimpinan (diminta atau ditugaskan)", "Leader (asked or assigned)"},
    Message{"staf_archive_any_leader", "Semua pimpinan", "All leaders"},
    Message{"staf_archive_state", "Status", "State"},
    Message{"staf_archive_any_state", "Semua status", "Any state"},
    Message{"staf_archive_type", "Jenis permohonan", "Request type"},
    Message{"staf_archive_any_type", "Semua jenis", "Any type"},
    Message{"staf_archive_date_field", "Rentang tanggal menurut", "Date range by"},
    Message{"staf_archive_date_activity", "Tanggal kegiatan", "Activity date"},
    Message{"staf_archive_date_submitted", "Tanggal pengajuan", "Submission date"},
    Message{"staf_archive_from", "Dari tanggal", "From"},
    Message{"staf_archive_until", "Sampai tanggal", "Until"},
    Message{"staf_archive_search", "Cari", "Search"},
    Message{"staf_archive_reset", "Kosongkan", "Clear"},
    Message{"staf_archive_found", "permohonan ditemukan", "requests found"},
    Message{"staf_archive_newest", "terbaru lebih dulu", "newest first"},
    Message{"staf_archive_none", "Tidak ada permohonan yang cocok.", "No matching requests."},
    Message{"staf_archive_in_letter", "Ditemukan di surat", "Found in the letter"},
    Message{"staf_archive_errors_title", "Pencarian belum dapat dijalankan", "The search could not run yet"},
    Message{"staf_archive_too_long", "Isian ini terlalu panjang. Persingkat lalu cari lagi.",
            "This entry is too long. Shorten it and search again."},
    Message{"staf_archive_bad_date", "Tanggal tidak valid. Tulis sebagai TTTT-BB-HH, misalnya 2025-03-17.",
            "The date is not valid. Write it as YYYY-MM-DD, for example 2025-03-17."},
    Message{"staf_archive_range_reversed", "Tanggal akhir tidak boleh sebelum tanggal awal.",
            "The end date must not be before the start date."},
    Message{"staf_archive_unknown_leader", "Pilih pimpinan dari daftar.", "Choose a leader from the list."},
    Message{"staf_archive_unknown_state", "Pilih status dari daftar.", "Choose a state from the list."},
    Message{"staf_archive_unknown_type", "Pilih jenis permohonan dari daftar.", "Choose a request type from the list."},
    Message{"staf_archive_unknown_date_field", "Pilih tanggal kegiatan atau tanggal pengajuan.",
            "Choose the activity date or the submission date."},
};

}  // namespace

const std::span<const Message> kArchiveMessages(kArchive);

}  // namespace jadwal::web
