// Messages every web page may use: the layout, error pages, the field errors
// of the request form (workflow::FieldErrors ids) and the state labels.

#include <array>

#include "web/messages.h"

namespace jadwal::web {
namespace {

constexpr std::array kCommon = {
    // The layout.
    Message{"layout.office", "Bagian Protokol dan Komunikasi Pimpinan", "Protocol and Leadership Communication Office"},
    Message{"layout.skip", "Langsung ke isi", "Skip to content"},
    Message{"layout.staff_nav", "Menu staf", "Staff menu"},
    Message{"layout.inbox", "Kotak masuk", "Inbox"},
    Message{"layout.logout", "Keluar", "Log out"},
    Message{"page.back_home", "Kembali ke formulir permohonan", "Back to the request form"},

    // Error pages.
    Message{"error.not_found_title", "Halaman tidak ditemukan", "Page not found"},
    Message{"error.not_found", "Alamat yang Anda buka tidak ada. Periksa kembali tautannya.",
            "The address you opened does not exist. Please check the link."},
    Message{"error.method_title", "Permintaan tidak didukung", "Request not supported"},
    Message{"error.method", "Halaman ini tidak menerima permintaan seperti itu.",
            "This page does not accept that kind of request."},
    Message{"error.forbidden_title", "Akses ditolak", "Access denied"},
    Message{"error.forbidden", "Anda tidak berhak membuka halaman ini.", "You are not allowed to open this page."},
    Message{"error.csrf_title", "Formulir kedaluwarsa", "Form expired"},
    Message{"error.csrf",
            "Formulir ini sudah kedaluwarsa atau tidak dikirim dari halaman kami. Buka kembali formulirnya, lalu kirim "
            "ulang.",
            "This form has expired or was not sent from our page. Open the form again and send it once more."},
    Message{"error.too_many_title", "Terlalu banyak permohonan", "Too many requests"},
    Message{"error.too_many",
            "Terlalu banyak permohonan dikirim dari alamat Anda dalam satu jam terakhir. Silakan coba lagi nanti.",
            "Too many requests were sent from your address in the last hour. Please try again later."},
    Message{"error.cross_origin_title", "Permintaan ditolak", "Request refused"},
    Message{"error.cross_origin",
            "Formulir ini tidak dikirim dari situs kami, sehingga ditolak demi keamanan. Buka halamannya dari alamat "
            "resmi situs ini, lalu kirim ulang.",
            "This form was not sent from our site, so it was refused for your safety. Open the page from this site's "
            "own address and send it again."},
    Message{"error.busy_title", "Server sedang sibuk", "Server busy"},
    Message{"error.busy", "Server sedang sibuk memeriksa kata sandi. Silakan coba lagi beberapa detik lagi.",
            "The server is busy checking passwords. Please try again in a few seconds."},
    Message{"error.bad_form_title", "Formulir tidak terbaca", "Unreadable form"},
    Message{"error.bad_form", "Isian formulir tidak dapat dibaca. Buka kembali formulirnya, lalu kirim ulang.",
            "The form could not be read. Open the form again and send it once more."},
    Message{"error.login_required_title", "Perlu masuk", "Login required"},
    Message{"error.login_required", "Masuk dengan akun Anda untuk membuka berkas ini.",
            "Log in with your account to open this file."},
    Message{"error.too_large_title", "Berkas terlalu besar", "Files too large"},
    Message{
        "error.too_large",
        "Kiriman Anda melebihi batas ukuran. Perkecil berkasnya (misalnya pindai dengan resolusi lebih rendah), lalu "
        "kirim ulang.",
        "What you sent is over the size limit. Make the files smaller (for example scan at a lower resolution) and "
        "send again."},
    Message{"error.internal", "Terjadi kesalahan pada server. Silakan coba lagi.",
            "Something went wrong on the server. Please try again."},
    Message{"error.bad_request_title", "Permintaan tidak terbaca", "Unreadable request"},
    Message{"error.bad_request",
            "Permintaan dari peramban Anda tidak dapat dibaca. Muat ulang halaman, lalu coba lagi.",
            "The request from your browser could not be read. Reload the page and try again."},
    Message{"error.timeout_title", "Waktu habis", "Timed out"},
    Message{"error.timeout",
            "Kiriman Anda tidak sampai tepat waktu, mungkin karena sambungan lambat. Coba lagi di sambungan yang lebih "
            "baik.",
            "What you sent did not arrive in time, perhaps because of a slow connection. Try again on a better "
            "connection."},
    Message{"error.receiving_busy", "Server sedang menerima terlalu banyak kiriman. Tunggu sebentar, lalu coba lagi.",
            "The server is receiving too much right now. Wait a moment and try again."},

    // Field errors (workflow::FieldErrors ids).
    Message{"required", "Wajib diisi.", "Required."},
    Message{"invalid_date", "Tanggal tidak valid.", "Not a valid date."},
    Message{"date_in_past", "Tanggal sudah lewat.", "The date has passed."},
    Message{"end_before_start", "Jam selesai harus setelah jam mulai.", "The end time must be after the start time."},
    Message{"invalid_time", "Jam tidak valid (contoh: 08:00).", "Not a valid time (for example 08:00)."},
    Message{"invalid_email", "Alamat email tidak valid.", "Not a valid email address."},
    Message{"invalid_phone", "Nomor WhatsApp tidak valid (contoh: 0812 3456 7890).",
            "Not a valid WhatsApp number (for example 0812 3456 7890)."},
    Message{"unknown_leader", "Pilih pimpinan dari daftar.", "Choose a leader from the list."},
    Message{"file_required", "Unggah surat permohonan (PDF).", "Upload the request letter (PDF)."},
    Message{"file_type_pdf", "Berkas harus PDF.", "The file must be a PDF."},
    Message{"file_type_document", "Berkas harus PDF, JPEG atau PNG.", "The file must be a PDF, JPEG or PNG."},
    Message{"file_too_large", "Berkas terlalu besar.", "The file is too large."},
    Message{"too_many_files", "Terlalu banyak berkas pendukung.", "Too many supporting files."},
    Message{"too_long", "Isian terlalu panjang.", "Too long."},
    Message{"invalid_choice", "Pilihan tidak valid.", "Not a valid choice."},
    Message{"not_yet_held", "Kegiatan belum berlangsung.", "The activity has not taken place yet."},
    Message{"invalid_code", "Kode pelacakan tidak valid (contoh: JDW-7K3M-Q9XF).",
            "Not a valid tracking code (for example JDW-7K3M-Q9XF)."},
    Message{"unknown_code", "Tidak ada permohonan dengan kode itu.", "There is no request with that code."},

    // Request states.
    Message{"state.diajukan", "Diajukan", "Submitted"},
    Message{"state.diverifikasi", "Diverifikasi", "Verified"},
    Message{"state.dikembalikan", "Dikembalikan untuk revisi", "Returned for revision"},
    Message{"state.disetujui", "Disetujui", "Approved"},
    Message{"state.diwakilkan", "Diwakilkan", "Represented"},
    Message{"state.ditolak", "Ditolak", "Rejected"},
    Message{"state.ditarik", "Ditarik", "Withdrawn"},
    Message{"state.dibatalkan", "Dibatalkan", "Cancelled"},
    Message{"state.terlaksana", "Terlaksana", "Held"},
    Message{"state.tidak_terlaksana", "Tidak terlaksana", "Not held"},
};

}  // namespace

const std::span<const Message> kCommonMessages(kCommon);

}  // namespace jadwal::web
