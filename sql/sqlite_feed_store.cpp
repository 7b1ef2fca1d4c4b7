#include "sql/sqlite_feed_store.h"

#include <Poco/Data/Statement.h>

#include <algorithm>

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;

std::vector<std::int64_t> calendarsOfFeed(Session& s, std::int64_t feedId) {
  std::vector<std::int64_t> ids;
  s << "SELECT calendar_id FROM feed_calendars WHERE feed_id = ? ORDER BY calendar_id", into(ids), bind(feedId), now;
  return ids;
}

// The feeds a WHERE clause selects, with their calendars, oldest first.
template <typename Value>
std::vector<FeedRow> feedsWhere(Session& s, const char* condition, const Value& value) {
  std::vector<std::int64_t> ids, userIds, createdAt;
  std::vector<std::string> names, hashes;
  s << std::string("SELECT id, user_id, name, token_hash, created_at FROM feeds WHERE ") + condition + " ORDER BY id",
      into(ids), into(userIds), into(names), into(hashes), into(createdAt), bind(value), now;
  std::vector<FeedRow> feeds(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    feeds[i].id = ids[i];
    feeds[i].userId = userIds[i];
    feeds[i].name = std::move(names[i]);
    feeds[i].tokenHash = std::move(hashes[i]);
    feeds[i].createdAt = createdAt[i];
    feeds[i].calendarIds = calendarsOfFeed(s, ids[i]);
  }
  return feeds;
}

}  // namespace

CreateResult<FeedRow> SqliteFeedStore::createFeed(const FeedRow& feed, std::int64_t maxFeedsPerUser) {
  if (feed.tokenHash.empty() || feed.name.empty() || feed.calendarIds.empty()) {
    throw StoreError("a feed needs a token hash, a name and a calendar");
  }
  return guarded("createFeed", [&] {
    CreateResult<FeedRow> result;
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    std::int64_t taken = 0;
    s << "SELECT COUNT(*) FROM feeds WHERE token_hash = ?", into(taken), useRef(feed.tokenHash), now;
    if (taken > 0) return result;  // Exists
    std::int64_t held = 0;
    s << "SELECT COUNT(*) FROM feeds WHERE user_id = ?", into(held), bind(feed.userId), now;
    if (held >= maxFeedsPerUser) {
      result.status = CreateStatus::QuotaExceeded;
      result.used = held;
      return result;
    }
    FeedRow stored = feed;
    std::sort(stored.calendarIds.begin(), stored.calendarIds.end());
    stored.calendarIds.erase(std::unique(stored.calendarIds.begin(), stored.calendarIds.end()),
                             stored.calendarIds.end());
    s << "INSERT INTO feeds (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)", bind(stored.userId),
        useRef(stored.name), useRef(stored.tokenHash), bind(stored.createdAt), now;
    s << "SELECT last_insert_rowid()", into(stored.id), now;
    for (const std::int64_t calendarId : stored.calendarIds) {
      s << "INSERT INTO feed_calendars (feed_id, calendar_id) VALUES (?, ?)", bind(stored.id), bind(calendarId), now;
    }
    tx.commit();
    result.status = CreateStatus::Created;
    result.created = std::move(stored);
    return result;
  });
}

std::vector<FeedRow> SqliteFeedStore::feedsOf(std::int64_t userId) {
  return guarded("feedsOf", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    return feedsWhere(snapshot.session(), "user_id = ?", userId);
  });
}

std::optional<FeedRow> SqliteFeedStore::findFeedByTokenHash(std::string_view tokenHash) {
  return guarded("findFeedByTokenHash", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    auto feeds = feedsWhere(snapshot.session(), "token_hash = ?", std::string(tokenHash));
    std::optional<FeedRow> found;
    if (!feeds.empty()) found = std::move(feeds.front());
    return found;
  });
}

bool SqliteFeedStore::revokeFeed(std::int64_t feedId, std::int64_t userId) {
  return guarded("revokeFeed", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "DELETE FROM feeds WHERE id = ? AND user_id = ?", bind(feedId), bind(userId), now;
    int changed = 0;
    tx.session() << "SELECT changes()", into(changed), now;
    tx.commit();
    return changed > 0;
  });
}

}  // namespace jadwal::sql
