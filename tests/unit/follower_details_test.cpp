// The agenda lines of a request's event (Pakaian, Ket., Narahubung, Publik)
// edited in a calendar client: staff's edit becomes the request's, so the
// request page and every agenda output keep saying the same; anyone else's
// stays in the event until the request next writes it.
#define BOOST_TEST_MODULE follower_details
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "web/audit_text.h"
#include "workflow/audit_note.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

std::string edited(const std::string& ical, const std::string& from, const std::string& to) {
  return std::regex_replace(unfolded(ical), std::regex(from), to);
}

struct DetailsFixture : Fixture {
  sql::StoredObject object(std::int64_t calendarId, const std::string& name) {
    auto found = store->getObject(calendarId, name);
    BOOST_TEST_REQUIRE(found.has_value());
    return *found;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(follower_details, DetailsFixture)

BOOST_AUTO_TEST_CASE(staff_editing_the_lines_in_a_client_sets_the_requests_details) {
  const auto row = reload(approved());
  const auto before = object(bupatiAgenda.id, row.eventObjectName);
  std::string text = edited(before.ical, "Pakaian: PDH", "Pakaian: Batik");
  text = edited(text, "Ket\\.: Membuka acara", "Ket.: Narasumber\\nPublik: tidak");
  BOOST_REQUIRE(text != unfolded(before.ical));
  const auto result = calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, staf.user.id);
  BOOST_REQUIRE((result.status == sql::WriteStatus::Updated));

  const auto after = reload(row);
  BOOST_TEST(after.dressCode == "Batik");
  BOOST_TEST(after.leaderRole == "Narasumber");
  BOOST_TEST((after.published == std::optional<bool>(false)));
  BOOST_TEST(after.contactPerson == row.contactPerson);
  BOOST_TEST(after.start == row.start);
  BOOST_TEST(after.state == "disetujui");
  BOOST_TEST(after.decisionNote == row.decisionNote);
  const auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-edit");
  BOOST_TEST((audit.actorId == staf.user.id));
  BOOST_TEST(web::auditNoteText("id", audit, "Asia/Jakarta").find("pakaian \"Batik\"") != std::string::npos,
             web::auditNoteText("id", audit, "Asia/Jakarta"));
  // The client's text stays as written.
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical == text);
}

BOOST_AUTO_TEST_CASE(a_role_that_reads_as_the_form_choice_stays_the_choice) {
  const auto row = reload(approved());
  const auto before = object(bupatiAgenda.id, row.eventObjectName);
  const std::string text = edited(before.ical, "Pakaian: PDH", "Pakaian: PDL");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, staf.user.id);
  const auto after = reload(row);
  BOOST_TEST(after.dressCode == "PDL");
  BOOST_TEST(after.leaderRole == "membuka");
}

BOOST_AUTO_TEST_CASE(a_leaders_edit_of_the_lines_leaves_the_request_as_it_was) {
  const auto row = reload(approved());
  const auto before = object(bupatiAgenda.id, row.eventObjectName);
  const std::string text = edited(before.ical, "Pakaian: PDH", "Pakaian: Kaos");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, bupati.user.id);
  const auto after = reload(row);
  BOOST_TEST(after.version == row.version);
  BOOST_TEST(after.dressCode == "PDH");
}

BOOST_AUTO_TEST_CASE(moving_and_editing_the_lines_at_once_follows_both) {
  const auto row = reload(approved());
  const auto before = object(bupatiAgenda.id, row.eventObjectName);
  std::string text = edited(before.ical, "20250314T090000", "20250314T130000");
  text = edited(text, "20250314T110000", "20250314T150000");
  text = edited(text, "Pakaian: PDH", "Pakaian: Batik");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, staf.user.id);
  const auto after = reload(row);
  BOOST_TEST(after.start == row.start + 4 * kHour);
  BOOST_TEST(after.dressCode == "Batik");
  BOOST_TEST(decodeAuditNote("calendar-edit", store->requests().auditOf(row.id).back().note)->code ==
             "moved_in_calendar");
}

BOOST_AUTO_TEST_SUITE_END()
