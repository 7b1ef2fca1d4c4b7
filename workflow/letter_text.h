#pragma once
// The words inside a PDF letter, for the archive's search
// (FileRef::text), read with poppler. A scanned letter has no text and
// gives none; so does a broken or hostile file: reading never throws.

#include <cstddef>
#include <string>
#include <string_view>

namespace jadwal::workflow {

// How much of a letter is read ([archive] in the config): the pages read
// and what the index keeps. Not a bound on time or memory: one hostile
// page can still cost both (the upload's size bound is the only one).
struct LetterTextLimits {
  int maxPages = 30;                 // pages read from the start; the rest is not searched
  std::size_t maxBytes = 64 * 1024;  // UTF-8 bytes kept of the text, cut at a character
};

// The text of the PDF `bytes`: its pages' words in reading order, blank
// runs made one space (a line break where one was), control characters
// dropped; empty for a PDF without text, an encrypted one, or anything that
// is not a PDF.
std::string letterText(std::string_view bytes, const LetterTextLimits& limits);

// The media type whose files letterText reads.
inline constexpr std::string_view kPdfMediaType = "application/pdf";

}  // namespace jadwal::workflow
