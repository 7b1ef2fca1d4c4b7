// The work report (/staf/rekap) and its CSV. Ids start with "recap." (and
// the navigation's "layout.recap").

#include <array>

#include "web/messages.h"

namespace jadwal::web {

namespace {

constexpr std::array kRecap = {
    Message{"layout.recap", "Rekap", "Report"},
    Message{"recap.title", "Rekap Kegiatan", "Work report"},
    Message{"recap.intro",
            "Permohonan yang masuk pada periode ini, menurut statusnya sekarang, dan agenda pimpinan pada periode yang "
            "sama.",
            "The requests submitted in this period, by the state they are in now, and the leaders' agenda of the same "
            "period."},
    Message{"recap.month", "Bulan", "Month"},
    Message{"recap.year", "Tahun", "Year"},
    Message{"recap.show_month", "Tampilkan bulan", "Show the month"},
    Message{"recap.show_year", "Tampilkan tahun", "Show the year"},
    Message{"recap.prev", "‹ Sebelumnya", "‹ Previous"},
    Message{"recap.next", "Berikutnya ›", "Next ›"},
    Message{"recap.whole_year", "Seluruh tahun", "The whole year"},
    Message{"recap.periods_nav", "Periode lain", "Other periods"},
    Message{"recap.bad_month", "Bulan tidak dikenali. Tulis seperti 2025-11 (tahun-bulan, bulan 01 sampai 12).",
            "The month is not recognised. Write it like 2025-11 (year-month, month 01 to 12)."},
    Message{"recap.bad_year", "Tahun tidak dikenali. Tulis empat angka, seperti 2025.",
            "The year is not recognised. Write four digits, like 2025."},
    Message{"recap.both", "Pilih bulan atau tahun, jangan keduanya.", "Choose a month or a year, not both."},
    Message{"recap.requests_incomplete",
            "Permohonan pada periode ini melebihi batas satu rekap; hanya yang terbaru yang dihitung.",
            "This period has more requests than one report reads; only the newest are counted."},
    Message{"recap.agenda_incomplete",
            "Sebagian acara berulang tidak dapat dihitung seluruhnya; jumlah acara mungkin belum lengkap.",
            "Some recurring events could not be counted in full; the event numbers may be incomplete."},
    Message{"recap.totals", "Jumlah permohonan", "Requests"},
    Message{"recap.received", "Masuk", "Received"},
    Message{"recap.received_lower", "masuk", "received"},
    Message{"recap.pending", "Menunggu", "Waiting"},
    Message{"recap.pending_long", "Menunggu keputusan (diajukan, diverifikasi, dikembalikan)",
            "Waiting for a decision (submitted, verified, returned)"},
    Message{"recap.approved", "Disetujui", "Approved"},
    Message{"recap.represented", "Diwakilkan", "Represented"},
    Message{"recap.rejected", "Ditolak", "Rejected"},
    Message{"recap.other", "Ditarik/batal", "Withdrawn/cancelled"},
    Message{"recap.columns_note",
            "Disetujui dan Diwakilkan termasuk yang sudah terlaksana atau tidak terlaksana; Ditarik/batal: ditarik "
            "pemohon atau dibatalkan. Pada baris pimpinan, permohonan yang diputuskan untuk pimpinan lain hanya "
            "dihitung masuk.",
            "Approved and Represented include those held or not held since; Withdrawn/cancelled: withdrawn by the "
            "requester or cancelled. On a leader's line, a request decided for another leader counts as received "
            "only."},
    Message{"recap.decision_time", "Lama sampai keputusan", "Time to a decision"},
    Message{"recap.decision_note",
            "Dari permohonan masuk sampai keputusan pertama (disetujui, diwakilkan atau ditolak).",
            "From submission to the first decision (approved, represented or rejected)."},
    Message{"recap.decided", "Sudah diputuskan", "Decided"},
    Message{"recap.median", "Median", "Median"},
    Message{"recap.p90", "90% selesai dalam", "90% within"},
    Message{"recap.minutes", "menit", "min"},
    Message{"recap.under_minute", "kurang dari 1 menit", "under 1 min"},
    Message{"recap.hours", "jam", "hours"},
    Message{"recap.days", "hari", "days"},
    Message{"recap.chart", "Grafik", "Chart"},
    Message{"recap.chart_month", "Permohonan per pimpinan", "Requests per leader"},
    Message{"recap.chart_year", "Permohonan per bulan", "Requests per month"},
    Message{"recap.chart_alt", "Angka yang sama ada pada tabel di bawah.", "The same numbers are in the tables below."},
    Message{"recap.per_leader", "Per pimpinan", "Per leader"},
    Message{"recap.leader", "Pimpinan", "Leader"},
    Message{"recap.represented_by", "Diwakili oleh", "Represented by"},
    Message{"recap.events_requests", "Acara dari permohonan", "Events from requests"},
    Message{"recap.events_direct", "Acara lain di kalender", "Other events in the calendar"},
    Message{"recap.no_leaders", "Tidak ada pimpinan yang dapat Anda lihat.", "There is no leader you may see."},
    Message{"recap.per_institution", "Per instansi", "Per institution"},
    Message{"recap.institution", "Instansi", "Institution"},
    Message{"recap.per_type", "Per jenis surat", "Per letter type"},
    Message{"recap.type", "Jenis", "Type"},
    Message{"recap.no_requests", "Tidak ada permohonan yang masuk pada periode ini.",
            "No request was submitted in this period."},
    Message{"recap.downloads", "Unduh", "Download"},
    Message{"recap.csv", "CSV (semua permohonan)", "CSV (every request)"},
    Message{"recap.json", "JSON (untuk skrip)", "JSON (for scripts)"},
    Message{"recap.xlsx", "Excel", "Excel"},
    // The CSV's header row.
    Message{"recap.csv.code", "Kode", "Code"},
    Message{"recap.csv.submitted", "Tanggal masuk", "Submitted"},
    Message{"recap.csv.institution", "Instansi", "Institution"},
    Message{"recap.csv.requester", "Pemohon", "Requester"},
    Message{"recap.csv.letter_number", "Nomor surat", "Letter number"},
    Message{"recap.csv.letter_date", "Tanggal surat", "Letter date"},
    Message{"recap.csv.type", "Jenis surat", "Letter type"},
    Message{"recap.csv.activity", "Kegiatan", "Activity"},
    Message{"recap.csv.start", "Waktu kegiatan ({zone})", "Activity time ({zone})"},
    Message{"recap.csv.place", "Tempat", "Place"},
    Message{"recap.csv.leaders_asked", "Pimpinan yang diundang", "Leaders asked"},
    Message{"recap.csv.assigned", "Pimpinan yang ditugaskan", "Assigned leader"},
    Message{"recap.csv.state", "Status", "State"},
    Message{"recap.csv.decided", "Tanggal keputusan", "Decided"},
    Message{"recap.csv.represented", "Diwakili oleh", "Represented by"},
    Message{"recap.csv.note", "Catatan keputusan", "Decision note"},
    Message{"recap.csv_summary", "CSV (ringkasan)", "CSV (summary)"},
    Message{"recap.csv.part", "Bagian", "Part"},
    Message{"recap.csv.name", "Nama", "Name"},
    Message{"recap.csv.median_hours", "Median jam sampai keputusan", "Median hours to a decision"},
    Message{"recap.csv.p90_hours", "Persentil 90 jam sampai keputusan", "90th percentile hours to a decision"},
    Message{"recap.csv.events_requests", "Acara dari permohonan", "Events from requests"},
    Message{"recap.csv.events_direct", "Acara lain di kalender", "Other events on the calendar"},
};

}  // namespace

const std::span<const Message> kRecapMessages(kRecap);

}  // namespace jadwal::web
