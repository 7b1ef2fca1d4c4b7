// The agenda pages: the staff agenda with its WhatsApp text, and the public
// agenda. Ids start with "agenda." (and the navigation's "layout.agenda").

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kAgenda = {
    Message{"layout.agenda", "Agenda", "Agenda"},
    Message{"agenda.title", "Agenda Pimpinan", "Leaders' agenda"},
    Message{"agenda.public_intro", "Kegiatan pimpinan yang diumumkan kepada masyarakat. Jadwal dapat berubah.",
            "The leaders' activities announced to the public. The schedule may change."},
    Message{"agenda.choose", "Pilih hari", "Choose the day"},
    Message{"agenda.date", "Tanggal", "Date"},
    Message{"agenda.until", "Sampai tanggal (boleh kosong)", "Until (optional)"},
    Message{"agenda.leader", "Pimpinan", "Leader"},
    Message{"agenda.all_leaders", "Semua pimpinan", "All leaders"},
    Message{"agenda.tentative", "Tampilkan juga jadwal yang belum pasti", "Also show tentative holds"},
    Message{"agenda.show", "Tampilkan", "Show"},
    Message{"agenda.prev_day", "‹ Hari sebelumnya", "‹ Previous day"},
    Message{"agenda.next_day", "Hari berikutnya ›", "Next day ›"},
    Message{"agenda.prev_week", "‹ Minggu sebelumnya", "‹ Previous week"},
    Message{"agenda.next_week", "Minggu berikutnya ›", "Next week ›"},
    Message{"agenda.day_view", "Lihat per hari", "View by day"},
    Message{"agenda.week_view", "Lihat sepekan", "View the week"},
    Message{"agenda.days_nav", "Hari lain", "Other days"},
    Message{"agenda.time", "Waktu", "Time"},
    Message{"agenda.place", "Tempat", "Place"},
    Message{"agenda.dress", "Pakaian", "Dress code"},
    Message{"agenda.role", "Ket.", "Part"},
    Message{"agenda.represented", "Diwakili oleh", "Represented by"},
    Message{"agenda.contact", "Narahubung", "Contact"},
    Message{"agenda.none", "Tidak ada agenda", "No activities"},
    Message{"agenda.internal", "Acara internal", "Internal event"},
    Message{"agenda.not_certain", "belum pasti", "tentative"},
    Message{"agenda.incomplete",
            "Sebagian acara berulang tidak dapat ditampilkan seluruhnya; agenda ini mungkin belum lengkap.",
            "Some recurring events could not be shown in full; this agenda may be incomplete."},
    Message{"agenda.whatsapp", "Teks untuk WhatsApp", "Text for WhatsApp"},
    Message{"agenda.copy", "Salin teks", "Copy text"},
    Message{"agenda.copied", "Tersalin", "Copied"},
    Message{"agenda.copy_failed", "Tidak dapat menyalin otomatis: tekan lama teks, lalu pilih Salin.",
            "Could not copy: press and hold the text, then choose Copy."},
    Message{"agenda.share", "Bagikan ke WhatsApp", "Share on WhatsApp"},
    Message{"agenda.pdf", "Unduh PDF untuk dicetak", "PDF for printing"},
    Message{"agenda.text_link", "Teks polos (untuk skrip)", "Plain text (for scripts)"},
    Message{"agenda.data_links", "Data agenda", "Agenda data"},
    Message{"agenda.bad_date", "Tanggal tidak dikenali. Tulis seperti 2023-11-22.",
            "The date is not recognised. Write it like 2023-11-22."},
    Message{"agenda.bad_until", "Tanggal akhir tidak dikenali. Tulis seperti 2023-11-22.",
            "The end date is not recognised. Write it like 2023-11-22."},
    Message{"agenda.until_before", "Tanggal akhir tidak boleh sebelum tanggal awal.",
            "The end date may not be before the start date."},
    Message{"agenda.too_long", "Rentang tanggal terlalu panjang: paling lama {days} hari.",
            "The date range is too long: at most {days} days."},
    Message{"agenda.unknown_leader", "Pimpinan itu tidak ditemukan di antara kalender yang dapat Anda baca.",
            "That leader is not among the calendars you may read."},
    Message{"agenda.no_leaders", "Belum ada kalender pimpinan yang dapat Anda baca.",
            "There is no leader's calendar you may read yet."},
    Message{"agenda.pdf_failed", "PDF agenda tidak dapat dibuat. Silakan coba lagi.",
            "The agenda PDF could not be made. Please try again."},
};

}  // namespace

const std::span<const Message> kAgendaMessages(kAgenda);

}  // namespace jadwal::web
