#define BOOST_TEST_MODULE sqlite_store
#include "sqlite_store_fixture.h"

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
  // A taken name is an outcome, not an error (store.h).
  User again;
  again.name = "ajudan1";
  again.role = Role::Viewer;
  const auto duplicate = store.createUser(again);
  BOOST_TEST((duplicate.status == CreateStatus::Exists));
  BOOST_TEST(!duplicate.created.has_value());
  BOOST_CHECK_THROW(addUser(""), StoreError);
  BOOST_TEST(store.listUsers().size() == 1u);
  BOOST_TEST(roleName(store.findUser("ajudan1")->role) == "ajudan");
}

BOOST_AUTO_TEST_CASE(a_full_database_is_told_apart_from_other_failures) {
  try {
    guarded("putObject", []() -> int { throw Poco::Data::SQLite::DatabaseFullException("database or disk is full"); });
    BOOST_FAIL("nothing was thrown");
  } catch (const StoreError& e) {
    BOOST_TEST((e.cause() == StoreError::Cause::StorageFull));
  }
  try {
    guarded("putObject", []() -> int { throw Poco::Data::SQLite::IOErrorException("disk I/O error"); });
    BOOST_FAIL("nothing was thrown");
  } catch (const StoreError& e) {
    BOOST_TEST((e.cause() == StoreError::Cause::Failure));
  }
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
  const Calendar first = addCalendar(bupati.id, "agenda");
  Calendar again;
  again.ownerId = bupati.id;
  again.slug = "agenda";
  again.displayName = "Another";
  const auto duplicate = store.createCalendar(again);
  BOOST_TEST((duplicate.status == CreateStatus::Exists));
  BOOST_TEST(!duplicate.created.has_value());
  BOOST_TEST((store.createCalendarWithinQuota(again, {}, {10, 1 << 20}).status == CreateStatus::Exists));
  BOOST_TEST(store.findCalendar("bupati", "agenda")->displayName == first.displayName);
  BOOST_CHECK_NO_THROW(addCalendar(wakil.id, "agenda"));  // the same slug under another owner
  BOOST_CHECK_THROW(addCalendar(9999, "agenda"), StoreError);
  BOOST_CHECK_THROW(addCalendar(bupati.id, ""), StoreError);
  BOOST_TEST(store.allCalendars().size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(a_calendar_is_created_with_its_properties_or_not_at_all, Fixture) {
  const User bupati = addUser("bupati");
  Calendar calendar;
  calendar.ownerId = bupati.id;
  calendar.slug = "kunjungan";
  const std::vector<DeadProperty> props{{"urn:x", "warna", "<X:warna xmlns:X=\"urn:x\">merah</X:warna>"}};
  // Past the owner's bytes: refused, and nothing of it is left.
  const auto refused = store.createCalendarWithinQuota(calendar, props, {10, 5});
  BOOST_TEST((refused.status == CreateStatus::QuotaExceeded));
  BOOST_TEST((refused.exceeded == CreateLimit::OwnerBytes));
  BOOST_TEST(!store.findCalendar("bupati", "kunjungan").has_value());
  BOOST_TEST(store.usageOf(bupati.id).bytes == 0);
  // Past the number of calendars: refused too, and told apart.
  const auto tooMany = store.createCalendarWithinQuota(calendar, props, {0, 1 << 20});
  BOOST_TEST((tooMany.exceeded == CreateLimit::Calendars));
  BOOST_TEST(!store.findCalendar("bupati", "kunjungan").has_value());

  const auto created = store.createCalendarWithinQuota(calendar, props, {10, 1 << 20});
  BOOST_TEST_REQUIRE(created.ok());
  const auto dead = store.deadProperties(created.value().id, "");
  BOOST_TEST_REQUIRE(dead.size() == 1u);
  BOOST_TEST(dead[0].xml == props[0].xml);
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
