#pragma once
// UTF-8 as RFC 3629 defines it: no overlong forms, no UTF-16 surrogates,
// nothing past U+10FFFF. Paths, query values, iCalendar bodies, XML output
// and uploaded file names are all checked by this one reading, so no two
// layers can disagree about what is text.

#include <cstddef>
#include <string_view>

namespace jadwal::base {

// The length of the well-formed sequence that starts at text[i] (1 for an
// ASCII byte), or 0 when none starts there.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);

// Whether all of `text` is well-formed UTF-8.
bool isValidUtf8(std::string_view text);

}  // namespace jadwal::base
