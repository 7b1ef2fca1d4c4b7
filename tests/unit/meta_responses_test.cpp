// The responses written from listing rows (MetaResponses) are byte for byte
// those of the general property path (writePropResponse), and the writer is
// only offered for requests it can answer alone.
#define BOOST_TEST_MODULE meta_responses
#include <boost/test/unit_test.hpp>

#include "caldav/dav_context.h"
#include "caldav/meta_responses.h"
#include "caldav/properties.h"
#include "dav_fixture.h"

using namespace jadwal;
using caldav::MetaResponses;
using caldav::PropRequest;

namespace {

PropRequest propsOf(const std::vector<std::string>& davNames) {
  PropRequest request;
  request.mode = PropRequest::Mode::Prop;
  for (const auto& name : davNames) request.props.push_back({std::string(caldav::ns::kDav), name});
  return request;
}

sql::ObjectMeta sampleObject(const std::string& component) {
  sql::ObjectMeta object;
  object.name = "rapat pagi&1.ics";
  object.uid = "uid-1";
  object.etag = "\"a<b>&c\"";
  object.component = component;
  object.size = 1234;
  object.modifiedAt = 1700000000;
  return object;
}

// What each writer adds after the root element was opened.
std::string written(const std::function<void(caldav::XmlWriter&)>& write) {
  caldav::XmlWriter out;
  out.open(caldav::ns::kDav, "multistatus");
  const std::size_t before = out.size();
  write(out);
  return out.take().substr(before);
}

}  // namespace

BOOST_AUTO_TEST_CASE(meta_responses_match_the_general_path) {
  testing::DavWorld world;
  const caldav::Principal who = world.add("bupati", sql::Role::Leader);
  caldav::DavRequest request;
  request.user = who;
  const caldav::DavConfig config;
  caldav::DavContext ctx{*world.store, *world.service, config, request};
  sql::Calendar calendar;
  calendar.id = 7;
  calendar.ownerName = "bupati";
  calendar.slug = "agenda";
  const std::string href = "/dav/calendars/bupati/agenda/" + caldav::encodeSegment("rapat pagi&1.ics");

  const std::vector<std::vector<std::string>> asked = {
      {},
      {"getetag"},
      {"getetag", "getcontenttype"},
      {"getcontenttype", "getetag", "getcontentlength", "getlastmodified", "resourcetype"},
      {"getetag", "getetag"},
      {"resourcetype"},
  };
  for (const auto& component : {"VEVENT", "VTODO"}) {
    const sql::ObjectMeta object = sampleObject(component);
    for (const auto& names : asked) {
      const PropRequest props = propsOf(names);
      const auto meta = MetaResponses::of(props);
      BOOST_REQUIRE(meta.has_value());
      caldav::PropTarget target{caldav::ResourceKind::Object, href, nullptr, &calendar, caldav::Access::Owner, &object};
      const std::string general =
          written([&](caldav::XmlWriter& out) { caldav::writePropResponse(ctx, out, target, props); });
      const std::string fast = written([&](caldav::XmlWriter& out) { meta->write(out, href, object); });
      BOOST_TEST(fast == general);
    }
  }
}

BOOST_AUTO_TEST_CASE(other_requests_take_the_general_path) {
  BOOST_TEST(!MetaResponses::of(PropRequest{}).has_value());  // allprop
  PropRequest names;
  names.mode = PropRequest::Mode::PropName;
  BOOST_TEST(!MetaResponses::of(names).has_value());
  // Not in the listing row, or not found on every object, or possibly a dead property.
  for (const auto& other : {"displayname", "sync-token", "owner", "current-user-privilege-set", "x-made-up"})
    BOOST_TEST(!MetaResponses::of(propsOf({"getetag", other})).has_value());
  PropRequest data = propsOf({"getetag"});
  data.props.push_back({std::string(caldav::ns::kCalDav), "calendar-data"});
  BOOST_TEST(!MetaResponses::of(data).has_value());
  PropRequest foreign = propsOf({});
  foreign.props.push_back({"http://example.com/ns/", "getetag"});
  BOOST_TEST(!MetaResponses::of(foreign).has_value());
}
