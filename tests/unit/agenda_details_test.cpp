// Staff set what the agenda shows of a request (dress code, the leader's
// role, contact person, public or not): the request and its event change
// together, with a history entry, and nobody else may do it.
#define BOOST_TEST_MODULE agenda_details
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "workflow/request_validation.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_FIXTURE_TEST_SUITE(agenda_details, Fixture)

namespace {

AgendaDetails details(std::string dress, std::string role, std::string contact, std::optional<bool> published) {
  AgendaDetails typed;
  typed.dressCode = std::move(dress);
  typed.leaderRole = std::move(role);
  typed.contactPerson = std::move(contact);
  typed.published = published;
  return typed;
}

}  // namespace

BOOST_AUTO_TEST_CASE(staff_edit_rewrites_the_event_with_the_agenda_lines) {
  const auto row = reload(approved());
  const std::string before = unfolded(objectText(row.eventCalendarId, row.eventObjectName));
  BOOST_TEST(before.find("Publik:") == std::string::npos);  // no choice yet: the calendar decides

  const auto outcome = service->editAgendaDetails(
      row.id, row.version, details("  Batik\tlengan panjang ", "Narasumber", "Rina 0812", false), staf);
  BOOST_REQUIRE(outcome.ok());
  const auto stored = reload(row);
  BOOST_TEST(stored.dressCode == "Batik lengan panjang");  // one line, trimmed
  BOOST_TEST(stored.leaderRole == "Narasumber");
  BOOST_TEST(stored.contactPerson == "Rina 0812");
  BOOST_TEST((stored.published == std::optional<bool>(false)));
  BOOST_TEST(has(auditActions(row), "edit-details"));

  const std::string after = unfolded(objectText(stored.eventCalendarId, stored.eventObjectName));
  BOOST_TEST(after.find("Pakaian: Batik lengan panjang") != std::string::npos, after);
  BOOST_TEST(after.find("Ket.: Narasumber") != std::string::npos);
  BOOST_TEST(after.find("Narahubung: Rina 0812") != std::string::npos);
  BOOST_TEST(after.find("Publik: tidak") != std::string::npos);
  BOOST_TEST(sequenceIn(after) > sequenceIn(before));
}

BOOST_AUTO_TEST_CASE(the_same_details_again_write_and_audit_nothing) {
  const auto row = reload(approved());
  const auto same = details(row.dressCode, row.leaderRole, row.contactPerson, row.published);
  const auto audits = auditActions(row).size();
  BOOST_REQUIRE(service->editAgendaDetails(row.id, row.version, same, staf).ok());
  BOOST_TEST(reload(row).version == row.version);
  BOOST_TEST(auditActions(row).size() == audits);
}

BOOST_AUTO_TEST_CASE(too_long_text_is_refused_by_field_and_changes_nothing) {
  const auto row = reload(approved());
  const std::string tooLong(limits::kShortText + 1, 'x');
  const auto outcome = service->editAgendaDetails(row.id, row.version, details(tooLong, "", tooLong, true), staf);
  BOOST_TEST((outcome.status == Outcome::Status::Invalid));
  BOOST_TEST(outcome.errors.count("pakaian") == 1u);
  BOOST_TEST(outcome.errors.count("narahubung") == 1u);
  BOOST_TEST(outcome.errors.count("peran") == 0u);
  BOOST_TEST(reload(row).version == row.version);
}

BOOST_AUTO_TEST_CASE(only_staff_on_the_current_version_of_an_open_request) {
  const auto row = reload(approved());
  const auto typed = details("PDL", "Sambutan", "", true);
  for (const Actor* who : {&bupati, &ajudan, &viewer}) {
    BOOST_TEST((service->editAgendaDetails(row.id, row.version, typed, *who).status == Outcome::Status::Forbidden));
  }
  BOOST_TEST((service->editAgendaDetails(row.id, row.version - 1, typed, staf).status == Outcome::Status::Conflict));
  BOOST_TEST((service->editAgendaDetails(row.id + 1000, 1, typed, staf).status == Outcome::Status::NotFound));
  BOOST_TEST(reload(row).version == row.version);

  const auto cancelled = decide(row, act(Action::Cancel, "Acara ditunda"), staf);
  BOOST_REQUIRE(cancelled.ok());
  const auto ended = reload(row);
  BOOST_TEST((service->editAgendaDetails(ended.id, ended.version, typed, admin).status == Outcome::Status::NotAllowed));
}

BOOST_AUTO_TEST_SUITE_END()
