// The calendar repair: a server killed between a request's change and the
// events it calls for (or between a client's write and the follower) leaves
// the request marked out of step; at the next start, and when the request
// is touched again, its events are brought back in line with it. Each case
// builds what the database holds after such a kill with the transactions
// the workflow itself makes, stopping where the kill would.
#define BOOST_TEST_MODULE calendar_repair
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <thread>

#include "request_fixture.h"
#include "web/audit_text.h"
#include "workflow/audit_note.h"
#include "workflow/calendar_repair.h"
#include "workflow/event_mapping.h"

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

BOOST_TEST_DONT_PRINT_LOG_VALUE(sql::CalendarStep)

namespace {

struct RepairFixture : Fixture {
  RequestCalendar calendar{*store, *calendars, config};
  int codes = 0;

  sql::AuditRow auditOf(const std::string& action, const std::string& to) {
    sql::AuditRow audit;
    audit.at = clock.now();
    audit.actorId = staf.user.id;
    audit.actorName = "Staf Protokol";
    audit.action = action;
    audit.toState = to;
    return audit;
  }

  // A submission whose request was stored when the server was killed: the
  // first transaction of RequestService::submit, and nothing after it.
  sql::RequestRow killedSubmission() {
    sql::RequestRow row = submitted();
    row.id = 0;
    row.code = "JDW-KILL-" + std::to_string(++codes);
    row.holdCalendarId = 0;
    row.holdObjectName.clear();
    return store->requests().createRequest(row, {}, auditOf("submit", "diajukan")).value();
  }

  // A decision whose update was committed when the server was killed: the
  // first transaction of a decision, before any calendar write.
  sql::RequestRow killedAfterUpdate(sql::RequestRow row, const std::string& action) {
    row.version = reload(row).version;
    BOOST_TEST_REQUIRE(store->requests().updateRequest(row, auditOf(action, row.state)));
    return reload(row);
  }

  sql::RequestRow killedApproval(const sql::RequestRow& verifiedRow) {
    sql::RequestRow row = reload(verifiedRow);
    row.state = "disetujui";
    row.assignedLeader = "bupati";
    return killedAfterUpdate(row, "approve");
  }

  sql::RequestRow representedBy(const std::string& user) {
    Decision decision = act(Action::Represent);
    decision.representativeUser = user;
    auto outcome = decide(verified(), decision, staf);
    BOOST_TEST_REQUIRE(outcome.ok());
    return outcome.request;
  }

  std::string repairAtStart() {
    std::ostringstream log;
    service->repairCalendars(log);
    return log.str();
  }

  sql::CalendarStep stepOf(const sql::RequestRow& row) { return store->requests().calendarStep(row.id); }
  std::int64_t syncSeqOf(const sql::Calendar& of) { return store->findCalendarById(of.id)->syncSeq; }
  bool exists(const sql::Calendar& in, const std::string& name) { return store->getObject(in.id, name).has_value(); }
  std::size_t auditCount(const sql::RequestRow& row) { return store->requests().auditOf(row.id).size(); }
  std::string lastAction(const sql::RequestRow& row) { return store->requests().auditOf(row.id).back().action; }
};

std::size_t lines(const std::string& text, const std::string& containing) {
  std::size_t count = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(containing) != std::string::npos) ++count;
  return count;
}

std::string name(const sql::RequestRow& row, EventKind kind) { return RequestCalendar::objectName(row, kind); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(at_start, RepairFixture)

BOOST_AUTO_TEST_CASE(a_submission_killed_before_its_hold_gets_the_hold) {
  const auto row = killedSubmission();
  BOOST_TEST(stepOf(row) == sql::CalendarStep::RequestChanged);
  const std::string log = repairAtStart();

  const auto repaired = reload(row);
  BOOST_TEST(repaired.holdCalendarId == holdCalendar.id);
  BOOST_TEST(repaired.holdObjectName == name(row, EventKind::Hold));
  BOOST_TEST(objectText(holdCalendar.id, repaired.holdObjectName).find("STATUS:TENTATIVE") != std::string::npos);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
  BOOST_TEST(lastAction(row) == "calendar-repair");  // an event appeared: staff see why
  BOOST_TEST(lines(log, "request " + std::to_string(row.id) + " (diajukan): calendar repaired: written staf/tentatif/" +
                            name(row, EventKind::Hold)) == 1u);
}

BOOST_AUTO_TEST_CASE(a_hold_written_just_before_the_kill_is_taken_back_as_it_is) {
  const auto row = killedSubmission();
  BOOST_TEST_REQUIRE(calendar.write(holdCalendar, name(row, EventKind::Hold), row, EventKind::Hold).empty());
  const auto seq = syncSeqOf(holdCalendar);
  const auto etag = store->getObject(holdCalendar.id, name(row, EventKind::Hold))->etag;
  const auto audits = auditCount(row);
  const std::string log = repairAtStart();

  BOOST_TEST(reload(row).holdObjectName == name(row, EventKind::Hold));
  BOOST_TEST(syncSeqOf(holdCalendar) == seq);  // not written again: no phone downloads it twice
  BOOST_TEST(store->getObject(holdCalendar.id, name(row, EventKind::Hold))->etag == etag);
  BOOST_TEST(auditCount(row) == audits);  // nothing staff can see changed
  BOOST_TEST(lines(log, "linked again staf/tentatif/" + name(row, EventKind::Hold)) == 1u);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(an_approval_killed_before_its_events_writes_them_and_frees_the_slot) {
  auto row = verified();
  const std::string hold = row.holdObjectName;
  row = killedApproval(row);
  repairAtStart();

  const auto repaired = reload(row);
  BOOST_TEST(repaired.state == "disetujui");
  BOOST_TEST(repaired.eventCalendarId == bupatiAgenda.id);
  BOOST_TEST(objectText(bupatiAgenda.id, repaired.eventObjectName).find("STATUS:CONFIRMED") != std::string::npos);
  BOOST_TEST(repaired.holdCalendarId == 0);
  BOOST_TEST(!exists(holdCalendar, hold));
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
  // The repair's writes are the workflow's own: the follower took none for an edit.
  const auto actions = auditActions(row);
  BOOST_TEST(!has(actions, "calendar-restore"));
  BOOST_TEST(!has(actions, "calendar-edit"));
  BOOST_TEST(lastAction(row) == "calendar-repair");
}

BOOST_AUTO_TEST_CASE(an_approval_after_representation_killed_midway_drops_the_copy) {
  auto row = representedBy("asisten");
  const std::string copy = row.representativeObjectName;
  BOOST_TEST_REQUIRE(exists(asistenAgenda, copy));
  row.state = "disetujui";
  row.representativeUser.clear();
  row.representativeName.clear();
  row = killedAfterUpdate(row, "approve");
  // The leader's event was rewritten, then the kill: the copy is still there and linked.
  BOOST_TEST_REQUIRE(calendar.write(bupatiAgenda, row.eventObjectName, row, EventKind::LeaderEvent).empty());
  repairAtStart();

  const auto repaired = reload(row);
  BOOST_TEST(!exists(asistenAgenda, copy));
  BOOST_TEST(repaired.representativeCalendarId == 0);
  BOOST_TEST(unfolded(objectText(bupatiAgenda.id, repaired.eventObjectName)).find("(diwakili)") == std::string::npos);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_representation_killed_before_its_link_takes_the_copy_back) {
  auto row = reload(approved());
  row.state = "diwakilkan";
  row.representativeUser = "asisten";
  row.representativeName = "Asisten I";
  row = killedAfterUpdate(row, "represent");
  BOOST_TEST_REQUIRE(calendar.write(bupatiAgenda, row.eventObjectName, row, EventKind::LeaderEvent).empty());
  BOOST_TEST_REQUIRE(
      calendar.write(asistenAgenda, name(row, EventKind::Representative), row, EventKind::Representative).empty());
  const auto seq = syncSeqOf(asistenAgenda);
  repairAtStart();

  const auto repaired = reload(row);
  BOOST_TEST(repaired.representativeCalendarId == asistenAgenda.id);
  BOOST_TEST(repaired.representativeObjectName == name(row, EventKind::Representative));
  BOOST_TEST(syncSeqOf(asistenAgenda) == seq);
  BOOST_TEST(store->listObjects(asistenAgenda.id).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_cancellation_killed_before_its_events_cancels_them) {
  auto row = representedBy("asisten");
  row.state = "dibatalkan";
  row.decisionNote = "Acara ditunda";
  row = killedAfterUpdate(row, "cancel");
  repairAtStart();

  const auto repaired = reload(row);
  BOOST_TEST(objectText(bupatiAgenda.id, repaired.eventObjectName).find("STATUS:CANCELLED") != std::string::npos);
  BOOST_TEST(objectText(asistenAgenda.id, repaired.representativeObjectName).find("STATUS:CANCELLED") !=
             std::string::npos);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_leftover_event_the_request_no_longer_calls_for_is_deleted) {
  // A copy written for an earlier representative, its link never recorded.
  auto represented = reload(representedBy("asisten"));
  sql::RequestRow earlier = represented;
  earlier.representativeUser = "wabup";
  BOOST_TEST_REQUIRE(
      calendar.write(wabupAgenda, name(earlier, EventKind::Representative), earlier, EventKind::Representative)
          .empty());
  auto row = killedAfterUpdate(represented, "reschedule");
  repairAtStart();

  BOOST_TEST(!exists(wabupAgenda, name(row, EventKind::Representative)));
  BOOST_TEST(exists(asistenAgenda, reload(row).representativeObjectName));
  // Stored as the steps taken; the staff page words them.
  const auto audit = store->requests().auditOf(row.id).back();
  const auto note = decodeAuditNote(audit.action, audit.note);
  BOOST_TEST_REQUIRE(note.has_value(), audit.note);
  BOOST_TEST(note->code == "calendar_repaired");
  BOOST_TEST(lines(note->values.at("steps"), "deleted wabup/agenda/") == 1u);
  // Worded by the agenda it left, never by its file (issue 10, finding 9).
  const std::string shown = web::auditNoteText("id", audit, "Asia/Jakarta");
  BOOST_TEST(lines(shown, "dihapus dari agenda wabup") == 1u, shown);
  BOOST_TEST(shown.find(".ics") == std::string::npos, shown);
}

BOOST_AUTO_TEST_CASE(a_users_own_event_under_a_workflow_name_is_never_touched) {
  auto row = approved();
  const std::string own =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:permohonan-" +
      std::to_string(row.id) +
      "-wakil@jadwal\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250314T020000Z\r\nDTEND:20250314T030000Z\r\n"
      "SUMMARY:Catatan pribadi\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  BOOST_TEST_REQUIRE(
      (calendars->put(asistenAgenda, name(row, EventKind::Representative), own, {}, asisten.user.id).status ==
       sql::WriteStatus::Created));
  row = killedAfterUpdate(row, "reschedule");
  repairAtStart();

  BOOST_TEST(objectText(asistenAgenda.id, name(row, EventKind::Representative)) == own);
  BOOST_TEST(reload(row).representativeCalendarId == 0);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_second_repair_writes_nothing) {
  auto first = killedApproval(verified());
  auto second = killedSubmission();
  const std::string log = repairAtStart();
  BOOST_TEST(lines(log, "calendar repaired") == 2u);
  BOOST_TEST(lines(log, "2 requests out of step, 2 repaired") == 1u);
  const auto agenda = syncSeqOf(bupatiAgenda);
  const auto holds = syncSeqOf(holdCalendar);
  const auto audits = auditCount(first) + auditCount(second);

  BOOST_TEST(repairAtStart().empty());  // nothing is out of step any more
  // Even marked again (an update that moved nothing the events show), it writes nothing.
  killedAfterUpdate(reload(first), "verify-note");
  killedAfterUpdate(reload(second), "verify-note");
  const std::string again = repairAtStart();
  BOOST_TEST(lines(again, "calendar already showed it") == 2u);
  BOOST_TEST(syncSeqOf(bupatiAgenda) == agenda);
  BOOST_TEST(syncSeqOf(holdCalendar) == holds);
  BOOST_TEST(auditCount(first) + auditCount(second) == audits + 2);  // only the two updates' own rows
}

BOOST_AUTO_TEST_CASE(the_log_has_one_line_per_request_out_of_step) {
  std::vector<sql::RequestRow> killed;
  for (int i = 0; i < 3; ++i) killed.push_back(killedSubmission());
  approved();  // in step: not mentioned
  const std::string log = repairAtStart();
  BOOST_TEST(lines(log, "jadwald: request ") == 3u);
  for (const auto& row : killed) BOOST_TEST(lines(log, "request " + std::to_string(row.id) + " ") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a client's write that the follower never saw ----

BOOST_FIXTURE_TEST_SUITE(client_writes, RepairFixture)

BOOST_AUTO_TEST_CASE(a_move_never_followed_is_put_back_as_the_request_shows_it) {
  auto row = approved();
  // The kill came after the client's write committed, before the follower ran:
  // the same write through a calendar service no follower observes.
  caldav::CalendarService unobserved(*store, caldav::TimeContext{});
  auto moved =
      std::regex_replace(objectText(bupatiAgenda.id, row.eventObjectName), std::regex("20250314T"), "20250321T");
  BOOST_TEST_REQUIRE(
      (unobserved.put(bupatiAgenda, row.eventObjectName, moved, {}, staf.user.id).status == sql::WriteStatus::Updated));
  BOOST_TEST(stepOf(row) == sql::CalendarStep::EventChanged);
  repairAtStart();

  const auto after = reload(row);
  BOOST_TEST(after.start == row.start);  // who moved it is unknown: the request stands
  auto shown = readEventEdit(objectText(bupatiAgenda.id, row.eventObjectName), config);
  BOOST_TEST_REQUIRE(shown.has_value());
  BOOST_TEST(shown->start == row.start);
  const auto audit = store->requests().auditOf(row.id).back();
  BOOST_TEST(audit.action == "calendar-repair");
  BOOST_TEST(decodeAuditNote(audit.action, audit.note)->code == "calendar_change_unfollowed");
  BOOST_TEST(web::auditNoteText("id", audit, "Asia/Jakarta").find("belum sempat diproses") != std::string::npos);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_deletion_never_followed_puts_the_event_back) {
  auto row = approved();
  caldav::CalendarService unobserved(*store, caldav::TimeContext{});
  BOOST_TEST_REQUIRE(
      (unobserved.remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id).status == sql::WriteStatus::Deleted));
  repairAtStart();
  const auto after = reload(row);
  BOOST_TEST(after.state == "disetujui");
  BOOST_TEST(after.eventCalendarId == bupatiAgenda.id);
  BOOST_TEST(exists(bupatiAgenda, after.eventObjectName));
}

BOOST_AUTO_TEST_CASE(a_finished_requests_event_is_its_owners_only_a_dead_link_goes) {
  auto row = approved();
  clock.set(row.start + 60);
  row = decide(row, act(Action::MarkHeld), staf).request;
  caldav::CalendarService unobserved(*store, caldav::TimeContext{});
  const std::string eventName = row.eventObjectName;
  const auto edited =
      std::regex_replace(objectText(bupatiAgenda.id, eventName), std::regex("SUMMARY:"), "SUMMARY:Selesai - ");
  unobserved.put(bupatiAgenda, eventName, edited, {}, bupati.user.id);
  const auto audits = auditCount(row);
  repairAtStart();
  BOOST_TEST(objectText(bupatiAgenda.id, eventName) == edited);  // kept as the owner wrote it
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);

  unobserved.remove(bupatiAgenda, eventName, {}, bupati.user.id);
  const std::string log = repairAtStart();
  BOOST_TEST(reload(row).eventCalendarId == 0);
  BOOST_TEST(!exists(bupatiAgenda, eventName));
  BOOST_TEST(auditCount(row) == audits);  // no event appeared or went for staff to see
  BOOST_TEST(lines(log, "dropped the link to " + eventName) == 1u);
}

BOOST_AUTO_TEST_CASE(a_client_edit_that_moves_nothing_leaves_the_request_in_step) {
  auto row = approved();
  const auto version = reload(row).version;
  auto text =
      std::regex_replace(unfolded(objectText(bupatiAgenda.id, row.eventObjectName)), std::regex("END:VEVENT"),
                         "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Ingat\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"
                         "END:VEVENT");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);  // the follower sees this one
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
  BOOST_TEST(reload(row).version == version);
  BOOST_TEST(repairAtStart().empty());
  BOOST_TEST(objectText(bupatiAgenda.id, row.eventObjectName) == text);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the next change of a request left out of step repairs it ----

BOOST_FIXTURE_TEST_SUITE(next_touch, RepairFixture)

BOOST_AUTO_TEST_CASE(a_decision_on_a_request_left_out_of_step_repairs_it_whole) {
  // Represented, the copy written, then the kill before its link; no restart yet
  // (another server on the database goes on), and staff approve.
  auto row = reload(approved());
  row.state = "diwakilkan";
  row.representativeUser = "asisten";
  row.representativeName = "Asisten I";
  row = killedAfterUpdate(row, "represent");
  BOOST_TEST_REQUIRE(
      calendar.write(asistenAgenda, name(row, EventKind::Representative), row, EventKind::Representative).empty());

  BOOST_TEST_REQUIRE(decide(row, act(Action::Approve), staf).ok());
  BOOST_TEST(!exists(asistenAgenda, name(row, EventKind::Representative)));
  BOOST_TEST(unfolded(objectText(bupatiAgenda.id, reload(row).eventObjectName)).find("(diwakili)") ==
             std::string::npos);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_client_edit_of_a_request_left_out_of_step_repairs_it) {
  auto row = representedBy("asisten");
  row.start += 2 * kHour;  // a reschedule committed, its events never rewritten
  *row.end += 2 * kHour;
  row = killedAfterUpdate(row, "reschedule");
  auto text =
      std::regex_replace(unfolded(objectText(bupatiAgenda.id, row.eventObjectName)), std::regex("END:VEVENT"),
                         "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Ingat\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"
                         "END:VEVENT");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);

  for (const auto& [calendarId, object] :
       {std::pair{bupatiAgenda.id, row.eventObjectName}, std::pair{asistenAgenda.id, row.representativeObjectName}}) {
    auto shown = readEventEdit(objectText(calendarId, object), config);
    BOOST_TEST_REQUIRE(shown.has_value());
    BOOST_TEST(shown->start == row.start);
  }
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_CASE(a_sync_that_loses_to_a_newer_change_is_repaired_from_the_newer_one) {
  auto row = reload(approved());
  sql::RequestRow older = row;
  older.start += kHour;
  *older.end += kHour;
  older = killedAfterUpdate(older, "reschedule");
  CalendarSync sync = syncCalendar(calendar, older, true);  // written from the older version...
  sql::RequestRow newer = older;
  newer.start += kHour;
  *newer.end += kHour;
  newer = killedAfterUpdate(newer, "reschedule");  // ...while a newer one was committed
  recordCalendarSync(calendar, sync, auditOf("reschedule", older.state));

  auto shown = readEventEdit(objectText(bupatiAgenda.id, row.eventObjectName), config);
  BOOST_TEST_REQUIRE(shown.has_value());
  BOOST_TEST(shown->start == newer.start);
  BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- several servers on one database repair at once ----

BOOST_FIXTURE_TEST_SUITE(several_servers, RepairFixture)

BOOST_AUTO_TEST_CASE(two_servers_repairing_at_once_leave_each_event_once) {
  std::vector<sql::RequestRow> killed;
  for (int i = 0; i < 6; ++i) killed.push_back(i % 2 ? killedSubmission() : killedApproval(verified()));
  // A second server: its own connections, calendar service and workflow, on the same file.
  auto otherStore = sql::openStore("sqlite:" + file.path());
  caldav::CalendarService otherCalendars(*otherStore, caldav::TimeContext{});
  RequestCalendar other(*otherStore, otherCalendars, config);

  std::ostringstream firstLog, secondLog;
  std::thread second([&] { repairCalendars(other, clock.now(), secondLog); });
  repairCalendars(calendar, clock.now(), firstLog);
  second.join();
  BOOST_TEST(lines(firstLog.str() + secondLog.str(), "left out of step") == 0u,
             firstLog.str() + "---\n" + secondLog.str());

  for (const auto& row : killed) {
    const auto after = reload(row);
    BOOST_TEST(stepOf(row) == sql::CalendarStep::InStep);
    if (after.state == "diajukan") {
      BOOST_TEST(exists(holdCalendar, after.holdObjectName));
    } else {
      BOOST_TEST(exists(bupatiAgenda, after.eventObjectName));
      BOOST_TEST(after.holdCalendarId == 0);
    }
  }
  // Each event once: the three approved on the agenda; on the hold calendar the
  // three repaired holds and those of the three requests submitted whole.
  BOOST_TEST(store->listObjects(bupatiAgenda.id).size() == 3u);
  BOOST_TEST(store->listObjects(holdCalendar.id).size() == 3u + 3u);
}

BOOST_AUTO_TEST_SUITE_END()
