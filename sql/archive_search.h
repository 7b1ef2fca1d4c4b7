#pragma once
// The archive: every request in any state and any year, found by its
// words, its letter and its people (RequestStore::searchArchive). The
// words are matched by the database's own full-text index (SQLite FTS5),
// kept in step with the request tables in the same transaction as every
// write; it covers the request's text fields and the text extracted from
// its PDF letters (FileRef::text).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

struct RequestRow;

struct ArchiveQuery {
  // Words, each matched as the start of a word in the activity, subject,
  // institution, requester, letter number, place, address, notes, decision
  // and the letters' text; case and accents ignored ("peresmian" finds
  // "Peresmian Pasar Désa"). Empty: no word condition, newest first.
  std::string text;
  std::string letterNumber;  // exact, case ignored
  std::string institution;   // contained in the institution, case ignored
  std::string leader;        // a user name among the leaders asked or assigned
  // When set, only requests asked of or assigned to one of these leaders
  // (a leader's or an aide's view); unset: all (protocol staff, admins).
  std::optional<std::vector<std::string>> leaderScope;
  std::vector<std::string> states;  // state codes; empty: any
  std::string letterType;           // undangan|audiensi|kunjungan|lainnya; empty: any
  enum class DateField { Activity, Submitted };
  DateField dateField = DateField::Activity;
  std::optional<Instant> from, to;  // [from, to) of the chosen date
  int limit = 20;
  int offset = 0;
};

// Where a snippet marks the words found: the page escapes the text and
// turns these into <mark> and </mark>.
inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

struct ArchiveHit {
  std::int64_t requestId = 0;
  // A few words around the best match, with kHighlightStart/End around
  // each word found; empty without a word condition.
  std::string snippet;
  std::string matchedFile;  // the name of the letter the words were found in; empty: the request itself
};

struct ArchivePage {
  std::vector<ArchiveHit> hits;  // best match first (newest first without words)
  std::int64_t total = 0;        // all matches, for paging
};

}  // namespace jadwal::sql
