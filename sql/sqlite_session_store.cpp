#include "sql/sqlite_session_store.h"

#include <Poco/Data/Statement.h>
#include <Poco/RandomStream.h>

#include <istream>

#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Statement;

constexpr std::size_t kSecretBytes = 32;

// Poco's random stream reads the system's source (/dev/urandom).
std::string randomHex(std::size_t bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  Poco::RandomInputStream random;
  std::string hex;
  hex.reserve(bytes * 2);
  for (std::size_t i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned char>(random.get());
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0f];
  }
  return hex;
}

}  // namespace

CreateStatus SqliteSessionStore::createSession(const SessionRow& session) {
  if (session.tokenHash.empty()) throw StoreError("a session needs a token hash");
  return guarded("createSession", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    std::vector<std::string> taken;
    tx.session() << "SELECT token_hash FROM sessions WHERE token_hash = ?", into(taken), useRef(session.tokenHash), now;
    if (!taken.empty()) return CreateStatus::Exists;
    tx.session() << "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
                    "VALUES (?, ?, ?, ?, ?)",
        useRef(session.tokenHash), bind(session.userId), useRef(session.csrfToken), bind(session.createdAt),
        bind(session.expiresAt), now;
    tx.commit();
    return CreateStatus::Created;
  });
}

std::optional<SessionRow> SqliteSessionStore::findSession(std::string_view tokenHash, Instant at) {
  return guarded("findSession", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> userId, createdAt, expiresAt;
    std::vector<std::string> csrfToken;
    lease.session() << "SELECT user_id, csrf_token, created_at, expires_at FROM sessions "
                       "WHERE token_hash = ? AND expires_at > ?",
        into(userId), into(csrfToken), into(createdAt), into(expiresAt), bind(std::string(tokenHash)), bind(at), now;
    std::optional<SessionRow> found;
    if (userId.empty()) return found;
    found.emplace();
    found->tokenHash = std::string(tokenHash);
    found->userId = userId.front();
    found->csrfToken = std::move(csrfToken.front());
    found->createdAt = createdAt.front();
    found->expiresAt = expiresAt.front();
    return found;
  });
}

void SqliteSessionStore::deleteSession(std::string_view tokenHash) {
  guarded("deleteSession", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "DELETE FROM sessions WHERE token_hash = ?", bind(std::string(tokenHash)), now;
    tx.commit();
  });
}

void SqliteSessionStore::deleteSessionsOf(std::int64_t userId) {
  guarded("deleteSessionsOf", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "DELETE FROM sessions WHERE user_id = ?", bind(userId), now;
    tx.commit();
  });
}

void SqliteSessionStore::deleteExpiredSessions(Instant at) {
  guarded("deleteExpiredSessions", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "DELETE FROM sessions WHERE expires_at <= ?", bind(at), now;
    tx.commit();
  });
}

std::string SqliteSessionStore::secret(std::string_view name) {
  if (name.empty()) throw StoreError("a secret needs a name");
  return guarded("secret", [&] {
    const std::string key(name);
    {
      auto lease = pool_.acquire();
      std::vector<std::string> value;
      lease.session() << "SELECT value FROM secrets WHERE name = ?", into(value), useRef(key), now;
      if (!value.empty()) return value.front();
    }
    // Whichever server inserts first wins; every other one reads its value.
    SqliteWriteTransaction tx(pool_, writers_);
    Poco::Data::Session& s = tx.session();
    const std::string candidate = randomHex(kSecretBytes);
    s << "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING", useRef(key),
        useRef(candidate), bind(clock_.now()), now;
    std::string value;
    s << "SELECT value FROM secrets WHERE name = ?", into(value), useRef(key), now;
    tx.commit();
    return value;
  });
}

}  // namespace jadwal::sql
