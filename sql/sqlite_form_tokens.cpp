// The one-time tokens of the public form on SqliteRequestStore: a unique
// key per token hash decides which of two submissions at once is the first.
#include <Poco/Data/Statement.h>

#include "sql/sqlite_request_store.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

using namespace Poco::Data::Keywords;

bool SqliteRequestStore::claimFormToken(std::string_view tokenHash, Instant at) {
  return guarded("claimFormToken", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Poco::Data::Statement st(tx.session());
    const std::string hash(tokenHash);
    st << "INSERT OR IGNORE INTO form_tokens (token_hash, request_id, claimed_at) VALUES (?, 0, ?)", bind(hash),
        bind(at);
    const bool claimed = st.execute() > 0;
    tx.commit();
    return claimed;
  });
}

std::optional<std::int64_t> SqliteRequestStore::formTokenRequest(std::string_view tokenHash) {
  return guarded("formTokenRequest", [&]() -> std::optional<std::int64_t> {
    auto lease = pool_.acquire();
    const std::string hash(tokenHash);
    std::vector<std::int64_t> ids;
    lease.session() << "SELECT request_id FROM form_tokens WHERE token_hash = ?", bind(hash), into(ids), now;
    if (ids.empty()) return std::nullopt;
    return ids.front();
  });
}

void SqliteRequestStore::finishFormToken(std::string_view tokenHash, std::int64_t requestId) {
  guarded("finishFormToken", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    const std::string hash(tokenHash);
    if (requestId == 0) {
      tx.session() << "DELETE FROM form_tokens WHERE token_hash = ? AND request_id = 0", bind(hash), now;
    } else {
      tx.session() << "UPDATE form_tokens SET request_id = ? WHERE token_hash = ?", bind(requestId), bind(hash), now;
    }
    tx.commit();
  });
}

std::int64_t SqliteRequestStore::sweepFormTokens(Instant claimedBefore) {
  return guarded("sweepFormTokens", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Poco::Data::Statement st(tx.session());
    st << "DELETE FROM form_tokens WHERE claimed_at < ?", bind(claimedBefore);
    const auto swept = static_cast<std::int64_t>(st.execute());
    tx.commit();
    return swept;
  });
}

}  // namespace jadwal::sql
