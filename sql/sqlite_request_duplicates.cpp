// Likely duplicates of a request: another request on the same activity day
// with the same requester contact or letter number (a double submission, a
// letter delivered twice). The day's requests are found on requests_by_start;
// the keys are compared normalised on both sides, so no new column or index
// is needed: the requests of one day are few.

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "sql/sqlite_request_store.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

// The subscriber number of an Indonesian phone number as the form accepts
// it (digits, '+', spaces, '-', '.', parentheses): separators and the
// country or trunk prefix ("62", "0") removed. The same in SQL below.
std::string phoneKey(const std::string& number) {
  std::string digits;
  for (char c : number)
    if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '+') digits += c;
  if (digits.starts_with("62")) return digits.substr(2);
  if (digits.starts_with("0")) return digits.substr(1);
  return digits;
}
constexpr const char* kPhoneSql =
    "CASE WHEN p LIKE '62%' THEN substr(p, 3) WHEN p LIKE '0%' THEN substr(p, 2) ELSE p END";
constexpr const char* kStrippedPhoneSql =
    "replace(replace(replace(replace(replace(replace(r.whatsapp, ' ', ''), '-', ''), '.', ''), '(', ''), ')', ''), "
    "'+', '')";

std::string asciiLower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string emailKey(const std::string& email) {
  const auto first = email.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return asciiLower(email.substr(first, email.find_last_not_of(" \t") - first + 1));
}

// A letter number without case and spaces; one with no letter or digit
// ("-", typed when there is none) matches nothing.
std::string letterKey(const std::string& number) {
  std::string key;
  for (char c : number)
    if (c != ' ') key += c;
  const bool meaningful = std::any_of(key.begin(), key.end(), [](unsigned char c) { return std::isalnum(c); });
  return meaningful ? asciiLower(key) : std::string();
}

}  // namespace

std::map<std::int64_t, std::vector<std::int64_t>> SqliteRequestStore::likelyDuplicates(
    const std::vector<DuplicateProbe>& probes, int perRequest) {
  std::map<std::int64_t, std::vector<std::int64_t>> found;
  if (probes.empty() || perRequest <= 0) return found;
  return guarded("likelyDuplicates", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    const std::string sql = std::string("SELECT id FROM (SELECT r.id AS id, ") + kStrippedPhoneSql +
                            " AS p, lower(trim(r.email)) AS e, replace(lower(r.letter_number), ' ', '') AS l "
                            "FROM requests r WHERE r.start_at >= ? AND r.start_at < ? AND r.id != ?) "
                            "WHERE (? != '' AND " +
                            kPhoneSql + " = ?) OR (? != '' AND e = ?) OR (? != '' AND l = ?) ORDER BY id LIMIT ?";
    for (const DuplicateProbe& probe : probes) {
      const std::string phone = phoneKey(probe.whatsapp);
      const std::string email = emailKey(probe.email);
      const std::string letter = letterKey(probe.letterNumber);
      if (phone.empty() && email.empty() && letter.empty()) continue;
      const std::int64_t limit = perRequest;
      std::vector<std::int64_t> ids;
      Poco::Data::Statement st(snapshot.session());
      st << sql, into(ids), useRef(probe.dayFrom), useRef(probe.dayTo), useRef(probe.requestId), useRef(phone),
          useRef(phone), useRef(email), useRef(email), useRef(letter), useRef(letter), useRef(limit);
      st.execute();
      if (!ids.empty()) found[probe.requestId] = std::move(ids);
    }
    return found;
  });
}

}  // namespace jadwal::sql
