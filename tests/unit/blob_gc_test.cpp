// Collection of blobs no request uses: what goes, what stays, the marks that
// spare young uploads, the collector thread, and safety beside writers.
#define BOOST_TEST_MODULE blob_gc
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <ctime>
#include <functional>
#include <limits>
#include <sstream>
#include <thread>

#include "server/blob_collector.h"
#include "sql/sqlite_schema.h"
#include "sql/sqlite_store.h"
#include "upload_fixture.h"

using namespace jadwal;
using namespace jadwal::sql;
using jadwal::testing::pdfBytes;
using jadwal::testing::sha256Of;
using jadwal::testing::TempDatabase;

namespace {

constexpr Instant kNow = 1'750'000'000;
constexpr Instant kDay = 86400;

RequestRow sampleRequest(const std::string& code) {
  RequestRow row;
  row.code = code;
  row.state = "diajukan";
  row.requesterName = "Siti";
  row.start = kNow + kDay;
  row.leadersAsked = {"bupati"};
  return row;
}

AuditRow auditAt(Instant at, const std::string& action = "submit") {
  AuditRow audit;
  audit.at = at;
  audit.actorName = "Pemohon";
  audit.action = action;
  return audit;
}

FileRef letter(const std::string& sha256) { return FileRef{"surat", "surat.pdf", "application/pdf", sha256}; }

FileRef letterWithContent(const std::string& bytes) {
  return FileRef{"revisi", "revisi.pdf", "application/pdf", "", std::make_shared<const std::string>(bytes)};
}

struct Fixture {
  TempDatabase db;
  SqliteStore store{db.path.string()};
  RequestStore& requests = store.requests();
  Fixture() { store.migrate(); }

  bool exists(const std::string& bytes) { return requests.blobBytes(sha256Of(bytes)).has_value(); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(collection, Fixture)

BOOST_AUTO_TEST_CASE(an_old_unreferenced_blob_goes_a_referenced_or_young_one_stays) {
  const std::string old = "lama tak terpakai", young = "baru diunggah", used = "surat permohonan";
  requests.putBlob(old, kNow - 2 * kDay);
  requests.putBlob(young, kNow - 60);
  const std::string usedHash = requests.putBlob(used, kNow - 2 * kDay);
  requests.createRequest(sampleRequest("JDW-A"), {letter(usedHash)}, auditAt(kNow - 2 * kDay)).value();

  const BlobSweep sweep = requests.collectBlobs(kNow - kDay);
  BOOST_TEST(sweep.blobs == 1);
  BOOST_TEST(sweep.bytes == static_cast<std::int64_t>(old.size()));
  BOOST_TEST(!exists(old));
  BOOST_TEST(exists(young));
  BOOST_TEST(exists(used));

  // Once old enough, the young one goes too; the referenced one never does.
  BOOST_TEST(requests.collectBlobs(kNow + 10 * kDay).blobs == 1);
  BOOST_TEST(!exists(young));
  BOOST_TEST(exists(used));
  BOOST_TEST(requests.collectBlobs(kNow + 10 * kDay).blobs == 0);
}

BOOST_AUTO_TEST_CASE(storing_or_touching_again_spares_a_blob) {
  const std::string bytes = "diunggah dua kali";
  const std::string hash = requests.putBlob(bytes, kNow - 2 * kDay);
  BOOST_TEST(requests.putBlob(bytes, kNow) == hash);
  BOOST_TEST(requests.collectBlobs(kNow - kDay).blobs == 0);

  BOOST_TEST(requests.touchBlob(hash, kNow + 5 * kDay));
  BOOST_TEST(requests.collectBlobs(kNow + 4 * kDay).blobs == 0);
  // An older mark never moves the blob back towards collection.
  BOOST_TEST(requests.touchBlob(hash, kNow - 10 * kDay));
  BOOST_TEST(requests.putBlob(bytes, kNow - 10 * kDay) == hash);
  BOOST_TEST(requests.collectBlobs(kNow + 4 * kDay).blobs == 0);

  BOOST_TEST(!requests.touchBlob(std::string(64, 'c'), kNow));
  BOOST_TEST(requests.collectBlobs(kNow + 6 * kDay).blobs == 1);
  BOOST_TEST(!requests.touchBlob(hash, kNow));
}

BOOST_AUTO_TEST_CASE(many_blobs_go_in_several_passes) {
  for (int i = 0; i < 55; ++i) requests.putBlob("yatim " + std::to_string(i), kNow - 2 * kDay);
  BOOST_TEST(requests.collectBlobs(kNow).blobs == 55);
  BOOST_TEST(requests.collectBlobs(kNow).blobs == 0);
}

BOOST_AUTO_TEST_CASE(a_file_brought_with_its_content_is_stored_by_the_write_that_attaches_it) {
  const RequestRow created = requests.createRequest(sampleRequest("JDW-B"), {}, auditAt(kNow)).value();
  RequestRow next = created;
  next.state = "diajukan";

  // A refused update (the version moved) keeps nothing.
  RequestRow stale = next;
  stale.version = created.version + 7;
  BOOST_TEST(!requests.updateRequest(stale, auditAt(kNow + 1, "resubmit"), {letterWithContent(pdfBytes("basi"))}));
  BOOST_TEST(!exists(pdfBytes("basi")));

  BOOST_TEST(requests.updateRequest(next, auditAt(kNow + 2, "resubmit"), {letterWithContent(pdfBytes("segar"))}));
  auto files = requests.filesOf(created.id);
  BOOST_TEST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0].sha256 == sha256Of(pdfBytes("segar")));
  BOOST_TEST(files[0].size == static_cast<std::int64_t>(pdfBytes("segar").size()));
  BOOST_TEST(*requests.blobBytes(files[0].sha256) == pdfBytes("segar"));
  BOOST_TEST(requests.collectBlobs(kNow + 100 * kDay).blobs == 0);
}

BOOST_AUTO_TEST_CASE(a_version_3_database_counts_its_blobs_from_the_upgrade) {
  TempDatabase old;
  {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, old.path.string());
    session << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    migrateSqliteSchema(session, 3);
    session << "INSERT INTO blobs (sha256, size, bytes) VALUES ('ab', 3, X'616263')", Poco::Data::Keywords::now;
    session << "COMMIT", Poco::Data::Keywords::now;
  }
  SqliteStore upgraded(old.path.string());
  upgraded.migrate();
  const Instant upgradedAt = static_cast<Instant>(std::time(nullptr));
  // A form re-shown just before the upgrade keeps its file for the grace period.
  BOOST_TEST(upgraded.requests().collectBlobs(upgradedAt - 3600).blobs == 0);
  BOOST_TEST(upgraded.requests().blobBytes("ab").has_value());
  BOOST_TEST(upgraded.requests().collectBlobs(upgradedAt + 3600).blobs == 1);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(alongside_writers, Fixture)

// Submissions as the workflow makes them (store or touch, then attach)
// while collection runs with a grace period: none fails, none loses a file,
// and the old unused blobs still go.
BOOST_AUTO_TEST_CASE(collection_beside_concurrent_submissions) {
  for (int i = 0; i < 100; ++i) requests.putBlob("yatim lama " + std::to_string(i), kNow - 2 * kDay);
  const std::string kept = "disimpan untuk formulir";
  const std::string keptHash = requests.putBlob(kept, kNow - 2 * kDay);  // old: only a touch saves it

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<std::int64_t> collected{0};
  std::thread collector([&] {
    while (!done) collected += requests.collectBlobs(kNow - kDay).blobs;
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < 30; ++i) {
        try {
          const std::string code = "JDW-" + std::to_string(w) + "-" + std::to_string(i);
          std::vector<FileRef> files{letter(requests.putBlob(pdfBytes(code), kNow))};
          if (i % 3 == 0) {
            if (!requests.touchBlob(keptHash, kNow)) throw std::runtime_error("the kept blob went");
            files.push_back(letter(keptHash));
          }
          const RequestRow row = requests.createRequest(sampleRequest(code), files, auditAt(kNow)).value();
          RequestRow next = row;
          if (!requests.updateRequest(next, auditAt(kNow, "resubmit"), {letterWithContent(pdfBytes(code + "r"))}))
            throw std::runtime_error("update refused");
        } catch (const std::exception& e) {
          BOOST_TEST_MESSAGE("writer failed: " << e.what());
          ++failures;
        }
      }
    });
  }
  for (auto& writer : writers) writer.join();
  done = true;
  collector.join();
  collected += requests.collectBlobs(kNow - kDay).blobs;

  BOOST_TEST(failures == 0);
  BOOST_TEST(collected == 100);
  BOOST_TEST(exists(kept));
  for (int w = 0; w < 3; ++w) {
    for (int i = 0; i < 30; ++i) {
      const auto row = requests.findRequestByCode("JDW-" + std::to_string(w) + "-" + std::to_string(i));
      BOOST_TEST_REQUIRE(row.has_value());
      for (const auto& file : requests.filesOf(row->id)) BOOST_TEST(requests.blobBytes(file.sha256).has_value());
    }
  }
}

// With no grace at all, a file that brings its content is still never
// lost: it is stored and referenced in one transaction.
BOOST_AUTO_TEST_CASE(content_attached_in_its_write_survives_collection_without_grace) {
  const RequestRow row = requests.createRequest(sampleRequest("JDW-C"), {}, auditAt(kNow)).value();
  std::atomic<bool> done{false};
  std::thread collector([&] {
    while (!done) requests.collectBlobs(std::numeric_limits<Instant>::max());
  });
  int refused = 0;
  RequestRow current = row;
  for (int i = 0; i < 60; ++i) {
    if (!requests.updateRequest(current, auditAt(kNow + i, "resubmit"),
                                {letterWithContent(pdfBytes("tanpa tenggang " + std::to_string(i)))}))
      ++refused;
    current = *requests.findRequest(row.id);
  }
  done = true;
  collector.join();
  BOOST_TEST(refused == 0);
  const auto files = requests.filesOf(row.id);
  BOOST_TEST(files.size() == 60u);
  for (const auto& file : files) BOOST_TEST(requests.blobBytes(file.sha256).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(collector)

class FixedClock final : public workflow::Clock {
 public:
  Instant now() const override { return kNow; }
};

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

BOOST_FIXTURE_TEST_CASE(runs_at_start_and_at_every_interval, Fixture) {
  FixedClock clock;
  std::ostringstream log;
  requests.putBlob("yatim pertama", kNow - 2 * kDay);
  requests.putBlob("muda", kNow - 60);
  {
    server::BlobCollector collector(requests, clock, std::chrono::hours(24), std::chrono::seconds(1), log);
    collector.start();
    BOOST_TEST(waitUntil([&] { return !exists("yatim pertama"); }, std::chrono::seconds(5)));
    requests.putBlob("yatim kedua", kNow - 2 * kDay);
    BOOST_TEST(waitUntil([&] { return !exists("yatim kedua"); }, std::chrono::seconds(5)));
    BOOST_TEST(exists("muda"));
  }
  BOOST_TEST(log.str().find("deleted 1 uploaded files") != std::string::npos, log.str());
}

BOOST_FIXTURE_TEST_CASE(stops_at_once_between_passes, Fixture) {
  FixedClock clock;
  std::ostringstream log;
  requests.putBlob("yatim", kNow - 2 * kDay);
  auto collector =
      std::make_unique<server::BlobCollector>(requests, clock, std::chrono::hours(24), std::chrono::hours(1), log);
  collector->start();
  BOOST_TEST(waitUntil([&] { return !exists("yatim"); }, std::chrono::seconds(5)));
  const auto before = std::chrono::steady_clock::now();
  collector.reset();
  BOOST_TEST((std::chrono::steady_clock::now() - before < std::chrono::seconds(2)));
}

BOOST_FIXTURE_TEST_CASE(one_pass_uses_the_grace_period, Fixture) {
  FixedClock clock;
  std::ostringstream log;
  requests.putBlob("dua hari", kNow - 2 * kDay);
  requests.putBlob("setengah hari", kNow - kDay / 2);
  server::BlobCollector collector(requests, clock, std::chrono::hours(24), std::chrono::hours(1), log);
  BOOST_TEST(collector.collectOnce().blobs == 1);
  BOOST_TEST(exists("setengah hari"));
}

BOOST_AUTO_TEST_SUITE_END()
