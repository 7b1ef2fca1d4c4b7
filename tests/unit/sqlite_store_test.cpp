#define BOOST_TEST_MODULE sqlite_store
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include "temp_database.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "sql/sqlite_store.h"
#include "sql/store.h"

using namespace jadwal::sql;
namespace fs = std::filesystem;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<User>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<Calendar>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<StoredObject>)

namespace {

using jadwal::testing::TempDatabase;

struct Fixture {
  TempDatabase db;
  SqliteStore store{db.path.string()};
  Fixture() { store.migrate(); }

  User addUser(const std::string& name, Role role = Role::Protokol) {
    User user;
    user.name = name;
    user.role = role;
    user.displayName = "Display " + name;
    user.passwordHash = "$argon2id$hash-of-" + name;
    return store.createUser(user);
  }
  Calendar addCalendar(std::int64_t ownerId, const std::string& slug) {
    Calendar calendar;
    calendar.ownerId = ownerId;
    calendar.slug = slug;
    calendar.displayName = "Agenda " + slug;
    return store.createCalendar(calendar);
  }
};

ObjectIndex eventIndex(const std::string& uid, Instant start, Instant end, const std::string& component = "VEVENT") {
  ObjectIndex index;
  index.uid = uid;
  index.component = component;
  index.firstStart = start;
  index.lastEnd = end;
  return index;
}

std::string icalFor(const std::string& uid) {
  return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:" + uid + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

WriteResult put(Store& store, std::int64_t calendarId, const std::string& name, const std::string& uid,
                const std::string& etag, Precondition pre = {}, Instant start = 1000, Instant end = 2000) {
  return store.putObject(calendarId, name, icalFor(uid), etag, eventIndex(uid, start, end), pre);
}

std::string quotedEtag(int version) {
  std::string etag = "\"";
  etag += std::to_string(version);
  etag += '"';
  return etag;
}

std::set<std::string> namesOf(const std::vector<StoredObject>& objects) {
  std::set<std::string> names;
  for (const auto& o : objects) names.insert(o.name);
  return names;
}

template <typename Fn>
double millisecondsOf(Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// --- users and roles ---

BOOST_FIXTURE_TEST_CASE(users_are_created_found_and_listed, Fixture) {
  const User bupati = addUser("bupati", Role::Pimpinan);
  const User staf = addUser("staf", Role::Protokol);
  BOOST_TEST(bupati.id > 0);
  BOOST_TEST(staf.id != bupati.id);

  const auto found = store.findUser("bupati");
  BOOST_REQUIRE(found);
  BOOST_TEST(found->id == bupati.id);
  BOOST_TEST(found->displayName == "Display bupati");
  BOOST_TEST(found->passwordHash == "$argon2id$hash-of-bupati");
  BOOST_TEST(roleName(found->role) == "pimpinan");
  BOOST_TEST(!found->disabled);

  const auto byId = store.findUserById(staf.id);
  BOOST_REQUIRE(byId);
  BOOST_TEST(byId->name == "staf");

  BOOST_TEST(!store.findUser("nobody"));
  BOOST_TEST(!store.findUserById(9999));

  const auto users = store.listUsers();
  BOOST_REQUIRE(users.size() == 2u);
  BOOST_TEST(users[0].name == "bupati");
  BOOST_TEST(users[1].name == "staf");
}

BOOST_FIXTURE_TEST_CASE(duplicate_or_nameless_users_are_refused, Fixture) {
  addUser("ajudan1", Role::Ajudan);
  try {
    addUser("ajudan1", Role::Viewer);
    BOOST_FAIL("a duplicate name was accepted");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("ajudan1") != std::string::npos);
  }
  BOOST_CHECK_THROW(addUser(""), StoreError);
  BOOST_TEST(store.listUsers().size() == 1u);
  BOOST_TEST(roleName(store.findUser("ajudan1")->role) == "ajudan");
}

BOOST_FIXTURE_TEST_CASE(password_and_disabled_flag_are_written, Fixture) {
  addUser("sekda");
  BOOST_TEST(store.setPasswordHash("sekda", "$argon2id$new"));
  BOOST_TEST(store.findUser("sekda")->passwordHash == "$argon2id$new");
  BOOST_TEST(store.setDisabled("sekda", true));
  BOOST_TEST(store.findUser("sekda")->disabled);
  BOOST_TEST(store.setDisabled("sekda", false));
  BOOST_TEST(!store.findUser("sekda")->disabled);

  BOOST_TEST(!store.setPasswordHash("ghost", "x"));
  BOOST_TEST(!store.setDisabled("ghost", true));
}

BOOST_AUTO_TEST_CASE(roles_print_and_parse_both_ways) {
  for (Role role : {Role::Admin, Role::Protokol, Role::Pimpinan, Role::Ajudan, Role::Viewer}) {
    const auto parsed = parseRole(roleName(role));
    BOOST_REQUIRE(parsed);
    BOOST_TEST((*parsed == role));
  }
  BOOST_TEST(roleName(Role::Admin) == "admin");
  BOOST_TEST(roleName(Role::Protokol) == "protokol");
  BOOST_TEST(!parseRole(""));
  BOOST_TEST(!parseRole("Admin"));
  BOOST_TEST(!parseRole("root"));
  BOOST_TEST(!parseRole("admin "));
}

// --- calendars, shares, aides ---

BOOST_FIXTURE_TEST_CASE(calendars_are_created_found_and_updated, Fixture) {
  const User owner = addUser("bupati", Role::Pimpinan);
  const Calendar created = addCalendar(owner.id, "agenda");
  BOOST_TEST(created.id > 0);
  BOOST_TEST(created.ownerName == "bupati");
  BOOST_TEST(created.syncSeq == 0);
  BOOST_TEST(created.components == "VEVENT,VTODO");
  BOOST_TEST(created.createdAt > 1600000000);

  auto found = store.findCalendar("bupati", "agenda");
  BOOST_REQUIRE(found);
  BOOST_TEST(found->id == created.id);
  BOOST_TEST(found->displayName == "Agenda agenda");
  BOOST_TEST(!store.findCalendar("bupati", "other"));
  BOOST_TEST(!store.findCalendar("other", "agenda"));

  found->displayName = "Agenda Bupati";
  found->description = "Kegiatan resmi";
  found->color = "#AA0000FF";
  found->timezone = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  store.updateCalendarProperties(*found);
  const auto updated = store.findCalendarById(created.id);
  BOOST_REQUIRE(updated);
  BOOST_TEST(updated->displayName == "Agenda Bupati");
  BOOST_TEST(updated->description == "Kegiatan resmi");
  BOOST_TEST(updated->color == "#AA0000FF");
  BOOST_TEST(updated->timezone == found->timezone);
  BOOST_TEST(updated->ownerName == "bupati");

  addCalendar(owner.id, "pribadi");
  const auto owned = store.calendarsOwnedBy(owner.id);
  BOOST_REQUIRE(owned.size() == 2u);
  BOOST_TEST(owned[0].slug == "agenda");
  BOOST_TEST(owned[1].slug == "pribadi");
  BOOST_TEST(store.allCalendars().size() == 2u);
  BOOST_TEST(store.calendarsOwnedBy(9999).empty());
}

BOOST_FIXTURE_TEST_CASE(duplicate_slug_and_missing_owner_are_refused, Fixture) {
  const User bupati = addUser("bupati");
  const User wakil = addUser("wakil");
  addCalendar(bupati.id, "agenda");
  try {
    addCalendar(bupati.id, "agenda");
    BOOST_FAIL("a duplicate slug was accepted");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("agenda") != std::string::npos);
  }
  BOOST_CHECK_NO_THROW(addCalendar(wakil.id, "agenda"));  // the same slug under another owner
  BOOST_CHECK_THROW(addCalendar(9999, "agenda"), StoreError);
  BOOST_CHECK_THROW(addCalendar(bupati.id, ""), StoreError);
  BOOST_TEST(store.allCalendars().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(user_properties_are_kept_per_user_and_resource, Fixture) {
  const User ani = addUser("ani");
  const User budi = addUser("budi");
  store.setUserProperty(ani.id, "", {"urn:x", "alarm", "<x:alarm xmlns:x=\"urn:x\">1</x:alarm>"});
  store.setUserProperty(ani.id, "", {"urn:x", "alarm", "<x:alarm xmlns:x=\"urn:x\">2</x:alarm>"});  // replaces
  store.setUserProperty(ani.id, "calendar:1", {"urn:x", "order", "<x:order xmlns:x=\"urn:x\">3</x:order>"});
  store.setUserProperty(budi.id, "", {"urn:x", "alarm", "<x:alarm xmlns:x=\"urn:x\">9</x:alarm>"});
  const auto home = store.userProperties(ani.id, "");
  BOOST_REQUIRE(home.size() == 1u);
  BOOST_TEST(home[0].xml.find(">2<") != std::string::npos);
  BOOST_TEST(store.userProperties(ani.id, "calendar:1").size() == 1u);
  BOOST_TEST(store.userProperties(budi.id, "calendar:1").empty());
  store.removeUserProperty(ani.id, "", "urn:x", "alarm");
  BOOST_TEST(store.userProperties(ani.id, "").empty());
  BOOST_TEST(store.userProperties(budi.id, "").size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(deleting_a_calendar_removes_everything_in_it, Fixture) {
  const User owner = addUser("bupati");
  const User reader = addUser("staf");
  const Calendar doomed = addCalendar(owner.id, "doomed");
  const Calendar kept = addCalendar(owner.id, "kept");
  for (const Calendar& c : {doomed, kept}) {
    BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"1\"").status == WriteStatus::Created));
    store.setShare({c.id, reader.id, false});
    store.setDeadProperty(c.id, "", {"urn:x", "prop", "<x:prop xmlns:x=\"urn:x\"/>"});
    store.setDeadProperty(c.id, "a.ics", {"urn:x", "prop", "<x:prop xmlns:x=\"urn:x\"/>"});
    store.setUserProperty(reader.id, "calendar:" + std::to_string(c.id), {"urn:x", "order", "<x:order/>"});
  }

  BOOST_TEST(store.deleteCalendar(doomed.id));
  BOOST_TEST(store.userProperties(reader.id, "calendar:" + std::to_string(doomed.id)).empty());
  BOOST_TEST(store.userProperties(reader.id, "calendar:" + std::to_string(kept.id)).size() == 1u);
  BOOST_TEST(!store.deleteCalendar(doomed.id));
  BOOST_TEST(!store.findCalendarById(doomed.id));
  BOOST_TEST(store.listObjects(doomed.id).empty());
  BOOST_TEST(!store.getObject(doomed.id, "a.ics"));
  BOOST_TEST(store.sharesOfCalendar(doomed.id).empty());
  BOOST_TEST(store.deadProperties(doomed.id, "").empty());
  BOOST_TEST(store.deadProperties(doomed.id, "a.ics").empty());
  BOOST_TEST(!store.changesSince(doomed.id, 0).valid);

  // A new calendar under the same slug starts from nothing.
  const Calendar reborn = addCalendar(owner.id, "doomed");
  BOOST_TEST(reborn.syncSeq == 0);
  BOOST_TEST(store.changesSince(reborn.id, 0).changes.empty());

  BOOST_TEST(store.listObjects(kept.id).size() == 1u);
  BOOST_TEST(store.sharesOfCalendar(kept.id).size() == 1u);
  BOOST_TEST(store.deadProperties(kept.id, "a.ics").size() == 1u);
  BOOST_TEST(store.changesSince(kept.id, 0).changes.size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(shares_are_set_replaced_and_removed, Fixture) {
  const User owner = addUser("bupati");
  const User staf = addUser("staf");
  const User ajudan = addUser("ajudan");
  const Calendar agenda = addCalendar(owner.id, "agenda");
  const Calendar pribadi = addCalendar(owner.id, "pribadi");

  store.setShare({agenda.id, staf.id, true});
  store.setShare({pribadi.id, staf.id, false});
  store.setShare({agenda.id, ajudan.id, false});

  auto ofStaf = store.sharesOfUser(staf.id);
  BOOST_REQUIRE(ofStaf.size() == 2u);
  BOOST_TEST(ofStaf[0].calendarId == agenda.id);
  BOOST_TEST(ofStaf[0].write);
  BOOST_TEST(!ofStaf[1].write);
  BOOST_TEST(store.sharesOfCalendar(agenda.id).size() == 2u);

  store.setShare({agenda.id, staf.id, false});  // replaces, does not add
  ofStaf = store.sharesOfUser(staf.id);
  BOOST_REQUIRE(ofStaf.size() == 2u);
  BOOST_TEST(!ofStaf[0].write);

  store.removeShare(agenda.id, staf.id);
  BOOST_TEST(store.sharesOfUser(staf.id).size() == 1u);
  BOOST_TEST(store.sharesOfCalendar(agenda.id).size() == 1u);
  BOOST_CHECK_NO_THROW(store.removeShare(agenda.id, staf.id));

  BOOST_CHECK_THROW(store.setShare({9999, staf.id, true}), StoreError);
  BOOST_CHECK_THROW(store.setShare({agenda.id, 9999, true}), StoreError);
}

BOOST_FIXTURE_TEST_CASE(aides_are_assigned_and_unassigned, Fixture) {
  const User bupati = addUser("bupati", Role::Pimpinan);
  const User wakil = addUser("wakil", Role::Pimpinan);
  const User ajudan = addUser("ajudan", Role::Ajudan);

  store.assignAide(ajudan.id, bupati.id);
  store.assignAide(ajudan.id, wakil.id);
  store.assignAide(ajudan.id, bupati.id);  // twice is once
  BOOST_TEST((store.leadersOfAide(ajudan.id) == std::vector<std::int64_t>{bupati.id, wakil.id}));
  BOOST_TEST(store.leadersOfAide(bupati.id).empty());

  store.unassignAide(ajudan.id, bupati.id);
  BOOST_TEST((store.leadersOfAide(ajudan.id) == std::vector<std::int64_t>{wakil.id}));
  BOOST_CHECK_THROW(store.assignAide(ajudan.id, 9999), StoreError);
}

// --- objects ---

BOOST_FIXTURE_TEST_CASE(put_creates_then_updates, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  const auto created = put(store, c.id, "rapat.ics", "uid-rapat", "\"e1\"");
  BOOST_TEST((created.status == WriteStatus::Created));
  BOOST_TEST(created.etag == "\"e1\"");
  BOOST_TEST(created.syncSeq == 1);

  auto stored = store.getObject(c.id, "rapat.ics");
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->uid == "uid-rapat");
  BOOST_TEST(stored->etag == "\"e1\"");
  BOOST_TEST(stored->component == "VEVENT");
  BOOST_TEST(stored->ical == icalFor("uid-rapat"));
  BOOST_TEST(stored->size == static_cast<std::int64_t>(icalFor("uid-rapat").size()));
  BOOST_TEST(stored->index.firstStart == 1000);
  BOOST_TEST(stored->index.lastEnd == 2000);
  BOOST_TEST(!stored->index.recurring);
  BOOST_TEST(stored->modifiedAt > 1600000000);

  ObjectIndex recurring = eventIndex("uid-rapat", 500, kOpenEnd);
  recurring.recurring = true;
  const auto updated = store.putObject(c.id, "rapat.ics", "NEW TEXT", "\"e2\"", recurring, {});
  BOOST_TEST((updated.status == WriteStatus::Updated));
  BOOST_TEST(updated.syncSeq == 2);
  stored = store.getObject(c.id, "rapat.ics");
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->ical == "NEW TEXT");
  BOOST_TEST(stored->etag == "\"e2\"");
  BOOST_TEST(stored->index.recurring);
  BOOST_TEST(stored->index.lastEnd == kOpenEnd);
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 2);
  BOOST_TEST(store.listObjects(c.id).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(put_checks_preconditions_and_changes_nothing_when_they_fail, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  Precondition noneMatch;
  noneMatch.ifNoneMatchAny = true;
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"1\"", noneMatch).status == WriteStatus::Created));
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"2\"", noneMatch).status == WriteStatus::PreconditionFailed));

  Precondition wrong;
  wrong.ifMatch = "\"0\"";
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"2\"", wrong).status == WriteStatus::PreconditionFailed));
  Precondition weak;
  weak.ifMatch = "W/\"1\"";  // If-Match compares strongly
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"2\"", weak).status == WriteStatus::PreconditionFailed));
  Precondition malformed;
  malformed.ifMatch = "1";
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"2\"", malformed).status == WriteStatus::PreconditionFailed));
  Precondition anyOnMissing;
  anyOnMissing.ifMatch = "*";
  BOOST_TEST(
      (put(store, c.id, "missing.ics", "uid-m", "\"1\"", anyOnMissing).status == WriteStatus::PreconditionFailed));
  BOOST_TEST(!store.getObject(c.id, "missing.ics"));

  // Nothing above moved the calendar or the object.
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 1);
  BOOST_TEST(store.getObject(c.id, "a.ics")->etag == "\"1\"");
  BOOST_TEST(store.changesSince(c.id, 1).changes.empty());

  Precondition right;
  right.ifMatch = "\"1\"";
  auto result = put(store, c.id, "a.ics", "uid-a", "\"2\"", right);
  BOOST_TEST((result.status == WriteStatus::Updated));
  BOOST_TEST(result.syncSeq == 2);
  Precondition list;
  list.ifMatch = "\"x\", \"2\"";
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"3\"", list).status == WriteStatus::Updated));
  BOOST_TEST((put(store, c.id, "a.ics", "uid-a", "\"4\"", anyOnMissing).status == WriteStatus::Updated));
  BOOST_TEST(store.getObject(c.id, "a.ics")->etag == "\"4\"");
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 4);
}

BOOST_FIXTURE_TEST_CASE(a_uid_lives_under_one_name_per_calendar, Fixture) {
  const User owner = addUser("bupati");
  const Calendar c = addCalendar(owner.id, "agenda");
  const Calendar other = addCalendar(owner.id, "other");
  BOOST_TEST((put(store, c.id, "first.ics", "uid-1", "\"1\"").status == WriteStatus::Created));
  const auto conflict = put(store, c.id, "second.ics", "uid-1", "\"1\"");
  BOOST_TEST((conflict.status == WriteStatus::UidConflict));
  BOOST_TEST(conflict.conflictName == "first.ics");
  BOOST_TEST(conflict.syncSeq == 1);
  BOOST_TEST(!store.getObject(c.id, "second.ics"));

  // Updating the holder under its own name is fine, and so is another calendar.
  BOOST_TEST((put(store, c.id, "first.ics", "uid-1", "\"2\"").status == WriteStatus::Updated));
  BOOST_TEST((put(store, other.id, "second.ics", "uid-1", "\"1\"").status == WriteStatus::Created));

  // A name keeps its UID: writing another UID over it is a conflict with itself.
  const auto changed = put(store, c.id, "first.ics", "uid-other", "\"3\"");
  BOOST_TEST((changed.status == WriteStatus::UidConflict));
  BOOST_TEST(changed.conflictName == "first.ics");
  BOOST_TEST(store.getObject(c.id, "first.ics")->uid == "uid-1");

  const auto byUid = store.findObjectByUid(c.id, "uid-1");
  BOOST_REQUIRE(byUid);
  BOOST_TEST(byUid->name == "first.ics");
  BOOST_TEST(!store.findObjectByUid(c.id, "uid-none"));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 2);
}

BOOST_FIXTURE_TEST_CASE(writes_to_a_missing_calendar_are_not_found, Fixture) {
  BOOST_TEST((put(store, 9999, "a.ics", "uid", "\"1\"").status == WriteStatus::NotFound));
  BOOST_TEST((store.deleteObject(9999, "a.ics", {}).status == WriteStatus::NotFound));
  BOOST_TEST(!store.getObject(9999, "a.ics"));
  BOOST_TEST(store.listObjects(9999).empty());
  BOOST_CHECK_THROW(store.setDeadProperty(9999, "", {"urn:x", "p", "<p/>"}), StoreError);
}

BOOST_FIXTURE_TEST_CASE(delete_removes_the_object_and_its_properties, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  put(store, c.id, "a.ics", "uid-a", "\"1\"");
  put(store, c.id, "b.ics", "uid-b", "\"1\"");
  store.setDeadProperty(c.id, "a.ics", {"urn:x", "note", "<x:note xmlns:x=\"urn:x\">n</x:note>"});
  store.setDeadProperty(c.id, "", {"urn:x", "note", "<x:note xmlns:x=\"urn:x\">cal</x:note>"});

  BOOST_TEST((store.deleteObject(c.id, "nothing.ics", {}).status == WriteStatus::NotFound));
  Precondition wrong;
  wrong.ifMatch = "\"9\"";
  BOOST_TEST((store.deleteObject(c.id, "a.ics", wrong).status == WriteStatus::PreconditionFailed));
  Precondition noneMatch;
  noneMatch.ifNoneMatchAny = true;
  BOOST_TEST((store.deleteObject(c.id, "a.ics", noneMatch).status == WriteStatus::PreconditionFailed));
  BOOST_TEST(store.getObject(c.id, "a.ics"));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 2);

  Precondition right;
  right.ifMatch = "\"1\"";
  const auto deleted = store.deleteObject(c.id, "a.ics", right);
  BOOST_TEST((deleted.status == WriteStatus::Deleted));
  BOOST_TEST(deleted.syncSeq == 3);
  BOOST_TEST(!store.getObject(c.id, "a.ics"));
  BOOST_TEST(!store.findObjectByUid(c.id, "uid-a"));
  BOOST_TEST(store.deadProperties(c.id, "a.ics").empty());
  BOOST_TEST(store.deadProperties(c.id, "").size() == 1u);
  BOOST_TEST((store.deleteObject(c.id, "a.ics", {}).status == WriteStatus::NotFound));

  // The UID is free again, and the name can be reused.
  BOOST_TEST((put(store, c.id, "c.ics", "uid-a", "\"1\"").status == WriteStatus::Created));
  BOOST_TEST((put(store, c.id, "a.ics", "uid-new", "\"1\"").status == WriteStatus::Created));
}

BOOST_FIXTURE_TEST_CASE(objects_are_fetched_by_names_and_listed, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  for (int i = 0; i < 450; ++i) {
    put(store, c.id, "obj" + std::to_string(i) + ".ics", "uid" + std::to_string(i), "\"1\"");
  }
  // More names than one query takes, some missing, one repeated.
  std::vector<std::string> wanted;
  for (int i = 449; i >= 0; i -= 2) wanted.push_back("obj" + std::to_string(i) + ".ics");
  wanted.push_back("missing.ics");
  wanted.push_back("obj1.ics");
  const auto objects = store.getObjects(c.id, wanted);
  BOOST_REQUIRE(objects.size() == 225u);
  BOOST_TEST(objects.front().name == "obj449.ics");
  BOOST_TEST(objects.back().name == "obj1.ics");
  BOOST_TEST(objects.back().ical == icalFor("uid1"));
  BOOST_TEST(store.getObjects(c.id, {}).empty());
  BOOST_TEST(store.getObjects(c.id, {"missing.ics"}).empty());

  const auto listed = store.listObjects(c.id);
  BOOST_REQUIRE(listed.size() == 450u);
  BOOST_TEST(listed.front().name == "obj0.ics");
  BOOST_TEST(listed.front().etag == "\"1\"");
  BOOST_TEST(store.allObjects(c.id).size() == 450u);
}

// --- sync ---

BOOST_FIXTURE_TEST_CASE(changes_since_answers_initial_and_delta_syncs, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  auto initial = store.changesSince(c.id, 0);
  BOOST_TEST(initial.valid);
  BOOST_TEST(initial.current == 0);
  BOOST_TEST(initial.changes.empty());

  put(store, c.id, "a.ics", "uid-a", "\"1\"");  // 1
  put(store, c.id, "b.ics", "uid-b", "\"1\"");  // 2
  put(store, c.id, "c.ics", "uid-c", "\"1\"");  // 3
  store.deleteObject(c.id, "b.ics", {});        // 4
  put(store, c.id, "a.ics", "uid-a", "\"2\"");  // 5

  initial = store.changesSince(c.id, 0);
  BOOST_TEST(initial.valid);
  BOOST_TEST(initial.current == 5);
  BOOST_REQUIRE(initial.changes.size() == 2u);  // live objects only
  BOOST_TEST(initial.changes[0].name == "c.ics");
  BOOST_TEST(initial.changes[0].seq == 3);
  BOOST_TEST(initial.changes[1].name == "a.ics");
  BOOST_TEST(initial.changes[1].seq == 5);
  BOOST_TEST(!initial.changes[1].deleted);

  const auto delta = store.changesSince(c.id, 2);
  BOOST_TEST(delta.valid);
  BOOST_REQUIRE(delta.changes.size() == 3u);
  BOOST_TEST(delta.changes[0].name == "c.ics");
  BOOST_TEST(delta.changes[1].name == "b.ics");
  BOOST_TEST(delta.changes[1].deleted);
  BOOST_TEST(delta.changes[1].seq == 4);
  BOOST_TEST(delta.changes[2].name == "a.ics");  // once, at its latest change

  const auto upToDate = store.changesSince(c.id, 5);
  BOOST_TEST(upToDate.valid);
  BOOST_TEST(upToDate.changes.empty());

  const auto future = store.changesSince(c.id, 6);
  BOOST_TEST(!future.valid);
  BOOST_TEST(future.current == 5);
  BOOST_TEST(!store.changesSince(c.id, -1).valid);
  BOOST_TEST(!store.changesSince(9999, 0).valid);

  // A deleted name written again is live again.
  put(store, c.id, "b.ics", "uid-b", "\"2\"");
  const auto again = store.changesSince(c.id, 5);
  BOOST_REQUIRE(again.changes.size() == 1u);
  BOOST_TEST(!again.changes[0].deleted);
  BOOST_TEST(again.changes[0].seq == 6);
}

// --- time ranges ---

BOOST_FIXTURE_TEST_CASE(objects_overlapping_a_range_are_found_by_their_span, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  auto putSpan = [&](const std::string& name, Instant start, Instant end, const std::string& component = "VEVENT") {
    const auto r = store.putObject(c.id, name, "x", "\"1\"", eventIndex("uid-" + name, start, end, component), {});
    BOOST_REQUIRE((r.status == WriteStatus::Created));
  };
  putSpan("early", 100, 200);
  putSpan("middle", 300, 400);
  putSpan("late", 500, 600);
  putSpan("forever", 350, kOpenEnd);
  putSpan("always", kOpenStart, kOpenEnd);
  putSpan("todo", 300, 400, "VTODO");

  auto names = [&](std::string_view component, Instant start, Instant end) {
    return namesOf(store.objectsOverlapping(c.id, component, start, end));
  };
  using Names = std::set<std::string>;
  BOOST_TEST((names("", 250, 450) == Names{"middle", "forever", "always", "todo"}));
  BOOST_TEST((names("VEVENT", 250, 450) == Names{"middle", "forever", "always"}));
  BOOST_TEST((names("VTODO", 250, 450) == Names{"todo"}));
  BOOST_TEST((names("VJOURNAL", 250, 450) == Names{}));
  // Touching ends do not overlap: spans are half open.
  BOOST_TEST((names("VEVENT", 200, 300) == Names{"always"}));
  BOOST_TEST((names("VEVENT", kOpenStart, 150) == Names{"early", "always"}));
  BOOST_TEST((names("VEVENT", 550, kOpenEnd) == Names{"late", "forever", "always"}));
  BOOST_TEST(names("", kOpenStart, kOpenEnd).size() == 6u);

  // The sentinels come back as they went in.
  const auto always = store.getObject(c.id, "always");
  BOOST_REQUIRE(always);
  BOOST_TEST(always->index.firstStart == kOpenStart);
  BOOST_TEST(always->index.lastEnd == kOpenEnd);
  BOOST_TEST(store.objectsOverlapping(9999, "", kOpenStart, kOpenEnd).empty());
}

// --- dead properties ---

BOOST_FIXTURE_TEST_CASE(dead_properties_are_kept_per_resource, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  put(store, c.id, "a.ics", "uid-a", "\"1\"");
  store.setDeadProperty(c.id, "", {"http://apple.com/ns/ical/", "calendar-order", "<A:calendar-order>1</...>"});
  store.setDeadProperty(c.id, "", {"urn:b", "z", "<b:z/>"});
  store.setDeadProperty(c.id, "a.ics", {"urn:b", "z", "<b:z>object</b:z>"});

  auto props = store.deadProperties(c.id, "");
  BOOST_REQUIRE(props.size() == 2u);
  BOOST_TEST(props[0].ns == "http://apple.com/ns/ical/");
  BOOST_TEST(props[0].name == "calendar-order");
  BOOST_TEST(props[1].xml == "<b:z/>");

  store.setDeadProperty(c.id, "", {"urn:b", "z", "<b:z>2</b:z>"});  // replaces
  props = store.deadProperties(c.id, "");
  BOOST_REQUIRE(props.size() == 2u);
  BOOST_TEST(props[1].xml == "<b:z>2</b:z>");

  store.removeDeadProperty(c.id, "", "urn:b", "z");
  BOOST_TEST(store.deadProperties(c.id, "").size() == 1u);
  BOOST_CHECK_NO_THROW(store.removeDeadProperty(c.id, "", "urn:b", "z"));
  BOOST_TEST(store.deadProperties(c.id, "a.ics").size() == 1u);
  BOOST_TEST(store.deadProperties(c.id, "other.ics").empty());
}

// --- concurrency and scale ---

BOOST_FIXTURE_TEST_CASE(concurrent_writers_each_count_once, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kWritesPerThread; ++i) {
          const std::string name = std::to_string(t) + "-" + std::to_string(i % 10) + ".ics";
          // Readers run alongside the writers.
          if (i % 3 == 0) store.changesSince(c.id, 0);
          if (i % 5 == 0) store.listObjects(c.id);
          const auto r = put(store, c.id, name, "uid-" + name, quotedEtag(i));
          if (r.status != WriteStatus::Created && r.status != WriteStatus::Updated) ++failures;
        }
      } catch (const std::exception& e) {
        std::cerr << "writer failed: " << e.what() << "\n";
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  BOOST_TEST(failures.load() == 0);
  const auto calendar = store.findCalendarById(c.id);
  BOOST_TEST(calendar->syncSeq == kThreads * kWritesPerThread);
  const auto changes = store.changesSince(c.id, 0);
  BOOST_TEST(changes.current == kThreads * kWritesPerThread);
  BOOST_TEST(changes.changes.size() == static_cast<std::size_t>(kThreads * 10));
  // Every sequence number was handed out once.
  std::set<std::int64_t> seqs;
  for (const auto& change : changes.changes) seqs.insert(change.seq);
  BOOST_TEST(seqs.size() == changes.changes.size());
  BOOST_TEST(store.listObjects(c.id).size() == static_cast<std::size_t>(kThreads * 10));
}

BOOST_FIXTURE_TEST_CASE(ten_thousand_objects_list_and_overlap_quickly, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  constexpr int kObjects = 10000;
  const Instant day = 86400;
  // Loaded in one transaction beside the store: ten thousand separate
  // durable commits would time the disk's fsync, not the queries.
  {
    std::vector<std::string> names, uids;
    std::vector<Instant> starts, ends;
    for (int i = 0; i < kObjects; ++i) {
      uids.push_back("uid" + std::to_string(i));
      names.push_back(uids.back() + ".ics");
      starts.push_back(i * day);
      ends.push_back(i * day + 3600);
    }
    using namespace Poco::Data::Keywords;
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "BEGIN", now;
    // 1500 characters of text: the size of an ordinary event.
    raw << "INSERT INTO objects (calendar_id, name, uid, etag, component, size, modified_at, first_start, last_end, "
           "recurring, ical) VALUES (" +
               std::to_string(c.id) + ", ?, ?, '\"1\"', 'VEVENT', 1500, 0, ?, ?, 0, printf('%.1500c', 'x'))",
        use(names), use(uids), use(starts), use(ends), now;
    raw << "COMMIT", now;
  }
  std::vector<ObjectMeta> listed;
  const double listMs = millisecondsOf([&] { listed = store.listObjects(c.id); });
  std::vector<StoredObject> week;
  const double overlapMs =
      millisecondsOf([&] { week = store.objectsOverlapping(c.id, "VEVENT", 5000 * day, 5007 * day); });
  std::vector<StoredObject> openEnded;
  const double openEndedMs =
      millisecondsOf([&] { openEnded = store.objectsOverlapping(c.id, "", (kObjects - 3) * day, kOpenEnd); });
  const double putMs = millisecondsOf([&] { put(store, c.id, "new.ics", "uid-new", "\"1\""); });
  std::cout << kObjects << " objects: listObjects " << listMs << " ms, objectsOverlapping one week " << overlapMs
            << " ms, open-ended " << openEndedMs << " ms, putObject " << putMs << " ms\n";
  BOOST_TEST(listed.size() == static_cast<std::size_t>(kObjects));
  BOOST_TEST(listed.front().name == "uid0.ics");
  BOOST_TEST(week.size() == 7u);
  BOOST_TEST(openEnded.size() == 3u);
  BOOST_TEST(store.listObjects(c.id).size() == static_cast<std::size_t>(kObjects + 1));
  BOOST_TEST((put(store, c.id, "dup.ics", "uid5000", "\"1\"").status == WriteStatus::UidConflict));
}

// --- opening and migrating ---

BOOST_AUTO_TEST_CASE(open_store_accepts_sqlite_urls_only) {
  TempDatabase db;
  auto store = openStore("sqlite:" + db.path.string());
  BOOST_REQUIRE(store);
  store->migrate();
  BOOST_TEST(store->ping());

  auto messageOf = [](const std::string& url) {
    try {
      openStore(url);
    } catch (const StoreError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string mysql = messageOf("mysql://jadwal:secret@localhost/jadwal");
  BOOST_TEST(mysql.find("MySQL") != std::string::npos);
  BOOST_TEST(mysql.find("secret") == std::string::npos);
  const std::string unknown = messageOf("postgres://jadwal:secret@localhost/jadwal");
  BOOST_TEST(unknown.find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(unknown.find("secret") == std::string::npos);
  BOOST_TEST(messageOf("").find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(messageOf("jadwal.db").find("sqlite:PATH") != std::string::npos);
  BOOST_TEST(messageOf("sqlite:") != "no error");
  BOOST_TEST(messageOf("sqlite:/nonexistent-dir/sub/jadwal.db").find("cannot open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_state_lives_in_the_file_and_migrate_is_repeatable) {
  TempDatabase db;
  std::int64_t calendarId = 0;
  {
    SqliteStore first(db.path.string());
    first.migrate();
    User user;
    user.name = "bupati";
    Calendar calendar;
    calendar.ownerId = first.createUser(user).id;
    calendar.slug = "agenda";
    calendarId = first.createCalendar(calendar).id;
    put(first, calendarId, "a.ics", "uid-a", "\"1\"");
  }
  SqliteStore second(db.path.string());
  second.migrate();  // already current: changes nothing
  second.migrate();
  BOOST_TEST(second.findUser("bupati"));
  BOOST_TEST(second.findCalendarById(calendarId)->syncSeq == 1);
  BOOST_TEST(second.getObject(calendarId, "a.ics")->etag == "\"1\"");

  // Two stores on one file see each other's writes at once.
  SqliteStore third(db.path.string());
  put(third, calendarId, "b.ics", "uid-b", "\"1\"");
  BOOST_TEST(second.changesSince(calendarId, 1).changes.size() == 1u);
  BOOST_TEST((put(second, calendarId, "c.ics", "uid-b", "\"1\"").status == WriteStatus::UidConflict));
}

BOOST_AUTO_TEST_CASE(a_database_from_a_newer_build_is_refused) {
  TempDatabase db;
  {
    SqliteStore store(db.path.string());
    store.migrate();
  }
  {
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "INSERT INTO schema_version (version, applied_at) VALUES (999, 0)", Poco::Data::Keywords::now;
  }
  SqliteStore store(db.path.string());
  try {
    store.migrate();
    BOOST_FAIL("a newer schema was accepted");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("999") != std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(a_write_that_fails_half_way_leaves_no_trace, Fixture) {
  const Calendar c = addCalendar(addUser("bupati").id, "agenda");
  put(store, c.id, "a.ics", "uid-a", "\"1\"");
  {
    // Makes the last statement of a put fail, after the object row is written.
    Poco::Data::Session raw(Poco::Data::SQLite::Connector::KEY, db.path.string());
    raw << "CREATE TRIGGER refuse_boom BEFORE INSERT ON changes WHEN NEW.name = 'boom.ics' "
           "BEGIN SELECT RAISE(ABORT, 'refused by test'); END",
        Poco::Data::Keywords::now;
  }
  try {
    put(store, c.id, "boom.ics", "uid-boom", "\"1\"");
    BOOST_FAIL("the failing write reported success");
  } catch (const StoreError& e) {
    BOOST_TEST(std::string(e.what()).find("refused by test") != std::string::npos);
  }
  BOOST_TEST(!store.getObject(c.id, "boom.ics"));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 1);
  BOOST_TEST(store.changesSince(c.id, 1).changes.empty());
  // The store goes on working after the failure.
  BOOST_TEST((put(store, c.id, "b.ics", "uid-b", "\"1\"").status == WriteStatus::Created));
  BOOST_TEST(store.findCalendarById(c.id)->syncSeq == 2);
}
