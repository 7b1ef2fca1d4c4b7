// Parsing of calendar-query filters (refusals with their preconditions) and the index hint taken from them.
#define BOOST_TEST_MODULE calendar_filter_parsing
#include "calendar_filter_support.h"

// ------------------------------------------------------------ parsing

BOOST_AUTO_TEST_SUITE(parsing)

BOOST_AUTO_TEST_CASE(structure_and_defaults) {
  auto filter = filterFrom(
      "<C:comp-filter name=\"vcalendar\"><C:comp-filter name=\"vevent\">"
      "<C:time-range start=\"20060104T000000Z\"/>"
      "<C:prop-filter name=\"attendee\"><C:text-match>mailto:lisa@example.com</C:text-match>"
      "<C:param-filter name=\"partstat\"><C:text-match collation=\"i;octet\" negate-condition=\"yes\">ACCEPTED"
      "</C:text-match></C:param-filter></C:prop-filter>"
      "<D:unknown xmlns:D=\"DAV:\"/><C:future-extension/>"
      "</C:comp-filter></C:comp-filter>");
  BOOST_CHECK_EQUAL(filter.name, "VCALENDAR");
  BOOST_REQUIRE_EQUAL(filter.compFilters.size(), 1u);
  const CompFilter& event = filter.compFilters[0];
  BOOST_CHECK_EQUAL(event.name, "VEVENT");
  BOOST_CHECK(!event.isNotDefined);
  BOOST_REQUIRE(event.timeRange);
  BOOST_CHECK_EQUAL(event.timeRange->start, utc("20060104T000000Z"));
  BOOST_CHECK(event.timeRange->end == jadwal::sql::kOpenEnd);
  BOOST_REQUIRE_EQUAL(event.propFilters.size(), 1u);
  const PropFilter& attendee = event.propFilters[0];
  BOOST_CHECK_EQUAL(attendee.name, "ATTENDEE");
  BOOST_REQUIRE(attendee.textMatch);
  BOOST_CHECK_EQUAL(attendee.textMatch->text, "mailto:lisa@example.com");
  BOOST_CHECK_EQUAL(attendee.textMatch->collation, "i;ascii-casemap");
  BOOST_CHECK(!attendee.textMatch->negate);
  BOOST_REQUIRE_EQUAL(attendee.paramFilters.size(), 1u);
  BOOST_CHECK_EQUAL(attendee.paramFilters[0].name, "PARTSTAT");
  BOOST_REQUIRE(attendee.paramFilters[0].textMatch);
  BOOST_CHECK_EQUAL(attendee.paramFilters[0].textMatch->collation, "i;octet");
  BOOST_CHECK(attendee.paramFilters[0].textMatch->negate);
}

BOOST_AUTO_TEST_CASE(end_only_time_range) {
  auto filter = filterFrom(
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"><C:time-range end=\"20060104T000000Z\"/>"
      "</C:comp-filter></C:comp-filter>");
  BOOST_REQUIRE(filter.compFilters.at(0).timeRange);
  BOOST_CHECK(filter.compFilters[0].timeRange->start == jadwal::sql::kOpenStart);
  BOOST_CHECK_EQUAL(filter.compFilters[0].timeRange->end, utc("20060104T000000Z"));
}

BOOST_AUTO_TEST_CASE(structure_refused) {
  BOOST_CHECK_EQUAL(refusal(""), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VEVENT\"/>"), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"/><C:comp-filter name=\"VCALENDAR\"/>"), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter/>"), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter/></C:comp-filter>"), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter/>"
                            "</C:comp-filter></C:comp-filter>"),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:is-not-defined/>"
                            "<C:prop-filter name=\"SUMMARY\"/></C:comp-filter></C:comp-filter>"),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
                            "name=\"DTSTART\"><C:time-range start=\"20060104T000000Z\"/><C:text-match>x"
                            "</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>"),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
                            "name=\"SUMMARY\"><C:is-not-defined/><C:text-match>x</C:text-match></C:prop-filter>"
                            "</C:comp-filter></C:comp-filter>"),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
                            "name=\"ATTENDEE\"><C:param-filter name=\"PARTSTAT\"><C:is-not-defined/><C:text-match>x"
                            "</C:text-match></C:param-filter></C:prop-filter></C:comp-filter></C:comp-filter>"),
                    "valid-filter");
  // The element handed in must be the filter itself.
  BOOST_CHECK_THROW(parseFilter(parseXml("<C:comp-filter xmlns:C=\"urn:ietf:params:xml:ns:caldav\" "
                                         "name=\"VCALENDAR\"/>")),
                    FilterError);
}

BOOST_AUTO_TEST_CASE(time_range_refused) {
  auto withRange = [](std::string_view component, std::string_view attributes) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"" + std::string(component) + "\"><C:time-range " +
           std::string(attributes) + "/></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"20060104T000000\"")), "valid-filter");  // not UTC
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"2006-01-04T00:00:00Z\"")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"20060104\"")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "end=\"\"")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"20060105T000000Z\" end=\"20060104T000000Z\"")),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"20060104T000000Z\" end=\"20060104T000000Z\"")),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VTIMEZONE", "start=\"20060104T000000Z\"")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:time-range start=\"20060104T000000Z\"/>"
                            "</C:comp-filter>"),
                    "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withRange("VEVENT", "start=\"20060104T000000Z\" end=\"20060105T000000Z\"")), "");
}

BOOST_AUTO_TEST_CASE(text_match_refused) {
  auto withMatch = [](std::string_view attributes) {
    return "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\">"
           "<C:text-match " +
           std::string(attributes) + ">x</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter>";
  };
  BOOST_CHECK_EQUAL(refusal(withMatch("collation=\"i;unicode-casemap\"")), "supported-collation");
  BOOST_CHECK_EQUAL(refusal(withMatch("collation=\"\"")), "supported-collation");
  BOOST_CHECK_EQUAL(refusal(withMatch("negate-condition=\"maybe\"")), "valid-filter");
  BOOST_CHECK_EQUAL(refusal(withMatch("collation=\"i;octet\" negate-condition=\"no\"")), "");
  // Collation is checked in param-filters too.
  BOOST_CHECK_EQUAL(refusal("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:prop-filter "
                            "name=\"ATTENDEE\"><C:param-filter name=\"PARTSTAT\"><C:text-match collation=\"x;y\">a"
                            "</C:text-match></C:param-filter></C:prop-filter></C:comp-filter></C:comp-filter>"),
                    "supported-collation");
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------ indexHint

BOOST_AUTO_TEST_SUITE(index_hint)

BOOST_AUTO_TEST_CASE(component_and_range) {
  auto hint = indexHint(filterFrom(eventsInRange("20060104T000000Z", "20060105T000000Z")));
  BOOST_CHECK_EQUAL(hint.component, "VEVENT");
  BOOST_REQUIRE(hint.range);
  BOOST_CHECK_EQUAL(hint.range->start, utc("20060104T000000Z"));
  BOOST_CHECK_EQUAL(hint.range->end, utc("20060105T000000Z"));
}

BOOST_AUTO_TEST_CASE(component_without_range) {
  auto hint = indexHint(
      filterFrom("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VTODO\"><C:prop-filter name=\"COMPLETED\">"
                 "<C:is-not-defined/></C:prop-filter></C:comp-filter></C:comp-filter>"));
  BOOST_CHECK_EQUAL(hint.component, "VTODO");
  BOOST_CHECK(!hint.range);
}

BOOST_AUTO_TEST_CASE(open_ended_range) {
  auto hint = indexHint(filterFrom(
      "<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\"20060104T000000Z\"/>"
      "</C:comp-filter></C:comp-filter>"));
  BOOST_REQUIRE(hint.range);
  BOOST_CHECK_EQUAL(hint.range->start, utc("20060104T000000Z"));
  BOOST_CHECK(hint.range->end == jadwal::sql::kOpenEnd);
}

BOOST_AUTO_TEST_CASE(nothing_to_hint) {
  auto none = [](std::string_view inner) {
    auto hint = indexHint(filterFrom(inner));
    return hint.component.empty() && !hint.range;
  };
  BOOST_CHECK(none("<C:comp-filter name=\"VCALENDAR\"/>"));
  BOOST_CHECK(
      none("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:is-not-defined/>"
           "</C:comp-filter></C:comp-filter>"));
  BOOST_CHECK(
      none("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"/>"
           "<C:comp-filter name=\"VTODO\"/></C:comp-filter>"));
  // A nested time-range (an alarm's) says nothing about the event's own span.
  auto alarm = indexHint(
      filterFrom("<C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:comp-filter name=\"VALARM\">"
                 "<C:time-range start=\"20060104T000000Z\" end=\"20060105T000000Z\"/></C:comp-filter></C:comp-filter>"
                 "</C:comp-filter>"));
  BOOST_CHECK_EQUAL(alarm.component, "VEVENT");
  BOOST_CHECK(!alarm.range);
}

BOOST_AUTO_TEST_SUITE_END()
