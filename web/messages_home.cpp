// Messages of the first screen of leaders, aides and viewers (/staf,
// staff_home.cpp) and of the navigation's links to it. Ids start with
// "home." (and "layout.home", "layout.requests").

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kHome = {
    Message{"layout.home", "Beranda", "Home"},
    Message{"layout.requests", "Semua permohonan", "All requests"},
    Message{"home.title", "Beranda", "Home"},
    Message{"home.agenda", "Agenda", "Agenda"},
    Message{"home.today", "Hari ini", "Today"},
    Message{"home.tomorrow", "Besok", "Tomorrow"},
    Message{"home.nothing", "Tidak ada agenda", "No activities"},
    Message{"home.letter", "Surat", "Letter"},
    Message{"home.link", "Lampiran", "Attachment"},
    Message{"home.full_agenda", "Agenda lengkap dan teks WhatsApp", "Full agenda and WhatsApp text"},
    Message{"home.later", "Hari berikutnya", "Later days"},
    Message{"home.waiting", "Menunggu disposisi", "Awaiting your disposition"},
    Message{"home.waiting_intro", "Permohonan yang belum diputuskan dan belum Anda jawab, yang terdekat lebih dulu.",
            "Requests not yet decided that you have not answered, soonest first."},
    Message{"home.none_waiting", "Tidak ada permohonan yang menunggu disposisi.",
            "No request awaits your disposition."},
    Message{"home.more_waiting", "{n} permohonan lain menunggu: lihat Semua permohonan.",
            "{n} more requests are waiting: see All requests."},
    Message{"home.for_leader", "Untuk", "For"},
    Message{"home.open_request", "Buka permohonan", "Open the request"},
    Message{"home.represent_by", "Diwakilkan kepada (nama dan jabatan)", "Represented by (name and position)"},
    Message{"home.represent_send", "Kirim: Diwakilkan", "Send: Represented"},
    Message{"home.all_requests", "Semua permohonan", "All requests"},
    Message{"home.viewer_note", "Agenda dari kalender yang dibagikan kepada Anda (hanya baca).",
            "The agenda of the calendars shared with you (read only)."},
};

}  // namespace

const std::span<const Message> kHomeMessages(kHome);

}  // namespace jadwal::web
