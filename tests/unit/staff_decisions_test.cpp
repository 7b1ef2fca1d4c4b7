// Staff pages: login throttling, what a co-invited leader sees, and decisions with their answers.
#define BOOST_TEST_MODULE staff_decisions
#include "base/clock.h"
#include "staff_pages_fixture.h"

BOOST_FIXTURE_TEST_SUITE(staff_pages, Fixture)

BOOST_AUTO_TEST_CASE(a_user_who_keeps_failing_to_log_in_from_an_address_is_refused_for_a_while) {
  server::LoginLimits limits;
  limits.failuresPerAddressAndName = 3;
  server::Authenticator limited(*store, cache, limits);
  web::WebContext copy = *context;
  web::WebContext* original = context.release();
  context.reset(
      new web::WebContext{copy.store, copy.requests, limited, copy.publicUrl, copy.secureCookies, copy.maxFileBytes});
  auto attempt = [&](const std::string& name, const std::string& password) {
    return send(loginForm({{"nama", name}, {"sandi", password}}));
  };
  for (int i = 0; i < 3; ++i) BOOST_TEST(attempt("staf", "salah-" + std::to_string(i)).status == 401);
  // Even the right password is not checked now: a guesser learns nothing.
  const auto refused = attempt("staf", "sandi-staf");
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(contains(refused.body, "Terlalu banyak percobaan"));
  // Another user behind the same address is not locked out.
  BOOST_TEST(attempt("bupati", "sandi-bupati").status == 303);
  context.reset(original);
}

BOOST_AUTO_TEST_CASE(a_co_invited_leader_sees_only_the_agendas_their_calendar_rights_show) {
  // Anyone can name two leaders on the public form: that must not open one
  // leader's day to the other, or to the other's aide.
  const auto row = submit({"bupati", "wabup"}, "Peresmian Pasar");
  putAgendaEvent("bupati", "pribadi-1", "Pertemuan Pribadi Bupati", "20310305T030000Z", "20310305T040000Z");
  putAgendaEvent("wabup", "wabup-1", "Rapat Wakil Bupati", "20310305T030000Z", "20310305T040000Z");
  const std::string page = "/staf/permohonan/" + std::to_string(row.id);

  const auto wabup = send(get(page, login("wabup")));
  BOOST_REQUIRE_EQUAL(wabup.status, 200);
  BOOST_TEST(contains(wabup.body, "Rapat Wakil Bupati"));
  BOOST_TEST(!contains(wabup.body, "Pertemuan Pribadi Bupati"));

  const auto staf = send(get(page, login("staf")));
  BOOST_TEST(contains(staf.body, "Pertemuan Pribadi Bupati"));
  BOOST_TEST(contains(staf.body, "Rapat Wakil Bupati"));
}

BOOST_AUTO_TEST_CASE(decisions_answer_303_400_409_and_403) {
  const auto row = submit({"bupati", "wabup"}, "Peresmian Jembatan");
  const std::string staf = login("staf");

  // Return without a note: the page again, the error next to the note.
  auto response = decide(staf, row.id, {{"aksi", "return"}, {"catatan", "  "}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-catatan\""));
  BOOST_TEST(contains(response.body, "Wajib diisi."));
  BOOST_TEST(stateOf(row.id) == "diajukan");

  // Not allowed from this state.
  response = decide(staf, row.id, {{"aksi", "cancel"}, {"catatan", "batal"}});
  BOOST_TEST(response.status == 409);
  BOOST_TEST(stateOf(row.id) == "diajukan");
  // Not an action at all.
  response = decide(staf, row.id, {{"aksi", "terbang"}});
  BOOST_TEST(response.status == 400);

  // A leader may not take a staff decision.
  response = decide(login("bupati"), row.id, {{"aksi", "verify"}});
  BOOST_TEST(response.status == 403);
  BOOST_TEST(stateOf(row.id) == "diajukan");

  // Verify: back to the page with a notice.
  response = decide(staf, row.id, {{"aksi", "verify"}, {"catatan", "lengkap"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/" + std::to_string(row.id) + "?pesan=keputusan");
  BOOST_TEST(stateOf(row.id) == "diverifikasi");
  auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf, {{"pesan", "keputusan"}}));
  BOOST_TEST(contains(page.body, "Keputusan disimpan."));
  BOOST_TEST(contains(page.body, "Staf Protokol"));  // who, in the history
  BOOST_TEST(contains(page.body, "Diajukan → Diverifikasi"));
  BOOST_TEST(contains(page.body, "lengkap"));

  // Someone decided meanwhile: the version shown is stale.
  response = decide(staf, row.id, {{"aksi", "reject"}, {"catatan", "tidak sesuai"}}, row.version);
  BOOST_TEST(response.status == 409);
  BOOST_TEST(contains(response.body, "Permohonan ini sudah diubah oleh orang lain; muat ulang halaman"));
  BOOST_TEST(stateOf(row.id) == "diverifikasi");

  // Approve for the second leader asked, at another venue.
  response = decide(staf, row.id, {{"aksi", "approve"}, {"pimpinan", "wabup"}, {"tempat", "Gedung Kesenian"}});
  BOOST_TEST(response.status == 303);
  auto approved = store->requests().findRequest(row.id).value();
  BOOST_TEST(approved.state == "disetujui");
  BOOST_TEST(approved.assignedLeader == "wabup");
  BOOST_TEST(approved.venue == "Gedung Kesenian");
  // The WhatsApp message for the requester, with a click-to-chat link.
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "<textarea id=\"pesan-wa\""));
  BOOST_TEST(contains(page.body, "https://wa.me/6281234567890?text="));
  BOOST_TEST(contains(page.body, "value=\"cancel\""));
  BOOST_TEST(contains(page.body, "value=\"reschedule\""));
  BOOST_TEST(!contains(page.body, "value=\"held\""));  // not before the date

  // Represent with nobody named: 400 with the error at the name.
  response = decide(staf, row.id, {{"aksi", "represent"}, {"pimpinan", "wabup"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-wakil_nama\""));
  BOOST_TEST(contains(response.body, "<a href=\"#galat-wakil_nama\">Nama</a>: Wajib diisi."));
  response = decide(
      staf, row.id,
      {{"aksi", "represent"}, {"pimpinan", "wabup"}, {"wakil_nama", "Drs. Ahmad"}, {"wakil_jabatan", "Asisten I"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "diwakilkan");
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Drs. Ahmad, Asisten I"));

  // Held only after the date.
  response = decide(staf, row.id, {{"aksi", "held"}});
  BOOST_TEST(response.status == 400);
  clock.at = activityStart + 3600 * 5;
  response = decide(staf, row.id, {{"aksi", "held"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "terlaksana");
  page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Tidak ada keputusan yang dapat diambil pada status ini."));
  BOOST_TEST(!contains(page.body, "/disposisi\""));  // nothing more to say once final
}

BOOST_AUTO_TEST_CASE(reject_and_cancel_need_a_reason) {
  const auto row = submit({"bupati"}, "Audiensi");
  const std::string staf = login("staf");
  auto response = decide(staf, row.id, {{"aksi", "reject"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-catatan\""));
  response = decide(staf, row.id, {{"aksi", "reject"}, {"catatan", "Jadwal penuh"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(stateOf(row.id) == "ditolak");
  const auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Jadwal penuh"));
  BOOST_TEST(contains(page.body, "wa.me"));
}

BOOST_AUTO_TEST_CASE(dispositions_by_the_leader_and_by_the_aide) {
  const auto row = submit({"bupati", "wabup"}, "Peresmian Jembatan");
  const auto dispose = [&](const std::string& cookie, std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("csrf", csrfOf(cookie));
    return send(post("/staf/permohonan/" + std::to_string(row.id) + "/disposisi", cookie, fields));
  };
  const std::string bupati = login("bupati");
  auto response = dispose(bupati, {{"pilihan", "hadir"}, {"catatan", "Siapkan sambutan"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/permohonan/" + std::to_string(row.id) + "?pesan=disposisi");
  auto dispositions = store->requests().dispositionsOf(row.id);
  BOOST_REQUIRE_EQUAL(dispositions.size(), 1u);
  BOOST_TEST(dispositions[0].choice == "hadir");
  BOOST_TEST(dispositions[0].byUserId.value_or(0) == store->findUser("bupati")->id);

  // "Represented" needs the name.
  response = dispose(bupati, {{"pilihan", "diwakilkan"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-wakil\""));
  response = dispose(bupati, {{"pilihan", "pergi"}});
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-pilihan\""));

  // The aide answers for their leader, not for another.
  const std::string ajudan = login("ajudan");
  response = dispose(ajudan, {{"pimpinan", "bupati"}, {"pilihan", "diwakilkan"}, {"wakil", "Sekda"}});
  BOOST_TEST(response.status == 303);
  dispositions = store->requests().dispositionsOf(row.id);
  BOOST_REQUIRE_EQUAL(dispositions.size(), 1u);  // replaces the leader's earlier answer
  BOOST_TEST(dispositions[0].representative == "Sekda");
  BOOST_TEST(dispositions[0].byUserId.value_or(0) == store->findUser("ajudan")->id);
  response = dispose(ajudan, {{"pimpinan", "wabup"}, {"pilihan", "hadir"}});
  BOOST_TEST(response.status == 403);

  // A leader answering for another leader is refused too.
  response = dispose(bupati, {{"pimpinan", "wabup"}, {"pilihan", "tidak_hadir"}});
  BOOST_TEST(response.status == 403);

  // Staff see it on the request, and may answer on a leader's behalf.
  const std::string staf = login("staf");
  auto page = send(get("/staf/permohonan/" + std::to_string(row.id), staf));
  BOOST_TEST(contains(page.body, "Sekda"));
  BOOST_TEST(contains(page.body, "Ajudan Bupati"));
  response = dispose(staf, {{"pimpinan", "wabup"}, {"pilihan", "tidak_hadir"}, {"catatan", "Dinas luar"}});
  BOOST_TEST(response.status == 303);
  BOOST_TEST(store->requests().dispositionsOf(row.id).size() == 2u);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
  const std::string cookie = login("staf");
  const auto response = send(post("/staf/keluar", cookie, {{"csrf", csrfOf(cookie)}}));
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/staf/masuk");
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "jadwal_sesi=;"));
  BOOST_TEST(contains(headerOf(response, "Set-Cookie"), "Max-Age=0"));
  BOOST_TEST(!store->sessions().findSession(web::sessionTokenHash(cookie), base::systemClock().now()));
  BOOST_TEST(send(get("/staf", cookie)).status == 303);
  // Logging out needs a POST.
  const std::string again = login("staf");
  BOOST_TEST(send(get("/staf/keluar", again)).status == 405);
}

BOOST_AUTO_TEST_CASE(pages_speak_english_when_asked) {
  const auto row = submit({"bupati"}, "Apel");
  const std::string cookie = login("staf");
  auto request = get("/staf/permohonan/" + std::to_string(row.id), cookie, {{"lang", "en"}});
  const auto page = send(request);
  BOOST_TEST(contains(page.body, "Wednesday, 5 March 2031, 09:00–11:00 WIB"));
  BOOST_TEST(contains(page.body, "Letters and files"));
  BOOST_TEST(contains(page.body, "Verify"));
}

BOOST_AUTO_TEST_SUITE_END()
