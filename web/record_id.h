#pragma once
// A record's id as it comes in a URL or a form field.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>
#include <system_error>

namespace jadwal::web {

// A positive decimal number and nothing else (no sign, space or suffix).
inline std::optional<std::int64_t> parseRecordId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace jadwal::web
