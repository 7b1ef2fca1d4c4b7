#pragma once
// The collations of CALDAV:text-match (RFC 4791 section 9.7.5, RFC 4790):
// i;ascii-casemap, which folds only the ASCII letters, and i;octet, which
// compares bytes as they are.

#include <string_view>

namespace jadwal::caldav {

inline constexpr std::string_view kAsciiCasemap = "i;ascii-casemap";
inline constexpr std::string_view kOctet = "i;octet";

bool isSupportedCollation(std::string_view collation);

// Whether `needle` occurs in `haystack` under `collation` (a substring match;
// an empty needle occurs everywhere). REQUIRES: isSupportedCollation(collation).
bool containsUnderCollation(std::string_view haystack, std::string_view needle, std::string_view collation);

}  // namespace jadwal::caldav
