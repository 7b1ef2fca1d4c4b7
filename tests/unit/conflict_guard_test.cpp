// A decision that books a leader into a slot another confirmed event takes
// asks first (workflow/conflict_guard.h): approving, rescheduling and a
// leader's or aide's "hadir" come back NeedsConfirmation naming the other
// events, changing nothing; sent again confirmed they are taken, and the
// audit says over which events. Tentative holds, cancelled events and the
// request's own events never count; an event without an end counts for the
// assumed duration of an open end.
#define BOOST_TEST_MODULE conflict_guard
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "web/audit_text.h"
#include "workflow/audit_note.h"
#include "workflow/conflict_guard.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

// An event typed in a calendar client on 14 March 2025 (WIB), `lines` inside the VEVENT.
std::string typedEvent(const std::string& uid, const std::string& lines) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
         "BEGIN:VEVENT\r\nUID:" +
         uid + "\r\nDTSTAMP:20250301T000000Z\r\n" + lines + "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

struct GuardFixture : Fixture {
  // Rapat Paripurna 09.30-10.30 WIB on the leader's agenda, as a client writes it.
  void typed(const sql::Calendar& calendar, const std::string& uid, const std::string& lines) {
    const auto result = calendars->put(calendar, uid + ".ics", typedEvent(uid, lines), {}, staf.user.id);
    BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Created));
  }
  void meeting() {
    typed(bupatiAgenda, "paripurna",
          "SUMMARY:Rapat Paripurna DPRD\r\nDTSTART;TZID=Asia/Jakarta:20250314T093000\r\n"
          "DTEND;TZID=Asia/Jakarta:20250314T103000\r\n");
  }
  Outcome approve(const sql::RequestRow& row, bool confirmed = false) {
    Decision decision = act(Action::Approve);
    decision.conflictsConfirmed = confirmed;
    return decide(row, decision, staf);
  }
};

const AuditNote noteOf(const sql::AuditRow& row) {
  auto note = decodeAuditNote(row.action, row.note);
  BOOST_TEST_REQUIRE(note.has_value());
  return *note;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(conflict_guard, GuardFixture)

BOOST_AUTO_TEST_CASE(approving_into_a_taken_slot_asks_first_and_changes_nothing) {
  meeting();
  const auto row = verified();
  const auto audits = store->requests().auditOf(row.id).size();
  const auto outcome = approve(row);
  BOOST_TEST_REQUIRE((outcome.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST_REQUIRE(outcome.conflicts.size() == 1u);
  BOOST_TEST(outcome.conflicts[0].summary == "Rapat Paripurna DPRD");
  BOOST_TEST(outcome.conflicts[0].leader == "bupati");
  BOOST_TEST(outcome.conflicts[0].start == k14March0900Wib + kHour / 2);
  BOOST_TEST(outcome.conflicts[0].end == k14March0900Wib + 3 * kHour / 2);
  BOOST_TEST(!outcome.conflicts[0].openEnd);
  BOOST_TEST(!outcome.conflicts[0].etag.empty());
  const auto after = reload(row);
  BOOST_TEST(after.state == "diverifikasi");
  BOOST_TEST(after.version == row.version);
  BOOST_TEST(after.eventObjectName.empty());
  BOOST_TEST(store->requests().auditOf(row.id).size() == audits);
}

BOOST_AUTO_TEST_CASE(a_confirmed_approval_is_taken_and_the_audit_names_the_events) {
  meeting();
  const auto row = verified();
  const auto outcome = approve(row, true);
  BOOST_TEST_REQUIRE(outcome.ok());
  BOOST_TEST(reload(row).state == "disetujui");
  const auto audit = store->requests().auditOf(row.id);
  const auto actions = auditActions(row);
  const auto approvedAt = std::find(actions.begin(), actions.end(), "approve");
  const auto confirmedAt = std::find(actions.begin(), actions.end(), "conflicts-confirmed");
  BOOST_TEST_REQUIRE((confirmedAt != actions.end()));
  BOOST_TEST((approvedAt < confirmedAt));
  const auto& entry = audit[static_cast<std::size_t>(confirmedAt - actions.begin())];
  BOOST_TEST((entry.actorId == staf.user.id));
  const AuditNote note = noteOf(entry);
  BOOST_TEST(note.code == "conflicts_confirmed");
  const auto events = overlapsOfValue(note.values.at("events"));
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].summary == "Rapat Paripurna DPRD");
  BOOST_TEST(events[0].leader == "Bupati");  // by display name: the history is read by people
  BOOST_TEST(events[0].start == k14March0900Wib + kHour / 2);
  // In words, both languages, with the time in WIB.
  const std::string id = web::auditNoteText("id", entry, "Asia/Jakarta");
  BOOST_TEST(id.find("Bentrok jadwal dikonfirmasi: Rapat Paripurna DPRD (Bupati, ") == 0u, id);
  BOOST_TEST(id.find("09.30–10.30 WIB") != std::string::npos, id);
  const std::string en = web::auditNoteText("en", entry, "Asia/Jakarta");
  BOOST_TEST(en.find("Schedule conflict confirmed: Rapat Paripurna DPRD") == 0u, en);
  // Who may not read the Bupati's agenda is told how many, not which.
  BOOST_TEST(web::overlapsLeaderOf(entry) == "bupati");
  BOOST_TEST(web::auditNoteText("id", entry, "Asia/Jakarta", {}, false) == "Bentrok jadwal dikonfirmasi: 1 acara lain");
  // A further request for the slot now meets both the meeting and this one.
  const auto other = approve(verified());
  BOOST_TEST_REQUIRE((other.status == Outcome::Status::NeedsConfirmation));  // the first approval's event now
  BOOST_TEST(other.conflicts.size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_event_from_another_request_counts) {
  const auto first = approved();
  const auto second = verified();
  const auto outcome = approve(second);
  BOOST_TEST_REQUIRE((outcome.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST_REQUIRE(outcome.conflicts.size() == 1u);
  BOOST_TEST(outcome.conflicts[0].summary == first.eventName);
  BOOST_TEST(reload(second).state == "diverifikasi");
}

BOOST_AUTO_TEST_CASE(without_overlaps_nothing_is_asked_nor_audited) {
  typed(bupatiAgenda, "sore",
        "SUMMARY:Sore\r\nDTSTART;TZID=Asia/Jakarta:20250314T110000\r\nDTEND;TZID=Asia/Jakarta:20250314T120000\r\n");
  typed(wabupAgenda, "wabup",
        "SUMMARY:Wabup\r\nDTSTART;TZID=Asia/Jakarta:20250314T090000\r\nDTEND;TZID=Asia/Jakarta:20250314T110000\r\n");
  const auto row = verified();
  BOOST_TEST_REQUIRE(approve(row).ok());
  BOOST_TEST(!has(auditActions(row), "conflicts-confirmed"));
}

BOOST_AUTO_TEST_CASE(tentative_and_cancelled_events_never_count) {
  typed(bupatiAgenda, "mungkin",
        "SUMMARY:Mungkin\r\nSTATUS:TENTATIVE\r\nDTSTART;TZID=Asia/Jakarta:20250314T093000\r\n"
        "DTEND;TZID=Asia/Jakarta:20250314T103000\r\n");
  typed(bupatiAgenda, "batal",
        "SUMMARY:Batal\r\nSTATUS:CANCELLED\r\nDTSTART;TZID=Asia/Jakarta:20250314T093000\r\n"
        "DTEND;TZID=Asia/Jakarta:20250314T103000\r\n");
  // Another request still pending holds the same slot TENTATIVE.
  const auto pending = submitted();
  BOOST_TEST_REQUIRE(!pending.holdObjectName.empty());
  const auto row = verified();
  BOOST_TEST(approve(row).ok());
}

BOOST_AUTO_TEST_CASE(an_event_the_leader_is_represented_at_does_not_count) {
  const auto other = represented();  // on the Bupati's agenda as "(diwakili)", Diwakili oleh: Asisten I
  BOOST_TEST_REQUIRE(!other.eventObjectName.empty());
  BOOST_TEST(approve(verified()).ok());
}

BOOST_AUTO_TEST_CASE(rescheduling_asks_for_the_new_slot_not_for_its_own_event) {
  const auto row = approved();
  // Half an hour later overlaps only its own event: no question.
  Decision later = act(Action::Reschedule);
  later.date = "2025-03-14";
  later.startTime = "09:30";
  later.endTime = "11:30";
  BOOST_TEST_REQUIRE(decide(row, later, staf).ok());
  // Into another event's slot: asked.
  typed(bupatiAgenda, "siang",
        "SUMMARY:Jamuan Siang\r\nDTSTART;TZID=Asia/Jakarta:20250314T130000\r\n"
        "DTEND;TZID=Asia/Jakarta:20250314T140000\r\n");
  Decision moved = act(Action::Reschedule);
  moved.date = "2025-03-14";
  moved.startTime = "13:30";
  moved.endTime = "15:00";
  const auto asked = decide(row, moved, staf);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(asked.conflicts.at(0).summary == "Jamuan Siang");
  BOOST_TEST(reload(row).start == k14March0900Wib + kHour / 2);
  moved.conflictsConfirmed = true;
  BOOST_TEST_REQUIRE(decide(row, moved, staf).ok());
  BOOST_TEST(reload(row).start == k14March0900Wib + 4 * kHour + kHour / 2);
  BOOST_TEST(has(auditActions(row), "conflicts-confirmed"));
}

BOOST_AUTO_TEST_CASE(rescheduling_a_represented_request_asks_for_the_representative) {
  const auto row = represented();
  typed(asistenAgenda, "asisten",
        "SUMMARY:Kunjungan Kerja\r\nDTSTART;TZID=Asia/Jakarta:20250314T140000\r\n"
        "DTEND;TZID=Asia/Jakarta:20250314T150000\r\n");
  Decision moved = act(Action::Reschedule);
  moved.date = "2025-03-14";
  moved.startTime = "14:00";
  moved.endTime = "15:00";
  const auto asked = decide(row, moved, staf);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(asked.conflicts.at(0).leader == "asisten");
}

BOOST_AUTO_TEST_CASE(an_official_standing_in_is_asked_for_too) {
  // The representative gets the event on their own agenda: a clash there is
  // as much a double booking as the leader's.
  typed(asistenAgenda, "asisten",
        "SUMMARY:Kunjungan Kerja\r\nDTSTART;TZID=Asia/Jakarta:20250314T090000\r\n"
        "DTEND;TZID=Asia/Jakarta:20250314T100000\r\n");
  const auto row = verified();
  Decision represent = act(Action::Represent);
  represent.representativeUser = "asisten";
  const auto asked = decide(row, represent, staf);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(asked.conflicts.at(0).leader == "asisten");
  BOOST_TEST(reload(row).state == "diverifikasi");
  represent.conflictsConfirmed = true;
  BOOST_TEST(decide(row, represent, staf).ok());
  BOOST_TEST(reload(row).state == "diwakilkan");
}

BOOST_AUTO_TEST_CASE(a_leaders_hadir_into_a_taken_slot_asks_first) {
  meeting();
  const auto row = verified();
  const auto asked = service->setDisposition(row.id, "bupati", "hadir", "", "", bupati);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(asked.conflicts.at(0).summary == "Rapat Paripurna DPRD");
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());
  // Not attending needs no confirmation.
  BOOST_TEST(service->setDisposition(row.id, "bupati", "tidak_hadir", "", "", bupati).ok());
  // Confirmed: taken, and the disposition's audit names the events.
  BOOST_TEST_REQUIRE(service->setDisposition(row.id, "bupati", "hadir", "", "Tetap datang", bupati, true).ok());
  const auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);
  BOOST_TEST(dispositions[0].choice == "hadir");
  const auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "disposition");
  const AuditNote note = noteOf(audit);
  BOOST_TEST(overlapsOfValue(note.values.at("conflicts")).at(0).summary == "Rapat Paripurna DPRD");
  const std::string text = web::auditNoteText("id", audit, "Asia/Jakarta");
  BOOST_TEST(text.find("Tetap datang") != std::string::npos, text);
  BOOST_TEST(text.find("bentrok jadwal dikonfirmasi: Rapat Paripurna DPRD (Bupati") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(an_aides_hadir_asks_too) {
  meeting();
  const auto row = verified();
  const auto asked = service->setDisposition(row.id, "bupati", "hadir", "", "", ajudan);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(service->setDisposition(row.id, "bupati", "hadir", "", "", ajudan, true).ok());
}

BOOST_AUTO_TEST_CASE(an_event_without_an_end_counts_for_the_assumed_duration) {
  // Typed in Thunderbird at 08.00 with no end: busy until 10.00 by default.
  typed(bupatiAgenda, "apel", "SUMMARY:Apel Pagi\r\nDTSTART;TZID=Asia/Jakarta:20250314T080000\r\n");
  // And one at 06.00 with no end, over by 08.00: no conflict with 09.00.
  typed(bupatiAgenda, "subuh", "SUMMARY:Subuh\r\nDTSTART;TZID=Asia/Jakarta:20250314T060000\r\n");
  const auto asked = approve(verified());
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST_REQUIRE(asked.conflicts.size() == 1u);
  BOOST_TEST(asked.conflicts[0].summary == "Apel Pagi");
  BOOST_TEST(asked.conflicts[0].openEnd);
  BOOST_TEST(asked.conflicts[0].end == k14March0900Wib + kHour);
}

BOOST_AUTO_TEST_CASE(an_open_ended_request_keeps_the_leader_busy_for_the_assumed_duration) {
  // The first request: 09.00 s.d. selesai, approved.
  RequestForm open = form();
  open.endTime.clear();
  open.untilDone = true;
  auto first = service->submit(open, letter());
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST_REQUIRE(decide(first.request, act(Action::Verify), staf).ok());
  BOOST_TEST_REQUIRE(decide(first.request, act(Action::Approve), staf).ok());
  // A second at 10.30 falls inside the two hours assumed.
  RequestForm later = form();
  later.startTime = "10:30";
  later.endTime = "12:00";
  auto second = service->submit(later, letter());
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST_REQUIRE(decide(second.request, act(Action::Verify), staf).ok());
  const auto asked = decide(second.request, act(Action::Approve), staf);
  BOOST_TEST_REQUIRE((asked.status == Outcome::Status::NeedsConfirmation));
  BOOST_TEST(asked.conflicts.at(0).openEnd);
  BOOST_TEST(asked.conflicts.at(0).end == k14March0900Wib + 2 * kHour);
  // At 11.00 it is past them.
  RequestForm after = form();
  after.startTime = "11:00";
  after.endTime = "12:00";
  auto third = service->submit(after, letter());
  BOOST_TEST_REQUIRE(third.ok());
  BOOST_TEST_REQUIRE(decide(third.request, act(Action::Verify), staf).ok());
  BOOST_TEST(decide(third.request, act(Action::Approve), staf).ok());
}

BOOST_AUTO_TEST_SUITE_END()
