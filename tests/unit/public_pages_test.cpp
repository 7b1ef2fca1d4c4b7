// The requester's pages driven through the web handler, on a real SQLite
// store with the real RequestService and calendar service: the form, a
// submission and its receipt, a re-shown form that keeps what was typed and
// uploaded, CSRF and the hourly limit, the status page with revision and
// withdrawal, code lookup, languages; and the letters at /lampiran.
#define BOOST_TEST_MODULE public_pages
#include "public_pages_fixture.h"

BOOST_FIXTURE_TEST_SUITE(public_pages, Fixture)

BOOST_AUTO_TEST_CASE(form_shows_every_field_in_indonesian_with_a_csrf_token) {
  auto response = get("/permohonan");
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.contentType == "text/html; charset=utf-8");
  const std::string& body = response.body;
  BOOST_TEST(contains(body, "<html lang=\"id\">"));
  BOOST_TEST(contains(body, "Permohonan Kehadiran Pimpinan"));
  for (const std::string field :
       {"nama",          "jabatan",        "instansi",    "whatsapp",         "email",   "nomor_surat",
        "tanggal_surat", "perihal",        "jenis_surat", "nama_kegiatan",    "tanggal", "jam_mulai",
        "jam_selesai",   "sampai_selesai", "tempat",      "alamat",           "pakaian", "peran",
        "undangan_lain", "narahubung",     "pimpinan",    "boleh_diwakilkan", "surat",   "pendukung"}) {
    BOOST_TEST(contains(body, "name=\"" + field + "\""), field);
  }
  BOOST_TEST(contains(body, "enctype=\"multipart/form-data\""));
  BOOST_TEST(contains(body, "accept=\"application/pdf,.pdf\""));
  // The leaders: enabled pimpinan accounts by display name.
  BOOST_TEST(contains(body, "value=\"bupati\""));
  BOOST_TEST(contains(body, "Bupati Ogan Ilir"));
  BOOST_TEST(contains(body, "Wakil Bupati"));
  BOOST_TEST(!contains(body, "Pimpinan Nonaktif"));
  BOOST_TEST(!contains(body, "Petugas Protokol"));
  BOOST_TEST(!contains(body, "class=\"galat\""));  // nothing wrong yet
  // The token is in the page and in a cookie, the same.
  const std::string token = hiddenCsrf(body);
  BOOST_TEST(!token.empty());
  BOOST_TEST(setCookieValue(response, kPublicCsrfCookie) == token);
  const std::string cookie = headerOf(response, "Set-Cookie");
  BOOST_TEST(contains(cookie, "HttpOnly"));
  BOOST_TEST(contains(cookie, "SameSite=Lax"));
  BOOST_TEST(contains(cookie, "Secure"));  // public_url is https
  // Security headers.
  BOOST_TEST(headerOf(response, "Content-Security-Policy").starts_with("default-src 'self'"));
  BOOST_TEST(headerOf(response, "X-Content-Type-Options") == "nosniff");
  BOOST_TEST(headerOf(response, "Referrer-Policy") == "same-origin");
  BOOST_TEST(headerOf(response, "X-Frame-Options") == "DENY");
}

BOOST_AUTO_TEST_CASE(a_fresh_cookie_token_is_reused_not_replaced) {
  auto response = get("/permohonan", formCookie());
  BOOST_TEST(hiddenCsrf(response.body) == csrfToken);
  BOOST_TEST(setCookieValue(response, kPublicCsrfCookie).empty());
}

BOOST_AUTO_TEST_CASE(english_on_request_and_the_choice_sticks) {
  auto english = get("/permohonan", "", {{"lang", "en"}});
  BOOST_TEST(contains(english.body, "<html lang=\"en\">"));
  BOOST_TEST(contains(english.body, "Request for a Leader"));
  BOOST_TEST(contains(english.body, "Full name"));
  BOOST_TEST(setCookieValue(english, "lang") == "en");
  auto byCookie = get("/permohonan", "lang=en");
  BOOST_TEST(contains(byCookie.body, "Full name"));
  WebRequest request;
  request.method = "GET";
  request.path = "/permohonan";
  request.headers.emplace("Accept-Language", "en-GB,en;q=0.9");
  BOOST_TEST(contains(handleWeb(*context, request).body, "Full name"));
  auto back = get("/permohonan", "lang=en", {{"lang", "id"}});
  BOOST_TEST(contains(back.body, "Nama lengkap"));
  BOOST_TEST(setCookieValue(back, "lang") == "id");
}

BOOST_AUTO_TEST_CASE(a_valid_submission_is_stored_held_and_receipted) {
  const std::string code = submitValid();
  auto stored = store->requests().findRequestByCode(code);
  BOOST_REQUIRE(stored);
  BOOST_TEST(stored->state == "diajukan");
  BOOST_TEST(stored->requesterName == "Siti Aminah");
  BOOST_TEST(stored->institution == "SMA Negeri 1 Indralaya");
  BOOST_TEST(stored->eventName == "Peresmian Perpustakaan Digital");
  BOOST_TEST(stored->leadersAsked == std::vector<std::string>{"bupati"});
  BOOST_TEST(stored->representativeAccepted);
  BOOST_TEST(stored->leaderRole == "sambutan");
  BOOST_TEST(stored->language == "id");
  BOOST_TEST((stored->end && *stored->end - stored->start == 7200));
  auto files = store->requests().filesOf(stored->id);
  BOOST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].kind == "surat");
  BOOST_TEST(files[0].contentType == "application/pdf");
  BOOST_TEST(*store->requests().blobBytes(files[0].sha256) == pdfBytes());
  // The slot is held on the staff calendar.
  auto objects = store->allObjects(hold.id);
  BOOST_REQUIRE(objects.size() == 1u);
  BOOST_TEST(contains(objects[0].ical, "STATUS:TENTATIVE"));

  auto receipt = get("/permohonan/" + code + "/tanda-terima");
  BOOST_TEST(receipt.status == 200);
  BOOST_TEST(contains(receipt.body, "class=\"kode-lacak\">" + code + "<"));
  BOOST_TEST(contains(receipt.body, "href=\"/permohonan/" + code + "\""));
  BOOST_TEST(contains(receipt.body, "https://jadwal.example.go.id/permohonan/" + code));
  BOOST_TEST(contains(receipt.body, "si***@example.org"));  // the mail went there, shown masked
  BOOST_TEST(!contains(receipt.body, "siti.aminah@example.org"));
}

BOOST_AUTO_TEST_CASE(receipt_without_email_says_nothing_of_mail) {
  auto response =
      postMultipart("/permohonan", without(validFields(), "email"), {{"surat", "u.pdf", pdfBytes()}}, formCookie());
  BOOST_REQUIRE_EQUAL(response.status, 303);
  auto receipt = get(headerOf(response, "Location"));
  BOOST_TEST(receipt.status == 200);
  BOOST_TEST(!contains(receipt.body, "class=\"info\""));
}

BOOST_AUTO_TEST_CASE(errors_are_shown_beside_their_fields_and_nothing_is_lost) {
  Fields fields = with(without(validFields(), "nama"), "email", "bukan-email");
  fields = with(fields, "alamat", "Jl. <b>Merdeka</b> & \"Raya\"");
  fields.emplace_back("pimpinan", "wabup");
  auto response = postMultipart("/permohonan", fields,
                                {{"surat", "Surat Undangan.pdf", pdfBytes()}, {"pendukung", "denah.png", pngBytes()}},
                                formCookie());
  BOOST_TEST(response.status == 400);
  const std::string& body = response.body;
  BOOST_TEST(contains(body, "class=\"galat\" id=\"galat-nama\">Wajib diisi.<"));
  BOOST_TEST(contains(body, "class=\"galat\" id=\"galat-email\">Alamat email tidak valid.<"));
  BOOST_TEST(contains(body, "aria-describedby=\"galat-nama\""));
  BOOST_TEST(contains(body, "aria-invalid=\"true\""));
  BOOST_TEST(contains(body, "id=\"ringkasan-galat\""));
  BOOST_TEST(contains(body, "href=\"#nama\""));
  BOOST_TEST(!contains(body, "id=\"galat-instansi\""));
  // Everything typed is back, escaped.
  BOOST_TEST(contains(body, "value=\"SMA Negeri 1 Indralaya\""));
  BOOST_TEST(contains(body, "value=\"bukan-email\""));
  BOOST_TEST(contains(body, "Jl. &lt;b&gt;Merdeka&lt;/b&gt; &amp; &quot;Raya&quot;</textarea>"));
  BOOST_TEST(!contains(body, "<b>Merdeka</b>"));
  BOOST_TEST(contains(body, "value=\"sambutan\" checked"));
  BOOST_TEST(contains(body, "value=\"undangan\" checked"));
  BOOST_TEST(contains(body, "value=\"bupati\" checked"));
  BOOST_TEST(contains(body, "value=\"wabup\" checked"));
  BOOST_TEST(contains(body, "name=\"boleh_diwakilkan\" value=\"1\" checked"));
  // The files that passed are kept, shown by name, carried in hidden fields.
  BOOST_TEST(contains(body, "class=\"berkas-tersimpan\">Surat Undangan.pdf<"));
  BOOST_TEST(contains(body, "class=\"berkas-tersimpan\">denah.png<"));
  BOOST_TEST(contains(body, "name=\"simpan_jenis\" value=\"surat\""));
  BOOST_TEST(hiddenCsrf(body) == csrfToken);
  BOOST_TEST(store->requests().countRequests({}) == 0);

  // Sending the re-shown form back (hidden fields included) without choosing
  // the files again succeeds with both files.
  std::regex hidden("<input type=\"hidden\" name=\"(simpan_[a-z0-9]+)\" value=\"([^\"]*)\">");
  Fields again = with(validFields(), "pimpinan", "bupati");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), hidden); it != std::sregex_iterator(); ++it) {
    again.emplace_back((*it)[1].str(), (*it)[2].str());
  }
  auto second = postMultipart("/permohonan", again, {}, formCookie());
  BOOST_REQUIRE_EQUAL(second.status, 303);
  auto code = headerOf(second, "Location").substr(12, 13);
  auto stored = store->requests().findRequestByCode(code);
  BOOST_REQUIRE(stored);
  auto files = store->requests().filesOf(stored->id);
  BOOST_REQUIRE(files.size() == 2u);
  BOOST_TEST(files[0].name == "Surat Undangan.pdf");
  BOOST_TEST(files[1].kind == "pendukung");
}

BOOST_AUTO_TEST_CASE(forged_kept_files_are_ignored) {
  // A blob someone else uploaded: its hash alone must not attach it.
  const std::string sha = store->requests().putBlob(pdfBytes("milik orang lain"), now());
  Fields fields = validFields();
  fields.insert(fields.end(), {{"simpan_jenis", "surat"},
                               {"simpan_nama", "curian.pdf"},
                               {"simpan_tipe", "application/pdf"},
                               {"simpan_sha256", sha},
                               {"simpan_tanda", std::string(64, '0')}});
  auto response = postMultipart("/permohonan", fields, {}, formCookie());
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-surat\">Unggah surat permohonan (PDF).<"));
  BOOST_TEST(!contains(response.body, "curian.pdf"));
}

BOOST_AUTO_TEST_CASE(a_letter_is_judged_by_its_bytes_and_size) {
  auto renamed = postMultipart("/permohonan", validFields(), {{"surat", "surat.pdf", pngBytes()}}, formCookie());
  BOOST_TEST(renamed.status == 400);
  BOOST_TEST(contains(renamed.body, "id=\"galat-surat\">Berkas harus PDF.<"));
  auto big = postMultipart("/permohonan", validFields(), {{"surat", "besar.pdf", pdfBytes(std::string(5000, 'x'))}},
                           formCookie());
  BOOST_TEST(big.status == 400);
  // The message names the limit it broke.
  BOOST_TEST(contains(big.body, "id=\"galat-surat\">Berkas terlalu besar. Ukuran paling besar per berkas: "));
  BOOST_TEST(contains(big.body, "value=\"Siti Aminah\""));  // the rest is kept
}

BOOST_AUTO_TEST_CASE(field_errors_are_in_the_page_language) {
  auto response = postMultipart("/permohonan", without(validFields(), "tempat"), {{"surat", "u.pdf", pdfBytes()}},
                                formCookie() + "; lang=en");
  BOOST_TEST(response.status == 400);
  BOOST_TEST(contains(response.body, "id=\"galat-tempat\">Required.<"));
  BOOST_TEST(store->requests().countRequests({}) == 0);
  // The requester's language is kept with the request for the mails.
  auto ok = postMultipart("/permohonan", validFields(), {{"surat", "u.pdf", pdfBytes()}}, formCookie() + "; lang=en");
  BOOST_REQUIRE_EQUAL(ok.status, 303);
  BOOST_TEST(store->requests().findRequestByCode(headerOf(ok, "Location").substr(12, 13))->language == "en");
}

BOOST_AUTO_TEST_SUITE_END()
