#pragma once
// Feeds on the SQLite store's connections; part of SqliteStore, which owns
// the pool and the writer queue it shares.

#include "sql/feed_store.h"
#include "sql/sqlite_connection_pool.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

class SqliteFeedStore final : public FeedStore {
 public:
  // REQUIRES: `pool` and `writers` outlive this store.
  SqliteFeedStore(SqliteConnectionPool& pool, WriterQueue& writers) : pool_(pool), writers_(writers) {}

  CreateResult<FeedRow> createFeed(const FeedRow& feed, std::int64_t maxFeedsPerUser) override;
  std::vector<FeedRow> feedsOf(std::int64_t userId) override;
  std::optional<FeedRow> findFeedByTokenHash(std::string_view tokenHash) override;
  bool revokeFeed(std::int64_t feedId, std::int64_t userId) override;

 private:
  SqliteConnectionPool& pool_;
  WriterQueue& writers_;
};

}  // namespace jadwal::sql
