#include "web/conditional_get.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <optional>
#include <string_view>

#include "base/text.h"

namespace jadwal::web {

namespace {

std::optional<sql::Instant> parseHttpDate(const std::string& text) {
  Poco::DateTime parsed;
  int zone = 0;
  for (const auto* format : {&Poco::DateTimeFormat::HTTP_FORMAT, &Poco::DateTimeFormat::RFC850_FORMAT,
                             &Poco::DateTimeFormat::ASCTIME_FORMAT}) {
    if (Poco::DateTimeParser::tryParse(*format, text, parsed, zone)) {
      return static_cast<sql::Instant>(parsed.timestamp().epochTime()) - zone;
    }
  }
  return std::nullopt;
}

// Whether an If-None-Match value names `etag` (or is "*"). Weak
// comparison, as RFC 9110 asks for If-None-Match.
bool matchesAny(std::string_view header, std::string_view etag) {
  if (base::trimmed(header) == "*") return true;
  const auto opaque = [](std::string_view tag) {
    tag = base::trimmed(tag);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  std::size_t start = 0;
  while (start <= header.size()) {
    const std::size_t comma = std::min(header.find(',', start), header.size());
    if (opaque(header.substr(start, comma - start)) == opaque(etag)) return true;
    start = comma + 1;
  }
  return false;
}

}  // namespace

bool clientHasVersion(const WebRequest& request, const std::string& etag, sql::Instant lastModified) {
  const std::string ifNoneMatch = request.header("If-None-Match");
  if (!ifNoneMatch.empty()) return matchesAny(ifNoneMatch, etag);
  const std::string ifModifiedSince = request.header("If-Modified-Since");
  if (ifModifiedSince.empty() || lastModified <= 0) return false;
  const auto since = parseHttpDate(ifModifiedSince);
  return since && lastModified <= *since;
}

}  // namespace jadwal::web
