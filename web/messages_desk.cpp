// Messages of the staff desk: the inbox table with its markers and sorting
// (staff_inbox.cpp), and the decisions at the top of a request
// (staff_request_desk.cpp). Ids start with "staf_desk_".

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kDesk = {
    Message{"staf_desk_caption", "Daftar permohonan; klik judul kolom untuk mengurutkan",
            "Requests; choose a column heading to sort"},
    Message{"staf_desk_col_received", "Diterima", "Received"},
    Message{"staf_desk_col_activity", "Tanggal kegiatan", "Activity date"},
    Message{"staf_desk_col_leaders", "Pimpinan", "Leader"},
    Message{"staf_desk_col_institution", "Instansi", "Institution"},
    Message{"staf_desk_col_state", "Status", "State"},
    Message{"staf_desk_col_event", "Kegiatan", "Activity"},
    Message{"staf_desk_col_markers", "Perhatian", "Attention"},
    Message{"staf_desk_sorted_asc", "urut naik", "sorted ascending"},
    Message{"staf_desk_sorted_desc", "urut turun", "sorted descending"},
    Message{"staf_desk_conflict_with", "Bentrok dengan acara pimpinan:", "Overlaps the leader's event:"},
    Message{"staf_desk_conflicts_incomplete",
            "Sebagian acara berulang tidak dapat diperiksa seluruhnya; tanda bentrok mungkin belum lengkap.",
            "Some repeating events could not be checked in full; conflict markers may be missing."},
    Message{"staf_desk_duplicate", "Mungkin ganda:", "Possible duplicate:"},
    Message{"staf_desk_duplicate_title",
            "Permohonan lain pada hari yang sama dengan nomor WhatsApp, surel, atau nomor surat yang sama",
            "Another request on the same day with the same WhatsApp number, email or letter number"},
    Message{"staf_desk_near", "Segera", "Soon"},
    Message{"staf_desk_near_title", "Kegiatan dalam", "Activity within"},
    Message{"staf_desk_days", "hari dan belum diputuskan", "days and not decided yet"},
    Message{"staf_desk_decide", "Putuskan", "Decide"},
    Message{"staf_desk_decide_hint", "Setujui, wakilkan, kembalikan atau tolak: formulirnya terbuka dengan isian awal.",
            "Approve, represent, return or reject: the form opens with its fields filled in."},
    Message{"staf_desk_conflicts", "Bentrok di agenda", "Conflicts on the agenda"},
    Message{"staf_desk_no_conflicts", "Tidak ada acara lain pada jam ini.", "No other event at this time."},
    Message{"staf_desk_agenda_link", "Lihat agenda hari itu", "See that day's agenda"},
    Message{"staf_desk_event_text", "Teks agenda untuk WhatsApp", "Agenda text for WhatsApp"},
    Message{"staf_desk_copy", "Salin teks", "Copy text"},
    Message{"staf_desk_copied", "Tersalin", "Copied"},
    Message{"staf_desk_copy_failed", "Tidak dapat menyalin; pilih teks lalu salin.",
            "Could not copy; select the text and copy it."},
    Message{"staf_desk_keys",
            "Tanpa tetikus: Tab berpindah antar tombol, Enter memilih. Tombol akses: S setujui, W wakilkan, "
            "K kembalikan, T tolak (Alt+huruf di Chrome, Alt+Shift+huruf di Firefox).",
            "Without a mouse: Tab moves between buttons, Enter chooses. Access keys: S approve, W represent, "
            "K return, T reject (Alt+letter in Chrome, Alt+Shift+letter in Firefox)."},
};

}  // namespace

const std::span<const Message> kDeskMessages(kDesk);

}  // namespace jadwal::web
