#include "caldav/ical/text_match.h"

#include <algorithm>

namespace jadwal::caldav {
namespace {

// Folds A-Z only: bytes of multi-byte UTF-8 sequences are never in that range,
// so they stay untouched, as i;ascii-casemap requires.
char foldAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool isSupportedCollation(std::string_view collation) { return collation == kAsciiCasemap || collation == kOctet; }

bool containsUnderCollation(std::string_view haystack, std::string_view needle, std::string_view collation) {
  if (collation == kOctet) return haystack.find(needle) != std::string_view::npos;
  auto found = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                           [](char a, char b) { return foldAscii(a) == foldAscii(b); });
  return found != haystack.end() || needle.empty();
}

}  // namespace jadwal::caldav
