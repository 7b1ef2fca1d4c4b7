#pragma once
// The world of the DAV unit tests: the DAV handler on a real SQLite store in
// a file of its own, with users added by role and requests sent as a client
// would, without HTTP.

#include <map>
#include <memory>
#include <string>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "sql/store.h"
#include "temp_database.h"

namespace jadwal::testing {
inline namespace test_support {

struct DavWorld {
  TempDatabase db;
  std::unique_ptr<sql::Store> store;
  std::unique_ptr<caldav::CalendarService> service;
  std::unique_ptr<caldav::DavHandler> dav;

  explicit DavWorld(caldav::QuotaLimits quota = {}) {
    store = sql::openStore("sqlite:" + db.path.string());
    store->migrate();
    service = std::make_unique<caldav::CalendarService>(*store, caldav::TimeContext{}, quota);
    dav = std::make_unique<caldav::DavHandler>(*store, *service, caldav::DavConfig{});
  }

  // A user with that login name, shown by the same name.
  caldav::Principal add(const std::string& name, sql::Role role) {
    sql::User user;
    user.name = name;
    user.role = role;
    user.displayName = name;
    user = store->createUser(user).value();
    return {user.id, user.name, user.role, user.displayName};
  }

  caldav::DavResponse call(const caldav::Principal& who, const std::string& method, const std::string& path,
                           const std::string& body = "", const std::map<std::string, std::string>& headers = {}) {
    caldav::DavRequest request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.user = who;
    for (const auto& [name, value] : headers) request.headers[name] = value;
    return dav->handle(request);
  }
};

// The value of a response header ("" when absent).
inline std::string headerOf(const caldav::DavResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

}  // namespace test_support
}  // namespace jadwal::testing
