#pragma once
// The archive search form (/staf/arsip, staff_archive.cpp): what the user
// typed, checked and turned into an sql::ArchiveQuery, and a hit's snippet
// as HTML. Kept apart from the page so each rule is stated once.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sql/archive_search.h"
#include "web/web.h"

namespace jadwal::web::archive {

// Bounds of what the form takes, in characters; longer input is refused
// with a message, never cut, so nothing typed is lost silently.
inline constexpr std::size_t kMaxTextLength = 200;
inline constexpr std::size_t kMaxLetterNumberLength = 100;
inline constexpr std::size_t kMaxInstitutionLength = 150;
inline constexpr int kPageSize = 20;
// The last page asked for: keeps the offset small however the URL is edited.
inline constexpr int kMaxPage = 10000;

// The form as typed (the page shows it back as it was).
struct Form {
  std::string text;          // q
  std::string letterNumber;  // nomor
  std::string institution;   // instansi
  std::string leader;        // pimpinan: a user name
  std::string state;         // status: a state code
  std::string letterType;    // jenis: undangan|audiensi|kunjungan|lainnya
  std::string from, until;   // dari, sampai: YYYY-MM-DD, local days, both inclusive
  std::string dateField;     // tanggal: kegiatan (the activity, default) | pengajuan (submission)
  int page = 1;              // hal

  explicit Form(const WebRequest& request);
  // The query string of this form on `page` ("" parameters left out).
  std::string link(int page) const;
};

// A refused field: its name in the form and the id of the message saying why.
struct FieldError {
  std::string field;
  std::string message;
};

// Checks `form` and fills `query` with its conditions and its page (not
// the scope). `leaders`: the user names the user may choose. Returns the
// refused fields, at most one per field, in the form's order.
std::vector<FieldError> toQuery(const Form& form, const std::vector<std::string>& leaders, const std::string& timezone,
                                sql::ArchiveQuery& query);

// The snippet with its text HTML-escaped and its highlight markers turned
// into <mark>...</mark> (always balanced).
std::string snippetHtml(std::string_view snippet);

}  // namespace jadwal::web::archive
