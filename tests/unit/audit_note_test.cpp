// What the workflow records in the history is stored as a code and its
// values (workflow/audit_note.h) and put into words when shown
// (web/audit_text.h); notes people typed, and entries stored in words
// before codes were, are shown as they are.
#define BOOST_TEST_MODULE audit_note
#include "workflow/audit_note.h"
#include "web/audit_text.h"
#include "web_fixture.h"

using namespace jadwal;
using namespace jadwal::testing;
using workflow::AuditNote;
using workflow::decodeAuditNote;
using workflow::encodeAuditNote;
using workflow::joinedSteps;

namespace {

constexpr sql::Instant k14March0900 = 1741917600;  // 2025-03-14 09:00 WIB

sql::AuditRow entry(const std::string& action, const std::string& note) {
  sql::AuditRow row;
  row.action = action;
  row.note = note;
  return row;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_note_is_stored_as_its_code_and_values_and_read_back) {
  const std::string stored = encodeAuditNote({"calendar_deleted", {{"calendar", "Agenda \"Bupati\" {x}"}}});
  BOOST_TEST(stored.find("\"code\":\"calendar_deleted\"") != std::string::npos, stored);
  const auto note = decodeAuditNote("calendar-unlink", stored);
  BOOST_TEST_REQUIRE(note.has_value());
  BOOST_TEST(note->code == "calendar_deleted");
  BOOST_TEST(note->values.at("calendar") == "Agenda \"Bupati\" {x}");
}

BOOST_AUTO_TEST_CASE(notes_in_words_are_not_read_as_codes) {
  const std::string coded = encodeAuditNote({"deleted_in_calendar", {}});
  // A requester's or staff member's note is theirs, even when it looks like a code.
  for (const std::string action : {"withdraw", "resubmit", "return", "reject", "cancel", "approve"})
    BOOST_TEST(!decodeAuditNote(action, coded), action);
  // Older entries in words, and text that only starts like JSON.
  BOOST_TEST(!decodeAuditNote("calendar-delete", "Dihapus melalui aplikasi kalender, tanpa alasan"));
  BOOST_TEST(!decodeAuditNote("calendar-delete", "{tidak lengkap"));
  BOOST_TEST(!decodeAuditNote("calendar-delete", "{\"tanpa\":\"kode\"}"));
  BOOST_TEST(!decodeAuditNote("calendar-delete", "{\"code\":\"x\",\"n\":5}"));
}

BOOST_AUTO_TEST_CASE(a_coded_note_is_shown_in_the_readers_language) {
  const auto deleted = entry("calendar-unlink", encodeAuditNote({"calendar_deleted", {{"calendar", "Agenda {when}"}}}));
  BOOST_TEST(web::auditNoteText("id", deleted, "Asia/Jakarta") ==
             "Kalender \"Agenda {when}\" dihapus melalui aplikasi kalender bersama acaranya; permohonan sudah "
             "selesai dan tidak berubah");
  BOOST_TEST(web::auditNoteText("en", deleted, "Asia/Jakarta").starts_with("Calendar \"Agenda {when}\" was deleted"));

  const auto moved = entry("calendar-edit", encodeAuditNote({"moved_in_calendar",
                                                             {{"start", std::to_string(k14March0900 + 4 * 3600)},
                                                              {"end", std::to_string(k14March0900 + 6 * 3600)},
                                                              {"venue", "Pendopo"}}}));
  const std::string shown = web::auditNoteText("id", moved, "Asia/Jakarta");
  BOOST_TEST(shown.starts_with("Diubah melalui aplikasi kalender: "), shown);
  BOOST_TEST(shown.find("13.00") != std::string::npos, shown);
  BOOST_TEST(shown.find("Pendopo") != std::string::npos, shown);
  BOOST_TEST(web::auditNoteText("en", moved, "Asia/Jakarta").starts_with("Changed in a calendar app: "));
}

BOOST_AUTO_TEST_CASE(words_are_shown_as_they_are) {
  const std::string old = "Kalender \"Agenda\" dihapus melalui aplikasi kalender bersama acaranya";
  BOOST_TEST(web::auditNoteText("en", entry("calendar-unlink", old), "Asia/Jakarta") == old);
  const std::string typed = "{\"code\":\"deleted_in_calendar\"}";
  BOOST_TEST(web::auditNoteText("id", entry("withdraw", typed), "Asia/Jakarta") == typed);
  // A code this version does not know keeps what was stored.
  const std::string unknown = encodeAuditNote({"from_a_later_version", {}});
  BOOST_TEST(web::auditNoteText("id", entry("calendar-edit", unknown), "Asia/Jakarta") == unknown);
}

BOOST_AUTO_TEST_CASE(an_edit_put_back_is_shown_with_what_was_tried_and_why_not) {
  const auto moved = entry("calendar-restore", encodeAuditNote({"calendar_restored",
                                                                {{"attempt", "moved"},
                                                                 {"start", std::to_string(k14March0900 + 4 * 3600)},
                                                                 {"venue", "Pendopo {reason}"},
                                                                 {"reason", "not_staff"}}}));
  // Without an end ("s.d. selesai"); a value's braces are never read as a placeholder.
  BOOST_TEST(web::auditNoteText("id", moved, "Asia/Jakarta") ==
             "Dari aplikasi kalender: memindahkan acara ke Jumat, 14 Maret 2025, 13.00 WIB s.d. selesai, Pendopo "
             "{reason}. Tidak diikuti: hanya staf protokol yang dapat menjadwal ulang atau membatalkan permohonan. "
             "Acara dipasang kembali sesuai permohonan.");
  BOOST_TEST(web::auditNoteText("en", moved, "Asia/Jakarta").find("Not followed: only protocol staff") !=
             std::string::npos);

  const auto refused = entry("calendar-restore", encodeAuditNote({"calendar_restored",
                                                                  {{"attempt", "deleted"},
                                                                   {"reason", "refused"},
                                                                   {"refused", "venue_too_long\nend_not_after_start"},
                                                                   {"venue_length", "2029"},
                                                                   {"venue_limit", "2000"},
                                                                   {"disposition", "tidak_hadir"}}}));
  BOOST_TEST(web::auditNoteText("id", refused, "Asia/Jakarta") ==
             "Dari aplikasi kalender: menghapus acara. Tidak diikuti: tempat lebih dari 2000 karakter (2029); waktu "
             "selesai tidak setelah waktu mulai. Dicatat sebagai disposisi tidak hadir. Acara dipasang kembali sesuai "
             "permohonan.");
  BOOST_TEST(web::auditNoteText("en", refused, "Asia/Jakarta")
                 .starts_with("From a calendar app: deleted the event. Not followed: the place is longer than 2000 "
                              "characters (2029); "));
  // An attempt or reason this version does not know keeps what was stored.
  const auto later = entry("calendar-restore", encodeAuditNote({"calendar_restored", {{"attempt", "teleported"}}}));
  BOOST_TEST(web::auditNoteText("id", later, "Asia/Jakarta") == later.note);
}

BOOST_AUTO_TEST_CASE(the_calendar_steps_are_shown_in_the_readers_language) {
  const web::CalendarNaming naming{[](const std::string& user) {
                                     return user == "bupati" ? "Bupati" : user == "wabup" ? "Wakil Bupati" : "";
                                   },
                                   "protokol/tahan"};
  const auto written =
      entry("calendar-write",
            encodeAuditNote({"calendar_synced",
                             {{"steps", joinedSteps({"written bupati/agenda/p-1.ics", "deleted protokol/tahan/p-1.ics",
                                                     "deleted p-1-tentatif.ics", "somersault x"})}}}));
  BOOST_TEST(web::auditNoteText("id", written, "Asia/Jakarta", naming) ==
             "Acara dicatat di agenda Bupati; acara dihapus dari kalender tahan jadwal staf protokol; acara dihapus "
             "dari kalender; somersault x");
  BOOST_TEST(web::auditNoteText("en", written, "Asia/Jakarta", naming) ==
             "Event recorded in the agenda of Bupati; event removed from the protocol staff's hold calendar; event "
             "removed from a calendar; somersault x");
  // Without names the owner's login stands in; never the file.
  BOOST_TEST(web::auditNoteText("id", written, "Asia/Jakarta").starts_with("Acara dicatat di agenda bupati;"));
  const auto deleted =
      entry("calendar-write", encodeAuditNote({"calendar_synced", {{"steps", "deleted wabup/agenda/p-2.ics"}}}));
  BOOST_TEST(web::auditNoteText("id", deleted, "Asia/Jakarta", naming) == "Acara dihapus dari agenda Wakil Bupati");
  const auto failed =
      entry("calendar-error", encodeAuditNote({"calendar_synced", {{"errors", "write refused in bupati/agenda"}}}));
  BOOST_TEST(web::auditNoteText("en", failed, "Asia/Jakarta") ==
             "The calendar events could not be written: write refused in bupati/agenda");
  const auto repaired = entry(
      "calendar-repair", encodeAuditNote({"calendar_change_unfollowed",
                                          {{"steps", "cancelled a/b/c.ics"}, {"errors", "delete refused in a/b"}}}));
  BOOST_TEST(web::auditNoteText("id", repaired, "Asia/Jakarta")
                 .ends_with("belum sempat diproses dan tidak diikuti; acara dipasang kembali sesuai permohonan: "
                            "Acara ditandai batal di agenda a; "
                            "delete refused in a/b"));
  BOOST_TEST(web::auditNoteText("en", repaired, "Asia/Jakarta").find("Event marked cancelled in the agenda of a") !=
             std::string::npos);
  for (const auto& shown : {web::auditNoteText("id", written, "Asia/Jakarta", naming),
                            web::auditNoteText("en", repaired, "Asia/Jakarta", naming)})
    BOOST_TEST(shown.find(".ics") == std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(older_calendar_notes_in_words_are_read_into_words_too) {
  const web::CalendarNaming naming{[](const std::string& user) { return user == "bupati" ? "Bupati" : ""; }, ""};
  BOOST_TEST(web::auditNoteText("id", entry("calendar-write", "Acara kalender: ditulis bupati/agenda/permohonan-1.ics"),
                                "Asia/Jakarta", naming) == "Acara dicatat di agenda Bupati");
  BOOST_TEST(web::auditNoteText("en",
                                entry("calendar-write",
                                      "Acara kalender: ditulis bupati/agenda/p-1.ics; dihapus "
                                      "p-1-tentatif.ics; dinamai ulang tanpa kode pelacakan: "
                                      "bupati/agenda/p-2.ics"),
                                "Asia/Jakarta", naming) ==
             "Event recorded in the agenda of Bupati; event removed from a calendar; event in the agenda of Bupati "
             "renamed without the tracking code");
  BOOST_TEST(web::auditNoteText("en", entry("calendar-error", "Acara kalender: write refused in bupati/agenda"),
                                "Asia/Jakarta") ==
             "The calendar events could not be written: write refused in bupati/agenda");
  BOOST_TEST(web::auditNoteText("en",
                                entry("calendar-repair",
                                      "Acara kalender diselaraskan kembali dengan permohonan: dihapus "
                                      "bupati/agenda/x.ics"),
                                "Asia/Jakarta", naming) ==
             "Calendar events brought back in line with the request: Event removed from the agenda of Bupati");
  // Older words that were not a calendar step, and typed notes, stay as they are.
  const std::string restored = "Dari aplikasi kalender: menghapus acara. Tidak diikuti: hanya staf protokol.";
  BOOST_TEST(web::auditNoteText("en", entry("calendar-restore", restored), "Asia/Jakarta") == restored);
  BOOST_TEST(web::auditNoteText("en", entry("approve", "Acara kalender: ditulis a/b/c.ics"), "Asia/Jakarta") ==
             "Acara kalender: ditulis a/b/c.ics");
}

BOOST_AUTO_TEST_CASE(a_disposition_note_is_a_code_only_when_the_follower_wrote_it) {
  const std::string deleted = workflow::dispositionNoteOfEdit(true);
  BOOST_TEST(web::dispositionNoteText("id", deleted) == "Acara dihapus di aplikasi kalender");
  BOOST_TEST(web::dispositionNoteText("en", workflow::dispositionNoteOfEdit(false)) ==
             "Event cancelled in a calendar app");
  // Typed notes, older notes in words, and other codes stay as they are.
  for (const std::string typed : {"Acara dihapus di aplikasi kalender", "Sedang dinas luar", "{\"code\":\"x\"}",
                                  "{\"code\":\"event_deleted_in_calendar\",\"oleh\":\"saya\"}"})
    BOOST_TEST(web::dispositionNoteText("en", typed) == typed);
  // In the history, the follower's disposition shows its note in words too.
  const auto given = entry(
      "disposition",
      encodeAuditNote({"disposition",
                       {{"leader", "bupati"}, {"choice", "tidak_hadir"}, {"representative", ""}, {"note", deleted}}}));
  BOOST_TEST(web::auditNoteText("en", given, "Asia/Jakarta").ends_with(" - Event deleted in a calendar app"));
}

BOOST_FIXTURE_TEST_SUITE(request_page, WebFixture)

BOOST_AUTO_TEST_CASE(a_disposition_is_stored_as_a_code_and_the_page_shows_it_in_words) {
  const auto row = submit();
  const auto bupati = *store->findUser("bupati");
  const workflow::Actor leader{{bupati.id, bupati.name, bupati.role, bupati.displayName}};
  BOOST_TEST_REQUIRE(service->setDisposition(row.id, "bupati", "hadir", "", "Sambutan singkat", leader).ok());
  const auto stored = store->requests().auditOf(row.id).back();
  BOOST_TEST(stored.action == "disposition");
  const auto note = decodeAuditNote(stored.action, stored.note);
  BOOST_TEST_REQUIRE(note.has_value(), stored.note);
  BOOST_TEST(note->code == "disposition");
  BOOST_TEST(note->values.at("choice") == "hadir");
  BOOST_TEST(note->values.at("note") == "Sambutan singkat");

  const auto session = sessionOf("protokol");
  const auto page = getAs(session, "/staf/permohonan/" + std::to_string(row.id));
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(contains(page.body, "bupati: Hadir - Sambutan singkat"));
  BOOST_TEST(!contains(page.body, "&quot;code&quot;"));
  const auto english = getAs(session, "/staf/permohonan/" + std::to_string(row.id), {{"lang", "en"}});
  BOOST_TEST(contains(english.body, "bupati: Will attend - Sambutan singkat"));
}

BOOST_AUTO_TEST_CASE(the_page_shows_the_followers_disposition_and_an_edit_put_back_in_words) {
  const auto row = submit();
  const auto bupati = *store->findUser("bupati");
  sql::DispositionRow disposition;
  disposition.requestId = row.id;
  disposition.leaderId = bupati.id;
  disposition.choice = "tidak_hadir";
  disposition.note = workflow::dispositionNoteOfEdit(true);
  disposition.byUserId = bupati.id;
  disposition.at = row.updatedAt;
  sql::AuditRow restored =
      entry("calendar-restore",
            encodeAuditNote({"calendar_restored",
                             {{"attempt", "deleted"}, {"reason", "not_staff"}, {"disposition", "tidak_hadir"}}}));
  restored.requestId = row.id;
  restored.at = row.updatedAt;
  restored.actorName = "Bupati Ogan Ilir";
  restored.fromState = restored.toState = row.state;
  store->requests().setDisposition(disposition, restored);

  const auto session = sessionOf("protokol");
  const auto page = getAs(session, "/staf/permohonan/" + std::to_string(row.id));
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(contains(page.body, "Acara dihapus di aplikasi kalender"));
  BOOST_TEST(contains(page.body, "Dari aplikasi kalender: menghapus acara. Tidak diikuti: hanya staf protokol"));
  BOOST_TEST(!contains(page.body, "&quot;code&quot;"));
  const auto english = getAs(session, "/staf/permohonan/" + std::to_string(row.id), {{"lang", "en"}});
  BOOST_TEST(contains(english.body, "Event deleted in a calendar app"));
  BOOST_TEST(contains(english.body, "From a calendar app: deleted the event. Not followed: only protocol staff"));
}

BOOST_AUTO_TEST_SUITE_END()
