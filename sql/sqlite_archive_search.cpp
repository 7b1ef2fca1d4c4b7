// The archive search (sql/archive_search.h) on the SQLite store: FTS5's
// MATCH on archive_search (sqlite_schema.cpp, migration 10), joined to the
// requests for the filters and ranked by bm25; and the letters' words the
// index holds per file.

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sql/sqlite_like.h"
#include "sql/sqlite_request_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::AbstractBinding;
using Poco::Data::Session;
using Poco::Data::Statement;

// The index's columns in the table's order, each with its weight in the
// ranking: the activity and the letter number count most.
constexpr double kWeights[] = {4, 3, 2, 2, 3, 1, 1, 1, 1, 1, 1, 1};
constexpr int kColumnCount = static_cast<int>(std::size(kWeights));
constexpr int kLettersColumn = kColumnCount - 1;
constexpr int kSnippetTokens = 12;
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // …

// Decodes one UTF-8 character at `i` (advancing it); a stray byte is
// taken as itself.
char32_t nextCodePoint(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i++]);
  int more = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  char32_t c = more == 3 ? lead & 0x07 : more == 2 ? lead & 0x0F : more == 1 ? lead & 0x1F : lead;
  for (; more > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; --more) {
    c = (c << 6) | (static_cast<unsigned char>(text[i++]) & 0x3F);
  }
  return c;
}

// Whether the index's tokenizer keeps `c` in a word. A word of only
// separators would be an empty phrase, which matches nothing, so such
// words are dropped; the ranges are the common punctuation and symbols.
bool isWordCharacter(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0) return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x0300 && c <= 0x036F) return false;  // combining accents, folded away
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;  // emoji
  return true;
}

// The user's words as an FTS5 query that is never FTS syntax: each word a
// quoted string (quotes doubled), which the tokenizer splits as it splits
// the text ("005/123" is the phrase "005 123"), matched as the start of a
// word (*), all of them required. Empty when no word is left.
std::string matchExpression(std::string_view text) {
  std::string expression;
  std::size_t words = 0;
  std::size_t i = 0;
  while (i < text.size() && words < kMaxArchiveWords) {
    while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ') ++i;
    const std::size_t start = i;
    bool hasWordCharacter = false;
    while (i < text.size() && static_cast<unsigned char>(text[i]) > ' ') {
      if (isWordCharacter(nextCodePoint(text, i))) hasWordCharacter = true;
    }
    if (!hasWordCharacter) continue;
    std::string quoted = "\"";
    for (const char c : text.substr(start, i - start)) {
      quoted += c;
      if (c == '"') quoted += '"';
    }
    if (!expression.empty()) expression += ' ';
    expression += quoted + "\"*";
    ++words;
  }
  return expression;
}

std::string placeholders(std::size_t count) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
  return list;
}

// The filters as conditions on the requests (alias r), with their
// bindings in placeholder order.
struct ArchiveFilter {
  std::string conditions;
  std::vector<AbstractBinding::Ptr> bindings;
  void add(const std::string& condition) { conditions += " AND " + condition; }
};

ArchiveFilter filterOf(const ArchiveQuery& query) {
  ArchiveFilter filter;
  if (!query.letterNumber.empty()) {
    filter.add("r.letter_number = ? COLLATE NOCASE");
    filter.bindings.push_back(bind(query.letterNumber));
  }
  if (!query.institution.empty()) {
    filter.add("r.institution LIKE ? ESCAPE '\\'");
    filter.bindings.push_back(bind(likeContaining(query.institution)));
  }
  if (!query.leader.empty()) {
    filter.add(
        "(r.assigned_leader = ? OR EXISTS (SELECT 1 FROM request_leaders l WHERE l.request_id = r.id AND l.leader = "
        "?))");
    filter.bindings.push_back(bind(query.leader));
    filter.bindings.push_back(bind(query.leader));
  }
  if (query.leaderScope) {
    std::vector<std::string> scope;
    for (const std::string& leader : *query.leaderScope) {
      if (!leader.empty()) scope.push_back(leader);  // "" is no leader: it must not match the unassigned
    }
    if (scope.empty()) {
      filter.add("0");
    } else {
      filter.add("(r.assigned_leader IN (" + placeholders(scope.size()) +
                 ") OR EXISTS (SELECT 1 FROM request_leaders l WHERE l.request_id = r.id AND l.leader IN (" +
                 placeholders(scope.size()) + ")))");
      for (int twice = 0; twice < 2; ++twice) {
        for (const std::string& leader : scope) filter.bindings.push_back(bind(leader));
      }
    }
  }
  if (!query.states.empty()) {
    filter.add("r.state IN (" + placeholders(query.states.size()) + ")");
    for (const std::string& state : query.states) filter.bindings.push_back(bind(state));
  }
  if (!query.letterType.empty()) {
    filter.add("r.letter_type = ?");
    filter.bindings.push_back(bind(query.letterType));
  }
  const char* date = query.dateField == ArchiveQuery::DateField::Activity ? "r.start_at" : "r.created_at";
  if (query.from) {
    filter.add(std::string(date) + " >= ?");
    filter.bindings.push_back(bind(*query.from));
  }
  if (query.to) {
    filter.add(std::string(date) + " < ?");
    filter.bindings.push_back(bind(*query.to));
  }
  return filter;
}

std::string weightList(const double* weights) {
  std::string list;
  for (int c = 0; c < kColumnCount; ++c) list += ", " + std::to_string(weights[c]);
  return list;
}

std::int64_t runCount(Session& s, const std::string& sql, const std::vector<AbstractBinding::Ptr>& bindings) {
  std::int64_t count = 0;
  Statement st(s);
  st << sql, into(count);
  for (const auto& binding : bindings) st, binding;
  st.execute();
  return count;
}

std::vector<std::int64_t> runIds(Session& s, const std::string& sql,
                                 const std::vector<AbstractBinding::Ptr>& bindings) {
  std::vector<std::int64_t> ids;
  Statement st(s);
  st << sql, into(ids);
  for (const auto& binding : bindings) st, binding;
  st.execute();
  return ids;
}

// The column of a hit whose words weigh most, by bm25 on each column alone.
int bestColumn(Session& s, const std::string& match, std::int64_t id) {
  std::string sql = "SELECT ";
  for (int c = 0; c < kColumnCount; ++c) {
    double weights[kColumnCount] = {};
    weights[c] = 1;
    sql += std::string(c == 0 ? "" : ", ") + "bm25(archive_search" + weightList(weights) + ")";
  }
  sql += " FROM archive_search WHERE archive_search MATCH ? AND rowid = ?";
  std::vector<double> scores(kColumnCount);
  Statement st(s);
  st << sql;
  for (double& score : scores) st, into(score);
  st, bind(match), bind(id);
  st.execute();
  int best = -1;
  for (int c = 0; c < kColumnCount; ++c) {
    if (scores[c] < 0 && (best < 0 || scores[c] < scores[best])) best = c;  // lower is better
  }
  return best;
}

// The letter a snippet of the letters' column was taken from: the first
// whose text holds a marked piece of it (the column is the letters' texts,
// one after the other, each on its own lines).
std::string letterOf(Session& s, std::int64_t requestId, const std::string& snippet) {
  std::vector<std::string> names, texts;
  s << "SELECT f.name, t.text FROM request_files f JOIN request_file_texts t ON t.file_id = f.id "
       "WHERE f.request_id = ? AND t.text != '' ORDER BY f.id",
      into(names), into(texts), bind(requestId), now;
  if (names.empty()) return "";
  // The pieces between ellipses and line breaks that hold a word found.
  std::vector<std::string> pieces;
  std::string piece;
  bool marked = false;
  const std::string_view ellipsis = kEllipsis;
  for (std::size_t i = 0; i <= snippet.size(); ++i) {
    const bool atEllipsis = snippet.compare(i, ellipsis.size(), ellipsis) == 0;
    if (i == snippet.size() || snippet[i] == '\n' || atEllipsis) {
      if (marked && !piece.empty()) pieces.push_back(piece);
      piece.clear();
      marked = false;
      if (atEllipsis) i += ellipsis.size() - 1;
    } else if (snippet[i] == kHighlightStart || snippet[i] == kHighlightEnd) {
      marked = true;
    } else {
      piece += snippet[i];
    }
  }
  std::sort(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const std::string& text : pieces) {
    for (std::size_t f = 0; f < names.size(); ++f) {
      if (texts[f].find(text) != std::string::npos) return names[f];
    }
  }
  return names.front();
}

ArchiveHit hitOf(Session& s, const std::string& match, std::int64_t id) {
  ArchiveHit hit;
  hit.requestId = id;
  const int column = bestColumn(s, match, id);
  const std::string start(1, kHighlightStart), end(1, kHighlightEnd), ellipsis(kEllipsis);
  std::vector<std::string> snippet;
  s << "SELECT snippet(archive_search, ?, ?, ?, ?, ?) FROM archive_search WHERE archive_search MATCH ? AND rowid = ?",
      into(snippet), bind(column), useRef(start), useRef(end), useRef(ellipsis), bind(kSnippetTokens), useRef(match),
      bind(id), now;
  if (!snippet.empty()) hit.snippet = std::move(snippet.front());
  if (column == kLettersColumn) hit.matchedFile = letterOf(s, id, hit.snippet);
  return hit;
}

}  // namespace

ArchivePage SqliteRequestStore::searchArchive(const ArchiveQuery& query) {
  return guarded("searchArchive", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);  // the page and its total from one state
    Session& s = snapshot.session();
    const std::string match = matchExpression(query.text);
    const auto limit = static_cast<std::int64_t>(std::clamp(query.limit, 0, kMaxArchivePage));
    const auto offset = static_cast<std::int64_t>(std::max(query.offset, 0));
    // A binding is spent once its statement ran: each statement gets its own.
    auto bindings = [&](bool paged) {
      ArchiveFilter filter = filterOf(query);
      if (!match.empty()) filter.bindings.insert(filter.bindings.begin(), bind(match));
      if (paged) {
        filter.bindings.push_back(bind(limit));
        filter.bindings.push_back(bind(offset));
      }
      return filter.bindings;
    };
    const std::string conditions = filterOf(query).conditions;
    ArchivePage page;
    if (match.empty()) {
      const std::string from = "FROM requests r WHERE 1" + conditions;
      page.total = runCount(s, "SELECT COUNT(*) " + from, bindings(false));
      for (const std::int64_t id : runIds(
               s, "SELECT r.id " + from + " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?", bindings(true))) {
        page.hits.push_back(ArchiveHit{id, "", ""});
      }
      return page;
    }
    const std::string from =
        "FROM archive_search JOIN requests r ON r.id = archive_search.rowid WHERE archive_search MATCH ?" + conditions;
    page.total = runCount(s, "SELECT COUNT(*) " + from, bindings(false));
    const std::vector<std::int64_t> ids =
        runIds(s,
               "SELECT r.id " + from + " ORDER BY bm25(archive_search" + weightList(kWeights) +
                   "), r.created_at DESC, r.id DESC LIMIT ? OFFSET ?",
               bindings(true));
    for (const std::int64_t id : ids) page.hits.push_back(hitOf(s, match, id));
    return page;
  });
}

std::vector<FileRow> SqliteRequestStore::lettersWithoutText(std::int64_t after, int limit) {
  return guarded("lettersWithoutText", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> id, requestId, size, uploadedAt;
    std::vector<std::string> kind, name, contentType, sha256;
    lease.session() << "SELECT id, request_id, kind, name, content_type, sha256, size, uploaded_at "
                       "FROM request_files f WHERE id > ? AND content_type = 'application/pdf' "
                       "AND NOT EXISTS (SELECT 1 FROM request_file_texts t WHERE t.file_id = f.id) "
                       "ORDER BY id LIMIT ?",
        into(id), into(requestId), into(kind), into(name), into(contentType), into(sha256), into(size),
        into(uploadedAt), bind(after), bind(static_cast<std::int64_t>(limit)), now;
    std::vector<FileRow> files(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      files[i] = FileRow{id[i],
                         requestId[i],
                         std::move(kind[i]),
                         std::move(name[i]),
                         std::move(contentType[i]),
                         std::move(sha256[i]),
                         size[i],
                         uploadedAt[i]};
    }
    return files;
  });
}

void SqliteRequestStore::setLetterText(std::int64_t fileId, const std::string& text) {
  guarded("setLetterText", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    // The index follows by trigger, in this transaction.
    tx.session() << "INSERT INTO request_file_texts (file_id, text) VALUES (?, ?) ON CONFLICT (file_id) DO NOTHING",
        bind(fileId), useRef(text), now;
    tx.commit();
  });
}

}  // namespace jadwal::sql
