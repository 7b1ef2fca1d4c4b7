// Messages of the account page and its calendar feeds (staff_account.cpp).

#include "web/messages.h"

namespace jadwal::web {
namespace {

constexpr Message kFeeds[] = {
    Message{"layout.account", "Akun", "Account"},
    Message{"akun_title", "Akun saya", "My account"},
    Message{"akun_morning_mail", "Agenda pagi lewat surel", "Morning agenda by email"},
    Message{"akun_feeds_title", "Umpan kalender (Outlook, Google Calendar, iOS)",
            "Calendar feeds (Outlook, Google Calendar, iOS)"},
    Message{"akun_feeds_intro",
            "Umpan adalah alamat rahasia yang hanya dapat dibaca, untuk aplikasi kalender tanpa CalDAV. Siapa pun "
            "yang memegang alamatnya dapat melihat agenda di dalamnya: jangan dibagikan. Umpan memuat acara dari "
            "{back} hari lalu sampai {ahead} hari ke depan, dan hanya kalender yang masih boleh Anda baca.",
            "A feed is a secret, read-only address for calendar apps without CalDAV. Anyone who holds the address "
            "can see the agenda in it: do not share it. A feed holds the events from {back} days ago to {ahead} "
            "days ahead, and only the calendars you may still read."},
    Message{"akun_feeds_empty", "Belum ada umpan.", "No feeds yet."},
    Message{"akun_feeds_yours", "Umpan Anda", "Your feeds"},
    Message{"akun_feed_name", "Nama umpan", "Feed name"},
    Message{"akun_feed_name_hint", "Misalnya: Outlook kantor. Paling banyak 100 karakter.",
            "For example: Office Outlook. At most 100 characters."},
    Message{"akun_feed_calendars", "Kalender", "Calendars"},
    Message{"akun_feed_created", "Dibuat", "Created"},
    Message{"akun_feed_revoke", "Cabut", "Revoke"},
    Message{"akun_feed_revoked", "Umpan dicabut: alamatnya tidak berlaku lagi.",
            "Feed revoked: its address no longer works."},
    Message{"akun_feed_new", "Buat umpan baru", "Create a new feed"},
    Message{"akun_feed_create", "Buat umpan", "Create feed"},
    Message{"akun_feed_limit_note", "Paling banyak {limit} umpan per pengguna.", "At most {limit} feeds per user."},
    Message{"akun_feed_no_calendars", "Tidak ada kalender yang dapat Anda baca.", "There is no calendar you may read."},
    Message{"akun_feed_lost", "tidak dapat dibaca lagi", "no longer readable"},
    Message{"akun_feed_made", "Umpan “{name}” dibuat", "Feed “{name}” created"},
    Message{"akun_feed_copy_now",
            "Salin alamat ini sekarang: alamat hanya ditampilkan sekali. Jika hilang, cabut umpan ini dan buat yang "
            "baru.",
            "Copy this address now: it is shown only once. If it is lost, revoke this feed and create a new one."},
    Message{"akun_feed_https", "Alamat (https)", "Address (https)"},
    Message{"akun_feed_webcal", "Alamat (webcal)", "Address (webcal)"},
    Message{"akun_howto_title", "Cara berlangganan", "How to subscribe"},
    Message{"akun_howto_outlook_desktop",
            "Outlook desktop: Berkas > Pengaturan Akun > Pengaturan Akun > tab Kalender Internet > Baru, tempel "
            "alamat https, lalu Tambahkan.",
            "Outlook desktop: File > Account Settings > Account Settings > Internet Calendars tab > New, paste the "
            "https address, then Add."},
    Message{"akun_howto_outlook_web",
            "Outlook di web: Kalender > Tambahkan kalender > Berlangganan dari web, tempel alamat https, beri nama, "
            "lalu Impor.",
            "Outlook on the web: Calendar > Add calendar > Subscribe from web, paste the https address, give it a "
            "name, then Import."},
    Message{"akun_howto_google",
            "Google Calendar (di komputer): Setelan > Tambahkan kalender > Dari URL, tempel alamat https, lalu "
            "Tambahkan kalender. Google memperbarui umpan beberapa kali sehari.",
            "Google Calendar (on a computer): Settings > Add calendar > From URL, paste the https address, then Add "
            "calendar. Google refreshes feeds a few times a day."},
    Message{"akun_howto_ios",
            "iPhone dan iPad: Pengaturan > Kalender > Akun > Tambah Akun > Lainnya > Tambah Kalender Langganan, "
            "tempel alamat webcal (atau https), lalu Berikutnya.",
            "iPhone and iPad: Settings > Calendar > Accounts > Add Account > Other > Add Subscribed Calendar, paste "
            "the webcal (or https) address, then Next."},
    Message{"akun_err_name_required", "Isi nama umpan.", "Enter a name for the feed."},
    Message{"akun_err_name_too_long", "Nama umpan paling banyak 100 karakter.",
            "The feed name has at most 100 characters."},
    Message{"akun_err_name_invalid", "Nama umpan berisi karakter yang tidak diizinkan.",
            "The feed name holds characters that are not allowed."},
    Message{"akun_err_calendar_required", "Pilih paling sedikit satu kalender.", "Choose at least one calendar."},
    Message{"akun_err_calendar_forbidden", "Anda tidak boleh membaca salah satu kalender yang dipilih.",
            "You may not read one of the calendars chosen."},
    Message{"akun_err_limit",
            "Anda sudah memiliki {limit} umpan, batas per pengguna. Cabut umpan yang tidak dipakai lagi sebelum "
            "membuat yang baru.",
            "You already have {limit} feeds, the limit per user. Revoke a feed you no longer use before creating a "
            "new one."},
    Message{"akun_err_feed_not_found", "Umpan tidak ditemukan.", "Feed not found."},
};

}  // namespace

const std::span<const Message> kFeedMessages(kFeeds);

}  // namespace jadwal::web
