#pragma once
// Tracking codes: short enough to read over the phone, random enough not to
// be guessed. "JDW-" then 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), grouped 4-4: e.g. "JDW-7K3M-Q9XF" (40 bits of randomness).

#include <string>
#include <string_view>

namespace jadwal::workflow {

std::string newTrackingCode();  // from libsodium's randombytes
// Normalises what a person typed (case, spaces, missing dashes, O for 0 ...);
// returns "" when it cannot be a code.
std::string normaliseTrackingCode(std::string_view typed);

}  // namespace jadwal::workflow
