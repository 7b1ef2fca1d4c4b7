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

BOOST_AUTO_TEST_SUITE_END()
