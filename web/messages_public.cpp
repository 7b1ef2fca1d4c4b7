// Messages of the requester's pages: the form, the receipt, the status page
// and the lookup of a tracking code.

#include <array>

#include "web/messages.h"

namespace jadwal::web {
namespace {

constexpr std::array kPublic = {
    // The form.
    Message{"form.title", "Permohonan Kehadiran Pimpinan", "Request for a Leader's Attendance"},
    Message{"form.intro",
            "Isi formulir ini untuk mengundang atau meminta waktu pimpinan. Anda akan menerima kode pelacakan untuk "
            "melihat status permohonan. Tidak perlu datang ke kantor.",
            "Fill in this form to invite a leader or ask for their time. You will receive a tracking code to follow "
            "your request. There is no need to come to the office."},
    Message{"form.errors_title", "Periksa kembali isian berikut:", "Please check these fields:"},
    Message{"form.required_note", "wajib diisi", "required"},
    Message{"form.optional", "(opsional)", "(optional)"},
    Message{"form.privacy", "Data dan surat Anda hanya dilihat oleh petugas protokol dan pimpinan yang Anda tuju.",
            "Your details and letters are seen only by the protocol staff and the leaders you address."},
    Message{"form.submit", "Kirim permohonan", "Send the request"},
    Message{"form.section.pemohon", "Data pemohon", "About you"},
    Message{"form.section.surat", "Surat permohonan", "The letter"},
    Message{"form.section.kegiatan", "Kegiatan", "The activity"},
    Message{"form.section.pimpinan", "Pimpinan", "Leaders"},
    Message{"form.section.berkas", "Berkas", "Files"},

    Message{"form.nama", "Nama lengkap", "Full name"},
    Message{"form.jabatan", "Jabatan", "Position"},
    Message{"form.instansi", "Instansi / organisasi", "Institution / organisation"},
    Message{"form.whatsapp", "Nomor WhatsApp", "WhatsApp number"},
    Message{"form.whatsapp.hint", "Kami mengirim kabar permohonan ke nomor ini. Contoh: 0812 3456 7890",
            "We send news of your request to this number. For example: 0812 3456 7890"},
    Message{"form.email", "Email", "Email"},
    Message{"form.email.hint", "Tanda terima dan keputusan juga dikirim ke email ini.",
            "The receipt and the decision are also sent to this address."},
    Message{"form.nomor_surat", "Nomor surat", "Letter number"},
    Message{"form.tanggal_surat", "Tanggal surat", "Letter date"},
    Message{"form.perihal", "Perihal", "Subject"},
    Message{"form.jenis_surat", "Jenis surat", "Type of letter"},
    Message{"form.jenis_surat.undangan", "Undangan", "Invitation"},
    Message{"form.jenis_surat.audiensi", "Audiensi", "Audience"},
    Message{"form.jenis_surat.kunjungan", "Kunjungan", "Visit"},
    Message{"form.jenis_surat.lainnya", "Lainnya", "Other"},
    Message{"form.nama_kegiatan", "Nama kegiatan", "Name of the activity"},
    Message{"form.tanggal", "Tanggal kegiatan", "Date of the activity"},
    Message{"form.jam_mulai", "Jam mulai", "Start time"},
    Message{"form.jam_mulai.hint", "Waktu Indonesia Barat (WIB), contoh 08:00",
            "Western Indonesian Time (WIB), e.g. 08:00"},
    Message{"form.jam_selesai", "Jam selesai", "End time"},
    Message{"form.jam_selesai.hint", "Kosongkan bila tidak tentu: acara dicatat \"s.d. selesai\".",
            "Leave empty when open: the activity is written \"until finished\"."},
    Message{"form.sampai_selesai", "s.d. selesai (jam selesai tidak tentu)", "Until finished (no fixed end)"},
    Message{"form.tempat", "Tempat", "Venue"},
    Message{"form.alamat", "Alamat tempat", "Address of the venue"},
    Message{"form.pakaian", "Pakaian", "Dress code"},
    Message{"form.pakaian.hint", "Contoh: PDH, batik, bebas rapi", "For example: PDH, batik, smart casual"},
    Message{"form.peran", "Peran pimpinan", "Role of the leader"},
    Message{"form.peran.menghadiri", "Menghadiri", "Attend"},
    Message{"form.peran.sambutan", "Memberi sambutan", "Give a speech"},
    Message{"form.peran.membuka", "Membuka acara", "Open the event"},
    Message{"form.peran.pengarahan", "Memberi pengarahan", "Give a briefing"},
    Message{"form.peran.narasumber", "Narasumber", "Speaker"},
    Message{"form.undangan_lain", "Undangan lain yang hadir", "Other invitees"},
    Message{"form.narahubung", "Narahubung di lokasi", "Contact person on site"},
    Message{"form.narahubung.hint", "Nama dan nomor telepon", "Name and phone number"},
    Message{"form.pimpinan", "Pimpinan yang diundang", "Leaders invited"},
    Message{"form.pimpinan.hint", "Pilih satu atau lebih.", "Choose one or more."},
    Message{"form.pimpinan.none", "Belum ada pimpinan terdaftar. Hubungi kantor protokol.",
            "No leader is registered yet. Please contact the protocol office."},
    Message{"form.boleh_diwakilkan", "Boleh diwakilkan bila pimpinan berhalangan",
            "A representative is acceptable if the leader cannot come"},
    Message{"form.surat", "Surat permohonan (PDF)", "Request letter (PDF)"},
    Message{"form.surat.hint", "Surat bertanda tangan, dalam bentuk PDF.", "The signed letter, as a PDF."},
    Message{"form.max_size", "Ukuran paling besar per berkas:", "Largest size per file:"},
    Message{"form.surat.kept", "Surat ini sudah terunggah. Pilih berkas lain hanya bila ingin menggantinya.",
            "This letter is already uploaded. Choose another file only to replace it."},
    Message{"form.pendukung", "Berkas pendukung", "Supporting files"},
    Message{"form.pendukung.hint", "PDF, JPEG atau PNG, misalnya rundown atau denah. Boleh lebih dari satu.",
            "PDF, JPEG or PNG, such as a programme or a map. Several allowed."},
    Message{"form.pendukung.kept", "Berkas ini sudah terunggah.", "These files are already uploaded."},

    // Looking a request up.
    Message{"lookup.title", "Cek status permohonan", "Check a request's status"},
    Message{"lookup.intro", "Masukkan kode pelacakan yang Anda terima saat mengirim permohonan.",
            "Enter the tracking code you received when you sent the request."},
    Message{"lookup.code", "Kode pelacakan", "Tracking code"},
    Message{"lookup.submit", "Cek status", "Check status"},

    // The receipt.
    Message{"receipt.title", "Permohonan terkirim", "Request sent"},
    Message{"receipt.already_sent",
            "Formulir ini sudah pernah dikirim, jadi tidak dibuat permohonan baru. Perubahan yang diketik setelah "
            "pengiriman pertama tidak tersimpan; bila ada yang perlu diubah, hubungi petugas protokol atau isi "
            "formulir baru.",
            "This form was sent before, so no new request was made. Changes typed after the first sending were not "
            "saved; if something needs changing, contact the protocol staff or fill in a new form."},
    Message{"receipt.intro", "Terima kasih. Permohonan Anda sudah kami terima dan akan diperiksa petugas protokol.",
            "Thank you. We have received your request; the protocol staff will review it."},
    Message{"receipt.code", "Kode pelacakan", "Tracking code"},
    Message{"receipt.keep_code", "Simpan kode ini untuk melihat status permohonan Anda.",
            "Keep this code to follow your request."},
    Message{"receipt.status_link", "Lihat status permohonan", "See the request's status"},
    Message{"receipt.status_address", "Alamat halaman status:", "Status page address:"},
    Message{"receipt.email_sent", "Tanda terima ini juga sudah dikirim ke email", "This receipt was also sent to"},
    Message{"receipt.summary", "Ringkasan", "Summary"},

    // The status page.
    Message{"status.title", "Status permohonan", "Request status"},
    Message{"status.state", "Status", "Status"},
    Message{"status.when", "Waktu", "When"},
    Message{"status.leaders", "Pimpinan yang diundang", "Leaders invited"},
    Message{"status.represented_by", "Diwakili oleh", "Represented by"},
    Message{"status.decision_note", "Catatan keputusan", "Note on the decision"},
    Message{"status.revise_title", "Kirim surat revisi", "Send a revised letter"},
    Message{"status.revise_intro",
            "Permohonan Anda dikembalikan untuk diperbaiki. Baca catatan di atas, lalu unggah surat yang sudah "
            "diperbaiki.",
            "Your request was returned for changes. Read the note above, then upload the corrected letter."},
    Message{"status.revised_letter", "Surat revisi (PDF)", "Revised letter (PDF)"},
    Message{"status.note", "Catatan untuk petugas", "Note for the staff"},
    Message{"status.revise_submit", "Kirim revisi", "Send the revision"},
    Message{"status.history", "Riwayat", "History"},
    Message{"status.withdraw_title", "Tarik permohonan", "Withdraw the request"},
    Message{"status.withdraw_intro",
            "Bila kegiatan batal atau permohonan tidak lagi diperlukan, Anda dapat menariknya.",
            "If the activity is called off or the request is no longer needed, you can withdraw it."},
    Message{"status.withdraw_reason", "Alasan", "Reason"},
    Message{"status.withdraw_submit", "Tarik permohonan", "Withdraw the request"},
    Message{"status.notice.revisi_terkirim", "Surat revisi terkirim. Petugas akan memeriksanya kembali.",
            "The revised letter was sent. The staff will review it again."},
    Message{"status.notice.ditarik", "Permohonan sudah ditarik.", "The request was withdrawn."},
    Message{"status.unknown", "Tidak ada permohonan dengan kode itu. Periksa kembali kode pelacakan Anda.",
            "There is no request with that code. Please check your tracking code."},
    Message{"status.not_allowed", "Permohonan ini tidak dapat diubah lagi pada status sekarang.",
            "This request can no longer be changed in its current state."},
    Message{"lookup.too_many_title", "Terlalu banyak kode tidak dikenal", "Too many unknown codes"},
    Message{"lookup.too_many",
            "Terlalu banyak kode permohonan yang tidak dikenal dicari dari alamat Anda. Demi keamanan data pemohon, "
            "pencarian kode dari alamat ini dihentikan sementara. Silakan coba lagi dalam satu jam.",
            "Too many request codes that do not exist were looked up from your address. To keep requesters' data "
            "safe, lookups from this address are paused. Please try again in an hour."},
    Message{"status.changed_meanwhile", "Permohonan ini baru saja berubah. Periksa statusnya lalu coba lagi.",
            "This request changed a moment ago. Check its status and try again."},
    // Beside a file a form sent back could not keep.
    Message{"file_not_kept", "Berkas ini belum dapat disimpan. Perbaiki isian yang lain, lalu unggah berkas ini lagi.",
            "This file could not be kept yet. Correct the other fields, then upload this file again."},
    // Beside the revised letter, when a request has had its share of revisions.
    Message{"too_many_revisions",
            "Permohonan ini sudah menerima jumlah surat revisi terbanyak yang diizinkan. Hubungi Bagian Protokol "
            "bila surat masih perlu diubah.",
            "This request has received the most revised letters allowed. Contact the protocol office if the letter "
            "still needs changing."},
    Message{"revisions_too_fast", "Terlalu banyak surat revisi dalam satu jam terakhir. Coba lagi nanti.",
            "Too many revised letters within the last hour. Please try again later."},

    // The history a requester sees.
    Message{"history.submit", "Permohonan diajukan", "Request submitted"},
    Message{"history.resubmit", "Surat revisi dikirim", "Revised letter sent"},
    Message{"history.withdraw", "Permohonan ditarik", "Request withdrawn"},
    Message{"history.verify", "Diverifikasi oleh petugas protokol", "Verified by the protocol staff"},
    Message{"history.return", "Dikembalikan untuk revisi", "Returned for revision"},
    Message{"history.approve", "Disetujui", "Approved"},
    Message{"history.represent", "Pimpinan diwakilkan", "The leader will be represented"},
    Message{"history.reject", "Ditolak", "Rejected"},
    Message{"history.cancel", "Dibatalkan", "Cancelled"},
    Message{"history.reschedule", "Waktu atau tempat diubah", "Time or venue changed"},
    Message{"history.held", "Kegiatan terlaksana", "The activity took place"},
    Message{"history.not_held", "Kegiatan tidak terlaksana", "The activity did not take place"},
    Message{"history.calendar_edit", "Waktu atau tempat diubah", "Time or venue changed"},
};

}  // namespace

const std::span<const Message> kPublicMessages(kPublic);

}  // namespace jadwal::web
