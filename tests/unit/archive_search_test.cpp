// The archive's words (RequestStore::searchArchive on SQLite's FTS5): case
// and accents ignored, words matched from their start, every text field and
// the letters' text searched, ranked, marked, never read as FTS syntax, and
// the index kept in step with every write in its transaction.
#define BOOST_TEST_MODULE archive_search
#include <algorithm>

#include "archive_search_fixture.h"

// --- words ---

BOOST_FIXTURE_TEST_CASE(case_and_accents_are_ignored, ArchiveFixture) {
  const auto village = add("A", 10, [](RequestRow& r) { r.eventName = "Musyawarah Désa"; });
  const auto loud = add("B", 20, [](RequestRow& r) { r.eventName = "RAPAT DÉSA MAJU"; });
  add("C", 30, [](RequestRow& r) { r.eventName = "Rapat Kota"; });
  for (const std::string word : {"desa", "DESA", "Désa", "dÉsA", "DÉSA"}) {
    const auto page = search(word);
    BOOST_TEST(page.total == 2, word);
    auto hits = idsOf(page);
    std::sort(hits.begin(), hits.end());
    BOOST_TEST(hits == ids({village, loud}), word);
  }
}

BOOST_FIXTURE_TEST_CASE(a_word_matches_the_start_of_words, ArchiveFixture) {
  const auto market = add("A", 10, [](RequestRow& r) { r.eventName = "Peresmian Pasar Desa"; });
  add("B", 20, [](RequestRow& r) { r.eventName = "Pasar Malam"; });
  BOOST_TEST(found("peresmian") == ids({market}));
  BOOST_TEST(found("PERESMIAN") == ids({market}));
  BOOST_TEST(found("peres") == ids({market}));
  BOOST_TEST(found("resmi").empty());  // inside a word, not at its start
  BOOST_TEST(found("desa peres") == ids({market}));
  BOOST_TEST(found("pasar kota").empty());  // every word must match
  BOOST_TEST(search("pasar").total == 2);
}

BOOST_FIXTURE_TEST_CASE(every_text_field_of_a_request_is_searched, ArchiveFixture) {
  const std::vector<std::pair<std::string, std::function<void(RequestRow&)>>> fields = {
      {"kegiatanx", [](RequestRow& r) { r.eventName = "Kegiatanx"; }},
      {"perihalx", [](RequestRow& r) { r.subject = "Perihalx"; }},
      {"instansix", [](RequestRow& r) { r.institution = "Instansix"; }},
      {"pemohonx", [](RequestRow& r) { r.requesterName = "Pemohonx"; }},
      {"jabatanx", [](RequestRow& r) { r.requesterPosition = "Jabatanx"; }},
      {"nomorx", [](RequestRow& r) { r.letterNumber = "12/nomorx/2027"; }},
      {"tempatx", [](RequestRow& r) { r.venue = "Tempatx"; }},
      {"alamatx", [](RequestRow& r) { r.address = "Alamatx"; }},
      {"undanganx", [](RequestRow& r) { r.otherInvitees = "Undanganx"; }},
      {"narahubungx", [](RequestRow& r) { r.contactPerson = "Narahubungx"; }},
      {"catatanx", [](RequestRow& r) { r.decisionNote = "Catatanx"; }},
      {"wakilx", [](RequestRow& r) { r.representativeName = "Wakilx"; }},
  };
  int n = 0;
  for (const auto& [word, edit] : fields) {
    ++n;
    const auto row = add("F" + std::to_string(n), n, edit);
    const auto page = search(word);
    BOOST_TEST(idsOf(page) == ids({row}), word);
    BOOST_TEST_REQUIRE(page.hits.size() == 1u);
    BOOST_TEST(page.hits[0].matchedFile.empty(), word);
    BOOST_TEST(page.hits[0].snippet.find(kHighlightStart) != std::string::npos, word);
  }
  // What the index does not hold: the tracking code, the e-mail address.
  BOOST_TEST(found("F1").empty());
  BOOST_TEST(found("siti").empty());
}

BOOST_FIXTURE_TEST_CASE(a_letters_text_is_searched_and_named, ArchiveFixture) {
  const auto bridge = add("A", 10, {},
                          {letter("surat.pdf", "Dengan hormat, mohon kehadiran pada peresmian Jembatan Gantung."),
                           letter("lampiran.pdf", "Susunan acara: sambutan, doa.", "pendukung")});
  const auto field = add("B", 20, [](RequestRow& r) { r.eventName = "Jembatan Baru"; });
  auto page = search("jembatan gantung");
  BOOST_TEST(idsOf(page) == ids({bridge}));
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].matchedFile == "surat.pdf");
  BOOST_TEST(page.hits[0].snippet.find("\x02Jembatan\x03 \x02Gantung\x03") != std::string::npos, page.hits[0].snippet);

  page = search("doa");
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].matchedFile == "lampiran.pdf");

  page = search("jembatan baru");
  BOOST_TEST(idsOf(page) == ids({field}));
  BOOST_TEST(page.hits.at(0).matchedFile.empty());
}

BOOST_FIXTURE_TEST_CASE(hits_are_ranked_and_their_snippets_marked, ArchiveFixture) {
  const auto inAddress = add("A", 10, [](RequestRow& r) { r.address = "Jalan Irigasi 4"; });
  const auto inActivity = add("B", 5, [](RequestRow& r) { r.eventName = "Peninjauan Irigasi Sawah"; });
  std::string long_letter = "Dengan hormat,";
  for (int i = 0; i < 40; ++i) long_letter += " kami mengundang";
  const auto inLetter = add("C", 20, {}, {letter("surat.pdf", long_letter + " ke saluran irigasi.")});
  const auto page = search("irigasi");
  BOOST_TEST(page.total == 3);
  // The activity weighs most; the long letter with one mention least.
  BOOST_TEST(idsOf(page) == ids({inActivity, inAddress, inLetter}));
  BOOST_TEST(page.hits.at(0).snippet == "Peninjauan \x02Irigasi\x03 Sawah");
  BOOST_TEST(page.hits.at(1).snippet == "Jalan \x02Irigasi\x03 4");
  BOOST_TEST(page.hits.at(2).matchedFile == "surat.pdf");

  // Without words: no snippet, newest first.
  const auto all = search("");
  BOOST_TEST(idsOf(all) == ids({inLetter, inAddress, inActivity}));
  for (const ArchiveHit& hit : all.hits) BOOST_TEST(hit.snippet.empty());
}

BOOST_FIXTURE_TEST_CASE(fts_syntax_in_the_words_is_only_text, ArchiveFixture) {
  const auto market = add("A", 10, [](RequestRow& r) { r.eventName = "Peresmian Pasar Desa"; });
  const auto other = add("B", 20, [](RequestRow& r) { r.eventName = "Rapat and Near Kota"; });
  // Each still finds by its words, whatever syntax surrounds them.
  for (const std::string text :
       {"\"pasar", "pasar\"", "\"pasar\"", "pasar*", "*pasar", "pasar -desa", "-pasar", "(pasar)", "pasar)",
        "(pasar desa)", "^pasar", "pasar:", "+pasar", "pasar:desa", "\"\"pasar\"\"", "pasar\x01\x02", "pasar' desa"}) {
    BOOST_CHECK_NO_THROW(search(text));
    BOOST_TEST(found(text) == ids({market}), text);
  }
  // Operators and column filters are words like any other: required too.
  for (const std::string text : {"NOT pasar", "pasar AND desa", "pasar OR", "NEAR(pasar desa)", "pasar NEAR/2",
                                 "{event_name}: pasar", "event_name:pasar", "rapat OR kota"}) {
    BOOST_CHECK_NO_THROW(search(text));
    BOOST_TEST(found(text).empty(), text);
  }
  BOOST_TEST(found("AND") == ids({other}));
  BOOST_TEST(found("near") == ids({other}));
  BOOST_TEST(found("rapat AND kota") == ids({other}));
  BOOST_TEST(found("NEAR(kota") == ids({other}));  // the phrase "near kota"
  // Syntax alone is no word: the search is the one without words.
  for (const std::string text : {"\"", "*", "-", ":", "()", "\"\"", "( ) * : -", "\xE2\x80\x93", "\xF0\x9F\x99\x82"}) {
    BOOST_CHECK_NO_THROW(search(text));
    BOOST_TEST(search(text).total == 2, text);
  }
  // Bytes that are not UTF-8, and a very long input, are harmless.
  BOOST_CHECK_NO_THROW(search("\xff\xfe pasar \xc3"));
  BOOST_CHECK_NO_THROW(search(std::string(100000, 'a')));
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "pasar \"( ";
  BOOST_TEST(found(many) == ids({market}));
}

BOOST_FIXTURE_TEST_CASE(words_past_the_bound_are_not_searched, ArchiveFixture) {
  const auto market = add("A", 10, [](RequestRow& r) { r.eventName = "Peresmian Pasar Desa"; });
  std::string text;
  for (std::size_t i = 0; i < kMaxArchiveWords; ++i) text += "pasar ";
  BOOST_TEST(found(text + "zzz") == ids({market}));  // the word past the bound is left out
  BOOST_TEST(found("zzz " + text).empty());
}

// --- the index in step with the writes ---

BOOST_FIXTURE_TEST_CASE(the_index_follows_an_edit_and_a_state_change, ArchiveFixture) {
  const auto created = add("A", 10, [](RequestRow& r) { r.eventName = "Rapat Anggaran"; });
  RequestRow edited = created;
  edited.eventName = "Rapat Pembangunan";
  edited.decisionNote = "Disetujui dengan catatan khusus";
  edited.state = "disetujui";
  BOOST_REQUIRE(requests.updateRequest(edited, auditAt(20, "approve", 1)));
  BOOST_TEST(found("anggaran").empty());
  BOOST_TEST(found("pembangunan") == ids({created}));
  BOOST_TEST(found("khusus") == ids({created}));
  ArchiveQuery query;
  query.text = "rapat";
  query.states = {"diajukan"};
  BOOST_TEST(found(query).empty());
  query.states = {"disetujui"};
  BOOST_TEST(found(query) == ids({created}));
  // A write that changes no word (the calendar's links) keeps the index as it is.
  RequestRow linked = *requests.findRequest(created.id);
  linked.eventCalendarId = 7;
  linked.eventObjectName = "x.ics";
  BOOST_REQUIRE(requests.recordCalendarLinks(linked, 30, true, std::nullopt));
  BOOST_TEST(found("pembangunan") == ids({created}));
  // A decision that only moves the state, and one that changes a word's case.
  RequestRow held = *requests.findRequest(created.id);
  held.state = "terlaksana";
  BOOST_REQUIRE(requests.updateRequest(held, auditAt(40, "held", 1)));
  BOOST_TEST(indexInStep());
  held = *requests.findRequest(created.id);
  held.venue = "GEDUNG";
  BOOST_REQUIRE(requests.updateRequest(held, auditAt(50, "edit", 1)));
  BOOST_TEST(search("gedung").hits.at(0).snippet == "\x02GEDUNG\x03");
  BOOST_TEST(indexInStep());
}

BOOST_FIXTURE_TEST_CASE(a_revised_letter_joins_the_index_with_its_update, ArchiveFixture) {
  const auto created = add("A", 10, {}, {letter("surat.pdf", "Undangan lama")});
  RequestRow revised = created;
  revised.state = "diajukan";
  BOOST_REQUIRE(requests.updateRequest(revised, auditAt(20, "resubmit"), {letter("revisi.pdf", "Kerbau", "revisi")}));
  const auto page = search("kerbau");
  BOOST_TEST(idsOf(page) == ids({created}));
  BOOST_TEST(page.hits.at(0).matchedFile == "revisi.pdf");
  BOOST_TEST(search("lama").hits.at(0).matchedFile == "surat.pdf");
  BOOST_TEST(indexInStep());
}

BOOST_FIXTURE_TEST_CASE(a_refused_write_leaves_the_index_as_it_was, ArchiveFixture) {
  const auto created = add("A", 10, [](RequestRow& r) { r.eventName = "Rapat Anggaran"; });
  RequestRow first = created;
  first.eventName = "Rapat Pertama";
  BOOST_REQUIRE(requests.updateRequest(first, auditAt(20)));
  RequestRow stale = created;  // still version 1
  stale.eventName = "Rapat Basi";
  BOOST_TEST(!requests.updateRequest(stale, auditAt(30), {letter("revisi.pdf", "Kambing", "revisi")}));
  BOOST_TEST(found("basi").empty());
  BOOST_TEST(found("kambing").empty());
  BOOST_TEST(found("pertama") == ids({created}));

  // A create refused (a file whose blob was never stored) indexes nothing.
  const FileRef missing{"pendukung", "foto.pdf", "application/pdf", std::string(64, 'a')};
  BOOST_CHECK_THROW(
      add("B", 40, [](RequestRow& r) { r.eventName = "Rapat Hilang"; }, {letter("s.pdf", "Domba"), missing}),
      StoreError);
  BOOST_TEST(found("hilang").empty());
  BOOST_TEST(found("domba").empty());
  BOOST_TEST(search("rapat").total == 1);
  BOOST_TEST(indexInStep());
}

// --- letters whose words were never read ---

BOOST_FIXTURE_TEST_CASE(letters_without_words_are_listed_until_given_them, ArchiveFixture) {
  FileRef unread = letter("lama.pdf", "");
  FileRef photo{"pendukung", "foto.jpg", "image/jpeg", requests.putBlob("jpeg", 1)};
  const auto old = add("A", 10, {}, {unread, photo, letter("baru.pdf", "Sapi")});
  const auto files = requests.filesOf(old.id);
  BOOST_TEST_REQUIRE(files.size() == 3u);
  auto listed = requests.lettersWithoutText(0, 10);
  BOOST_TEST_REQUIRE(listed.size() == 1u);
  BOOST_TEST(listed[0].id == files[0].id);
  BOOST_TEST(listed[0].name == "lama.pdf");
  BOOST_TEST(requests.lettersWithoutText(files[0].id, 10).empty());

  requests.setLetterText(files[0].id, "Surat tentang Kuda Lumping");
  BOOST_TEST(requests.lettersWithoutText(0, 10).empty());
  const auto page = search("lumping");
  BOOST_TEST(idsOf(page) == ids({old}));
  BOOST_TEST(page.hits.at(0).matchedFile == "lama.pdf");
  BOOST_TEST(found("sapi") == ids({old}));  // the other letter's words stay
  // Words kept already stay: a second reading changes nothing.
  requests.setLetterText(files[0].id, "Lain");
  BOOST_TEST(found("lain").empty());
  BOOST_TEST(found("lumping") == ids({old}));
  BOOST_CHECK_THROW(requests.setLetterText(files[2].id + 100, "x"), StoreError);  // no such file
  BOOST_TEST(indexInStep());
}

BOOST_FIXTURE_TEST_CASE(a_scan_given_no_words_is_not_listed_again, ArchiveFixture) {
  add("A", 10, {}, {letter("scan.pdf", "")});
  auto listed = requests.lettersWithoutText(0, 10);
  BOOST_TEST_REQUIRE(listed.size() == 1u);
  requests.setLetterText(listed[0].id, "");
  BOOST_TEST(requests.lettersWithoutText(0, 10).empty());
  BOOST_TEST(search("").total == 1);
}

BOOST_AUTO_TEST_CASE(an_upgrade_indexes_the_requests_already_there) {
  TempDatabase db;
  {
    auto session = rawSession(db.path);
    session << "BEGIN IMMEDIATE", now;
    migrateSqliteSchema(session, 9);
    session << "INSERT INTO requests (code, state, version, event_name, institution, start_at, created_at, "
               "updated_at) VALUES ('JDW-LAMA', 'disetujui', 3, 'Peresmian Masjid Agung', 'Kecamatan Désa', 1, 1, 1)",
        now;
    session << "INSERT INTO blobs (sha256, size, bytes, stored_at) VALUES ('abc', 3, 'pdf', 1)", now;
    session << "INSERT INTO request_files (request_id, kind, name, content_type, sha256, size, uploaded_at) "
               "VALUES (1, 'surat', 'surat.pdf', 'application/pdf', 'abc', 3, 1)",
        now;
    session << "COMMIT", now;
  }
  SqliteStore store(db.path.string());
  store.migrate();
  ArchiveQuery query;
  query.text = "masjid desa";
  const auto page = store.requests().searchArchive(query);
  BOOST_TEST_REQUIRE(page.hits.size() == 1u);
  BOOST_TEST(page.hits[0].requestId == store.requests().findRequestByCode("JDW-LAMA")->id);
  // Its letter waits to be read.
  BOOST_TEST(store.requests().lettersWithoutText(0, 10).size() == 1u);
}
