#pragma once
// Paths that carry a secret: a feed's URL (/ics/<token>.ics) is its only
// credential, so logs show the path with the token masked.

#include <string>
#include <string_view>

namespace jadwal::base {

// `path` as a log may show it: from an "/ics/" segment on (in any letter
// case, and also when percent-escaped), what follows is replaced by "***".
// Other paths come back unchanged.
std::string loggablePath(std::string_view path);

}  // namespace jadwal::base
