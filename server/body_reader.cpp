#include "server/body_reader.h"

#include <algorithm>
#include <array>

namespace jadwal::server {

Body readBody(std::istream& in, std::optional<std::uint64_t> declaredLength, bool chunked, std::size_t maxBytes) {
  Body body;
  if (declaredLength && *declaredLength > maxBytes) {
    body.status = BodyStatus::TooLarge;
    return body;
  }
  if (!chunked && (!declaredLength || *declaredLength == 0)) return body;
  if (declaredLength) body.bytes.reserve(static_cast<std::size_t>(*declaredLength));

  std::array<char, 65536> buffer;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (body.bytes.size() + got > maxBytes) {
      body.status = BodyStatus::TooLarge;
      body.bytes.clear();
      return body;
    }
    body.bytes.append(buffer.data(), got);
  }
  if (in.bad() || (declaredLength && body.bytes.size() < *declaredLength)) body.status = BodyStatus::Incomplete;
  return body;
}

}  // namespace jadwal::server
