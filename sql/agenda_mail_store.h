#pragma once
// Who receives the morning mail with the day's agenda, and which day each
// last received it. The day is claimed before the mail goes out, with a
// compare-and-set in one transaction: a restart, or a second server on the
// same database, never sends a day twice.
//
// Contract: the same as Store (thread-safe; each write one transaction;
// database failures thrown as StoreError). Days are local dates written
// "YYYY-MM-DD", so that text order is date order.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

struct AgendaMailSubscription {
  std::int64_t userId = 0;
  std::string address;
  bool enabled = false;
  std::string lastDay;     // the last day claimed; "" before the first
  std::string failedDay;   // the day the failed sends below were counted on
  int failedAttempts = 0;  // sends of failedDay that failed
};

class AgendaMailStore {
 public:
  virtual ~AgendaMailStore() = default;
  virtual std::optional<AgendaMailSubscription> findAgendaMail(std::int64_t userId) = 0;
  // Creates or changes a user's choice; what was sent stays recorded, so
  // switching off and on again the same morning sends nothing twice.
  // REQUIRES: a user that exists.
  virtual void saveAgendaMail(std::int64_t userId, const std::string& address, bool enabled) = 0;
  // The enabled subscriptions not yet claimed for `day`.
  virtual std::vector<AgendaMailSubscription> agendaMailsDue(const std::string& day) = 0;
  // Takes `day` for the user: true, and lastDay set to `day`, only if the
  // subscription is enabled, its lastDay is before `day`, and fewer than
  // `maxFailedAttempts` sends of `day` failed. Whoever gets true sends.
  virtual bool claimAgendaMailDay(std::int64_t userId, const std::string& day, int maxFailedAttempts) = 0;
  // The send of a claimed `day` failed: gives the day back (lastDay to
  // `previousDay`, if it is still `day`) and counts the failure.
  virtual void releaseAgendaMailDay(std::int64_t userId, const std::string& day, const std::string& previousDay) = 0;
};

}  // namespace jadwal::sql
