#pragma once
// Web login sessions and the server's own secrets, kept in the database so
// that several servers behind one load balancer share them. Not to be
// confused with the database connections a backend pools (for SQLite,
// sql/sqlite_connection_pool.h).
//
// Contract: the same as Store (thread-safe; each write one transaction;
// database failures thrown as StoreError).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sql/store.h"

namespace jadwal::sql {

struct SessionRow {
  std::string tokenHash;  // hex SHA-256 of the cookie value; the value itself is never stored
  std::int64_t userId = 0;
  std::string csrfToken;
  Instant createdAt = 0;
  Instant expiresAt = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  // Exists (nothing written) if a session has this token hash. REQUIRES: a
  // token hash, and a user that exists.
  [[nodiscard]] virtual CreateStatus createSession(const SessionRow& session) = 0;
  // Expired sessions are not returned.
  virtual std::optional<SessionRow> findSession(std::string_view tokenHash, Instant now) = 0;
  virtual void deleteSession(std::string_view tokenHash) = 0;
  // Ends every session of a user (a new password must log out a stolen cookie).
  virtual void deleteSessionsOf(std::int64_t userId) = 0;
  virtual void deleteExpiredSessions(Instant now) = 0;
  // A random secret of 32 bytes (hex) under `name`, created on first use and
  // the same for every server on this database afterwards.
  virtual std::string secret(std::string_view name) = 0;
};

}  // namespace jadwal::sql
