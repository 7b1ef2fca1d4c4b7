// The change log behind sync tokens (RFC 6578) stays bounded: each existing
// object keeps its latest change, deletions only the newest
// changes_per_calendar; a token older than what is kept is refused with
// DAV:valid-sync-token, and sequences, ctags and tokens never go back.
#define BOOST_TEST_MODULE sync_changes
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "sql/store.h"
#include "temp_database.h"

using namespace jadwal;

namespace {

std::string event(const std::string& uid) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
         "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250107T010000Z\r\nDTEND:20250107T020000Z\r\nSUMMARY:Rapat\r\n"
         "END:VEVENT\r\nEND:VCALENDAR\r\n";
}

caldav::QuotaLimits keeping(std::int64_t deletions) {
  caldav::QuotaLimits quota;
  quota.changesPerCalendar = deletions;
  return quota;
}

struct Fixture {
  testing::TempDatabase db;
  std::unique_ptr<sql::Store> store;
  caldav::Principal bupati;
  sql::Calendar agenda;

  Fixture() {
    store = sql::openStore("sqlite:" + db.path.string());
    store->migrate();
    sql::User u;
    u.name = "bupati";
    u.role = sql::Role::Leader;
    u = store->createUser(u).value();
    bupati = {u.id, u.name, u.role, u.displayName};
    sql::Calendar c;
    c.ownerId = u.id;
    c.slug = "agenda";
    agenda = store->createCalendar(c).value();
  }

  sql::WriteResult put(const std::string& name) {
    sql::ObjectIndex index;
    index.uid = name;
    index.component = "VEVENT";
    return store->putObject(agenda.id, name + ".ics", event(name), "\"" + name + "\"", index, {});
  }
  sql::WriteResult remove(const std::string& name, std::optional<std::int64_t> kept) {
    sql::Precondition pre;
    pre.keptDeletions = kept;
    return store->deleteObject(agenda.id, name + ".ics", pre);
  }

  std::int64_t rowsOfChanges(bool deleted) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, db.path.string());
    std::int64_t count = 0;
    int flag = deleted ? 1 : 0;
    session << "SELECT COUNT(*) FROM changes WHERE deleted = ?", Poco::Data::Keywords::into(count),
        Poco::Data::Keywords::use(flag), Poco::Data::Keywords::now;
    return count;
  }

  caldav::DavResponse report(caldav::DavHandler& dav, const std::string& token) {
    caldav::DavRequest r;
    r.method = "REPORT";
    r.path = "/dav/calendars/bupati/agenda/";
    r.user = bupati;
    r.headers["Depth"] = "0";
    r.body = "<?xml version=\"1.0\"?><D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>" + token +
             "</D:sync-token><D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>";
    return dav.handle(r);
  }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sync_changes, Fixture)

BOOST_AUTO_TEST_CASE(deletions_past_the_kept_number_are_pruned_and_older_tokens_expire) {
  BOOST_TEST(put("tetap").syncSeq == 1);
  // d0..d5: each written at 2+2i and deleted at 3+2i.
  for (int i = 0; i < 6; ++i) {
    put("d" + std::to_string(i));
    BOOST_TEST(remove("d" + std::to_string(i), 3).syncSeq == 3 + 2 * i);
  }
  BOOST_TEST(rowsOfChanges(true) == 3);  // the deletions at 9, 11 and 13
  BOOST_TEST(rowsOfChanges(false) == 1);

  // Pruning never moves the sequence back.
  const auto latest = store->changesSince(agenda.id, 13);
  BOOST_TEST(latest.valid);
  BOOST_TEST(latest.current == 13);
  BOOST_TEST(store->findCalendarById(agenda.id)->syncSeq == 13);

  // A token from before a forgotten deletion cannot be answered...
  for (std::int64_t since : {1, 4, 6}) {
    const auto old = store->changesSince(agenda.id, since);
    BOOST_TEST(!old.valid, since);
    BOOST_TEST(old.expired, since);
  }
  // ...one after the last forgotten deletion still can, with every later one.
  const auto kept = store->changesSince(agenda.id, 7);
  BOOST_TEST(kept.valid);
  BOOST_TEST(!kept.expired);
  BOOST_REQUIRE_EQUAL(kept.changes.size(), 3u);
  BOOST_TEST(kept.changes[0].name == "d3.ics");
  BOOST_TEST(kept.changes[0].deleted);
  BOOST_TEST(kept.changes[2].seq == 13);
  // A first sync needs no deletion: it lists what exists.
  const auto initial = store->changesSince(agenda.id, 0);
  BOOST_TEST(initial.valid);
  BOOST_REQUIRE_EQUAL(initial.changes.size(), 1u);
  BOOST_TEST(initial.changes[0].name == "tetap.ics");
  // A token from the future stays invalid without being "expired".
  BOOST_TEST(!store->changesSince(agenda.id, 14).expired);

  // The next write goes on from 13.
  BOOST_TEST(put("baru").syncSeq == 14);
}

BOOST_AUTO_TEST_CASE(without_a_bound_every_deletion_is_kept) {
  for (int i = 0; i < 5; ++i) {
    put("d" + std::to_string(i));
    remove("d" + std::to_string(i), std::nullopt);
  }
  BOOST_TEST(rowsOfChanges(true) == 5);
  BOOST_TEST(store->changesSince(agenda.id, 1).valid);
}

BOOST_AUTO_TEST_CASE(rewriting_one_object_adds_no_row) {
  for (int i = 0; i < 50; ++i) put("sama");
  BOOST_TEST(rowsOfChanges(false) == 1);
  BOOST_TEST(rowsOfChanges(true) == 0);
  BOOST_TEST(store->findCalendarById(agenda.id)->syncSeq == 50);
}

BOOST_AUTO_TEST_CASE(every_deletion_through_the_calendar_service_keeps_the_bound) {
  caldav::CalendarService service(*store, caldav::TimeContext{}, keeping(2));
  for (int i = 0; i < 5; ++i) {
    const std::string name = "w" + std::to_string(i) + ".ics";
    BOOST_TEST((service.put(agenda, name, event("w" + std::to_string(i)), {}).status == sql::WriteStatus::Created));
    BOOST_TEST((service.remove(agenda, name, {}).status == sql::WriteStatus::Deleted));
  }
  BOOST_TEST(rowsOfChanges(true) == 2);
}

BOOST_AUTO_TEST_CASE(an_expired_token_gets_403_valid_sync_token_and_the_client_starts_over) {
  caldav::CalendarService service(*store, caldav::TimeContext{}, keeping(2));
  caldav::DavHandler dav(*store, service, caldav::DavConfig{});
  service.put(agenda, "tetap.ics", event("tetap"), {});
  const std::string oldToken = "urn:jadwal:sync:" + std::to_string(agenda.id) + ":1";
  BOOST_TEST(report(dav, oldToken).status == 207);
  for (int i = 0; i < 3; ++i) {
    const std::string name = "h" + std::to_string(i) + ".ics";
    service.put(agenda, name, event("h" + std::to_string(i)), {});
    service.remove(agenda, name, {});
  }
  const auto refused = report(dav, oldToken);
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(contains(refused.body, "valid-sync-token"), refused.body);
  BOOST_TEST(contains(refused.body, "synchronise again"), refused.body);
  const auto fresh = report(dav, "");
  BOOST_TEST(fresh.status == 207);
  BOOST_TEST(contains(fresh.body, "tetap.ics"), fresh.body);
  BOOST_TEST(contains(fresh.body, ":7</D:sync-token>"), fresh.body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(calendar_ids, Fixture)

BOOST_AUTO_TEST_CASE(a_calendar_made_again_under_the_same_name_repeats_no_token_or_ctag) {
  caldav::CalendarService service(*store, caldav::TimeContext{}, keeping(100));
  caldav::DavHandler dav(*store, service, caldav::DavConfig{});
  service.put(agenda, "a.ics", event("a"), {});
  service.put(agenda, "b.ics", event("b"), {});
  const std::string oldToken = "urn:jadwal:sync:" + std::to_string(agenda.id) + ":2";
  BOOST_TEST(report(dav, oldToken).status == 207);

  // The newest calendar goes: SQLite would hand its id to the next one.
  BOOST_TEST(store->deleteCalendar(agenda.id));
  sql::Calendar again;
  again.ownerId = bupati.id;
  again.slug = "agenda";
  again = store->createCalendar(again).value();
  BOOST_TEST(again.id != agenda.id);
  service.put(again, "x.ics", event("x"), {});
  service.put(again, "y.ics", event("y"), {});
  // The old token would otherwise be taken for the new calendar's and hide x and y.
  BOOST_TEST(report(dav, oldToken).status == 403);
  BOOST_TEST(store->findCalendar("bupati", "agenda")->id > agenda.id);
}

BOOST_AUTO_TEST_SUITE_END()
