#include "sql/sqlite_store.h"
#include "sql/store.h"

namespace jadwal::sql {

namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr std::string_view kMysqlPrefix = "mysql://";
constexpr std::string_view kAcceptedForms = "write sqlite:PATH (e.g. sqlite:/var/lib/jadwal/jadwal.db)";

// A db.url may carry a password: messages name only its scheme.
std::string schemeOf(std::string_view url) {
  const auto colon = url.find(':');
  return colon == std::string_view::npos ? "(none)" : std::string(url.substr(0, colon));
}

}  // namespace

std::unique_ptr<Store> openStore(const std::string& url, const base::Clock& clock) {
  return openStore(url, StoreLimits{}, clock);
}

std::unique_ptr<Store> openStore(const std::string& url, const StoreLimits& limits, const base::Clock& clock) {
  const std::string_view view(url);
  if (view.starts_with(kSqlitePrefix)) {
    const std::string path(view.substr(kSqlitePrefix.size()));
    if (path.empty()) throw StoreError("db.url \"sqlite:\" names no file; " + std::string(kAcceptedForms));
    return std::make_unique<SqliteStore>(path, limits, clock);
  }
  if (view.starts_with(kMysqlPrefix)) {
    throw StoreError("db.url: MySQL is not supported by this build yet; " + std::string(kAcceptedForms));
  }
  throw StoreError("db.url with scheme \"" + schemeOf(view) + "\" is not understood; " + std::string(kAcceptedForms));
}

}  // namespace jadwal::sql
