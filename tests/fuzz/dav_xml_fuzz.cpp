// Every DAV XML request body, through the real handler on a real SQLite
// store: PROPFIND, PROPPATCH, MKCALENDAR and the REPORTs (calendar-query
// with its filters, multiget, free-busy, sync-collection) on a calendar that
// holds a plain, a recurring and an all-day event. The first byte picks the
// request; the rest is the body. Streamed answers are read to their end.
#include <Poco/TemporaryFile.h>

#include <cstdint>
#include <memory>
#include <string>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "sql/store.h"

using namespace jadwal;

namespace {

struct World {
  Poco::TemporaryFile file;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<caldav::DavHandler> dav;
  caldav::Principal owner;

  World() {
    store = sql::openStore("sqlite:" + file.path());
    store->migrate();
    caldav::TimeContext time;
    time.maxInstances = 200;
    time.maxSteps = 2000;
    calendars = std::make_unique<caldav::CalendarService>(*store, time);
    caldav::DavConfig config;
    config.time = time;
    config.answers.maxSteps = 5000;
    config.answers.maxBytes = 1 << 20;
    config.xml.maxBytes = 64 << 10;
    dav = std::make_unique<caldav::DavHandler>(*store, *calendars, config);

    sql::User user;
    user.name = "bupati";
    user.role = sql::Role::Leader;
    user.displayName = "Bupati";
    user = store->createUser(user).value();
    owner = {user.id, user.name, user.role, user.displayName};
    sql::Calendar agenda;
    agenda.ownerId = user.id;
    agenda.slug = "agenda";
    agenda.displayName = "Agenda";
    agenda = store->createCalendar(agenda).value();
    put(agenda, "rapat.ics", "DTSTART:20250107T010000Z\r\nDTEND:20250107T020000Z\r\n");
    put(agenda, "apel.ics",
        "DTSTART;TZID=Asia/Jakarta:20250106T073000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=20\r\n");
    put(agenda, "libur.ics", "DTSTART;VALUE=DATE:20250301\r\nDTEND;VALUE=DATE:20250302\r\nTRANSP:TRANSPARENT\r\n");
  }

  void put(const sql::Calendar& calendar, const std::string& name, const std::string& times) {
    std::string uid = name.substr(0, name.find('.'));
    calendars->put(calendar, name,
                   "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fuzz//EN\r\nBEGIN:VEVENT\r\nUID:" + uid +
                       "\r\nDTSTAMP:20250101T000000Z\r\n" + times + "SUMMARY:Acara " + uid +
                       "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                   {});
  }
};

struct Call {
  const char* method;
  const char* path;
  const char* depth;
};

// PROPPATCH and MKCALENDAR change the store; MKCALENDAR's calendar is
// deleted again so that the store does not grow from run to run.
constexpr Call kCalls[] = {
    {"PROPFIND", "/dav/calendars/bupati/agenda/", "1"},
    {"PROPFIND", "/dav/calendars/bupati/agenda/rapat.ics", "0"},
    {"PROPFIND", "/dav/", "1"},
    {"REPORT", "/dav/calendars/bupati/agenda/", "1"},
    {"REPORT", "/dav/calendars/bupati/agenda/apel.ics", "0"},
    {"PROPPATCH", "/dav/calendars/bupati/agenda/", "0"},
    {"MKCALENDAR", "/dav/calendars/bupati/baru/", "0"},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  if (size == 0) return 0;
  const Call& call = kCalls[data[0] % std::size(kCalls)];
  caldav::DavRequest request;
  request.method = call.method;
  request.path = call.path;
  request.headers["Depth"] = call.depth;
  request.headers["Content-Type"] = "application/xml; charset=utf-8";
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  request.user = world.owner;

  auto response = world.dav->handle(request);
  if (response.stream) {
    std::string part;
    while (response.stream->next(part)) part.clear();
  }
  if (request.method == std::string("MKCALENDAR") && response.status == 201) {
    caldav::DavRequest remove;
    remove.method = "DELETE";
    remove.path = call.path;
    remove.user = world.owner;
    world.dav->handle(remove);
  }
  return 0;
}
