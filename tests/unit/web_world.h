#pragma once
// The web side on a real SQLite store, shared by the web and staff page
// fixtures: the calendar service, the request service (on a clock the
// fixture owns), the authenticator and the web context.

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "base/clock.h"
#include "caldav/calendar_service.h"
#include "server/authenticator.h"
#include "server/credential_cache.h"
#include "server/password.h"
#include "sql/request_store.h"
#include "sql/store.h"
#include "temp_database.h"
#include "web/web.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"

namespace jadwal::testing {
inline namespace test_support {

inline const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
inline const std::string kPublicUrl = "https://agenda.example.go.id";

// Holds a fixture's clock in a base class listed before WebWorld, so the
// clock is built (and set) before the request service is given it.
template <typename ClockType>
struct ClockHolder {
  ClockType clock;
};

struct WebWorld {
  TempDatabase database;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> calendars;
  std::unique_ptr<workflow::Mailer> mailer;
  std::unique_ptr<workflow::RequestService> service;
  server::CredentialCache cache;
  std::unique_ptr<server::Authenticator> authenticator;
  std::unique_ptr<web::WebContext> context;

  // `workflowClock` must outlive the world. `cacheSeconds`: how long verified
  // passwords are remembered (0: every login is checked).
  WebWorld(const base::Clock& workflowClock, bool secureCookies, server::LoginLimits limits = {}, int cacheSeconds = 60)
      : cache(std::chrono::seconds(cacheSeconds), 100) {
    server::initSodium();
    store = sql::openStore("sqlite:" + database.path.string());
    store->migrate();
    calendars = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{});
    mailer = std::make_unique<workflow::Mailer>(workflow::SmtpConfig{});
    workflow::WorkflowConfig config;
    config.publicUrl = kPublicUrl;
    service = std::make_unique<workflow::RequestService>(*store, *calendars, *mailer, workflowClock, config);
    calendars->addObserver(service->calendarObserver());
    authenticator = std::make_unique<server::Authenticator>(*store, cache, limits);
    context = std::make_unique<web::WebContext>(
        web::WebContext{*store, *service, *authenticator, kPublicUrl, secureCookies, 1 << 20});
  }
  ~WebWorld() {
    context.reset();
    service.reset();
    mailer.reset();
    calendars.reset();
    store.reset();
  }

  // Users log in with "sandi-<name>".
  sql::User addUser(const std::string& name, sql::Role role, const std::string& displayName) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = displayName;
    user.passwordHash = server::hashPassword("sandi-" + name).value();
    return store->createUser(user).value();
  }

  // The leader's "agenda" calendar.
  sql::Calendar addAgenda(const sql::User& leader, const std::string& displayName) {
    sql::Calendar agenda;
    agenda.ownerId = leader.id;
    agenda.slug = "agenda";
    agenda.displayName = displayName;
    return store->createCalendar(agenda).value();
  }
};

inline std::string headerOf(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace test_support
}  // namespace jadwal::testing
