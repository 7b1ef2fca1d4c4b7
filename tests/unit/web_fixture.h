#pragma once
// A whole web side (web_world.h) on the system clock, with users and a
// leader's calendar, driven through handleWeb as the HTTP layer would.

#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include <memory>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "server/client_key.h"
#include "web/web.h"
#include "web_world.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

namespace jadwal::testing {

inline std::string basicAuthorization(const std::string& user, const std::string& password) {
  const std::string plain = user + ":" + password;
  std::string out(sodium_base64_ENCODED_LEN(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return "Basic " + out;
}

// The value a response's Set-Cookie gives `name` ("" when it sets none).
inline std::string setCookieValue(const web::WebResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key != "Set-Cookie" || !value.starts_with(name + "=")) continue;
    return value.substr(name.size() + 1, value.find(';') - name.size() - 1);
  }
  return {};
}

struct WebFixture : ClockHolder<base::SystemClock>, WebWorld {
  explicit WebFixture(server::LoginLimits limits = {}, int cacheSeconds = 60)
      : WebWorld(clock, /*secureCookies=*/true, limits, cacheSeconds) {
    addUser("protokol", sql::Role::ProtocolStaff, "Petugas Protokol");
    const auto bupati = addUser("bupati", sql::Role::Leader, "Bupati Ogan Ilir");
    addUser("wabup", sql::Role::Leader, "Wakil Bupati");
    addAgenda(bupati, "Agenda Bupati");
  }

  // A request for the leader "bupati" a month ahead, with its letter named `letterName`.
  sql::RequestRow submit(const std::string& letterName = "surat undangan.pdf") {
    workflow::RequestForm form;
    form.requesterName = "Siti Aminah";
    form.requesterPosition = "Kepala Bidang";
    form.institution = "Dinas Pendidikan";
    form.whatsapp = "0812 3456 7890";
    form.email = "siti@example.org";
    form.letterNumber = "005/123/2031";
    form.letterDate = workflow::isoDate(clock.now(), "Asia/Jakarta");
    form.subject = "Undangan peresmian";
    form.letterType = "undangan";
    form.eventName = "Peresmian Gedung";
    form.date = workflow::isoDate(clock.now() + 30 * 86400, "Asia/Jakarta");
    form.startTime = "09:00";
    form.endTime = "11:00";
    form.venue = "Aula Dinas";
    form.leaderRole = "sambutan";
    form.leaders = {"bupati"};
    const auto outcome = service->submit(form, {{"surat", letterName, kPdf}});
    std::string errors;
    for (const auto& [field, message] : outcome.errors) errors += " " + field + ": " + message;
    BOOST_REQUIRE_MESSAGE(outcome.ok(), "submit failed:" + errors);
    return outcome.request;
  }

  static web::WebRequest request(const std::string& method, const std::string& path,
                                 const std::string& address = "203.0.113.7") {
    web::WebRequest request;
    request.method = method;
    request.path = path;
    request.remoteAddress = address;
    request.clientKey = server::clientKey(address);
    return request;
  }

  web::WebResponse send(const web::WebRequest& request) { return web::handleWeb(*context, request); }

  // Logs `name` in through the login page, as a browser would; returns the
  // session cookie ("jadwal_sesi=...") for the Cookie header.
  std::string sessionOf(const std::string& name) {
    const auto form = send(request("GET", "/staf/masuk"));
    std::string cookies;
    for (const auto& [key, value] : form.headers)
      if (key == "Set-Cookie") cookies += (cookies.empty() ? "" : "; ") + value.substr(0, value.find(';'));
    auto post = request("POST", "/staf/masuk");
    post.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    post.headers.emplace("Cookie", cookies);
    post.body = "nama=" + name + "&sandi=sandi-" + name;
    std::smatch hidden;
    if (std::regex_search(form.body, hidden, std::regex("name=\"csrf\" value=\"([^\"]+)\"")))
      post.body += "&csrf=" + hidden[1].str();
    const auto answer = send(post);
    const std::string session = setCookieValue(answer, "jadwal_sesi");
    BOOST_REQUIRE_MESSAGE(!session.empty(), "login of " + name + " failed: " + std::to_string(answer.status));
    return "jadwal_sesi=" + session;
  }

  // A GET as the user behind `session` (from sessionOf).
  web::WebResponse getAs(const std::string& session, const std::string& path,
                         std::multimap<std::string, std::string> query = {}) {
    auto get = request("GET", path);
    get.headers.emplace("Cookie", session);
    get.query = std::move(query);
    return send(get);
  }
};

}  // namespace jadwal::testing
