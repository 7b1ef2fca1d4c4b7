#pragma once
// Text helpers shared by every layer, so that each rule has one spelling.

#include <string>
#include <string_view>

namespace jadwal::base {

// `text` without leading and trailing ASCII white space (space, tab, CR, LF,
// vertical tab, form feed). Other bytes, UTF-8 included, are kept.
std::string_view trimmed(std::string_view text);
// The same, as an owned string.
std::string trimmedCopy(std::string_view text);
// `text` with ASCII letters in lower case; other bytes, UTF-8 included, are kept.
std::string asciiLowercase(std::string_view text);

}  // namespace jadwal::base
