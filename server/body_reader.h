#pragma once
// Reads a request body with a size bound, so a client cannot make the server
// buffer more than max_body_bytes whatever it declares or streams.

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>

namespace jadwal::server {

enum class BodyStatus {
  Complete,
  TooLarge,    // declared or streamed beyond the bound: answer 413
  Incomplete,  // the stream ended or timed out before the declared length: answer 400
};

struct Body {
  BodyStatus status = BodyStatus::Complete;
  std::string bytes;
};

// `declaredLength` is the Content-Length if present. A request with neither a
// length nor chunked encoding has no body (RFC 9112 section 6.3) and nothing
// is read. A declared length over the bound is refused before reading.
Body readBody(std::istream& in, std::optional<std::uint64_t> declaredLength, bool chunked, std::size_t maxBytes);

}  // namespace jadwal::server
