// The earliest audit row of an action among many requests: a report's
// "first decision" of every request of a month without a query per request.

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <string>

#include "sql/sqlite_request_store.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

// Ids written into one IN (...): well below SQLite's statement limits.
constexpr std::size_t kIdsPerQuery = 500;

}  // namespace

std::map<std::int64_t, Instant> SqliteRequestStore::firstAuditTimes(const std::vector<std::int64_t>& requestIds,
                                                                    const std::vector<std::string>& actions) {
  std::map<std::int64_t, Instant> first;
  if (requestIds.empty() || actions.empty()) return first;
  return guarded("firstAuditTimes", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    std::string placeholders;
    for (std::size_t i = 0; i < actions.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    for (std::size_t begin = 0; begin < requestIds.size(); begin += kIdsPerQuery) {
      const std::size_t end = std::min(requestIds.size(), begin + kIdsPerQuery);
      std::string ids;
      for (std::size_t i = begin; i < end; ++i) {
        if (!ids.empty()) ids += ',';
        ids += std::to_string(requestIds[i]);  // integers: safe to write into the SQL
      }
      std::vector<std::int64_t> requestId, at;
      Poco::Data::Statement st(snapshot.session());
      st << "SELECT request_id, MIN(at) FROM audit WHERE request_id IN (" + ids + ") AND action IN (" + placeholders +
                ") GROUP BY request_id",
          into(requestId), into(at);
      for (const std::string& action : actions) st, useRef(action);
      st.execute();
      for (std::size_t i = 0; i < requestId.size(); ++i) first[requestId[i]] = at[i];
    }
    return first;
  });
}

}  // namespace jadwal::sql
