#pragma once
// Activity requests, their files, blobs, audit trail and dispositions on the
// SQLite store's connections; part of SqliteStore, which owns the pool and
// the writer mutex it shares.
//
// Beyond RequestStore's contract: updateRequest writes every field but id,
// code and createdAt; listRequests passes limit to SQLite as is (negative:
// no limit) and treats a negative offset as 0; searchArchive takes at most
// kMaxArchivePage hits a page and the first kMaxArchiveWords words.

#include "sql/request_store.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

// The bounds of one archive search: hits a page, and words (the rest of a
// longer text is not searched).
inline constexpr int kMaxArchivePage = 100;
inline constexpr std::size_t kMaxArchiveWords = 16;

class SqliteRequestStore final : public RequestStore {
 public:
  // REQUIRES: `pool` and `writers` outlive this store.
  SqliteRequestStore(SqliteConnectionPool& pool, WriterQueue& writers) : pool_(pool), writers_(writers) {}

  // Blobs live in sqlite_blobs.cpp.
  std::string putBlob(const std::string& bytes, Instant at) override;
  std::optional<std::string> blobBytes(std::string_view sha256) override;
  bool touchBlob(std::string_view sha256, Instant at) override;
  BlobSweep collectBlobs(Instant storedBefore) override;
  std::int64_t unusedBlobBytes() override;

  // In sqlite_form_tokens.cpp.
  bool claimFormToken(std::string_view tokenHash, Instant at) override;
  std::optional<std::int64_t> formTokenRequest(std::string_view tokenHash) override;
  void finishFormToken(std::string_view tokenHash, std::int64_t requestId) override;
  std::int64_t sweepFormTokens(Instant claimedBefore) override;

  CreateResult<RequestRow> createRequest(const RequestRow& row, const std::vector<FileRef>& files,
                                         const AuditRow& audit) override;
  std::optional<RequestRow> findRequest(std::int64_t id) override;
  std::optional<RequestRow> findRequestByCode(std::string_view code) override;
  std::optional<RequestRow> findRequestByObject(std::int64_t calendarId, std::string_view objectName) override;
  std::vector<RequestRow> requestsLinkingCalendar(std::int64_t calendarId, std::int64_t after, int limit) override;
  std::vector<RequestRow> listRequests(const RequestQuery& query) override;
  std::int64_t countRequests(const RequestQuery& query) override;
  // In sqlite_request_duplicates.cpp.
  std::map<std::int64_t, std::vector<std::int64_t>> likelyDuplicates(const std::vector<DuplicateProbe>& probes,
                                                                     int perRequest) override;
  // In sqlite_archive_search.cpp.
  ArchivePage searchArchive(const ArchiveQuery& query) override;
  std::vector<FileRow> lettersWithoutText(std::int64_t after, int limit) override;
  void setLetterText(std::int64_t fileId, const std::string& text) override;

  bool updateRequest(const RequestRow& row, const AuditRow& audit, const std::vector<FileRef>& files = {}) override;

  std::vector<FileRow> filesOf(std::int64_t requestId) override;
  std::optional<FileRow> findFile(std::int64_t fileId) override;
  std::vector<AuditRow> auditOf(std::int64_t requestId) override;
  // In sqlite_first_audit.cpp.
  std::map<std::int64_t, Instant> firstAuditTimes(const std::vector<std::int64_t>& requestIds,
                                                  const std::vector<std::string>& actions) override;

  void setDisposition(const DispositionRow& disposition, const AuditRow& audit) override;
  std::vector<DispositionRow> dispositionsOf(std::int64_t requestId) override;

  CalendarStep calendarStep(std::int64_t requestId) override;
  std::vector<std::int64_t> requestsOutOfStep(std::int64_t after, int limit) override;
  bool recordCalendarLinks(const RequestRow& row, Instant at, bool inStep,
                           const std::optional<AuditRow>& audit) override;
  bool clearEventChanged(std::int64_t requestId, std::int64_t version) override;

 private:
  SqliteConnectionPool& pool_;
  WriterQueue& writers_;
};

}  // namespace jadwal::sql
