#pragma once
// Percent-encoding (RFC 3986 section 2.1) for paths, query values, links and
// header parameters (RFC 8187), with one rule for what is kept as is.

#include <optional>
#include <string>
#include <string_view>

namespace jadwal::base {

// `text` with every byte escaped as %XX (upper-case hex) except the RFC 3986
// unreserved characters (ALPHA, DIGIT, '-', '.', '_', '~') and those in
// `alsoKept` (for example "/" for a path). Safe as a path segment, a query
// value and an RFC 8187 ext-value.
std::string percentEncoded(std::string_view text, std::string_view alsoKept = {});

// `text` with %XX escapes decoded (and '+' as a space when `plusIsSpace`, as
// browsers encode forms); nullopt on a truncated or non-hex escape.
std::optional<std::string> percentDecoded(std::string_view text, bool plusIsSpace = false);

}  // namespace jadwal::base
