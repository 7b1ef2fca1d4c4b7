#include "sql/sqlite_agenda_mail_store.h"

#include <Poco/Data/Statement.h>

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kColumns = "user_id, address, enabled, last_day, failed_day, failed_attempts";

std::vector<AgendaMailSubscription> select(Poco::Data::Session& session, const std::string& where,
                                           const std::string& argument) {
  std::vector<std::int64_t> userId, enabled, failed;
  std::vector<std::string> address, lastDay, failedDay;
  std::string sql = std::string("SELECT ") + kColumns + " FROM agenda_mail WHERE " + where + " ORDER BY user_id";
  std::string bound = argument;
  session << sql, into(userId), into(address), into(enabled), into(lastDay), into(failedDay), into(failed),
      useRef(bound), now;
  std::vector<AgendaMailSubscription> rows;
  for (std::size_t i = 0; i < userId.size(); ++i) {
    rows.push_back({userId[i], address[i], enabled[i] != 0, lastDay[i], failedDay[i], static_cast<int>(failed[i])});
  }
  return rows;
}

}  // namespace

std::optional<AgendaMailSubscription> SqliteAgendaMailStore::findAgendaMail(std::int64_t userId) {
  return guarded("findAgendaMail", [&]() -> std::optional<AgendaMailSubscription> {
    auto lease = pool_.acquire();
    auto rows = select(lease.session(), "user_id = CAST(? AS INTEGER)", std::to_string(userId));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  });
}

void SqliteAgendaMailStore::saveAgendaMail(std::int64_t userId, const std::string& address, bool enabled) {
  guarded("saveAgendaMail", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    const int on = enabled ? 1 : 0;
    tx.session() << "INSERT INTO agenda_mail (user_id, address, enabled) VALUES (?, ?, ?) "
                    "ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, enabled = excluded.enabled",
        bind(userId), useRef(address), bind(on), now;
    tx.commit();
  });
}

std::vector<AgendaMailSubscription> SqliteAgendaMailStore::agendaMailsDue(const std::string& day) {
  return guarded("agendaMailsDue", [&] {
    auto lease = pool_.acquire();
    return select(lease.session(), "enabled = 1 AND last_day < ?", day);
  });
}

bool SqliteAgendaMailStore::claimAgendaMailDay(std::int64_t userId, const std::string& day, int maxFailedAttempts) {
  return guarded("claimAgendaMailDay", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    // The compare-and-set: only a row still before `day` changes, and the
    // writer lock makes the check and the change one step.
    Poco::Data::Statement update(tx.session());
    update << "UPDATE agenda_mail SET last_day = ? WHERE user_id = ? AND enabled = 1 AND last_day < ? "
              "AND (failed_day <> ? OR failed_attempts < ?)",
        useRef(day), bind(userId), useRef(day), useRef(day), bind(maxFailedAttempts);
    const std::size_t changed = update.execute();
    tx.commit();
    return changed == 1;
  });
}

void SqliteAgendaMailStore::releaseAgendaMailDay(std::int64_t userId, const std::string& day,
                                                 const std::string& previousDay) {
  guarded("releaseAgendaMailDay", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    tx.session() << "UPDATE agenda_mail SET last_day = ?, "
                    "failed_attempts = CASE WHEN failed_day = ? THEN failed_attempts + 1 ELSE 1 END, "
                    "failed_day = ? WHERE user_id = ? AND last_day = ?",
        useRef(previousDay), useRef(day), useRef(day), bind(userId), useRef(day), now;
    tx.commit();
  });
}

}  // namespace jadwal::sql
