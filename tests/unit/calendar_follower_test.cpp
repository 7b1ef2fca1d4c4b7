// The calendar follower: what an edit or deletion made in a CalDAV client
// means for the request behind the event, by who made it and on which of
// the request's events. Staff move or cancel the request from the leader's
// event; anyone else's change is recorded and the event put back, so that
// the request and its events never disagree and the requester hears only
// of staff decisions.
#define BOOST_TEST_MODULE calendar_follower
#include <boost/test/unit_test.hpp>

#include "request_fixture.h"
#include "smtp_sink.h"
#include "web/audit_text.h"
#include "workflow/audit_note.h"
#include "workflow/request_validation.h"

#include <thread>

using namespace jadwal;
using namespace jadwal::workflow;
using namespace jadwal::testing;

namespace {

// The event text with every `from` replaced by `to`, unfolded first so that a
// property is one line.
std::string edited(const std::string& ical, const std::string& from, const std::string& to) {
  return std::regex_replace(unfolded(ical), std::regex(from), to);
}

std::string withLocation(const std::string& ical, const std::string& location) {
  return edited(ical, "LOCATION:[^\r\n]*", "LOCATION:" + location);
}

const sql::AuditRow& lastAudit(const std::vector<sql::AuditRow>& audit) {
  BOOST_TEST_REQUIRE(!audit.empty());
  return audit.back();
}

// What the history stores for `audit`: its code and values.
AuditNote storedNote(const sql::AuditRow& audit) {
  auto note = decodeAuditNote(audit.action, audit.note);
  BOOST_TEST_REQUIRE(note.has_value(), audit.note);
  return *note;
}

// What the staff page shows for `audit`, in Indonesian (or `language`).
std::string shownNote(const sql::AuditRow& audit, const std::string& language = "id") {
  return web::auditNoteText(language, audit, "Asia/Jakarta");
}

std::size_t countOf(const std::vector<std::string>& list, const std::string& item) {
  return static_cast<std::size_t>(std::count(list.begin(), list.end(), item));
}

struct FollowerFixture : Fixture {
  sql::StoredObject object(std::int64_t calendarId, const std::string& name) {
    auto found = store->getObject(calendarId, name);
    BOOST_TEST_REQUIRE(found.has_value());
    return *found;
  }

  void share(const sql::Calendar& calendar, const Actor& with, bool write) {
    sql::Share share;
    share.calendarId = calendar.id;
    share.userId = with.user.id;
    share.write = write;
    store->setShare(share);
  }
};

}  // namespace

// ---- staff (protokol, admin) edit the leader's event: the request follows ----

BOOST_FIXTURE_TEST_SUITE(staff_edits, FollowerFixture)

BOOST_AUTO_TEST_CASE(moving_the_event_in_a_client_moves_the_request) {
  auto row = approved();
  auto before = object(bupatiAgenda.id, row.eventObjectName);
  std::string text = std::regex_replace(before.ical, std::regex("20250314T090000"), "20250314T130000");
  text = std::regex_replace(text, std::regex("20250314T110000"), "20250314T150000");
  auto result = calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, staf.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Updated));

  auto moved = reload(row);
  BOOST_TEST(moved.start == k14March0900Wib + 4 * kHour);
  BOOST_TEST(*moved.end == k14March0900Wib + 6 * kHour);
  BOOST_TEST(moved.version > row.version);
  BOOST_TEST(moved.state == "disetujui");
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-edit");
  BOOST_TEST((audit.actorId == staf.user.id));
  BOOST_TEST(audit.actorName == "Staf Protokol");
  BOOST_TEST(decodeAuditNote(audit.action, audit.note)->values.at("start") == std::to_string(moved.start));
  BOOST_TEST(web::auditNoteText("id", audit, "Asia/Jakarta").find("13.00") != std::string::npos);
  // The client's text stays as written: the follower does not rewrite it.
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical == text);
}

BOOST_AUTO_TEST_CASE(a_new_location_becomes_the_venue) {
  auto row = approved();
  std::string text = withLocation(object(bupatiAgenda.id, row.eventObjectName).ical, "Gedung Serbaguna");
  BOOST_TEST_REQUIRE(
      (calendars->put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id).status == sql::WriteStatus::Updated));
  auto moved = reload(row);
  BOOST_TEST(moved.venue == "Gedung Serbaguna");
  BOOST_TEST(moved.start == row.start);
  // Unchanged text written again is not an edit.
  auto audits = store->requests().auditOf(row.id).size();
  calendars->put(bupatiAgenda, row.eventObjectName, text + "", {}, staf.user.id);
  BOOST_TEST(store->requests().auditOf(row.id).size() == audits);
}

BOOST_AUTO_TEST_CASE(moving_the_leader_event_moves_the_representative_event_too) {
  auto row = represented();
  auto text =
      std::regex_replace(object(bupatiAgenda.id, row.eventObjectName).ical, std::regex("20250314T"), "20250321T");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, admin.user.id);
  BOOST_TEST(reload(row).start == k14March0900Wib + 7 * 24 * kHour);
  std::string theirs = object(asistenAgenda.id, row.representativeObjectName).ical;
  BOOST_TEST(theirs.find("DTSTART;TZID=Asia/Jakarta:20250321T090000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deleting_the_event_in_a_client_cancels_the_request_and_says_no_reason_was_given) {
  auto row = decide(verified(), act(Action::Approve, "Bupati memberi sambutan"), staf).request;
  BOOST_TEST_REQUIRE(row.decisionNote == "Bupati memberi sambutan");
  auto result = calendars->remove(bupatiAgenda, row.eventObjectName, {}, staf.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Deleted));
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName.empty());  // it no longer claims the deleted event
  BOOST_TEST(cancelled.decisionNote.empty());     // the approval's note is no reason for cancelling
  auto audit = store->requests().auditOf(row.id);
  auto deleted = std::find_if(audit.begin(), audit.end(), [](const auto& a) { return a.action == "calendar-delete"; });
  BOOST_TEST_REQUIRE((deleted != audit.end()));
  // Stored as what happened; the staff page says it in words.
  BOOST_TEST(decodeAuditNote(deleted->action, deleted->note)->code == "deleted_in_calendar");
  const std::string shown = web::auditNoteText("id", *deleted, "Asia/Jakarta");
  BOOST_TEST(shown.find("Dihapus melalui aplikasi kalender") != std::string::npos);
  BOOST_TEST(shown.find("tanpa alasan") != std::string::npos);
  BOOST_TEST((deleted->actorId == staf.user.id));
  BOOST_TEST(deleted->fromState == "disetujui");
  BOOST_TEST(deleted->toState == "dibatalkan");
}

BOOST_AUTO_TEST_CASE(cancelling_the_event_in_a_client_cancels_the_request) {
  auto row = approved();
  auto text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "STATUS:CONFIRMED", "STATUS:CANCELLED");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id);
  auto cancelled = reload(row);
  BOOST_TEST(cancelled.state == "dibatalkan");
  BOOST_TEST(cancelled.eventObjectName == row.eventObjectName);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-cancel");
}

BOOST_AUTO_TEST_CASE(unrelated_events_are_ignored) {
  auto row = approved();
  auto version = reload(row).version;
  std::string other =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:lain@test\r\n"
      "DTSTAMP:20250101T000000Z\r\nDTSTART:20250314T020000Z\r\nDTEND:20250314T030000Z\r\nSUMMARY:Rapat\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  calendars->put(bupatiAgenda, "lain.ics", other, {}, bupati.user.id);
  calendars->remove(bupatiAgenda, "lain.ics", {}, bupati.user.id);
  BOOST_TEST(reload(row).version == version);
}

// The origin travels with the write, not with the thread: a workflow write
// made on another thread is still the workflow's own, and a client's edit
// made there is still followed.
BOOST_AUTO_TEST_CASE(the_origin_of_a_write_holds_on_another_thread) {
  auto row = approved();
  auto before = object(bupatiAgenda.id, row.eventObjectName);
  std::string text = std::regex_replace(before.ical, std::regex("20250314T090000"), "20250314T130000");
  text = std::regex_replace(text, std::regex("20250314T110000"), "20250314T150000");
  const std::size_t audited = store->requests().auditOf(row.id).size();

  sql::WriteResult own;
  std::thread([&] {
    own = calendars->put(bupatiAgenda, row.eventObjectName, text, {false, before.etag}, staf.user.id,
                         caldav::WriteOrigin::Workflow);
  }).join();
  BOOST_TEST_REQUIRE((own.status == sql::WriteStatus::Updated));
  BOOST_TEST(reload(row).start == row.start);
  BOOST_TEST(store->requests().auditOf(row.id).size() == audited);

  const std::string back = object(bupatiAgenda.id, row.eventObjectName).etag;
  text = std::regex_replace(text, std::regex("20250314T130000"), "20250314T140000");
  text = std::regex_replace(text, std::regex("20250314T150000"), "20250314T160000");
  sql::WriteResult client;
  std::thread([&] {
    client = calendars->put(bupatiAgenda, row.eventObjectName, text, {false, back}, staf.user.id,
                            caldav::WriteOrigin::Client);
  }).join();
  BOOST_TEST_REQUIRE((client.status == sql::WriteStatus::Updated));
  BOOST_TEST(reload(row).start == k14March0900Wib + 5 * kHour);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-edit");
}

BOOST_AUTO_TEST_CASE(deleting_the_event_of_a_finished_request_only_unlinks_it) {
  auto row = approved();
  clock.set(row.start + 60);
  BOOST_TEST_REQUIRE(decide(row, act(Action::MarkHeld), staf).ok());
  calendars->remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id);
  auto after = reload(row);
  BOOST_TEST(after.state == "terlaksana");
  BOOST_TEST(after.eventObjectName.empty());
  BOOST_TEST(!store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-unlink");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- anyone else who can write the leader's calendar: nothing changes ----

BOOST_FIXTURE_TEST_SUITE(leader_edits, FollowerFixture)

BOOST_AUTO_TEST_CASE(a_leader_deleting_the_event_says_he_cannot_attend_and_the_event_comes_back) {
  auto row = approved();
  auto before = object(bupatiAgenda.id, row.eventObjectName);
  auto result = calendars->remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id);
  BOOST_TEST_REQUIRE((result.status == sql::WriteStatus::Deleted));

  auto after = reload(row);
  BOOST_TEST(after.state == "disetujui");  // only staff cancel
  BOOST_TEST(after.eventObjectName == row.eventObjectName);
  auto restored = object(bupatiAgenda.id, row.eventObjectName);
  BOOST_TEST(restored.uid == before.uid);
  BOOST_TEST(restored.ical.find("STATUS:CONFIRMED") != std::string::npos);
  BOOST_TEST(sequenceIn(restored.ical) > sequenceIn(before.ical));

  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);
  BOOST_TEST(dispositions[0].choice == "tidak_hadir");
  BOOST_TEST(dispositions[0].leaderId == bupati.user.id);
  BOOST_TEST((dispositions[0].byUserId == bupati.user.id));
  // Stored as a code; the staff page words it.
  BOOST_TEST(decodeDispositionNote(dispositions[0].note)->code == "event_deleted_in_calendar");
  BOOST_TEST(web::dispositionNoteText("id", dispositions[0].note) == "Acara dihapus di aplikasi kalender");
  BOOST_TEST(web::dispositionNoteText("en", dispositions[0].note) == "Event deleted in a calendar app");
  auto actions = auditActions(row);
  BOOST_TEST(!has(actions, "calendar-delete"));
  BOOST_TEST(has(actions, "disposition"));
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST((audit.actorId == bupati.user.id));
  BOOST_TEST(audit.fromState == "disetujui");
  BOOST_TEST(audit.toState == "disetujui");
  BOOST_TEST(storedNote(audit).values.at("attempt") == "deleted");
  BOOST_TEST(storedNote(audit).values.at("disposition") == "tidak_hadir");
  BOOST_TEST(shownNote(audit).find("Dicatat sebagai disposisi tidak hadir") != std::string::npos, shownNote(audit));
}

BOOST_AUTO_TEST_CASE(a_leader_cancelling_the_event_is_a_cannot_attend_too) {
  auto row = approved();
  auto text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "STATUS:CONFIRMED", "STATUS:CANCELLED");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);
  BOOST_TEST(reload(row).state == "disetujui");
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical.find("STATUS:CONFIRMED") != std::string::npos);
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);
  BOOST_TEST(dispositions[0].choice == "tidak_hadir");
}

BOOST_AUTO_TEST_CASE(a_leader_moving_the_event_is_recorded_as_a_proposal_and_put_back) {
  auto row = approved();
  auto text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "20250314T090000", "20250314T130000");
  text = std::regex_replace(text, std::regex("20250314T110000"), "20250314T150000");
  text = withLocation(text, "Pendopo Kabupaten");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);

  auto after = reload(row);
  BOOST_TEST(after.start == row.start);
  BOOST_TEST((after.end == row.end));
  BOOST_TEST(after.venue == row.venue);
  auto restored = unfolded(object(bupatiAgenda.id, row.eventObjectName).ical);
  BOOST_TEST(restored.find("DTSTART;TZID=Asia/Jakarta:20250314T090000") != std::string::npos);
  BOOST_TEST(restored.find("Pendopo") == std::string::npos);
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST((audit.actorId == bupati.user.id));
  BOOST_TEST(audit.actorName == "Bupati");
  const AuditNote stored = storedNote(audit);
  BOOST_TEST(stored.values.at("start") == std::to_string(row.start + 4 * kHour));  // what the leader proposed
  BOOST_TEST(stored.values.at("venue") == "Pendopo Kabupaten");
  BOOST_TEST(shownNote(audit).find("13.00") != std::string::npos, shownNote(audit));
  BOOST_TEST(shownNote(audit).find("Pendopo Kabupaten") != std::string::npos);
  BOOST_TEST(shownNote(audit, "en").starts_with("From a calendar app: moved the event to "), shownNote(audit, "en"));
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());
}

BOOST_AUTO_TEST_CASE(an_edit_that_moves_nothing_is_kept_as_the_client_wrote_it) {
  auto row = approved();
  auto version = reload(row).version;
  auto text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "END:VEVENT",
                     "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Pengingat\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"
                     "END:VEVENT");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);
  BOOST_TEST(reload(row).version == version);
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical == text);
}

BOOST_AUTO_TEST_CASE(an_aide_with_write_access_speaks_for_the_leader_a_viewer_does_not) {
  auto row = approved();
  share(bupatiAgenda, ajudan, true);
  share(bupatiAgenda, viewer, true);

  calendars->remove(bupatiAgenda, row.eventObjectName, {}, viewer.user.id);
  BOOST_TEST(reload(row).state == "disetujui");
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST((audit.actorId == viewer.user.id));

  calendars->remove(bupatiAgenda, row.eventObjectName, {}, ajudan.user.id);
  BOOST_TEST(reload(row).state == "disetujui");
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_TEST_REQUIRE(dispositions.size() == 1u);
  BOOST_TEST(dispositions[0].choice == "tidak_hadir");
  BOOST_TEST((dispositions[0].byUserId == ajudan.user.id));
}

BOOST_AUTO_TEST_CASE(a_write_without_a_known_writer_is_not_followed) {
  auto row = approved();
  calendars->remove(bupatiAgenda, row.eventObjectName, {});
  BOOST_TEST(reload(row).state == "disetujui");
  BOOST_TEST(store->getObject(bupatiAgenda.id, row.eventObjectName).has_value());
}

BOOST_AUTO_TEST_CASE(the_requester_hears_only_of_staff_changes,
                     *boost::unit_test::precondition(jadwal::testing::AiosmtpdInstalled())) {
  jadwal::testing::SmtpSink sink;
  SmtpConfig smtp;
  smtp.host = "127.0.0.1";
  smtp.port = sink.port();
  Mailer sending(smtp);
  // A calendar service of its own, so that only this service follows its calendars.
  caldav::CalendarService clientCalendars(*store, caldav::TimeContext{});
  RequestService mailing(*store, clientCalendars, sending, clock, config);
  clientCalendars.addObserver(mailing.calendarObserver());

  auto request = mailing.submit(form(), letter()).request;
  BOOST_TEST_REQUIRE(mailing.decide(request.id, reload(request).version, act(Action::Verify), staf).ok());
  auto row = mailing.decide(request.id, reload(request).version, act(Action::Approve), staf).request;
  sending.flush();
  BOOST_TEST_REQUIRE(sink.waitFor(2).size() == 2u);  // receipt and approval

  // The leader moves and deletes the event on his phone: no mail.
  auto text =
      std::regex_replace(object(bupatiAgenda.id, row.eventObjectName).ical, std::regex("20250314T"), "20250315T");
  clientCalendars.put(bupatiAgenda, row.eventObjectName, text, {}, bupati.user.id);
  clientCalendars.remove(bupatiAgenda, row.eventObjectName, {}, bupati.user.id);
  // Then staff move it in Thunderbird: one mail, the new time.
  text = std::regex_replace(object(bupatiAgenda.id, row.eventObjectName).ical, std::regex("20250314T"), "20250316T");
  clientCalendars.put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id);
  sending.flush();

  auto received = sink.waitFor(3);
  BOOST_TEST_REQUIRE(received.size() == 3u);
  std::size_t rescheduled = 0;
  for (const auto& message : received) rescheduled += message.find("Jadwal kegiatan diubah") != std::string::npos;
  BOOST_TEST(rescheduled == 1u);
  BOOST_TEST(reload(row).start == k14March0900Wib + 2 * 24 * kHour);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the copy on a representative's agenda follows the request, never the reverse ----

BOOST_FIXTURE_TEST_SUITE(representative_copy, FollowerFixture)

BOOST_AUTO_TEST_CASE(editing_the_copy_changes_neither_the_leaders_event_nor_the_request) {
  auto row = represented();
  auto leaders = object(bupatiAgenda.id, row.eventObjectName);
  auto copy = object(asistenAgenda.id, row.representativeObjectName);
  auto text = edited(copy.ical, "20250314T090000", "20250314T200000");
  text = std::regex_replace(text, std::regex("20250314T110000"), "20250314T220000");
  text = withLocation(text, "Tempat Palsu");
  calendars->put(asistenAgenda, row.representativeObjectName, text, {}, asisten.user.id);

  auto after = reload(row);
  BOOST_TEST(after.start == row.start);
  BOOST_TEST(after.venue == row.venue);
  BOOST_TEST(after.state == "diwakilkan");
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical == leaders.ical);
  auto restored = unfolded(object(asistenAgenda.id, row.representativeObjectName).ical);
  BOOST_TEST(restored.find("DTSTART;TZID=Asia/Jakarta:20250314T090000") != std::string::npos);
  BOOST_TEST(restored.find("Tempat Palsu") == std::string::npos);
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST((audit.actorId == asisten.user.id));
  BOOST_TEST(storedNote(audit).values.at("venue") == "Tempat Palsu");
  BOOST_TEST(shownNote(audit).find("Tempat Palsu") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deleting_or_cancelling_the_copy_is_noted_and_the_copy_comes_back) {
  auto row = represented();
  calendars->remove(asistenAgenda, row.representativeObjectName, {}, asisten.user.id);
  auto after = reload(row);
  BOOST_TEST(after.state == "diwakilkan");
  BOOST_TEST(after.representativeObjectName == row.representativeObjectName);
  BOOST_TEST(object(asistenAgenda.id, row.representativeObjectName).ical.find("STATUS:CONFIRMED") != std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-restore");
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());  // the representative is not the leader asked

  auto text =
      edited(object(asistenAgenda.id, row.representativeObjectName).ical, "STATUS:CONFIRMED", "STATUS:CANCELLED");
  calendars->put(asistenAgenda, row.representativeObjectName, text, {}, asisten.user.id);
  BOOST_TEST(reload(row).state == "diwakilkan");
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical.find("STATUS:CONFIRMED") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(staff_editing_the_copy_is_not_followed_either) {
  auto row = represented();
  auto text = edited(object(asistenAgenda.id, row.representativeObjectName).ical, "20250314T", "20250320T");
  calendars->put(asistenAgenda, row.representativeObjectName, text, {}, staf.user.id);
  BOOST_TEST(reload(row).start == row.start);
  BOOST_TEST(object(asistenAgenda.id, row.representativeObjectName).ical.find("20250314T090000") != std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-restore");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- what the follower copies into a request passes the form's limits ----

BOOST_FIXTURE_TEST_SUITE(field_limits, FollowerFixture)

BOOST_AUTO_TEST_CASE(a_venue_longer_than_the_form_allows_is_refused_and_the_event_put_back) {
  auto row = approved();
  const std::string tooLong(2029, 'x');
  auto text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "20250314T090000", "20250314T100000");
  text = withLocation(text, tooLong);
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id);

  auto after = reload(row);
  BOOST_TEST(after.venue == row.venue);
  BOOST_TEST(after.start == row.start);  // the whole edit is refused, not half of it
  auto restored = unfolded(object(bupatiAgenda.id, row.eventObjectName).ical);
  BOOST_TEST(restored.find(tooLong) == std::string::npos);
  BOOST_TEST(restored.find("DTSTART;TZID=Asia/Jakarta:20250314T090000") != std::string::npos);
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST(storedNote(audit).values.at("refused") == "venue_too_long");
  BOOST_TEST(storedNote(audit).values.at("venue_limit") == std::to_string(limits::kVenue));
  BOOST_TEST(shownNote(audit).find(std::to_string(limits::kVenue)) != std::string::npos);
  BOOST_TEST(audit.note.size() < 2 * limits::kVenue + 400);  // the refused text is not copied whole
}

BOOST_AUTO_TEST_CASE(a_venue_at_the_limit_is_followed_on_one_line) {
  auto row = approved();
  const std::string longest(limits::kVenue, 'v');
  calendars->put(bupatiAgenda, row.eventObjectName,
                 withLocation(object(bupatiAgenda.id, row.eventObjectName).ical, longest), {}, staf.user.id);
  BOOST_TEST(reload(row).venue == longest);

  calendars->put(bupatiAgenda, row.eventObjectName,
                 withLocation(object(bupatiAgenda.id, row.eventObjectName).ical, "Gedung A\\nLantai 2"), {},
                 staf.user.id);
  BOOST_TEST(reload(row).venue == "Gedung A Lantai 2");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the TENTATIVE hold mirrors a pending request ----

BOOST_FIXTURE_TEST_SUITE(hold, FollowerFixture)

BOOST_AUTO_TEST_CASE(moving_the_hold_changes_nothing_and_it_is_put_back) {
  auto request = submitted();
  auto text = edited(object(holdCalendar.id, request.holdObjectName).ical, "20250314T", "20250318T");
  calendars->put(holdCalendar, request.holdObjectName, text, {}, staf.user.id);
  auto row = reload(request);
  BOOST_TEST(row.start == request.start);
  BOOST_TEST(row.state == "diajukan");
  BOOST_TEST(object(holdCalendar.id, request.holdObjectName).ical.find("20250314T090000") != std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(request.id)).action == "calendar-restore");
}

BOOST_AUTO_TEST_CASE(deleting_the_hold_puts_it_back) {
  auto request = submitted();
  calendars->remove(holdCalendar, request.holdObjectName, {}, staf.user.id);
  auto row = reload(request);
  BOOST_TEST(row.state == "diajukan");
  BOOST_TEST(row.holdObjectName == request.holdObjectName);
  auto hold = object(holdCalendar.id, request.holdObjectName);
  BOOST_TEST(hold.ical.find("STATUS:TENTATIVE") != std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(request.id)).action == "calendar-restore");
  BOOST_TEST(countOf(auditActions(request), "calendar-restore") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a request is one occurrence: a recurrence added in a client is never followed ----

namespace {

// The event with `lines` added to it (RRULE, RDATE, EXDATE ...).
std::string withLines(const std::string& ical, const std::string& lines) {
  return edited(ical, "END:VEVENT", lines + "\r\nEND:VEVENT");
}

// The event with an overridden instance: the one occurrence moved to 13.00 by a RECURRENCE-ID.
std::string withOverride(const sql::StoredObject& event) {
  return edited(event.ical, "END:VCALENDAR",
                "BEGIN:VEVENT\r\nUID:" + event.uid +
                    "\r\nDTSTAMP:20250301T000000Z\r\nRECURRENCE-ID;TZID=Asia/Jakarta:20250314T090000\r\n"
                    "DTSTART;TZID=Asia/Jakarta:20250314T130000\r\nDTEND;TZID=Asia/Jakarta:20250314T150000\r\n"
                    "SUMMARY:Dipindah\r\nEND:VEVENT\r\nEND:VCALENDAR");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(recurrence, FollowerFixture)

BOOST_AUTO_TEST_CASE(a_leader_making_the_event_repeat_is_put_back) {
  auto row = approved();
  share(bupatiAgenda, ajudan, true);
  share(bupatiAgenda, viewer, true);
  const std::vector<std::pair<const Actor*, std::string>> edits = {
      {&bupati, "RRULE:FREQ=WEEKLY;COUNT=4"},
      {&ajudan, "RDATE;TZID=Asia/Jakarta:20250321T090000"},
      {&viewer, "EXDATE;TZID=Asia/Jakarta:20250314T090000"},
  };
  for (const auto& [who, lines] : edits) {
    calendars->put(bupatiAgenda, row.eventObjectName,
                   withLines(object(bupatiAgenda.id, row.eventObjectName).ical, lines), {}, who->user.id);
    const auto restored = object(bupatiAgenda.id, row.eventObjectName).ical;
    BOOST_TEST(restored.find(lines.substr(0, 5)) == std::string::npos, lines);
    const auto audit = lastAudit(store->requests().auditOf(row.id));
    BOOST_TEST(audit.action == "calendar-restore", lines);
    BOOST_TEST((audit.actorId == who->user.id));
    BOOST_TEST(storedNote(audit).values.at("attempt") == "recurring");
    BOOST_TEST(shownNote(audit).find("berulang") != std::string::npos, shownNote(audit));
  }
  const auto after = reload(row);
  BOOST_TEST(after.state == "disetujui");
  BOOST_TEST(after.start == row.start);
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());  // a repeat is no "cannot attend"
}

BOOST_AUTO_TEST_CASE(an_overridden_instance_that_moves_the_occurrence_is_put_back) {
  auto row = approved();
  calendars->put(bupatiAgenda, row.eventObjectName, withOverride(object(bupatiAgenda.id, row.eventObjectName)), {},
                 bupati.user.id);
  const auto restored = object(bupatiAgenda.id, row.eventObjectName).ical;
  BOOST_TEST(restored.find("RECURRENCE-ID") == std::string::npos);
  BOOST_TEST(restored.find("20250314T130000") == std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-restore");
  BOOST_TEST(reload(row).start == row.start);
}

BOOST_AUTO_TEST_CASE(staff_cannot_make_a_request_repeat_either) {
  auto row = approved();
  // A repeat alone, then a repeat with a new time: neither is followed, not even the time.
  auto text = withLines(object(bupatiAgenda.id, row.eventObjectName).ical, "RRULE:FREQ=DAILY");
  calendars->put(bupatiAgenda, row.eventObjectName, text, {}, staf.user.id);
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical.find("RRULE") == std::string::npos);
  auto audit = lastAudit(store->requests().auditOf(row.id));
  BOOST_TEST(audit.action == "calendar-restore");
  BOOST_TEST(storedNote(audit).values.at("reason") == "one_occurrence");
  BOOST_TEST(shownNote(audit).find("satu kegiatan") != std::string::npos, shownNote(audit));

  text = edited(object(bupatiAgenda.id, row.eventObjectName).ical, "20250314T", "20250315T");
  calendars->put(bupatiAgenda, row.eventObjectName, withLines(text, "RRULE:FREQ=WEEKLY;COUNT=2"), {}, admin.user.id);
  BOOST_TEST(reload(row).start == row.start);
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical.find("20250314T090000") != std::string::npos);
  BOOST_TEST(!has(auditActions(row), "calendar-edit"));

  calendars->put(bupatiAgenda, row.eventObjectName, withOverride(object(bupatiAgenda.id, row.eventObjectName)), {},
                 staf.user.id);
  BOOST_TEST(object(bupatiAgenda.id, row.eventObjectName).ical.find("RECURRENCE-ID") == std::string::npos);
  BOOST_TEST(reload(row).state == "disetujui");
}

BOOST_AUTO_TEST_CASE(a_repeating_hold_or_copy_is_put_back) {
  auto request = submitted();
  calendars->put(holdCalendar, request.holdObjectName,
                 withLines(object(holdCalendar.id, request.holdObjectName).ical, "RRULE:FREQ=WEEKLY"), {},
                 staf.user.id);
  BOOST_TEST(object(holdCalendar.id, request.holdObjectName).ical.find("RRULE") == std::string::npos);

  auto row = represented();
  calendars->put(asistenAgenda, row.representativeObjectName,
                 withLines(object(asistenAgenda.id, row.representativeObjectName).ical, "RRULE:FREQ=WEEKLY"), {},
                 asisten.user.id);
  BOOST_TEST(object(asistenAgenda.id, row.representativeObjectName).ical.find("RRULE") == std::string::npos);
  BOOST_TEST(lastAudit(store->requests().auditOf(row.id)).action == "calendar-restore");
}

BOOST_AUTO_TEST_SUITE_END()
