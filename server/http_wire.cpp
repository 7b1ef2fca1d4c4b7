#include "server/http_wire.h"

#include <strings.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "base/clock.h"

namespace jadwal::server {
namespace {

bool named(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool ownedByFrontEnd(std::string_view name) {
  return named(name, "Content-Length") || named(name, "Transfer-Encoding") || named(name, "Connection") ||
         named(name, "Date") || named(name, "Keep-Alive");
}

void appendClean(std::string& out, std::string_view text) {
  for (char c : text) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
}

}  // namespace

std::string_view reasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 207:
      return "Multi-Status";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 423:
      return "Locked";
    case 424:
      return "Failed Dependency";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    case 507:
      return "Insufficient Storage";
    default:
      return "Unknown";
  }
}

std::string responseHead(int status, const std::vector<std::pair<std::string, std::string>>& headers,
                         const Framing& framing) {
  std::string head;
  head.reserve(256);
  head += "HTTP/1.1 ";
  head += std::to_string(status);
  head += ' ';
  head += reasonPhrase(status);
  head += "\r\nDate: ";
  head += currentHttpDate();
  head += "\r\nServer: Jadwal\r\n";
  bool nosniff = false;
  for (const auto& [name, value] : headers) {
    if (ownedByFrontEnd(name)) continue;
    nosniff = nosniff || named(name, "X-Content-Type-Options");
    appendClean(head, name);
    head += ": ";
    appendClean(head, value);
    head += "\r\n";
  }
  if (!nosniff) head += "X-Content-Type-Options: nosniff\r\n";
  switch (framing.kind) {
    case Framing::Kind::NoBody:
      break;
    case Framing::Kind::Length:
      head += "Content-Length: " + std::to_string(framing.length) + "\r\n";
      break;
    case Framing::Kind::Chunked:
      head += "Transfer-Encoding: chunked\r\n";
      break;
    case Framing::Kind::UntilClose:
      break;
  }
  if (!framing.keepAlive || framing.kind == Framing::Kind::UntilClose) {
    head += "Connection: close\r\n";
  } else if (framing.requestVersion == 10) {
    head += "Connection: keep-alive\r\n";
  }
  head += "\r\n";
  return head;
}

std::string chunkPrefix(std::size_t size) {
  char digits[32];
  const int length = std::snprintf(digits, sizeof digits, "%zx\r\n", size);
  return std::string(digits, static_cast<std::size_t>(length));
}

std::string currentHttpDate() {
  static std::mutex mutex;
  static std::time_t cachedSecond = 0;
  static std::string cached;
  const auto now = static_cast<std::time_t>(base::systemClock().now());
  std::lock_guard lock(mutex);
  if (now != cachedSecond) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    // Fixed English names: the C library's would follow the locale.
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[64];
    const int length =
        std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday], utc.tm_mday,
                      kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    cached.assign(text, static_cast<std::size_t>(length));
    cachedSecond = now;
  }
  return cached;
}

}  // namespace jadwal::server
