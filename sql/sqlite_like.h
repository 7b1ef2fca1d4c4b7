#pragma once
// A LIKE pattern that finds a text anywhere in a column (with ESCAPE '\').

#include <string>
#include <string_view>

namespace jadwal::sql {

// LIKE treats % and _ as wildcards; a search for them must find them.
inline std::string likeContaining(std::string_view text) {
  std::string pattern = "%";
  for (const char c : text) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

}  // namespace jadwal::sql
