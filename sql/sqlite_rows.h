#pragma once
// Helpers for the SQLite store's bulk reads, which fill one vector per column.

#include <optional>
#include <utility>
#include <vector>

namespace jadwal::sql {

// The first of the rows read, if any.
template <typename T>
std::optional<T> first(std::vector<T> rows) {
  std::optional<T> result;
  if (!rows.empty()) result = std::move(rows.front());
  return result;
}

}  // namespace jadwal::sql
