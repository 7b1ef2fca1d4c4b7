// Messages of the requester's pages beyond the form: the receipt's copy and
// share buttons, the withdrawal's confirmation, the corrections asked on
// return, and the error pages' titles.

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kRequester = {
    Message{"error.internal_title", "Terjadi kesalahan", "Something went wrong"},
    // The receipt.
    Message{"receipt.copy", "Salin kode", "Copy code"},
    Message{"receipt.copied", "Kode sudah disalin.", "Code copied."},
    Message{"receipt.copy_failed", "Kode belum tersalin otomatis; kode sudah dipilih, salin dari menu ponsel Anda.",
            "The code could not be copied; it is selected, copy it from your phone's menu."},
    Message{"receipt.share_whatsapp", "Bagikan ke WhatsApp", "Share to WhatsApp"},
    Message{"receipt.share_text",
            "Kode permohonan kehadiran pimpinan ({office}): {code}\nKegiatan: {event}\nCek status: {url}",
            "Request code for a leader's attendance ({office}): {code}\nActivity: {event}\nCheck the status: {url}"},
    Message{"receipt.check_later", "Untuk melihat status kapan saja, buka", "To see the status at any time, open"},
    Message{"form.check_status_hint", "Sudah mengirim permohonan?", "Already sent a request?"},
    // Withdrawing asks first.
    Message{"withdraw.confirm_title", "Yakin menarik permohonan ini?", "Withdraw this request?"},
    Message{"withdraw.confirm_intro",
            "Permohonan untuk kegiatan berikut akan ditarik dan tidak diproses lagi. Penarikan tidak dapat dibatalkan.",
            "The request for this activity will be withdrawn and no longer processed. This cannot be undone."},
    Message{"withdraw.confirm_submit", "Ya, tarik permohonan", "Yes, withdraw the request"},
    Message{"withdraw.confirm_cancel", "Tidak, kembali ke status permohonan", "No, back to the request's status"},
    // Corrections asked on return.
    Message{"correct.staff_legend", "Isian yang perlu diperbaiki pemohon (opsional)",
            "Fields the requester is to correct (optional)"},
    Message{"correct.title", "Perbaiki isian permohonan", "Correct the request"},
    Message{"correct.intro", "Petugas meminta Anda memperbaiki isian berikut. Ubah yang perlu, lalu kirim kembali.",
            "The staff asked you to correct the fields below. Change what is needed, then send it again."},
    Message{"correct.letter_optional", "Surat revisi (PDF), bila ada", "Revised letter (PDF), if any"},
    Message{"correct.submit", "Kirim perbaikan", "Send the corrections"},
    Message{"field_not_asked", "Isian ini tidak diminta untuk diperbaiki.",
            "This field was not asked to be corrected."},
    Message{"history.corrected", "Isian diperbaiki dan dikirim kembali", "Fields corrected and sent again"},
    Message{"audit.correction_asked", "Diminta memperbaiki: {fields}", "Asked to correct: {fields}"},
    Message{"audit.corrected", "Isian diperbaiki: {changes}", "Fields corrected: {changes}"},
    Message{"audit.change", "{field} dari \u201c{old}\u201d menjadi \u201c{new}\u201d",
            "{field} from \u201c{old}\u201d to \u201c{new}\u201d"},
    Message{"audit.empty_value", "(kosong)", "(empty)"},
    // The calendars a history step names (web/audit_text.cpp).
    Message{"audit.calendar.agenda", "agenda {name}", "the agenda of {name}"},
    Message{"audit.calendar.hold", "kalender tahan jadwal staf protokol", "the protocol staff's hold calendar"},
    Message{"audit.calendar.unnamed", "kalender", "a calendar"},
    Message{"audit.calendar_failed", "Acara kalender belum dapat ditulis: {steps}",
            "The calendar events could not be written: {steps}"},
};

}  // namespace

const std::span<const Message> kRequesterMessages(kRequester);

}  // namespace jadwal::web
