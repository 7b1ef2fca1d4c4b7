// The language of a page and the message catalog.
#define BOOST_TEST_MODULE i18n
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "web/embedded_assets.h"
#include "web/messages.h"
#include "web/web.h"
#include "workflow/request_form_fields.h"
#include "workflow/request_state.h"

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

BOOST_AUTO_TEST_CASE(catalog_ids_are_unique_and_both_languages_are_written) {
  std::set<std::string_view> seen;
  for (auto table : {kCommonMessages, kPublicMessages, kStaffMessages, kAgendaMessages, kFeedMessages, kArchiveMessages,
                     kRecapMessages, kAdminMessages, kDeskMessages, kHomeMessages, kRequesterMessages,
                     kConflictMessages, kFormMessages}) {
    for (const auto& message : table) {
      BOOST_TEST(seen.insert(message.id).second, "duplicate id " << message.id);
      BOOST_TEST(!message.indonesian.empty(), message.id);
      BOOST_TEST(!message.english.empty(), message.id);
    }
  }
  BOOST_TEST(seen.size() > 100u);
}

// --- Every id asked for is in the catalogue. The ids are read from what
// ships (the embedded templates) and from the sources, and the catalogue
// says what it holds (catalogueMessages): no list here is copied by hand.

namespace {

std::set<std::string> catalogue() {
  std::set<std::string> ids;
  for (const Message* message : catalogueMessages()) ids.emplace(message->id);
  return ids;
}

std::string fileText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The .cpp files of a source directory, by name.
std::map<std::string, std::string> sourcesOf(const std::string& directory) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(JADWAL_SOURCE_DIR) / directory))
    if (entry.path().extension() == ".cpp") files.emplace(entry.path().filename().string(), fileText(entry.path()));
  BOOST_TEST_REQUIRE(!files.empty(), "no sources in " << directory);
  return files;
}

// Each first group of `pattern` in `text`, with where it was found.
using Found = std::map<std::string, std::set<std::string>>;  // id -> where it is asked for

void collect(const std::string& text, const std::regex& pattern, const std::string& where, Found& ids) {
  for (std::sregex_iterator match(text.begin(), text.end(), pattern), end; match != end; ++match)
    ids[(*match)[1].str()].insert(where);
}

std::string places(const std::set<std::string>& where) {
  std::string text;
  for (const auto& place : where) text += (text.empty() ? "" : ", ") + place;
  return text;
}

// The ids the workflow reports for pages to show: field errors (FieldErrors
// values, CheckedLetter::error, revision refusals) and the refusals of an
// Outcome shown as messages (NotFound has a page of its own).
Found workflowMessageIds() {
  static const std::regex fieldError(R"re((?:fail|emplace)\(\s*[^,()]+,\s*"([a-z_]+)"\))re");
  static const std::regex refusal(
      R"re(failure\(\s*Outcome::Status::(?:Invalid|NotAllowed|Conflict|Forbidden),\s*"([a-z_]+)")re");
  static const std::regex errorList(R"re(\{\{\s*"[a-z_]+",\s*"([a-z_]+)"\s*\}\})re");
  static const std::regex errorSet(R"re(\berror = "([a-z_]+)")re");
  static const std::regex returned(R"re(return "([a-z]+_[a-z_]+)";)re");
  Found ids;
  for (const auto& [name, text] : sourcesOf("workflow"))
    for (const auto* pattern : {&fieldError, &refusal, &errorList, &errorSet, &returned})
      collect(text, *pattern, "workflow/" + name, ids);
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_catalogue_holds_every_table_each_message_in_both_languages) {
  std::size_t total = 0;
  for (auto table : {kCommonMessages, kPublicMessages, kStaffMessages, kAgendaMessages, kFeedMessages, kArchiveMessages,
                     kRecapMessages, kAdminMessages, kDeskMessages, kHomeMessages, kRequesterMessages,
                     kConflictMessages, kFormMessages})
    total += table.size();
  BOOST_TEST(catalogueMessages().size() == total);
  for (const Message* message : catalogueMessages()) {
    BOOST_TEST(!message->indonesian.empty(), message->id);
    BOOST_TEST(!message->english.empty(), message->id);
    BOOST_TEST(tr("id", message->id) == message->indonesian, message->id);
    BOOST_TEST(tr("en", message->id) == message->english, message->id);
  }
}

BOOST_AUTO_TEST_CASE(every_id_a_template_asks_for_is_in_the_catalogue) {
  static const std::regex asked(R"re(\{\{#t\}\}\s*([^{}]*?)\s*\{\{/t\}\})re");
  const auto known = catalogue();
  Found ids;
  for (const auto& asset : kEmbeddedTemplates) collect(std::string(asset.bytes), asked, std::string(asset.name), ids);
  BOOST_TEST(ids.size() > 50u);
  for (const auto& [id, where] : ids) BOOST_TEST(known.count(id), id << " (" << places(where) << ")");
}

BOOST_AUTO_TEST_CASE(every_id_the_web_code_asks_for_is_in_the_catalogue) {
  const auto known = catalogue();
  // Dotted ids of the catalogue's families ("form.", "status.", ...), the
  // staff pages' "staf_..." ids, and plain ids given to tr().
  std::set<std::string> families;
  for (const auto& id : known)
    if (auto dot = id.find('.'); dot != std::string::npos) families.insert(id.substr(0, dot + 1));
  std::set<std::string> templates;
  for (const auto& asset : kEmbeddedTemplates)
    templates.insert(std::string(asset.name.substr(0, asset.name.find('.'))));
  static const std::regex dotted(R"re("([a-z][a-z0-9_]*\.[a-z0-9_.]*[a-z0-9_])")re");
  static const std::regex staff(R"re("(staf_[a-z0-9_]*[a-z0-9])")re");
  static const std::regex plain(R"re(\btr\([^,()]+,\s*"([a-z0-9_]+)"\))re");
  Found ids;
  for (const auto& [name, text] : sourcesOf("web")) {
    if (name.starts_with("messages_")) continue;  // the catalogue itself
    Found found;
    for (const auto* pattern : {&dotted, &staff, &plain}) collect(text, *pattern, "web/" + name, found);
    for (const auto& [id, where] : found) {
      const bool family =
          std::any_of(families.begin(), families.end(), [&](const auto& f) { return id.starts_with(f); });
      if (id.find('.') != std::string::npos && !family) continue;  // a file name, not a message
      if (templates.count(id)) continue;                           // a template's name
      ids[id].insert(where.begin(), where.end());
    }
  }
  BOOST_TEST(ids.size() > 100u);
  for (const auto& [id, where] : ids) BOOST_TEST(known.count(id), id << " (" << places(where) << ")");
}

BOOST_AUTO_TEST_CASE(every_id_the_workflow_reports_is_in_the_catalogue) {
  const auto ids = workflowMessageIds();
  BOOST_TEST(ids.size() > 20u);
  for (const auto& [id, where] : ids) {
    const std::string at = id + " (" + places(where) + ")";
    // The public form and the status page show the checks of request_validation in the common wording.
    const bool publicCheck = where.count("workflow/request_validation.cpp") > 0;
    // The staff pages show a staff wording when there is one (staff::messageText).
    const std::string staffId = "staf_msg_" + id;
    const std::string shown = !publicCheck && tr("id", staffId) != staffId ? staffId : id;
    BOOST_TEST(tr("id", shown) != shown, at);
    BOOST_TEST(tr("en", shown) != shown, at);
    BOOST_TEST(tr("en", shown) != tr("id", shown), at);
  }
}

BOOST_AUTO_TEST_CASE(every_state_and_every_action_has_its_label) {
  for (int i = 0; i <= static_cast<int>(jadwal::workflow::RequestState::NotHeld); ++i) {
    const std::string code(jadwal::workflow::stateCode(static_cast<jadwal::workflow::RequestState>(i)));
    BOOST_TEST(tr("id", "state." + code) != "state." + code, code);
    BOOST_TEST(tr("en", "state." + code) != tr("id", "state." + code), code);
  }
  for (int i = 0; i <= static_cast<int>(jadwal::workflow::Action::MarkNotHeld); ++i) {
    std::string id =
        "staf_action_" + std::string(jadwal::workflow::actionCode(static_cast<jadwal::workflow::Action>(i)));
    std::replace(id.begin(), id.end(), '-', '_');
    BOOST_TEST(tr("id", id) != id, id);
  }
}

BOOST_AUTO_TEST_CASE(every_field_of_the_request_form_has_its_labels) {
  for (const auto& field : jadwal::workflow::requestFormFields()) {
    const std::string label = jadwal::workflow::formLabelId(field.name);
    BOOST_TEST(tr("id", label) != label, label);
    BOOST_TEST(tr("en", label) != label, label);  // "Email" reads the same in both
    const std::string section = "form.section." + std::string(field.section);
    BOOST_TEST(tr("id", section) != section, section);
    for (auto choice : field.choices) {
      const std::string id = jadwal::workflow::formChoiceLabelId(field.name, choice);
      BOOST_TEST(tr("id", id) != id, id);
    }
  }
}
