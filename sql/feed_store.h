#pragma once
// Read-only calendar feeds (/ics/<token>.ics): what a user subscribes to in
// Outlook, Google Calendar or a phone that speaks no CalDAV. A feed names the
// calendars it covers; who may read them is decided again at every fetch
// (caldav::calendarAccess), never here.
//
// Contract: the same as Store (thread-safe; each write one transaction;
// database failures thrown as StoreError). Only the hash of a feed's token
// is kept: a copy of the database opens no feed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

struct FeedRow {
  std::int64_t id = 0;  // set by the store
  std::int64_t userId = 0;
  std::string name;                       // what the user calls it, 1..100 characters
  std::vector<std::int64_t> calendarIds;  // ascending, no repeats
  std::string tokenHash;                  // hex SHA-256 of the token; the token itself is never stored
  Instant createdAt = 0;
};

class FeedStore {
 public:
  virtual ~FeedStore() = default;
  // Exists (nothing written) if a feed has this token hash; QuotaExceeded
  // (nothing written, `used` the user's feeds now) if the user already has
  // `maxFeedsPerUser` feeds, counted in the write's transaction.
  // REQUIRES: a token hash, a name, at least one calendar, calendars and a
  // user that exist.
  virtual CreateResult<FeedRow> createFeed(const FeedRow& feed, std::int64_t maxFeedsPerUser) = 0;
  // The user's feeds, oldest first.
  virtual std::vector<FeedRow> feedsOf(std::int64_t userId) = 0;
  virtual std::optional<FeedRow> findFeedByTokenHash(std::string_view tokenHash) = 0;
  // Deletes the feed if `userId` owns it: its token answers nothing from
  // the moment this returns. False when there is no such feed of the user.
  virtual bool revokeFeed(std::int64_t feedId, std::int64_t userId) = 0;
};

}  // namespace jadwal::sql
