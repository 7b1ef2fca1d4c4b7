#include "server/request_target.h"

#include <cstdint>

#include "base/percent.h"
#include "base/utf8.h"

namespace jadwal::server {
namespace {

bool hasControlCharacter(std::string_view text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

bool isValidUtf8(std::string_view text) { return base::isValidUtf8(text); }

std::optional<RequestTarget> parseRequestTarget(std::string_view target, std::string& error) {
  if (target == "*") return RequestTarget{"*", ""};
  if (target.empty()) {
    error = "empty request target";
    return std::nullopt;
  }
  if (target.front() != '/') {
    // The absolute form, which proxies send: drop "scheme://authority".
    const std::size_t scheme = target.find("://");
    const std::size_t pathStart = scheme == std::string_view::npos ? scheme : target.find('/', scheme + 3);
    if (scheme == std::string_view::npos || scheme == 0) {
      error = "the request target is neither a path nor an absolute URL";
      return std::nullopt;
    }
    target = pathStart == std::string_view::npos ? std::string_view("/") : target.substr(pathStart);
  }
  if (target.find('#') != std::string_view::npos) {
    error = "a fragment (#) is not allowed in a request";
    return std::nullopt;
  }
  const std::size_t question = target.find('?');
  const std::string_view rawPath = target.substr(0, question);
  RequestTarget result;
  if (question != std::string_view::npos) result.query = std::string(target.substr(question + 1));

  auto decoded = base::percentDecoded(rawPath, false);
  if (!decoded) {
    error = "a bad percent escape in the path";
    return std::nullopt;
  }
  if (hasControlCharacter(*decoded)) {
    error = "a control character in the path";
    return std::nullopt;
  }
  if (!isValidUtf8(*decoded)) {
    error = "the path is not UTF-8";
    return std::nullopt;
  }
  // Every '/' in the decoded path must have been a '/' in the raw one.
  std::size_t rawSlashes = 0, decodedSlashes = 0;
  for (char c : rawPath) rawSlashes += c == '/';
  for (char c : *decoded) decodedSlashes += c == '/';
  if (rawSlashes != decodedSlashes) {
    error = "an encoded slash (%2F) in the path";
    return std::nullopt;
  }
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") {
      error = "a dot segment (. or ..) in the path";
      return std::nullopt;
    }
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  result.path = std::move(*decoded);
  return result;
}

std::optional<std::multimap<std::string, std::string>> parseQuery(std::string_view query) {
  std::multimap<std::string, std::string> out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    auto name = base::percentDecoded(pair.substr(0, equals), true);
    auto value =
        base::percentDecoded(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!name || !value || !isValidUtf8(*name) || !isValidUtf8(*value)) return std::nullopt;
    out.emplace(std::move(*name), std::move(*value));
  }
  return out;
}

}  // namespace jadwal::server
