// Tracking codes drawn uniformly from an alphabet a person can read aloud
// and type back without confusing letters and digits.

#include "workflow/tracking_code.h"

#include <sodium.h>

#include <stdexcept>

namespace jadwal::workflow {

namespace {

// Digits and capitals without 0, 1, I, L and O: 31 symbols, so eight of
// them carry 8 * log2(31) = 39.6 bits.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
constexpr std::string_view kPrefix = "JDW";
constexpr std::size_t kBodyLength = 8;

std::string formatted(std::string_view body) {
  return std::string(kPrefix) + "-" + std::string(body.substr(0, 4)) + "-" + std::string(body.substr(4, 4));
}

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool isSeparator(char c) { return c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == '\t'; }

}  // namespace

std::string newTrackingCode() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  std::string body;
  for (std::size_t i = 0; i < kBodyLength; ++i) {
    body += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return formatted(body);
}

std::string normaliseTrackingCode(std::string_view typed) {
  std::string compact;
  for (char c : typed) {
    if (isSeparator(c)) continue;
    compact += upper(c);
  }
  // The prefix may be left out: eleven characters are prefix and body,
  // eight the body alone (which may itself start with "JDW").
  if (compact.size() == kPrefix.size() + kBodyLength && compact.starts_with(kPrefix)) {
    compact.erase(0, kPrefix.size());
  }
  if (compact.size() != kBodyLength) return {};
  // Look-alikes (0/O, 1/I/L) are never issued, so one typed there is a
  // mistake that cannot be resolved: better "not a code" than a wrong page.
  for (char c : compact) {
    if (kAlphabet.find(c) == std::string_view::npos) return {};
  }
  return formatted(compact);
}

}  // namespace jadwal::workflow
