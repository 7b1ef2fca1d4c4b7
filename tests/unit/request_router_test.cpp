#define BOOST_TEST_MODULE request_router
#include <boost/test/unit_test.hpp>

#include "server/request_router.h"

using namespace jadwal::server;

BOOST_AUTO_TEST_CASE(routes) {
  BOOST_TEST((routeFor("PROPFIND", "/.well-known/caldav") == Route::WellKnownCaldav));
  BOOST_TEST((routeFor("GET", "/.well-known/caldav/") == Route::WellKnownCaldav));
  BOOST_TEST((routeFor("GET", "/healthz") == Route::Health));
  BOOST_TEST((routeFor("GET", "/metrics") == Route::Metrics));
  BOOST_TEST((routeFor("PROPFIND", "/dav/") == Route::Dav));
  BOOST_TEST((routeFor("PROPFIND", "/dav") == Route::Dav));
  BOOST_TEST((routeFor("GET", "/dav/calendars/bupati/agenda/a.ics") == Route::Dav));
  BOOST_TEST((routeFor("PROPFIND", "/") == Route::Dav));
  BOOST_TEST((routeFor("OPTIONS", "/") == Route::Dav));
  BOOST_TEST((routeFor("GET", "/") == Route::Web));
  BOOST_TEST((routeFor("HEAD", "/") == Route::Web));
  BOOST_TEST((routeFor("POST", "/") == Route::Web));
  BOOST_TEST((routeFor("GET", "/permohonan") == Route::Web));
  BOOST_TEST((routeFor("POST", "/permohonan/JDW-7K3M-Q9XF/revisi") == Route::Web));
  BOOST_TEST((routeFor("GET", "/staf") == Route::Web));
  BOOST_TEST((routeFor("POST", "/staf/permohonan/3/keputusan") == Route::Web));
  BOOST_TEST((routeFor("GET", "/lampiran/4/surat.pdf") == Route::Web));
  BOOST_TEST((routeFor("GET", "/static/jadwal.css") == Route::Web));
  BOOST_TEST((routeFor("GET", "/agenda") == Route::Web));
  BOOST_TEST((routeFor("GET", "/agenda.json") == Route::Web));
  BOOST_TEST((routeFor("HEAD", "/agenda.ics") == Route::Web));
  BOOST_TEST((routeFor("GET", "/staf/agenda.txt") == Route::Web));
  BOOST_TEST((routeFor("GET", "/agendax") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/agenda/2023") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/ics/0123abcd.ics") == Route::Web));  // a feed; the web app refuses bad tokens
  BOOST_TEST((routeFor("GET", "/ics") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/icsx/a.ics") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/permohonanx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/stafx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/static.css") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/davx") == Route::NotFound));
  BOOST_TEST((routeFor("GET", "/healthz/") == Route::NotFound));
  BOOST_TEST((routeFor("PROPFIND", "/other") == Route::NotFound));
}
