#pragma once
// What the tests of the archive search share: a SQLite store per test case
// with requests whose words are plain and few, so that each test chooses the
// words it searches for.

#include <functional>

#include "sqlite_request_store_fixture.h"

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::vector<std::int64_t>)

inline namespace test_support {

struct ArchiveFixture : Fixture {
  // A request with neutral words in every searched field; `edit` sets the
  // ones a test searches for.
  RequestRow add(const std::string& code, Instant createdAt, const std::function<void(RequestRow&)>& edit = {},
                 const std::vector<FileRef>& files = {}) {
    RequestRow row = sampleRequest(code);
    row.eventName = "Acara";
    row.subject = "Perihal";
    row.institution = "Instansi";
    row.requesterName = "Nama";
    row.requesterPosition = "Jabatan";
    row.letterNumber = "NO/123";
    row.venue = "Gedung";
    row.address = "Jalan";
    row.otherInvitees = "";
    row.contactPerson = "Kontak";
    if (edit) edit(row);
    return requests.createRequest(row, files, auditAt(createdAt)).value();
  }

  // A PDF letter brought with its words, as the workflow attaches one.
  FileRef letter(const std::string& name, const std::string& text, const std::string& kind = "surat") {
    FileRef file{kind, name, "application/pdf", "", std::make_shared<const std::string>("%PDF-1.4 " + name + text)};
    file.text = text;
    return file;
  }

  ArchivePage search(ArchiveQuery query) { return requests.searchArchive(query); }
  ArchivePage search(const std::string& text) {
    ArchiveQuery query;
    query.text = text;
    return search(query);
  }

  static std::vector<std::int64_t> idsOf(const ArchivePage& page) {
    std::vector<std::int64_t> ids;
    for (const ArchiveHit& hit : page.hits) ids.push_back(hit.requestId);
    return ids;
  }
  // Whether the index holds exactly what every request and its letters
  // say now, and FTS5 finds its own index sound.
  bool indexInStep() {
    auto session = rawSession(db.path);
    std::int64_t differing = 0;
    session << "SELECT (SELECT COUNT(*) FROM (SELECT * FROM archive_documents EXCEPT "
               "SELECT rowid, * FROM archive_search)) + (SELECT COUNT(*) FROM (SELECT rowid, * FROM archive_search "
               "EXCEPT SELECT * FROM archive_documents))",
        into(differing), now;
    session << "INSERT INTO archive_search (archive_search) VALUES ('integrity-check')", now;
    return differing == 0;
  }

  std::vector<std::int64_t> found(const std::string& text) { return idsOf(search(text)); }
  std::vector<std::int64_t> found(const ArchiveQuery& query) { return idsOf(search(query)); }
};

// The ids in the order given, for comparing with a page's.
inline std::vector<std::int64_t> ids(std::initializer_list<RequestRow> rows) {
  std::vector<std::int64_t> list;
  for (const RequestRow& row : rows) list.push_back(row.id);
  return list;
}

}  // namespace test_support
