// The blobs of SqliteRequestStore: the bytes of uploaded files, once per
// content, and the collection of those no request uses.
#include "sql/sqlite_blobs.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Statement.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "sql/sqlite_request_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

// Blobs deleted per transaction: each may be megabytes, and writers wait
// while a transaction runs.
constexpr std::int64_t kBlobsPerSweep = 20;

constexpr const char* kUnreferenced = "NOT EXISTS (SELECT 1 FROM request_files f WHERE f.sha256 = blobs.sha256)";

}  // namespace

std::string blobHashOf(std::string_view bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string storeBlob(Poco::Data::Session& session, const std::string& bytes, Instant at) {
  const std::string hash = blobHashOf(bytes);
  // Empty content binds as NULL; COALESCE keeps it an empty blob. Only a
  // conflict on the hash is absorbed, so any other failure still shows; the
  // mark never moves back.
  const Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  session << "INSERT INTO blobs (sha256, size, bytes, stored_at) VALUES (?, ?, COALESCE(?, X''), ?) "
             "ON CONFLICT (sha256) DO UPDATE SET stored_at = MAX(stored_at, excluded.stored_at)",
      useRef(hash), bind(static_cast<std::int64_t>(bytes.size())), bind(blob), bind(at), now;
  return hash;
}

std::string SqliteRequestStore::putBlob(const std::string& bytes, Instant at) {
  return guarded("putBlob", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    const std::string hash = storeBlob(tx.session(), bytes, at);
    tx.commit();
    return hash;
  });
}

std::optional<std::string> SqliteRequestStore::blobBytes(std::string_view sha256) {
  return guarded("blobBytes", [&] {
    auto lease = pool_.acquire();
    std::vector<Poco::Data::BLOB> bytes;
    lease.session() << "SELECT bytes FROM blobs WHERE sha256 = ?", into(bytes), bind(lowercase(sha256)), now;
    std::optional<std::string> found;
    if (bytes.empty()) return found;
    const Poco::Data::BLOB& blob = bytes.front();
    found.emplace();
    if (blob.size() > 0) found->assign(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
    return found;
  });
}

bool SqliteRequestStore::touchBlob(std::string_view sha256, Instant at) {
  return guarded("touchBlob", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Poco::Data::Statement st(tx.session());
    // A row that is already newer still counts as found.
    st << "UPDATE blobs SET stored_at = MAX(stored_at, ?) WHERE sha256 = ?", bind(at), bind(lowercase(sha256));
    const bool found = st.execute() > 0;
    tx.commit();
    return found;
  });
}

BlobSweep SqliteRequestStore::collectBlobs(Instant storedBefore) {
  return guarded("collectBlobs", [&] {
    BlobSweep sweep;
    for (;;) {
      SqliteWriteTransaction tx(pool_, writers_);
      Poco::Data::Session& s = tx.session();
      std::vector<std::string> hashes;
      std::vector<std::int64_t> sizes;
      s << std::string("SELECT sha256, size FROM blobs WHERE stored_at < ? AND ") + kUnreferenced + " LIMIT ?",
          into(hashes), into(sizes), bind(storedBefore), bind(kBlobsPerSweep), now;
      for (std::size_t i = 0; i < hashes.size(); ++i) {
        s << "DELETE FROM blobs WHERE sha256 = ?", useRef(hashes[i]), now;
        ++sweep.blobs;
        sweep.bytes += sizes[i];
      }
      tx.commit();
      if (static_cast<std::int64_t>(hashes.size()) < kBlobsPerSweep) return sweep;
    }
  });
}

std::int64_t SqliteRequestStore::unusedBlobBytes() {
  return guarded("unusedBlobBytes", [&] {
    auto lease = pool_.acquire();
    std::int64_t bytes = 0;
    lease.session() << std::string("SELECT COALESCE(SUM(size), 0) FROM blobs WHERE ") + kUnreferenced, into(bytes), now;
    return bytes;
  });
}

}  // namespace jadwal::sql
