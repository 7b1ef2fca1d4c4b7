// The staff and leader pages: login, inbox, request page, decisions and
// dispositions. Every id starts with "staf_" so the tables never collide.

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kStaff = {
    // The morning mail (/staf/akun/agenda-pagi).
    Message{"staf_morning_title", "Agenda Pagi lewat Surel", "Morning agenda by mail"},
    Message{"staf_morning_intro",
            "Setiap pagi server mengirim agenda pimpinan hari itu ke alamat surel Anda, berisi pimpinan yang "
            "kalendernya boleh Anda lihat, dalam bentuk teks yang sama seperti untuk WhatsApp.",
            "Every morning the server mails you the day's agenda of the leaders whose calendars you may read, as "
            "the same text as for WhatsApp."},
    Message{"staf_morning_enable", "Kirimi saya agenda pimpinan setiap pagi",
            "Send me the leaders' agenda every morning"},
    Message{"staf_morning_address", "Alamat surel", "Mail address"},
    Message{"staf_morning_save", "Simpan", "Save"},
    Message{"staf_morning_saved", "Pilihan agenda pagi tersimpan.", "Your morning agenda choice is saved."},
    Message{"staf_morning_address_missing", "Isi alamat surel untuk menerima agenda pagi.",
            "Enter a mail address to receive the morning agenda."},
    Message{"staf_morning_address_invalid", "Alamat surel ini tidak valid, misalnya nama@contoh.go.id.",
            "This mail address is not valid, for example name@example.go.id."},
    // Login and navigation.
    Message{"staf_login_title", "Masuk Staf", "Staff login"},
    Message{"staf_login_intro", "Masuk dengan akun yang sama seperti kalender.",
            "Log in with the same account as for the calendars."},
    Message{"staf_login_name", "Nama pengguna", "User name"},
    Message{"staf_login_password", "Kata sandi", "Password"},
    Message{"staf_login_submit", "Masuk", "Log in"},
    Message{"staf_login_failed", "Nama pengguna atau kata sandi salah", "Wrong user name or password"},
    Message{"staf_login_throttled",
            "Terlalu banyak percobaan masuk yang gagal. Coba lagi satu jam lagi, atau masuk dari perangkat yang "
            "pernah Anda pakai untuk masuk.",
            "Too many failed logins. Try again in an hour, or log in from a device you have logged in from before."},
    Message{"staf_login_expired",
            "Halaman masuk ini sudah kedaluwarsa atau tidak dibuka dari situs kami. Silakan masukkan kata sandi "
            "sekali lagi.",
            "This login page has expired or was not opened from our site. Please enter your password once more."},
    Message{"staf_login_busy", "Server sedang sibuk memeriksa kata sandi lain. Silakan coba lagi beberapa detik lagi.",
            "The server is busy checking other passwords. Please try again in a few seconds."},
    Message{"staf_logout", "Keluar", "Log out"},
    Message{"staf_logged_in_as", "Masuk sebagai", "Logged in as"},
    Message{"staf_nav_inbox", "Kotak masuk", "Inbox"},

    // Inbox.
    Message{"staf_inbox_title", "Permohonan Kegiatan", "Activity requests"},
    Message{"staf_inbox_all", "Semua", "All"},
    Message{"staf_inbox_search", "Cari", "Search"},
    Message{"staf_inbox_search_label", "Cari kode, nama, instansi, perihal atau kegiatan",
            "Search code, name, institution, subject or event"},
    Message{"staf_inbox_search_label_own", "Cari nama, instansi, perihal atau kegiatan",
            "Search name, institution, subject or event"},
    Message{"staf_inbox_empty", "Tidak ada permohonan.", "No requests."},
    Message{"staf_inbox_prev", "Sebelumnya", "Previous"},
    Message{"staf_inbox_next", "Berikutnya", "Next"},
    Message{"staf_inbox_page", "Halaman", "Page"},
    Message{"staf_inbox_of", "dari", "of"},
    Message{"staf_inbox_states", "Saring menurut status", "Filter by state"},

    // Request page sections and fields.
    Message{"staf_req_title", "Permohonan", "Request"},
    Message{"staf_sec_activity", "Kegiatan", "Activity"},
    Message{"staf_sec_letter", "Surat", "Letter"},
    Message{"staf_sec_requester", "Pemohon", "Requester"},
    Message{"staf_sec_files", "Surat dan berkas", "Letters and files"},
    Message{"staf_sec_history", "Riwayat", "History"},
    Message{"staf_sec_agenda", "Agenda pimpinan pada hari itu", "The leader's agenda that day"},
    Message{"staf_sec_dispositions", "Disposisi pimpinan", "Leaders' dispositions"},
    Message{"staf_sec_decision", "Keputusan", "Decision"},
    Message{"staf_sec_whatsapp", "Pesan WhatsApp untuk pemohon", "WhatsApp message to the requester"},
    Message{"staf_f_code", "Kode", "Code"},
    Message{"staf_f_state", "Status", "State"},
    Message{"staf_f_event", "Nama kegiatan", "Event"},
    Message{"staf_f_when", "Waktu", "Time"},
    Message{"staf_f_venue", "Tempat", "Venue"},
    Message{"staf_f_address", "Alamat", "Address"},
    Message{"staf_f_dress", "Pakaian", "Dress code"},
    Message{"staf_f_role", "Peran pimpinan", "Leader's role"},
    Message{"staf_f_invitees", "Undangan lain", "Other invitees"},
    Message{"staf_f_contact", "Narahubung", "Contact person"},
    Message{"staf_f_leaders", "Pimpinan yang diundang", "Leaders asked"},
    Message{"staf_f_rep_accepted", "Boleh diwakilkan", "Representative accepted"},
    Message{"staf_f_letter_number", "Nomor surat", "Letter number"},
    Message{"staf_f_letter_date", "Tanggal surat", "Letter date"},
    Message{"staf_f_subject", "Perihal", "Subject"},
    Message{"staf_f_letter_type", "Jenis surat", "Letter type"},
    Message{"staf_f_name", "Nama", "Name"},
    Message{"staf_f_position", "Jabatan", "Position"},
    Message{"staf_f_institution", "Instansi", "Institution"},
    Message{"staf_f_whatsapp", "WhatsApp", "WhatsApp"},
    Message{"staf_f_email", "Email", "Email"},
    Message{"staf_f_assigned", "Dijadwalkan untuk", "Scheduled for"},
    Message{"staf_f_representative", "Diwakili oleh", "Represented by"},
    Message{"staf_f_decision_note", "Catatan keputusan", "Decision note"},
    Message{"staf_f_submitted", "Diajukan pada", "Submitted on"},
    Message{"staf_yes", "Ya", "Yes"},
    Message{"staf_no", "Tidak", "No"},
    Message{"staf_role_menghadiri", "Menghadiri", "Attend"},
    Message{"staf_role_sambutan", "Memberi sambutan", "Give a speech"},
    Message{"staf_role_membuka", "Membuka acara", "Open the event"},
    Message{"staf_role_pengarahan", "Memberi pengarahan", "Give a briefing"},
    Message{"staf_role_narasumber", "Narasumber", "Speaker"},
    Message{"staf_type_undangan", "Undangan", "Invitation"},
    Message{"staf_type_audiensi", "Audiensi", "Audience"},
    Message{"staf_type_kunjungan", "Kunjungan", "Visit"},
    Message{"staf_type_lainnya", "Lainnya", "Other"},
    Message{"staf_kind_surat", "Surat permohonan", "Request letter"},
    Message{"staf_kind_revisi", "Surat perbaikan", "Revised letter"},
    Message{"staf_kind_pendukung", "Berkas pendukung", "Supporting file"},
    Message{"staf_files_none", "Tidak ada berkas.", "No files."},

    // Agenda around the requested time.
    Message{"staf_agenda_none", "Tidak ada agenda lain pada hari itu.", "Nothing else on the agenda that day."},
    Message{"staf_agenda_incomplete",
            "Daftar ini mungkin tidak lengkap: kalender pimpinan memuat acara berulang yang lebih banyak daripada "
            "yang dihitung untuk satu halaman, sehingga bentrok dengan acara itu bisa tidak tampil. Periksa kalender "
            "pimpinan secara langsung.",
            "This list may be incomplete: the leader's calendar has more recurring events than are expanded for one "
            "page, so conflicts with them may not show. Check the leader's calendar itself."},
    Message{"staf_agenda_conflict", "Bentrok", "Conflict"},
    Message{"staf_agenda_tentative", "Sementara", "Tentative"},
    Message{"staf_agenda_cancelled", "Batal", "Cancelled"},
    Message{"staf_agenda_this", "Permohonan ini", "This request"},
    Message{"staf_agenda_requested", "Waktu yang diminta", "Requested time"},

    // History.
    Message{"staf_audit_none", "Belum ada riwayat.", "No history yet."},

    // Dispositions.
    Message{"staf_disp_none", "Belum ada disposisi.", "No disposition yet."},
    Message{"staf_choice_hadir", "Hadir", "Will attend"},
    Message{"staf_choice_diwakilkan", "Diwakilkan", "Represented"},
    Message{"staf_choice_tidak_hadir", "Tidak hadir", "Will not attend"},
    Message{"staf_disp_by", "oleh", "by"},
    Message{"staf_disp_form_title", "Disposisi", "Disposition"},
    Message{"staf_disp_on_behalf", "Disposisi atas nama pimpinan", "Disposition on a leader's behalf"},
    Message{"staf_disp_leader", "Pimpinan", "Leader"},
    Message{"staf_disp_choice", "Pilihan", "Choice"},
    Message{"staf_disp_representative", "Diwakilkan oleh (nama dan jabatan)", "Represented by (name and position)"},
    Message{"staf_disp_note", "Catatan", "Note"},
    Message{"staf_disp_submit", "Kirim disposisi", "Send disposition"},

    // Decisions.
    Message{"staf_action_verify", "Verifikasi", "Verify"},
    Message{"staf_action_return", "Kembalikan untuk perbaikan", "Return for revision"},
    Message{"staf_action_approve", "Setujui", "Approve"},
    Message{"staf_action_represent", "Diwakilkan", "Have represented"},
    Message{"staf_action_reject", "Tolak", "Reject"},
    Message{"staf_action_cancel", "Batalkan", "Cancel"},
    Message{"staf_action_reschedule", "Jadwal ulang", "Reschedule"},
    Message{"staf_action_held", "Tandai terlaksana", "Mark as held"},
    Message{"staf_action_not_held", "Tandai tidak terlaksana", "Mark as not held"},
    // Entries of the history that are not staff decisions.
    Message{"staf_action_submit", "Permohonan diajukan", "Request submitted"},
    Message{"staf_action_resubmit", "Surat perbaikan dikirim", "Revised letter sent"},
    Message{"staf_action_withdraw", "Permohonan ditarik", "Request withdrawn"},
    Message{"staf_action_disposition", "Disposisi pimpinan", "Leader's disposition"},
    Message{"staf_action_calendar_edit", "Diubah di kalender", "Changed in the calendar"},
    Message{"staf_action_calendar_delete", "Dihapus dari kalender", "Deleted from the calendar"},
    Message{"staf_action_calendar_cancel", "Dibatalkan di kalender", "Cancelled in the calendar"},
    Message{"staf_action_calendar_write", "Kalender diperbarui", "Calendar updated"},
    Message{"staf_action_edit_details", "Rincian agenda diubah", "Agenda details changed"},
    Message{"staf_action_calendar_restore", "Perubahan di kalender tidak diikuti", "Calendar change not followed"},
    Message{"staf_action_calendar_unlink", "Acara dihapus dari kalender", "Event removed from the calendar"},
    Message{"staf_action_calendar_error", "Kalender gagal diperbarui", "Calendar update failed"},
    Message{"staf_action_calendar_repair", "Kalender diselaraskan kembali dengan permohonan",
            "Calendar brought back in line with the request"},
    Message{"staf_d_note", "Catatan", "Note"},
    Message{"staf_d_note_required", "Catatan (wajib)", "Note (required)"},
    Message{"staf_d_reason_required", "Alasan (wajib)", "Reason (required)"},
    Message{"staf_d_leader", "Pimpinan", "Leader"},
    Message{"staf_d_date", "Tanggal", "Date"},
    Message{"staf_d_start", "Jam mulai", "Start time"},
    Message{"staf_d_end", "Jam selesai", "End time"},
    Message{"staf_d_until_done", "s.d. selesai", "until finished"},
    Message{"staf_d_venue", "Tempat", "Venue"},
    Message{"staf_d_adjust_hint", "Kosongkan bila waktu dan tempat tidak berubah.",
            "Leave empty when time and venue stay the same."},
    Message{"staf_d_rep_user", "Pejabat yang mewakili (pengguna)", "Representing official (user)"},
    Message{"staf_d_rep_or", "atau tuliskan nama dan jabatan:", "or write a name and position:"},
    Message{"staf_d_rep_name", "Nama", "Name"},
    Message{"staf_d_rep_position", "Jabatan", "Position"},
    Message{"staf_d_choose", "— pilih —", "— choose —"},
    Message{"staf_d_no_actions", "Tidak ada keputusan yang dapat diambil pada status ini.",
            "No decision can be taken in this state."},

    // WhatsApp.
    Message{"staf_wa_open", "Kirim lewat WhatsApp", "Send through WhatsApp"},
    Message{"staf_wa_no_number", "Nomor WhatsApp pemohon tidak dapat dibaca; salin pesan di atas.",
            "The requester's WhatsApp number cannot be read; copy the message above."},

    // Notices and errors.
    Message{"staf_notice_keputusan", "Keputusan disimpan.", "Decision saved."},
    Message{"staf_notice_disposisi", "Disposisi disimpan.", "Disposition saved."},
    Message{"staf_notice_rincian", "Rincian agenda disimpan; acara di kalender diperbarui.",
            "Agenda details saved; the calendar event was updated."},
    Message{"staf_f_published", "Tampil di agenda publik", "Shown on the public agenda"},
    Message{"staf_details_title", "Rincian agenda", "Agenda details"},
    Message{"staf_details_hint",
            "Yang tampil di teks agenda harian, agenda publik dan cetakan: pakaian, peran pimpinan (Ket.) dan "
            "narahubung.",
            "What the daily agenda text, the public agenda and the printout show: dress code, the leader's role "
            "(Ket.) and contact person."},
    Message{"staf_details_role", "Peran pimpinan (Ket.), mis. Sambutan, Narasumber",
            "Leader's role (Ket.), e.g. Sambutan, Narasumber"},
    Message{"staf_details_public", "Tampilkan di agenda publik (waktu, kegiatan, tempat)",
            "Show on the public agenda (time, activity, venue)"},
    Message{"staf_details_save", "Simpan rincian", "Save details"},
    Message{"audit.agenda_details", "Rincian agenda: pakaian \"{dress}\", peran \"{role}\", narahubung \"{contact}\"",
            "Agenda details: dress code \"{dress}\", role \"{role}\", contact \"{contact}\""},
    Message{"staf_error_title", "Tidak dapat diproses", "Cannot be done"},
    Message{"staf_forbidden", "Anda tidak berhak membuka halaman ini atau mengambil tindakan ini.",
            "You may not open this page or take this action."},
    Message{"staf_not_found", "Permohonan tidak ditemukan.", "Request not found."},
    Message{"staf_csrf", "Formulir sudah kedaluwarsa; muat ulang halaman lalu coba lagi.",
            "The form has expired; reload the page and try again."},
    Message{"staf_bad_form", "Isian formulir tidak dapat dibaca.", "The form could not be read."},
    Message{"staf_invalid", "Periksa kembali isian yang ditandai.", "Check the marked fields."},
    Message{"staf_msg_changed_meanwhile", "Permohonan ini sudah diubah oleh orang lain; muat ulang halaman",
            "This request was changed by someone else meanwhile; reload the page"},
    Message{"staf_msg_transition_not_allowed", "Tindakan ini tidak diperbolehkan pada status permohonan sekarang.",
            "This action is not allowed in the request's current state."},
    Message{"staf_msg_unknown_user", "Pengguna tidak dikenal.", "Unknown user."},
    Message{"staf_msg_not_an_official", "Yang mewakili harus pejabat (pimpinan) dengan akun aktif.",
            "The representative must be an official (leader) with an active account."},
    Message{"staf_msg_representative_is_leader", "Pimpinan tidak dapat mewakili dirinya sendiri.",
            "A leader cannot represent themself."},
    Message{"staf_msg_nothing_changed", "Tidak ada yang berubah: isi tanggal, jam atau tempat yang baru.",
            "Nothing changed: fill in the new date, time or venue."},
    Message{"staf_msg_forbidden", "Anda tidak berhak mengambil tindakan ini.", "You may not take this action."},
    Message{"staf_msg_invalid_choice", "Pilihan tidak dikenal.", "Unknown choice."},
    Message{"staf_back_to_request", "Kembali ke permohonan", "Back to the request"},
    Message{"staf_back_to_inbox", "Kembali ke kotak masuk", "Back to the inbox"},
    // What the workflow recorded in the history, by code (workflow/audit_note.h, web/audit_text.cpp).
    Message{"audit.calendar_deleted",
            "Kalender \"{calendar}\" dihapus melalui aplikasi kalender bersama acaranya; permohonan sudah selesai dan "
            "tidak berubah",
            "Calendar \"{calendar}\" was deleted in a calendar app with its events; the request had ended and is "
            "unchanged"},
    Message{"audit.event_deleted_after_the_end",
            "Dihapus melalui aplikasi kalender; permohonan sudah selesai dan tidak berubah",
            "Deleted in a calendar app; the request had ended and is unchanged"},
    Message{"audit.deleted_in_calendar",
            "Dihapus melalui aplikasi kalender, tanpa alasan (aplikasi kalender tidak dapat menyertakan alasan)",
            "Deleted in a calendar app, without a reason (calendar apps cannot give one)"},
    Message{"audit.cancelled_in_calendar",
            "Dibatalkan melalui aplikasi kalender, tanpa alasan (aplikasi kalender tidak dapat menyertakan alasan)",
            "Cancelled in a calendar app, without a reason (calendar apps cannot give one)"},
    Message{"audit.moved_in_calendar", "Diubah melalui aplikasi kalender: {when}", "Changed in a calendar app: {when}"},
    Message{"audit.disposition", "{leader}: {choice}", "{leader}: {choice}"},
    // A leader's event deleted or cancelled in a calendar app: the disposition's note.
    Message{"audit.event_deleted_in_calendar", "Acara dihapus di aplikasi kalender", "Event deleted in a calendar app"},
    Message{"audit.event_cancelled_in_calendar", "Acara dibatalkan di aplikasi kalender",
            "Event cancelled in a calendar app"},
    // An edit made in a calendar app and put back: what was tried, and why not.
    Message{"audit.calendar_restored",
            "Dari aplikasi kalender: {attempt}. Tidak diikuti: {reason}. Acara dipasang kembali sesuai permohonan.",
            "From a calendar app: {attempt}. Not followed: {reason}. The event was put back as the request has it."},
    Message{"audit.calendar_restored_not_attending",
            "Dari aplikasi kalender: {attempt}. Tidak diikuti: {reason}. Dicatat sebagai disposisi tidak hadir. Acara "
            "dipasang kembali sesuai permohonan.",
            "From a calendar app: {attempt}. Not followed: {reason}. Recorded as a disposition: will not attend. The "
            "event was put back as the request has it."},
    Message{"audit.attempt.deleted", "menghapus acara", "deleted the event"},
    Message{"audit.attempt.cancelled", "membatalkan acara", "cancelled the event"},
    Message{"audit.attempt.recurring",
            "menjadikan acara berulang (RRULE, RDATE, EXDATE atau kejadian yang diubah tersendiri)",
            "made the event repeat (RRULE, RDATE, EXDATE or an instance changed on its own)"},
    Message{"audit.attempt.moved", "memindahkan acara ke {when}", "moved the event to {when}"},
    Message{"audit.reason.one_occurrence",
            "permohonan adalah satu kegiatan pada satu waktu, tidak dapat berulang; jadwal ulang dilakukan dengan "
            "memindahkan acara atau di halaman staf",
            "a request is one activity at one time and cannot repeat; reschedule it by moving the event or on the "
            "staff page"},
    Message{"audit.reason.hold",
            "penanda tentatif hanya menampilkan permohonan yang menunggu keputusan; waktu dan tempat ditetapkan staf "
            "protokol saat menyetujui",
            "the tentative hold only shows a request awaiting a decision; protocol staff set the time and place when "
            "they approve it"},
    Message{"audit.reason.representative_copy",
            "salinan di kalender wakil hanya menampilkan permohonan; staf protokol mengubahnya pada acara pimpinan "
            "atau di halaman staf",
            "the copy on the representative's calendar only shows the request; protocol staff change it on the "
            "leader's event or on the staff page"},
    Message{"audit.reason.not_staff", "hanya staf protokol yang dapat menjadwal ulang atau membatalkan permohonan",
            "only protocol staff can reschedule or cancel a request"},
    Message{"audit.refused.venue_empty", "tempat kosong", "the place is empty"},
    Message{"audit.refused.venue_too_long", "tempat lebih dari {limit} karakter ({length})",
            "the place is longer than {limit} characters ({length})"},
    Message{"audit.refused.end_not_after_start", "waktu selesai tidak setelah waktu mulai",
            "the end is not after the start"},
    // The calendar events the workflow wrote, or brought back in line, for a request.
    Message{"audit.calendar_synced", "Acara kalender: {steps}", "Calendar events: {steps}"},
    Message{"audit.calendar_repaired", "Acara kalender diselaraskan kembali dengan permohonan: {steps}",
            "Calendar events brought back in line with the request: {steps}"},
    Message{"audit.calendar_change_unfollowed",
            "Perubahan acara di aplikasi kalender belum sempat diproses dan tidak diikuti; acara dipasang kembali "
            "sesuai permohonan: {steps}",
            "A change of the event in a calendar app was not processed in time and is not followed; the event was put "
            "back as the request has it: {steps}"},
    Message{"audit.step.written", "ditulis {path}", "written {path}"},
    Message{"audit.step.cancelled", "dibatalkan {path}", "cancelled {path}"},
    Message{"audit.step.deleted", "dihapus {path}", "deleted {path}"},
    Message{"audit.step.renamed", "dinamai ulang tanpa kode pelacakan: {path}",
            "renamed without the tracking code: {path}"},
};

}  // namespace

const std::span<const Message> kStaffMessages(kStaff);

}  // namespace jadwal::web
