#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/text.h"
#include "web/messages.h"
#include "web/web.h"

namespace jadwal::web {
namespace {

std::optional<std::string> explicitLanguage(std::string_view value) {
  const std::string code = base::asciiLowercase(base::trimmed(value));
  if (code == "en" || code == "id") return code;
  return std::nullopt;
}

// The quality Accept-Language gives the primary tag `language` ("en" matches
// "en", "en-US", ...; "*" counts when nothing names it); 0 when absent.
double qualityOf(std::string_view header, std::string_view language) {
  double named = -1, wildcard = 0;
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t end = header.find(',', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = base::trimmed(header.substr(start, end - start));
    start = end + 1;
    double quality = 1;
    if (auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
      std::string_view params = base::trimmed(item.substr(semicolon + 1));
      item = base::trimmed(item.substr(0, semicolon));
      if (params.starts_with("q=") || params.starts_with("Q=")) {
        try {
          quality = std::stod(std::string(params.substr(2)));
        } catch (const std::exception&) {
          quality = 0;
        }
      }
    }
    const std::string tag = base::asciiLowercase(item);
    const std::string primary = tag.substr(0, tag.find('-'));
    if (primary == language) {
      named = std::max(named, quality);
    } else if (tag == "*") {
      wildcard = quality;
    }
  }
  return named >= 0 ? named : wildcard;
}

using Catalog = std::unordered_map<std::string_view, const Message*>;

const Catalog& catalog() {
  static const Catalog table = [] {
    Catalog all;
    for (auto messages : {kCommonMessages, kPublicMessages, kStaffMessages, kAgendaMessages, kFeedMessages,
                          kArchiveMessages, kRecapMessages, kAdminMessages, kDeskMessages, kHomeMessages,
                          kRequesterMessages, kConflictMessages, kFormMessages}) {
      for (const auto& message : messages) all.emplace(message.id, &message);  // the first table wins
    }
    return all;
  }();
  return table;
}

}  // namespace

std::vector<const Message*> catalogueMessages() {
  std::vector<const Message*> all;
  for (const auto& [id, message] : catalog()) all.push_back(message);
  return all;
}

std::string languageOf(const WebRequest& request) {
  if (auto chosen = explicitLanguage(request.queryValue("lang"))) return *chosen;
  if (auto chosen = explicitLanguage(request.cookie("lang"))) return *chosen;
  const std::string accept = request.header("Accept-Language");
  if (accept.empty()) return "id";
  // Indonesian unless the browser prefers English to it: a phone set to
  // English in Jakarta often still lists "id" second.
  const double english = qualityOf(accept, "en");
  const double indonesian =
      std::max(qualityOf(accept, "id"), qualityOf(accept, "in"));  // "in": old code for Indonesian
  return english > 0 && english > indonesian ? "en" : "id";
}

std::string tr(std::string_view language, std::string_view id) {
  const auto& table = catalog();
  auto found = table.find(id);
  if (found == table.end()) return std::string(id);
  const Message& message = *found->second;
  if (language == "en" && !message.english.empty()) return std::string(message.english);
  if (!message.indonesian.empty()) return std::string(message.indonesian);
  return std::string(id);
}

}  // namespace jadwal::web
