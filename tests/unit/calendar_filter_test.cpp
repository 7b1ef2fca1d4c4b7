#define BOOST_TEST_MODULE calendar_filter
#include "calendar_filter_support.h"

// ------------------------------------------------------------ RFC 4791 7.8

BOOST_AUTO_TEST_SUITE(rfc4791_examples)

// 7.8.1 (and the filter of 7.8.2 and 7.8.3): events overlapping one day.
BOOST_AUTO_TEST_CASE(events_by_time_range) {
  auto filter = eventsInRange("20060104T000000Z", "20060105T000000Z");
  BOOST_CHECK(!matches(filter, singleEventJan2()));
  BOOST_CHECK(matches(filter, weeklyEvent()));
  BOOST_CHECK(matches(filter, eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED")));
  // The weekly event has no instance on Thursday 2006-01-05.
  BOOST_CHECK(!matches(eventsInRange("20060105T000000Z", "20060106T000000Z"), weeklyEvent()));
  // A range that only touches an event's end does not overlap it.
  BOOST_CHECK(!matches(eventsInRange("20060102T160000Z", "20060102T170000Z"), singleEventJan2()));
  BOOST_CHECK(matches(eventsInRange("20060102T155959Z", "20060102T170000Z"), singleEventJan2()));
}

// 7.8.4: stored VFREEBUSY components by time range.
BOOST_AUTO_TEST_CASE(free_busy_by_time_range) {
  auto withPeriods = calendarOf({"BEGIN:VFREEBUSY", "UID:fb@jadwal", "DTSTAMP:20060206T001330Z",
                                 "DTSTART:20060101T000000Z", "DTEND:20060108T000000Z",
                                 "FREEBUSY:20060102T150000Z/PT1H,20060104T150000Z/20060104T160000Z", "END:VFREEBUSY"});
  auto filterOn = [](std::string_view start, std::string_view end) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VFREEBUSY\"><C:time-range start=\"" +
           std::string(start) + "\" end=\"" + std::string(end) + "\"/></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(filterOn("20060102T000000Z", "20060103T000000Z"), withPeriods));
  BOOST_CHECK(matches(filterOn("20060104T153000Z", "20060104T154500Z"), withPeriods));
  // Inside DTSTART..DTEND but between the busy periods: the periods decide.
  BOOST_CHECK(!matches(filterOn("20060103T000000Z", "20060104T000000Z"), withPeriods));

  auto withoutPeriods = calendarOf({"BEGIN:VFREEBUSY", "UID:fb2@jadwal", "DTSTAMP:20060206T001330Z",
                                    "DTSTART:20060101T000000Z", "DTEND:20060108T000000Z", "END:VFREEBUSY"});
  BOOST_CHECK(matches(filterOn("20060103T000000Z", "20060104T000000Z"), withoutPeriods));
  BOOST_CHECK(!matches(filterOn("20060110T000000Z", "20060111T000000Z"), withoutPeriods));
}

// 7.8.5: to-dos with an alarm that triggers in a time range.
BOOST_AUTO_TEST_CASE(todos_by_alarm_time_range) {
  auto filter =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"><C:comp-filter name=\"VALARM\">"
      "<C:time-range start=\"20060106T100000Z\" end=\"20060107T100000Z\"/>"
      "</C:comp-filter></C:comp-filter></C:comp-filter>";
  // Due 12:00Z, alarm ten minutes before the due time: 11:50Z.
  auto beforeDue = todo({"DTSTART:20060106T090000Z", "DUE:20060106T120000Z", "STATUS:NEEDS-ACTION", "BEGIN:VALARM",
                         "ACTION:AUDIO", "TRIGGER;RELATED=END:-PT10M", "END:VALARM"});
  BOOST_CHECK(matches(filter, beforeDue));
  // Ten minutes before the start instead: 08:50Z, before the range.
  auto beforeStart = todo({"DTSTART:20060106T090000Z", "DUE:20060106T120000Z", "STATUS:NEEDS-ACTION", "BEGIN:VALARM",
                           "ACTION:AUDIO", "TRIGGER;RELATED=START:-PT10M", "END:VALARM"});
  BOOST_CHECK(!matches(filter, beforeStart));
  auto noAlarm = todo({"DTSTART:20060106T090000Z", "DUE:20060106T120000Z"});
  BOOST_CHECK(!matches(filter, noAlarm));
}

// 7.8.6: one event by UID, compared octet by octet.
BOOST_AUTO_TEST_CASE(event_by_uid) {
  auto calendar = eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED");
  auto byUid = [](std::string_view uid, std::string_view collation) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"UID\">"
           "<C:text-match collation=\"" +
           std::string(collation) + "\">" + std::string(uid) +
           "</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(byUid("DC6C50A017428C5216A2F1CD@example.com", "i;octet"), calendar));
  BOOST_CHECK(!matches(byUid("dc6c50a017428c5216a2f1cd@example.com", "i;octet"), calendar));
  BOOST_CHECK(matches(byUid("dc6c50a017428c5216a2f1cd@example.com", "i;ascii-casemap"), calendar));
  BOOST_CHECK(!matches(byUid("DC6C50A017428C5216A2F1CE@example.com", "i;octet"), calendar));
}

// 7.8.7: events where one attendee has not answered yet.
BOOST_AUTO_TEST_CASE(events_by_partstat) {
  auto filter =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"ATTENDEE\">"
      "<C:text-match collation=\"i;ascii-casemap\">mailto:lisa@example.com</C:text-match>"
      "<C:param-filter name=\"PARTSTAT\"><C:text-match collation=\"i;ascii-casemap\">NEEDS-ACTION</C:text-match>"
      "</C:param-filter></C:prop-filter></C:comp-filter></C:comp-filter>";
  BOOST_CHECK(matches(filter, eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED")));
  // The parameter must belong to the property that matched, not to another attendee.
  BOOST_CHECK(!matches(filter, eventJan4WithAttendees("ACCEPTED", "NEEDS-ACTION")));
  BOOST_CHECK(!matches(filter, weeklyEvent()));
}

// 7.8.8: events only.
BOOST_AUTO_TEST_CASE(events_only) {
  auto filter = "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"/></C:comp-filter>";
  BOOST_CHECK(matches(filter, singleEventJan2()));
  BOOST_CHECK(matches(filter, weeklyEvent()));
  BOOST_CHECK(!matches(filter, todo({"DUE:20060106T120000Z"})));
}

// 7.8.9: pending to-dos: not completed and not cancelled.
BOOST_AUTO_TEST_CASE(pending_todos) {
  auto filter =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\">"
      "<C:prop-filter name=\"COMPLETED\"><C:is-not-defined/></C:prop-filter>"
      "<C:prop-filter name=\"STATUS\"><C:text-match negate-condition=\"yes\">CANCELLED</C:text-match>"
      "</C:prop-filter></C:comp-filter></C:comp-filter>";
  BOOST_CHECK(matches(filter, todo({"DUE;VALUE=DATE:20060104", "STATUS:NEEDS-ACTION"})));
  BOOST_CHECK(!matches(filter, todo({"COMPLETED:20060205T235000Z", "STATUS:COMPLETED"})));
  BOOST_CHECK(!matches(filter, todo({"DUE;VALUE=DATE:20060104", "STATUS:CANCELLED"})));
  BOOST_CHECK(!matches(filter, singleEventJan2()));
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------ recurrence

BOOST_AUTO_TEST_SUITE(recurrence)

// Weekly from 2005-12-28; the 2006-01-04 instance moved to Friday 2006-01-06,
// the 2006-01-11 instance moved to Thursday 2006-01-05.
IcalComponent movedInstances() {
  return calendarOf({"BEGIN:VEVENT",
                     "UID:moved@jadwal",
                     "DTSTAMP:20060206T001121Z",
                     "DTSTART:20051228T120000Z",
                     "DTEND:20051228T130000Z",
                     "RRULE:FREQ=WEEKLY;COUNT=10",
                     "SUMMARY:Rapat Rutin",
                     "END:VEVENT",
                     "BEGIN:VEVENT",
                     "UID:moved@jadwal",
                     "DTSTAMP:20060206T001121Z",
                     "RECURRENCE-ID:20060104T120000Z",
                     "DTSTART:20060106T120000Z",
                     "DTEND:20060106T130000Z",
                     "SUMMARY:Rapat Rutin (diundur)",
                     "END:VEVENT",
                     "BEGIN:VEVENT",
                     "UID:moved@jadwal",
                     "DTSTAMP:20060206T001121Z",
                     "RECURRENCE-ID:20060111T120000Z",
                     "DTSTART:20060105T080000Z",
                     "DTEND:20060105T090000Z",
                     "SUMMARY:Rapat Khusus",
                     "END:VEVENT"});
}

BOOST_AUTO_TEST_CASE(overridden_instance_moved_out_of_range) {
  BOOST_CHECK(!matches(eventsInRange("20060104T000000Z", "20060105T000000Z"), movedInstances()));
}

BOOST_AUTO_TEST_CASE(overridden_instance_moved_into_range) {
  BOOST_CHECK(matches(eventsInRange("20060106T000000Z", "20060107T000000Z"), movedInstances()));
  BOOST_CHECK(matches(eventsInRange("20060105T000000Z", "20060106T000000Z"), movedInstances()));
  // The master's own instance a week later is still there.
  BOOST_CHECK(matches(eventsInRange("20060118T000000Z", "20060119T000000Z"), movedInstances()));
  // ... and the original slot of the moved 2006-01-11 instance is empty.
  BOOST_CHECK(!matches(eventsInRange("20060111T000000Z", "20060112T000000Z"), movedInstances()));
}

// Property conditions are tested on the component that supplies the
// instance in range: the override, not the master.
BOOST_AUTO_TEST_CASE(property_conditions_apply_to_the_instance_in_range) {
  auto khususIn = [](std::string_view start, std::string_view end) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"" +
           std::string(start) + "\" end=\"" + std::string(end) +
           "\"/><C:prop-filter name=\"SUMMARY\"><C:text-match>khusus</C:text-match></C:prop-filter>"
           "</C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(khususIn("20060105T000000Z", "20060106T000000Z"), movedInstances()));
  BOOST_CHECK(!matches(khususIn("20051228T000000Z", "20051229T000000Z"), movedInstances()));
}

BOOST_AUTO_TEST_CASE(alarm_of_a_recurring_event) {
  auto calendar =
      calendarOf({"BEGIN:VEVENT", "UID:alarm-weekly@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART:20051228T120000Z",
                  "DTEND:20051228T130000Z", "RRULE:FREQ=WEEKLY;COUNT=10", "SUMMARY:Rapat Rutin", "BEGIN:VALARM",
                  "ACTION:DISPLAY", "DESCRIPTION:Pengingat", "TRIGGER:-PT1H", "END:VALARM", "END:VEVENT"});
  auto alarmIn = [](std::string_view start, std::string_view end) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\">"
           "<C:time-range start=\"" +
           std::string(start) + "\" end=\"" + std::string(end) + "\"/></C:comp-filter></C:comp-filter></C:comp-filter>";
  };
  // The third instance (2006-01-11 12:00Z) alarms at 11:00Z.
  BOOST_CHECK(matches(alarmIn("20060111T103000Z", "20060111T113000Z"), calendar));
  // During the instance itself no alarm fires.
  BOOST_CHECK(!matches(alarmIn("20060111T113000Z", "20060111T130000Z"), calendar));
  // No instance on Thursdays.
  BOOST_CHECK(!matches(alarmIn("20060112T103000Z", "20060112T113000Z"), calendar));
}

// An override carries its own alarms: the master's alarm does not fire for it.
BOOST_AUTO_TEST_CASE(override_without_the_masters_alarm) {
  auto calendar =
      calendarOf({"BEGIN:VEVENT", "UID:alarm-moved@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART:20051228T120000Z",
                  "DTEND:20051228T130000Z", "RRULE:FREQ=WEEKLY;COUNT=10", "BEGIN:VALARM", "ACTION:DISPLAY",
                  "DESCRIPTION:Pengingat", "TRIGGER:-PT1H", "END:VALARM", "END:VEVENT", "BEGIN:VEVENT",
                  "UID:alarm-moved@jadwal", "DTSTAMP:20060206T001121Z", "RECURRENCE-ID:20060111T120000Z",
                  "DTSTART:20060111T150000Z", "DTEND:20060111T160000Z", "END:VEVENT"});
  auto alarmIn = [](std::string_view start, std::string_view end) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\">"
           "<C:time-range start=\"" +
           std::string(start) + "\" end=\"" + std::string(end) + "\"/></C:comp-filter></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(!matches(alarmIn("20060111T100000Z", "20060111T150000Z"), calendar));
  // The master's alarm still fires for its own instances.
  BOOST_CHECK(matches(alarmIn("20060104T100000Z", "20060104T150000Z"), calendar));
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------ alarms

BOOST_AUTO_TEST_SUITE(alarms)

std::string alarmIn(std::string_view start, std::string_view end) {
  return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\">"
         "<C:time-range start=\"" +
         std::string(start) + "\" end=\"" + std::string(end) + "\"/></C:comp-filter></C:comp-filter></C:comp-filter>";
}

IcalComponent eventWithAlarm(std::initializer_list<std::string_view> alarmLines) {
  std::string text =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal//Test//EN\r\nBEGIN:VEVENT\r\nUID:alarm@jadwal\r\n"
      "DTSTAMP:20060206T001121Z\r\nDTSTART:20060104T150000Z\r\nDTEND:20060104T160000Z\r\nSUMMARY:Apel\r\n"
      "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Pengingat\r\n";
  for (std::string_view line : alarmLines) {
    text += line;
    text += "\r\n";
  }
  text += "END:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  IcalComponent calendar = parseStored(text);
  BOOST_REQUIRE(calendar);
  return calendar;
}

BOOST_AUTO_TEST_CASE(trigger_time_not_event_span) {
  auto calendar = eventWithAlarm({"TRIGGER:-PT15M"});  // 14:45Z
  BOOST_CHECK(matches(alarmIn("20060104T143000Z", "20060104T145000Z"), calendar));
  BOOST_CHECK(!matches(alarmIn("20060104T145000Z", "20060104T153000Z"), calendar));
  BOOST_CHECK(!matches(alarmIn("20060104T140000Z", "20060104T144500Z"), calendar));
}

BOOST_AUTO_TEST_CASE(trigger_related_to_end) {
  auto calendar = eventWithAlarm({"TRIGGER;RELATED=END:PT5M"});  // 16:05Z
  BOOST_CHECK(matches(alarmIn("20060104T160000Z", "20060104T161000Z"), calendar));
  BOOST_CHECK(!matches(alarmIn("20060104T145000Z", "20060104T160000Z"), calendar));
}

BOOST_AUTO_TEST_CASE(absolute_trigger) {
  auto calendar = eventWithAlarm({"TRIGGER;VALUE=DATE-TIME:20060101T080000Z"});
  BOOST_CHECK(matches(alarmIn("20060101T000000Z", "20060102T000000Z"), calendar));
  BOOST_CHECK(!matches(alarmIn("20060104T000000Z", "20060105T000000Z"), calendar));
}

BOOST_AUTO_TEST_CASE(repeated_trigger) {
  // Fires at 14:45, 14:50 and 14:55.
  auto calendar = eventWithAlarm({"TRIGGER:-PT15M", "REPEAT:2", "DURATION:PT5M"});
  BOOST_CHECK(matches(alarmIn("20060104T145200Z", "20060104T145800Z"), calendar));
  BOOST_CHECK(!matches(alarmIn("20060104T145600Z", "20060104T153000Z"), calendar));
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------ text-match

BOOST_AUTO_TEST_SUITE(text_match)

BOOST_AUTO_TEST_CASE(collations) {
  BOOST_CHECK(isSupportedCollation("i;ascii-casemap"));
  BOOST_CHECK(isSupportedCollation("i;octet"));
  BOOST_CHECK(!isSupportedCollation("i;unicode-casemap"));
  BOOST_CHECK(!isSupportedCollation(""));

  BOOST_CHECK(containsUnderCollation("Rapat Koordinasi", "rapat koor", kAsciiCasemap));
  BOOST_CHECK(!containsUnderCollation("Rapat Koordinasi", "rapat koor", kOctet));
  BOOST_CHECK(containsUnderCollation("Rapat Koordinasi", "Koor", kOctet));
  BOOST_CHECK(containsUnderCollation("anything", "", kOctet));
  BOOST_CHECK(containsUnderCollation("", "", kAsciiCasemap));
  BOOST_CHECK(!containsUnderCollation("", "a", kAsciiCasemap));
  BOOST_CHECK(!containsUnderCollation("Rap", "Rapat", kAsciiCasemap));
  // Only ASCII letters fold: É (C3 89) and é (C3 A9) stay different.
  BOOST_CHECK(!containsUnderCollation("\xC3\x89t\xC3\xA9", "\xC3\xA9t\xC3\xA9", kAsciiCasemap));
  BOOST_CHECK(containsUnderCollation("\xC3\x89T\xC3\xA9", "\xC3\x89t\xC3\xA9", kAsciiCasemap));
}

std::string summaryMatch(std::string_view attributes, std::string_view text) {
  return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\">"
         "<C:text-match " +
         std::string(attributes) + ">" + std::string(text) +
         "</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
}

BOOST_AUTO_TEST_CASE(casemap_is_the_default) {
  auto calendar = eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED");  // "Rapat Koordinasi Inflasi"
  BOOST_CHECK(matches(summaryMatch("", "KOORDINASI"), calendar));
  BOOST_CHECK(!matches(summaryMatch("collation=\"i;octet\"", "KOORDINASI"), calendar));
  BOOST_CHECK(matches(summaryMatch("collation=\"i;octet\"", "Koordinasi"), calendar));
  BOOST_CHECK(!matches(summaryMatch("", "Pelantikan"), calendar));
}

BOOST_AUTO_TEST_CASE(negate_condition) {
  auto calendar = eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED");
  BOOST_CHECK(!matches(summaryMatch("negate-condition=\"yes\"", "inflasi"), calendar));
  BOOST_CHECK(matches(summaryMatch("negate-condition=\"yes\"", "pelantikan"), calendar));
  BOOST_CHECK(matches(summaryMatch("negate-condition=\"no\"", "inflasi"), calendar));
  // A text-match needs the property: a negated one does not match its absence.
  auto filter =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\">"
      "<C:text-match negate-condition=\"yes\">Pendopo</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
  BOOST_CHECK(!matches(filter, calendar));
}

BOOST_AUTO_TEST_CASE(escaped_text_is_matched_unescaped) {
  auto calendar = calendarOf({"BEGIN:VEVENT", "UID:comma@jadwal", "DTSTAMP:20060206T001121Z",
                              "DTSTART:20060104T150000Z", "SUMMARY:Apel\\, Upacara", "END:VEVENT"});
  BOOST_CHECK(matches(summaryMatch("", "apel, upacara"), calendar));
}

BOOST_AUTO_TEST_CASE(multi_valued_categories) {
  auto calendar = calendarOf({"BEGIN:VEVENT", "UID:categories@jadwal", "DTSTAMP:20060206T001121Z",
                              "DTSTART:20060104T150000Z", "CATEGORIES:Rapat,Dinas Luar", "END:VEVENT"});
  auto categories = [](std::string_view attributes, std::string_view text) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"CATEGORIES\">"
           "<C:text-match " +
           std::string(attributes) + ">" + std::string(text) +
           "</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(categories("", "dinas luar"), calendar));
  BOOST_CHECK(matches(categories("", "rapat"), calendar));
  BOOST_CHECK(!matches(categories("", "upacara"), calendar));
  BOOST_CHECK(matches(categories("negate-condition=\"yes\"", "upacara"), calendar));
}

BOOST_AUTO_TEST_CASE(x_property) {
  auto calendar = calendarOf({"BEGIN:VEVENT", "UID:x@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART:20060104T150000Z",
                              "X-JADWAL-PAKAIAN:PDH", "END:VEVENT"});
  auto filter = [](std::string_view text) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
           "name=\"x-jadwal-pakaian\"><C:text-match>" +
           std::string(text) + "</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(filter("pdh"), calendar));
  BOOST_CHECK(!matches(filter("PDL"), calendar));
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------ is-not-defined, params, properties

BOOST_AUTO_TEST_SUITE(conditions)

BOOST_AUTO_TEST_CASE(is_not_defined_first_level) {
  auto events = singleEventJan2();
  auto notDefined = [](std::string_view component) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"" + std::string(component) +
           "\"><C:is-not-defined/></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(notDefined("VTODO"), events));
  BOOST_CHECK(matches(notDefined("VJOURNAL"), events));
  BOOST_CHECK(!matches(notDefined("VEVENT"), events));
  // A component type nobody knows is never defined.
  BOOST_CHECK(matches(notDefined("X-UNKNOWN"), events));
  BOOST_CHECK(
      !matches("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"X-UNKNOWN\"/></C:comp-filter>", events));
  // No VTODO at all: a VTODO comp-filter without is-not-defined fails.
  BOOST_CHECK(!matches("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"/></C:comp-filter>", events));
}

BOOST_AUTO_TEST_CASE(is_not_defined_top_level) {
  BOOST_CHECK(!matches("<C:comp-filter name=\"VCALENDAR\"><C:is-not-defined/></C:comp-filter>", singleEventJan2()));
  BOOST_CHECK(matches("<C:comp-filter name=\"VCALENDAR\"/>", singleEventJan2()));
}

BOOST_AUTO_TEST_CASE(is_not_defined_nested_component) {
  auto filter =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\">"
      "<C:is-not-defined/></C:comp-filter></C:comp-filter></C:comp-filter>";
  BOOST_CHECK(matches(filter, singleEventJan2()));
  BOOST_CHECK(!matches(filter, eventWithDisplayAlarm()));
}

BOOST_AUTO_TEST_CASE(is_not_defined_property) {
  auto noDescription =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"DESCRIPTION\">"
      "<C:is-not-defined/></C:prop-filter></C:comp-filter></C:comp-filter>";
  auto noSummary =
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\">"
      "<C:is-not-defined/></C:prop-filter></C:comp-filter></C:comp-filter>";
  BOOST_CHECK(matches(noDescription, singleEventJan2()));
  BOOST_CHECK(!matches(noSummary, singleEventJan2()));
  // An empty prop-filter asks only that the property exists.
  BOOST_CHECK(
      matches("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
              "name=\"SUMMARY\"/></C:comp-filter></C:comp-filter>",
              singleEventJan2()));
  // Properties of the VCALENDAR itself.
  BOOST_CHECK(
      matches("<C:comp-filter name=\"VCALENDAR\"><C:prop-filter name=\"PRODID\"><C:text-match>jadwal"
              "</C:text-match></C:prop-filter></C:comp-filter>",
              singleEventJan2()));
}

BOOST_AUTO_TEST_CASE(param_filters) {
  auto calendar = eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED");  // only Lisa has CN
  auto attendeeWith = [](std::string_view param) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"ATTENDEE\">" +
           std::string(param) + "</C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  // Bernard has no CN: some attendee lacks it.
  BOOST_CHECK(matches(attendeeWith("<C:param-filter name=\"CN\"><C:is-not-defined/></C:param-filter>"), calendar));
  BOOST_CHECK(!matches(attendeeWith("<C:param-filter name=\"ROLE\"/>"), calendar));
  BOOST_CHECK(matches(attendeeWith("<C:param-filter name=\"cn\"/>"), calendar));
  BOOST_CHECK(matches(attendeeWith("<C:param-filter name=\"PARTSTAT\"><C:text-match>accepted</C:text-match>"
                                   "</C:param-filter>"),
                      calendar));
  BOOST_CHECK(!matches(attendeeWith("<C:param-filter name=\"PARTSTAT\"><C:text-match>DECLINED</C:text-match>"
                                    "</C:param-filter>"),
                       calendar));
  // Both parameter conditions must hold on the same attendee.
  BOOST_CHECK(!matches(attendeeWith("<C:param-filter name=\"CN\"><C:is-not-defined/></C:param-filter>"
                                    "<C:param-filter name=\"PARTSTAT\"><C:text-match>NEEDS-ACTION</C:text-match>"
                                    "</C:param-filter>"),
                       calendar));
}

BOOST_AUTO_TEST_CASE(property_time_range) {
  auto calendar = calendarOf({"BEGIN:VEVENT", "UID:wib@jadwal", "DTSTAMP:20060206T001121Z",
                              "DTSTART;TZID=Asia/Jakarta:20060104T080000", "DURATION:PT1H", "END:VEVENT"});
  auto propIn = [](std::string_view prop, std::string_view start, std::string_view end) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"" +
           std::string(prop) + "\"><C:time-range start=\"" + std::string(start) + "\" end=\"" + std::string(end) +
           "\"/></C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  // 08.00 WIB is 01:00Z.
  BOOST_CHECK(matches(propIn("DTSTART", "20060104T003000Z", "20060104T013000Z"), calendar));
  BOOST_CHECK(matches(propIn("DTSTART", "20060104T010000Z", "20060104T010001Z"), calendar));
  BOOST_CHECK(!matches(propIn("DTSTART", "20060104T013000Z", "20060104T020000Z"), calendar));
  BOOST_CHECK(!matches(propIn("DTSTART", "20060104T000000Z", "20060104T010000Z"), calendar));
  BOOST_CHECK(matches(propIn("DTSTAMP", "20060206T000000Z", "20060207T000000Z"), calendar));
  BOOST_CHECK(!matches(propIn("DTSTAMP", "20060207T000000Z", "20060208T000000Z"), calendar));
  // A text property has no time to compare.
  BOOST_CHECK(!matches(propIn("UID", "19000101T000000Z", "20990101T000000Z"), calendar));
  BOOST_CHECK(!matches(propIn("COMPLETED", "19000101T000000Z", "20990101T000000Z"), calendar));

  // A DATE is the whole day in the default zone (WIB): 2006-01-03 17:00Z to 2006-01-04 17:00Z.
  auto allDay = calendarOf(
      {"BEGIN:VEVENT", "UID:allday@jadwal", "DTSTAMP:20060206T001121Z", "DTSTART;VALUE=DATE:20060104", "END:VEVENT"});
  BOOST_CHECK(matches(propIn("DTSTART", "20060103T180000Z", "20060103T190000Z"), allDay));
  BOOST_CHECK(!matches(propIn("DTSTART", "20060104T170000Z", "20060104T190000Z"), allDay));
}

BOOST_AUTO_TEST_CASE(all_conditions_must_hold) {
  auto calendar = eventJan4WithAttendees("NEEDS-ACTION", "ACCEPTED");
  auto both = [](std::string_view summary) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\">"
           "<C:time-range start=\"20060104T000000Z\" end=\"20060105T000000Z\"/>"
           "<C:prop-filter name=\"SUMMARY\"><C:text-match>" +
           std::string(summary) +
           "</C:text-match></C:prop-filter>"
           "<C:prop-filter name=\"ORGANIZER\"/></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK(matches(both("inflasi"), calendar));
  BOOST_CHECK(!matches(both("pelantikan"), calendar));
}

BOOST_AUTO_TEST_CASE(not_a_vcalendar) {
  auto calendar = singleEventJan2();
  auto filter = filterFrom("<C:comp-filter name=\"VCALENDAR\"/>");
  BOOST_CHECK(!matchesFilter(filter, ComponentRef{}, TimeContext{}));
  const std::vector<ComponentRef> events = calendar.get().children("VEVENT");
  BOOST_REQUIRE_EQUAL(events.size(), 1u);
  const ComponentRef event = events[0];
  BOOST_CHECK(!matchesFilter(filter, event, TimeContext{}));
}

BOOST_AUTO_TEST_SUITE_END()
