#define BOOST_TEST_MODULE staff_pages
#include "base/clock.h"
#include "staff_pages_fixture.h"

BOOST_FIXTURE_TEST_SUITE(staff_pages, Fixture)

BOOST_AUTO_TEST_CASE(pages_without_a_session_redirect_to_the_login) {
  auto response = send(get("/staf"));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk?lanjut=/staf");

  response = send(get("/staf/permohonan/7"));
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk?lanjut=/staf/permohonan/7");

  response = send(post("/staf/permohonan/7/keputusan", "", {{"aksi", "verify"}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location").starts_with("/staf/masuk?lanjut="));

  // A cookie that is no session is no login either.
  response = send(get("/staf", std::string(64, 'a')));
  BOOST_TEST(response.status == 303);

  // Paths outside /staf are not this module's.
  BOOST_TEST(!web::staffPages(*context, get("/stafx")));
  BOOST_TEST(!web::staffPages(*context, get("/permohonan")));

  const auto form = send(get("/staf/masuk", "", {{"lanjut", "/staf/permohonan/7"}}));
  BOOST_TEST(form.status == 200);
  BOOST_TEST(contains(form.body, "name=\"nama\""));
  BOOST_TEST(contains(form.body, "name=\"sandi\""));
  BOOST_TEST(contains(form.body, "value=\"/staf/permohonan/7\""));
}

BOOST_AUTO_TEST_CASE(wrong_credentials_all_get_the_same_401) {
  store->setDisabled("wabup", true);
  for (const auto& [name, password] : std::vector<std::pair<std::string, std::string>>{
           {"staf", "salah"}, {"tidak-ada", "sandi-tidak-ada"}, {"wabup", "sandi-wabup"}, {"", "x"}, {"a:b", "c"}}) {
    const auto response = send(loginForm({{"nama", name}, {"sandi", password}}));
    BOOST_TEST(response.status == 401, name);
    BOOST_TEST(contains(response.body, "Nama pengguna atau kata sandi salah"), name);
    BOOST_TEST(headerOf(response, "Set-Cookie").empty(), name);
    BOOST_TEST(headerOf(response, "WWW-Authenticate").empty());  // a page, not a browser dialog
  }
  // The name typed is kept.
  const auto response = send(loginForm({{"nama", "staf"}, {"sandi", "salah"}}));
  BOOST_TEST(contains(response.body, "value=\"staf\""));
  // English when asked.
  auto english = loginForm({{"nama", "staf"}, {"sandi", "salah"}});
  english.query.emplace("lang", "en");
  BOOST_TEST(contains(send(english).body, "Wrong user name or password"));
}

BOOST_AUTO_TEST_CASE(login_sets_a_hashed_session_cookie_and_follows_only_local_paths) {
  auto response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf");
  const std::string cookie = headerOf(response, "Set-Cookie");
  BOOST_TEST(contains(cookie, "HttpOnly"));
  BOOST_TEST(contains(cookie, "SameSite=Lax"));
  BOOST_TEST(contains(cookie, "Path=/"));
  BOOST_TEST(!contains(cookie, "Secure"));
  const std::string token = cookie.substr(12, cookie.find(';') - 12);
  BOOST_TEST(token.size() == 64u);
  // Only the hash is stored.
  BOOST_TEST(store->sessions().findSession(web::sessionTokenHash(token), base::systemClock().now()).has_value());
  BOOST_TEST(!store->sessions().findSession(token, base::systemClock().now()).has_value());
  BOOST_TEST(send(get("/staf", token)).status == 200);

  response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}, {"lanjut", "/staf/permohonan/3"}}));
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/3");
  for (const std::string evil : {"https://evil.example/staf", "//evil.example/staf", "/stafevil", "/permohonan",
                                 "/staf/\\evil", "/staf\r\nSet-Cookie: x=1"}) {
    response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}, {"lanjut", evil}}));
    BOOST_TEST(headerOf(response, "Location") == "/staf", evil);
  }

  context->secureCookies = true;
  response = send(loginForm({{"nama", "staf"}, {"sandi", "sandi-staf"}}));
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "; Secure"));
  // A logged-in user opening the login goes straight on.
  BOOST_TEST(send(get("/staf/masuk", token)).status == 303);
}

BOOST_AUTO_TEST_CASE(posts_without_the_session_csrf_token_are_refused) {
  const auto row = submit({"bupati"}, "Apel Gabungan");
  const std::string cookie = login("staf");
  auto response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                            {{"aksi", "verify"}, {"versi", std::to_string(row.version)}, {"csrf", "salah"}}));
  BOOST_TEST(response.status == 403);
  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                       {{"aksi", "verify"}, {"versi", std::to_string(row.version)}}));
  BOOST_TEST(response.status == 403);
  // Another session's token does not do either.
  const std::string other = login("staf");
  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/keputusan", cookie,
                       {{"aksi", "verify"}, {"versi", std::to_string(row.version)}, {"csrf", csrfOf(other)}}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(stateOf(row.id) == "diajukan");

  response = send(post("/staf/permohonan/" + std::to_string(row.id) + "/disposisi", cookie,
                       {{"pimpinan", "bupati"}, {"pilihan", "hadir"}}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(store->requests().dispositionsOf(row.id).empty());

  response = send(post("/staf/keluar", cookie, {}));
  BOOST_TEST(response.status == 403);
  BOOST_TEST(send(get("/staf", cookie)).status == 200);  // still logged in
}

BOOST_AUTO_TEST_CASE(the_inbox_shows_each_role_its_own_requests) {
  const auto forBupati = submit({"bupati"}, "Apel Gabungan ASN", "Dinas Pendidikan");
  const auto forWabup = submit({"wabup"}, "Rapat Inflasi", "Dinas Perdagangan");
  const auto forBoth = submit({"bupati", "wabup"}, "Peresmian Jembatan", "Dinas PUPR");

  const auto seen = [&](const std::string& user, std::multimap<std::string, std::string> query = {}) {
    // The inbox: /staf for staff; a leader's or aide's /staf is their agenda.
    const auto response = send(get(user == "staf" ? "/staf" : "/staf/permohonan", login(user), std::move(query)));
    BOOST_REQUIRE_EQUAL(response.status, 200);
    return response.body;
  };
  auto body = seen("staf");
  BOOST_TEST(contains(body, forBupati.code));
  BOOST_TEST(contains(body, forWabup.code));
  BOOST_TEST(contains(body, forBoth.code));
  // Newest first.
  BOOST_TEST(body.find(forBoth.code) < body.find(forBupati.code));
  // Each row: time in WIB, event, institution, leaders, state.
  BOOST_TEST(contains(body, "Rabu, 5 Maret 2031, 09.00–11.00 WIB"));
  BOOST_TEST(contains(body, "Dinas PUPR"));
  BOOST_TEST(contains(body, "Bupati Ogan Ilir, Wakil Bupati"));
  BOOST_TEST(contains(body, "Diajukan (3)"));
  BOOST_TEST(contains(body, "/staf/permohonan/" + std::to_string(forBupati.id)));

  // Leaders and aides see a request by its number, never its tracking code.
  const auto listed = [](const std::string& page, const sql::RequestRow& row) {
    return contains(page, "href=\"/staf/permohonan/" + std::to_string(row.id) + "\"");
  };
  body = seen("bupati");
  BOOST_TEST(listed(body, forBupati));
  BOOST_TEST(!listed(body, forWabup));
  BOOST_TEST(listed(body, forBoth));
  BOOST_TEST(contains(body, "#" + std::to_string(forBupati.id)));

  body = seen("ajudan");
  BOOST_TEST(listed(body, forBupati));
  BOOST_TEST(!listed(body, forWabup));
  BOOST_TEST(listed(body, forBoth));
  BOOST_TEST(contains(body, "Semua (2)"));

  // An aide of two leaders sees both, each request once.
  body = seen("ajudan2");
  BOOST_TEST(listed(body, forWabup));
  BOOST_TEST(contains(body, "Semua (3)"));
  for (const std::string user : {"bupati", "wabup", "ajudan", "ajudan2"}) {
    body = seen(user);
    for (const auto* row : {&forBupati, &forWabup, &forBoth}) BOOST_TEST(!contains(body, row->code), user);
  }

  const auto viewer = send(get("/staf/permohonan", login("tamu")));
  BOOST_TEST(viewer.status == 403);
  BOOST_TEST(!contains(viewer.body, forBupati.code));

  // Filter by state and search.
  const std::string staf = login("staf");
  BOOST_REQUIRE_EQUAL(decide(staf, forWabup.id, {{"aksi", "verify"}}).status, 303);
  body = seen("staf", {{"status", "diverifikasi"}});
  BOOST_TEST(contains(body, forWabup.code));
  BOOST_TEST(!contains(body, forBupati.code));
  BOOST_TEST(contains(body, "Diverifikasi (1)"));
  body = seen("staf", {{"q", "PUPR"}});
  BOOST_TEST(contains(body, forBoth.code));
  BOOST_TEST(!contains(body, forBupati.code));
  body = seen("staf", {{"q", "tidak ada yang cocok"}});
  BOOST_TEST(contains(body, "Tidak ada permohonan."));
  // An unknown state is no filter; a silly page number is the first page.
  body = seen("staf", {{"status", "bukan-status"}, {"hal", "-4"}});
  BOOST_TEST(contains(body, forBupati.code));
}

BOOST_AUTO_TEST_CASE(the_inbox_pages_by_twenty) {
  std::vector<sql::RequestRow> rows;
  for (int i = 0; i < 22; ++i) rows.push_back(submit({"bupati"}, "Kegiatan nomor " + std::to_string(i)));
  const std::string cookie = login("staf");
  auto body = send(get("/staf", cookie)).body;
  BOOST_TEST(contains(body, rows.back().code));
  BOOST_TEST(!contains(body, rows.front().code));
  BOOST_TEST(contains(body, "/staf?hal=2"));
  body = send(get("/staf", cookie, {{"hal", "2"}})).body;
  BOOST_TEST(contains(body, rows.front().code));
  BOOST_TEST(contains(body, rows[1].code));
  BOOST_TEST(!contains(body, rows.back().code));
}

BOOST_AUTO_TEST_CASE(the_request_page_shows_fields_letters_history_and_conflicts) {
  const auto row = submit({"bupati"}, "Apel Gabungan ASN");
  // 09:00-11:00 WIB is 02:00-04:00 UTC: the first overlaps, the second does not.
  putAgendaEvent("bupati", "rapat-1", "Rapat Koordinasi Inflasi", "20310305T030000Z", "20310305T050000Z");
  putAgendaEvent("bupati", "pasar-1", "Kunjungan Pasar", "20310305T070000Z", "20310305T080000Z");
  putAgendaEvent("bupati", "besok-1", "Acara Besok", "20310306T030000Z", "20310306T040000Z");

  const std::string cookie = login("staf");
  const auto response = send(get("/staf/permohonan/" + std::to_string(row.id), cookie));
  BOOST_REQUIRE_EQUAL(response.status, 200);
  const std::string& body = response.body;
  for (const std::string& field : std::vector<std::string>{
           "Apel Gabungan ASN", "Siti Aminah", "Kepala Bidang", "Dinas Pendidikan", "0812 3456 7890",
           "siti@example.org", "005/123/2031", "Kamis, 20 Februari 2031", "Aula Dinas", "Jl. Lintas Timur, Indralaya",
           "PDH", "Memberi sambutan", "Budi 0813 1111 2222", "Rabu, 5 Maret 2031, 09.00–11.00 WIB", row.code}) {
    BOOST_TEST(contains(body, field), field);
  }
  const auto files = store->requests().filesOf(row.id);
  BOOST_REQUIRE(!files.empty());
  BOOST_TEST(contains(body, "href=\"/lampiran/" + std::to_string(files.front().id) + "/"));
  BOOST_TEST(contains(body, "target=\"_blank\""));
  BOOST_TEST(contains(body, "Permohonan diajukan"));  // the audit's submit entry
  // The agenda that day, the overlapping item marked; the next day's not shown.
  BOOST_TEST(contains(body, "Rapat Koordinasi Inflasi"));
  BOOST_TEST(contains(body, "Kunjungan Pasar"));
  BOOST_TEST(!contains(body, "Acara Besok"));
  // In the day's agenda (the desk at the top lists the conflicts first).
  const auto agenda = body.find("id=\"agenda\"");
  BOOST_REQUIRE(agenda != std::string::npos);
  const auto conflict = body.find("Bentrok", agenda);
  BOOST_REQUIRE(conflict != std::string::npos);
  const auto marked = body.rfind("Rapat Koordinasi Inflasi", conflict);
  BOOST_TEST((marked != std::string::npos && marked > agenda));
  BOOST_TEST(body.find("Bentrok", conflict + 1) == std::string::npos);  // only one conflict
  // The desk at the top names the same conflict, and only it.
  const auto desk = body.find("id=\"putuskan\"");
  BOOST_REQUIRE(desk != std::string::npos);
  BOOST_TEST(desk < agenda);
  const std::string deskPart = body.substr(desk, agenda - desk);
  BOOST_TEST(contains(deskPart, "Rapat Koordinasi Inflasi"));
  BOOST_TEST(!contains(deskPart, "Kunjungan Pasar"));
  // Staff get the decisions allowed now, each with csrf and version.
  BOOST_TEST(contains(body, "value=\"verify\""));
  BOOST_TEST(contains(body, "value=\"return\""));
  BOOST_TEST(contains(body, "value=\"reject\""));
  // Approve and represent verify a submitted request in the same decision: their forms say so.
  BOOST_TEST(contains(body, "value=\"approve\""));
  BOOST_TEST(contains(body, "name=\"verifikasi\" value=\"1\""));
  BOOST_TEST(!contains(body, "value=\"cancel\""));
  BOOST_TEST(contains(body, "name=\"versi\" value=\"" + std::to_string(row.version) + "\""));
  BOOST_TEST(contains(body, "name=\"csrf\" value=\"" + csrfOf(cookie) + "\""));

  // The leader asked sees it with the disposition form and without decisions.
  const auto leaderPage = send(get("/staf/permohonan/" + std::to_string(row.id), login("bupati")));
  BOOST_TEST(leaderPage.status == 200);
  BOOST_TEST(contains(leaderPage.body, "/disposisi"));
  BOOST_TEST(!contains(leaderPage.body, "/keputusan"));
  BOOST_TEST(contains(leaderPage.body, "siti@example.org"));
  // Another leader, a viewer: refused, and nothing of the request shown.
  for (const std::string other : {"wabup", "tamu"}) {
    const auto refused = send(get("/staf/permohonan/" + std::to_string(row.id), login(other)));
    BOOST_TEST(refused.status == 403, other);
    BOOST_TEST(!contains(refused.body, "siti@example.org"), other);
  }
  BOOST_TEST(send(get("/staf/permohonan/999999", cookie)).status == 404);
  BOOST_TEST(send(get("/staf/permohonan/abc", cookie)).status == 404);
  BOOST_TEST(!web::staffPages(*context, get("/staf/permohonan/" + std::to_string(row.id) + "/lain", cookie)));
}

BOOST_AUTO_TEST_SUITE_END()
