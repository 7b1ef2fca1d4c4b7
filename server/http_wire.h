#pragma once
// The bytes of an HTTP/1.1 answer's head: status line, the application's
// headers, and the framing headers the front end decides (Content-Length or
// chunked, Connection, Date, Server).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jadwal::server {

struct Framing {
  enum class Kind {
    NoBody,     // 1xx, 204, 304: no body and no length
    Length,     // Content-Length: `length` (HEAD: the length GET would send)
    Chunked,    // Transfer-Encoding: chunked (HTTP/1.1)
    UntilClose  // the body ends when the connection closes (HTTP/1.0 streams)
  };
  Kind kind = Kind::Length;
  std::uint64_t length = 0;
  bool keepAlive = true;
  int requestVersion = 11;  // 10 or 11: HTTP/1.0 needs "Connection: keep-alive" to keep it
};

// The reason phrase of a status code ("Not Found"); "Unknown" for others.
std::string_view reasonPhrase(int status);

// The head of an answer, ending with the empty line. Headers the front end
// owns (Content-Length, Transfer-Encoding, Connection, Date) are dropped
// from `headers`; a CR, LF or NUL in a name or value is replaced by a
// space, so no value can start a header of its own. Adds
// X-Content-Type-Options: nosniff unless the application set it.
std::string responseHead(int status, const std::vector<std::pair<std::string, std::string>>& headers,
                         const Framing& framing);

// The line that opens one chunk of a chunked body ("1a2b\r\n").
std::string chunkPrefix(std::size_t size);
inline constexpr std::string_view kChunkSuffix = "\r\n";
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

// The current time as an HTTP-date, recomputed at most once a second.
std::string currentHttpDate();

}  // namespace jadwal::server
