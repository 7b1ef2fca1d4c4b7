// Messages of the public form's limits, its browser-side checks and the
// page of a body too large to read (public_form_view.cpp, too_large_page.cpp).

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kForm = {
    Message{"files_total_too_large", "Ukuran semua berkas bersama melebihi batas.",
            "All files together are over the size limit."},
    Message{"form.limits", "Batas ukuran:", "Size limits:"},
    Message{"form.max_total", "Ukuran paling besar semua berkas bersama:", "Largest size of all files together:"},
    Message{"form.limit_per_file", "per berkas", "per file"},
    Message{"form.limit_total", "semua berkas bersama", "all files together"},
    Message{"form.check_file_too_large", "Berkas \"%s\" lebih dari %l. Perkecil berkasnya, lalu pilih lagi.",
            "The file \"%s\" is over %l. Make it smaller and choose it again."},
    Message{"form.check_total_too_large", "Semua berkas bersama lebih dari %l. Kurangi atau perkecil berkas pendukung.",
            "All files together are over %l. Leave out or shrink supporting files."},
    Message{"form.sending", "Mengirim…", "Sending…"},
    Message{"form.repeated_token", "Formulir ini sudah dikirim; ini tanda terimanya.",
            "This form was sent already; here is its receipt."},
    Message{"form.error_token", "Formulir kedaluwarsa. Isian Anda masih ada: periksa, lalu kirim ulang.",
            "The form expired. What you entered is still here: check it and send it again."},
    Message{"form.error_too_many",
            "Terlalu banyak permohonan dari alamat Anda dalam satu jam terakhir. Isian Anda masih ada; kirim ulang "
            "nanti.",
            "Too many requests from your address in the last hour. What you entered is still here; send it later."},
    Message{"form.error_unreadable", "Sebagian isian tidak terbaca. Periksa isian Anda, lalu kirim ulang.",
            "Part of the form could not be read. Check what you entered and send it again."},
    Message{"error.too_large_form",
            "Kiriman Anda melebihi batas ukuran, sehingga tidak dibaca. Isian Anda masih ada di halaman "
            "sebelumnya: kembali dengan tombol Kembali (Back) pada peramban Anda, perkecil atau kurangi berkasnya, "
            "lalu kirim ulang.",
            "What you sent is over the size limit, so it was not read. What you entered is still on the previous "
            "page: go back with your browser's Back button, make the files smaller or fewer, and send again."},
    Message{"error.too_large_back", "Kembali ke formulir yang sudah diisi", "Back to the filled form"},
};

}  // namespace

const std::span<const Message> kFormMessages(kForm);

}  // namespace jadwal::web
