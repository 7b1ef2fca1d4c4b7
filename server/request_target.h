#pragma once
// The request-target of an HTTP request (RFC 9112 section 3.2), read
// strictly: the path is percent-decoded once, and anything that could make
// two layers disagree about which resource is meant is refused with a
// reason instead of being "normalised" (an encoded slash, a dot segment, a
// NUL or control character, bytes that are not UTF-8, a bad escape).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jadwal::server {

struct RequestTarget {
  std::string path;   // decoded, starts with '/'; "*" for the asterisk form
  std::string query;  // as sent, without the '?'
};

// Accepts the origin form ("/a/b?q"), the absolute form
// ("http://host/a/b?q", whose scheme and authority are dropped) and "*".
// Returns nullopt with a one-line reason in `error`.
std::optional<RequestTarget> parseRequestTarget(std::string_view target, std::string& error);

// An application/x-www-form-urlencoded query ('+' is a space). Returns
// nullopt for a bad escape or bytes that are not UTF-8.
std::optional<std::multimap<std::string, std::string>> parseQuery(std::string_view query);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool isValidUtf8(std::string_view text);

}  // namespace jadwal::server
