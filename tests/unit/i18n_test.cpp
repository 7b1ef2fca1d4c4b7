// The language of a page and the message catalog.
#define BOOST_TEST_MODULE i18n
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "web/messages.h"
#include "web/web.h"

using namespace jadwal::web;

namespace {

WebRequest requestWith(const std::string& query, const std::string& cookie, const std::string& acceptLanguage) {
  WebRequest request;
  request.method = "GET";
  request.path = "/permohonan";
  if (!query.empty()) request.query.emplace("lang", query);
  if (!cookie.empty()) request.headers.emplace("Cookie", cookie);
  if (!acceptLanguage.empty()) request.headers.emplace("Accept-Language", acceptLanguage);
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(indonesian_by_default) {
  BOOST_TEST(languageOf(requestWith("", "", "")) == "id");
  BOOST_TEST(languageOf(requestWith("", "", "id-ID,id;q=0.9")) == "id");
  BOOST_TEST(languageOf(requestWith("", "", "fr-FR,fr;q=0.9")) == "id");  // neither offered: Indonesian
  BOOST_TEST(languageOf(requestWith("xx", "lang=zz", "")) == "id");       // unknown choices ignored
}

BOOST_AUTO_TEST_CASE(accept_language_must_prefer_english) {
  BOOST_TEST(languageOf(requestWith("", "", "en-US,en;q=0.9")) == "en");
  BOOST_TEST(languageOf(requestWith("", "", "en-US,en;q=0.9,id;q=0.8")) == "en");
  BOOST_TEST(languageOf(requestWith("", "", "id,en;q=0.9")) == "id");
  BOOST_TEST(languageOf(requestWith("", "", "id;q=0.5, en;q=0.7")) == "en");
  BOOST_TEST(languageOf(requestWith("", "", "in-ID, en;q=0.8")) == "id");  // "in": Android's old code for Indonesian
  BOOST_TEST(languageOf(requestWith("", "", "en;q=0")) == "id");           // q=0 means "not this"
  BOOST_TEST(languageOf(requestWith("", "", "en;q=abc")) == "id");         // unreadable quality counts as 0
  BOOST_TEST(languageOf(requestWith("", "", "fr, *;q=0.5")) == "id");      // a wildcard favours neither
}

BOOST_AUTO_TEST_CASE(query_beats_cookie_beats_header) {
  BOOST_TEST(languageOf(requestWith("en", "", "id")) == "en");
  BOOST_TEST(languageOf(requestWith("id", "lang=en", "en")) == "id");
  BOOST_TEST(languageOf(requestWith("", "a=b; lang=en", "id")) == "en");
  BOOST_TEST(languageOf(requestWith("", "lang=id", "en-US")) == "id");
  BOOST_TEST(languageOf(requestWith("EN", "", "")) == "en");
}

BOOST_AUTO_TEST_CASE(tr_translates_and_falls_back) {
  BOOST_TEST(tr("id", "state.dikembalikan") == "Dikembalikan untuk revisi");
  BOOST_TEST(tr("en", "state.dikembalikan") == "Returned for revision");
  BOOST_TEST(tr("id", "required") == "Wajib diisi.");
  BOOST_TEST(tr("fr", "required") == "Wajib diisi.");  // any other language: Indonesian
  BOOST_TEST(tr("en", "no.such.message") == "no.such.message");
}

BOOST_AUTO_TEST_CASE(every_state_has_its_label) {
  const std::vector<std::pair<std::string, std::string>> labels = {{"diajukan", "Diajukan"},
                                                                   {"diverifikasi", "Diverifikasi"},
                                                                   {"dikembalikan", "Dikembalikan untuk revisi"},
                                                                   {"disetujui", "Disetujui"},
                                                                   {"diwakilkan", "Diwakilkan"},
                                                                   {"ditolak", "Ditolak"},
                                                                   {"ditarik", "Ditarik"},
                                                                   {"dibatalkan", "Dibatalkan"},
                                                                   {"terlaksana", "Terlaksana"},
                                                                   {"tidak_terlaksana", "Tidak terlaksana"}};
  for (const auto& [code, label] : labels) BOOST_TEST(tr("id", "state." + code) == label);
}

BOOST_AUTO_TEST_CASE(every_field_error_of_the_workflow_is_translated) {
  for (const std::string id :
       {"required", "invalid_date", "date_in_past", "end_before_start", "invalid_time", "invalid_email",
        "invalid_phone", "unknown_leader", "file_required", "file_type_pdf", "file_type_document", "file_too_large",
        "too_many_files", "too_long", "invalid_choice"}) {
    BOOST_TEST(tr("id", id) != id, id);
    BOOST_TEST(tr("en", id) != id, id);
    BOOST_TEST(tr("en", id) != tr("id", id), id);
  }
}

BOOST_AUTO_TEST_CASE(catalog_ids_are_unique_and_both_languages_are_written) {
  std::set<std::string_view> seen;
  for (auto table : {kCommonMessages, kPublicMessages, kStaffMessages}) {
    for (const auto& message : table) {
      BOOST_TEST(seen.insert(message.id).second, "duplicate id " << message.id);
      BOOST_TEST(!message.indonesian.empty(), message.id);
      BOOST_TEST(!message.english.empty(), message.id);
    }
  }
  BOOST_TEST(seen.size() > 100u);
}
