// The requester's pages after a submission: CSRF and hourly limits, the status page, revision and withdrawal, code
// lookup and letters.
#define BOOST_TEST_MODULE public_status
#include "public_pages_fixture.h"

BOOST_FIXTURE_TEST_SUITE(public_pages, Fixture)

BOOST_AUTO_TEST_CASE(submissions_without_a_valid_csrf_pair_are_refused) {
  const auto files = std::vector<Upload>{{"surat", "u.pdf", pdfBytes()}};
  // No field.
  BOOST_TEST(postMultipart("/permohonan", without(validFields(), "csrf"), files, formCookie()).status == 403);
  // No cookie (another site made the browser post).
  BOOST_TEST(postMultipart("/permohonan", validFields(), files, "").status == 403);
  // Field and cookie from two different valid tokens.
  const std::string other = newPublicCsrfToken(store->sessions(), now());
  BOOST_TEST(postMultipart("/permohonan", validFields(), files, std::string(kPublicCsrfCookie) + "=" + other).status ==
             403);
  // A token with a forged signature, in both places.
  std::string forged = csrfToken;
  forged.back() = forged.back() == 'a' ? 'b' : 'a';
  BOOST_TEST(postMultipart("/permohonan", with(validFields(), "csrf", forged), files,
                           std::string(kPublicCsrfCookie) + "=" + forged)
                 .status == 403);
  // An expired token.
  const std::string old = newPublicCsrfToken(store->sessions(), now() - kPublicCsrfLifetime - 10);
  auto expired =
      postMultipart("/permohonan", with(validFields(), "csrf", old), files, std::string(kPublicCsrfCookie) + "=" + old);
  BOOST_TEST(expired.status == 403);
  BOOST_TEST(contains(expired.body, "kedaluwarsa"));
  BOOST_TEST(store->requests().countRequests({}) == 0);
}

BOOST_AUTO_TEST_CASE(too_many_submissions_from_one_address_get_429) {
  // Forms sent back with errors do not count.
  for (int i = 0; i < 5; ++i) {
    BOOST_TEST(postMultipart("/permohonan", without(validFields(), "nama"), {}, formCookie()).status == 400);
  }
  submitValid();
  submitValid();
  submitValid();
  auto refused = postMultipart("/permohonan", validFields(), {{"surat", "u.pdf", pdfBytes()}}, formCookie());
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(headerOf(refused, "Retry-After") == "3600");
  BOOST_TEST(contains(refused.body, "Terlalu banyak permohonan"));
  BOOST_TEST(store->requests().countRequests({}) == 3);
  // Another address is not affected.
  submitValid("198.51.100.2");
}

BOOST_AUTO_TEST_CASE(status_page_shows_state_history_and_withdrawal) {
  const std::string code = submitValid();
  auto response = get("/permohonan/" + code);
  BOOST_TEST(response.status == 200);
  const std::string& body = response.body;
  BOOST_TEST(contains(body, ">Diajukan</span>"));
  BOOST_TEST(contains(body, "Peresmian Perpustakaan Digital"));
  BOOST_TEST(contains(body, "Permohonan diajukan"));
  BOOST_TEST(contains(body, "08.00–10.00 WIB"));
  BOOST_TEST(contains(body, "action=\"/permohonan/" + code + "/tarik\""));
  BOOST_TEST(!contains(body, "/revisi\""));
  BOOST_TEST(!contains(body, "0812 3456 7890"));  // contact data stays with staff
  BOOST_TEST(!contains(body, "siti.aminah"));

  // A code typed loosely in the address goes to its one spelling.
  std::string loose = code;
  std::transform(loose.begin(), loose.end(), loose.begin(), ::tolower);
  auto redirect = get("/permohonan/" + loose);
  BOOST_TEST(redirect.status == 301);
  BOOST_TEST(headerOf(redirect, "Location") == "/permohonan/" + code);
}

BOOST_AUTO_TEST_CASE(unknown_and_malformed_codes_are_404) {
  auto unknown = get("/permohonan/JDW-2345-6789");
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(contains(unknown.body, "Tidak ada permohonan dengan kode itu"));
  BOOST_TEST(get("/permohonan/bukan-kode").status == 404);
  BOOST_TEST(get("/permohonan/JDW-2345-6789/tanda-terima").status == 404);
  BOOST_TEST(get("/permohonan/JDW-2345-6789/lain").status == 404);
}

BOOST_AUTO_TEST_CASE(the_requester_can_withdraw_while_pending) {
  const std::string code = submitValid();
  // The first post asks, naming the activity, and changes nothing.
  auto asked = postMultipart("/permohonan/" + code + "/tarik", {{"csrf", csrfToken}, {"catatan", "Acara diundur"}}, {},
                             formCookie());
  BOOST_TEST(asked.status == 200);
  BOOST_TEST(contains(asked.body, "Yakin menarik permohonan ini?"));
  BOOST_TEST(contains(asked.body, "Peresmian Perpustakaan Digital"));
  BOOST_TEST(contains(asked.body, "name=\"yakin\" value=\"ya\""));
  BOOST_TEST(contains(asked.body, "value=\"Acara diundur\""));
  BOOST_TEST(store->requests().findRequestByCode(code)->state == "diajukan");
  auto response = postMultipart("/permohonan/" + code + "/tarik",
                                {{"csrf", csrfToken}, {"catatan", "Acara diundur"}, {"yakin", "ya"}}, {}, formCookie());
  BOOST_TEST(response.status == 303);
  BOOST_TEST(headerOf(response, "Location") == "/permohonan/" + code + "?pesan=ditarik");
  BOOST_TEST(store->requests().findRequestByCode(code)->state == "ditarik");
  BOOST_TEST(store->allObjects(hold.id).empty());  // the slot is freed

  auto page = get("/permohonan/" + code, "", {{"pesan", "ditarik"}});
  BOOST_TEST(contains(page.body, ">Ditarik</span>"));
  BOOST_TEST(contains(page.body, "Permohonan sudah ditarik."));
  BOOST_TEST(contains(page.body, "Acara diundur"));
  BOOST_TEST(!contains(page.body, "/tarik\""));

  auto again = postMultipart("/permohonan/" + code + "/tarik", {{"csrf", csrfToken}}, {}, formCookie());
  BOOST_TEST(again.status == 409);
  BOOST_TEST(contains(again.body, "tidak dapat diubah lagi"));
  // Without the CSRF pair nothing happens.
  const std::string other = submitValid();
  BOOST_TEST(postMultipart("/permohonan/" + other + "/tarik", {{"catatan", "x"}}, {}, formCookie()).status == 403);
  BOOST_TEST(store->requests().findRequestByCode(other)->state == "diajukan");
  BOOST_TEST(get("/permohonan/" + other + "/tarik").status == 405);
}

BOOST_AUTO_TEST_CASE(a_returned_request_takes_a_revised_letter) {
  const std::string code = submitValid();
  auto row = *store->requests().findRequestByCode(code);
  workflow::Decision decision;
  decision.action = workflow::Action::Return;
  decision.note = "Surat belum ditandatangani kepala sekolah";
  auto actor = workflow::Actor{caldav::Principal{protokol.id, protokol.name, protokol.role, protokol.displayName}};
  BOOST_REQUIRE(service->decide(row.id, row.version, decision, actor).ok());

  auto page = get("/permohonan/" + code);
  BOOST_TEST(contains(page.body, ">Dikembalikan untuk revisi</span>"));
  BOOST_TEST(contains(page.body, "Surat belum ditandatangani kepala sekolah"));
  BOOST_TEST(contains(page.body, "action=\"/permohonan/" + code + "/revisi\""));
  BOOST_TEST(contains(page.body, "action=\"/permohonan/" + code + "/tarik\""));
  BOOST_TEST(!contains(page.body, "Petugas Protokol"));  // staff names stay inside

  const std::string path = "/permohonan/" + code + "/revisi";
  auto missing = postMultipart(path, {{"csrf", csrfToken}, {"catatan", "sudah"}}, {}, formCookie());
  BOOST_TEST(missing.status == 400);
  BOOST_TEST(contains(missing.body, "id=\"galat-surat\""));
  BOOST_TEST(contains(missing.body, ">sudah</textarea>"));
  auto wrongType = postMultipart(path, {{"csrf", csrfToken}}, {{"surat", "revisi.pdf", pngBytes()}}, formCookie());
  BOOST_TEST(wrongType.status == 400);
  BOOST_TEST(contains(wrongType.body, "id=\"galat-surat\">Berkas harus PDF.<"));

  auto ok = postMultipart(path, {{"csrf", csrfToken}, {"catatan", "Sudah ditandatangani"}},
                          {{"surat", "revisi.pdf", pdfBytes("revisi")}}, formCookie());
  BOOST_TEST(ok.status == 303);
  BOOST_TEST(headerOf(ok, "Location") == "/permohonan/" + code + "?pesan=revisi_terkirim");
  auto updated = *store->requests().findRequestByCode(code);
  BOOST_TEST(updated.state == "diajukan");
  auto files = store->requests().filesOf(updated.id);
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[1].kind == "revisi");
  auto after = get("/permohonan/" + code, "", {{"pesan", "revisi_terkirim"}});
  BOOST_TEST(contains(after.body, "Surat revisi terkirim"));
  BOOST_TEST(contains(after.body, "Surat revisi dikirim"));
  BOOST_TEST(!contains(after.body, "/revisi\""));
  // A revision when nothing was returned is refused.
  auto late = postMultipart(path, {{"csrf", csrfToken}}, {{"surat", "r.pdf", pdfBytes("lagi")}}, formCookie());
  BOOST_TEST(late.status == 409);
}

BOOST_AUTO_TEST_CASE(typed_codes_are_looked_up) {
  const std::string code = submitValid();
  std::string typed = code.substr(4);  // without "JDW-", lower case, spaces
  std::transform(typed.begin(), typed.end(), typed.begin(), ::tolower);
  typed[4] = ' ';
  auto found = get("/permohonan/cek", "", {{"kode", " " + typed + " "}});
  BOOST_TEST(found.status == 303);
  BOOST_TEST(headerOf(found, "Location") == "/permohonan/" + code);
  auto unknown = get("/permohonan/cek", "", {{"kode", "JDW-2345-6789"}});
  BOOST_TEST(unknown.status == 404);
  BOOST_TEST(contains(unknown.body, "id=\"galat-kode\""));
  auto garbage = get("/permohonan/cek", "", {{"kode", "<script>"}});
  BOOST_TEST(garbage.status == 400);
  BOOST_TEST(contains(garbage.body, "id=\"galat-kode\""));
  BOOST_TEST(contains(garbage.body, "value=\"&lt;script&gt;\""));
  BOOST_TEST(get("/permohonan/cek").status == 200);
}

BOOST_AUTO_TEST_CASE(root_static_and_unknown_paths) {
  auto root = get("/");
  BOOST_TEST(root.status == 302);
  BOOST_TEST(headerOf(root, "Location") == "/permohonan");
  auto css = get("/static/jadwal.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.contentType == "text/css; charset=utf-8");
  BOOST_TEST(contains(css.body, ".galat"));
  BOOST_TEST(get("/static/none.css").status == 404);
  BOOST_TEST(get("/static/../web.h").status == 404);
  auto unknown = get("/permohonan/JDW-2345-6789/tanda-terima/x");
  BOOST_TEST(unknown.status == 404);
  WebRequest put;
  put.method = "PUT";
  put.path = "/permohonan";
  BOOST_TEST(handleWeb(*context, put).status == 405);
}

BOOST_AUTO_TEST_CASE(letters_open_for_those_allowed) {
  const std::string code = submitValid();
  auto row = *store->requests().findRequestByCode(code);
  auto file = store->requests().filesOf(row.id).at(0);
  const std::string path = "/lampiran/" + std::to_string(file.id) + "/" + file.name;
  auto fetch = [&](const std::string& target, const std::string& authorization) {
    WebRequest request;
    request.method = "GET";
    request.path = target;
    if (!authorization.empty()) request.headers.emplace("Authorization", authorization);
    return handleWeb(*context, request);
  };
  auto anonymous = fetch(path, "");
  BOOST_TEST(anonymous.status == 401);
  BOOST_TEST(headerOf(anonymous, "WWW-Authenticate").starts_with("Basic realm=\"Jadwal\""));
  BOOST_TEST(fetch(path, basic("bupati", "salah")).status == 401);

  auto leader = fetch(path, basic("bupati", "sandi-bupati"));  // asked
  BOOST_TEST(leader.status == 200);
  BOOST_TEST(leader.contentType == "application/pdf");
  BOOST_TEST(leader.body == pdfBytes());
  BOOST_TEST(headerOf(leader, "Content-Disposition").starts_with("inline; filename=\"" + file.name + "\""));
  BOOST_TEST(headerOf(leader, "X-Content-Type-Options") == "nosniff");
  BOOST_TEST(fetch(path, basic("protokol", "sandi-protokol")).status == 200);  // staff
  BOOST_TEST(fetch(path, basic("wabup", "sandi-wabup")).status == 403);        // not asked

  BOOST_TEST(fetch("/lampiran/" + std::to_string(file.id) + "/lain.pdf", basic("bupati", "sandi-bupati")).status ==
             404);
  BOOST_TEST(fetch("/lampiran/999999/" + file.name, basic("bupati", "sandi-bupati")).status == 404);
  BOOST_TEST(fetch("/lampiran/abc/" + file.name, basic("bupati", "sandi-bupati")).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
