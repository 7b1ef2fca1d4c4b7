#include "base/secret_paths.h"

#include <algorithm>
#include <cctype>

#include "base/percent.h"

namespace jadwal::base {

namespace {

constexpr std::string_view kFeedSegment = "/ics/";

std::size_t findFeedSegment(std::string_view text) {
  const auto at = std::search(text.begin(), text.end(), kFeedSegment.begin(), kFeedSegment.end(),
                              [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return at == text.end() ? std::string_view::npos : static_cast<std::size_t>(at - text.begin());
}

}  // namespace

std::string loggablePath(std::string_view path) {
  if (const std::size_t at = findFeedSegment(path); at != std::string_view::npos) {
    return std::string(path.substr(0, at + kFeedSegment.size())) + "***";
  }
  // "/%69cs/<token>.ics" reaches the same feed: mask what decodes to it too,
  // the whole path, since positions in the raw text do not match.
  const auto decoded = percentDecoded(path);
  if (decoded && findFeedSegment(*decoded) != std::string_view::npos) return std::string(kFeedSegment) + "***";
  return std::string(path);
}

}  // namespace jadwal::base
