#include "workflow/letter_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

namespace jadwal::workflow {

namespace {

// Poppler reports every flaw of a file on stderr; a broken upload is no
// news for the server's log.
void quietPoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Blank runs become one space, or one line break if they held one;
// control characters (the snippet's markers among them) go.
void appendCleaned(std::string& out, const poppler::byte_array& utf8) {
  bool blank = false, lineBreak = false;
  for (const char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte == 0x7F) {
      blank = blank || byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f';
      lineBreak = lineBreak || byte == '\n' || byte == '\r' || byte == '\f';
      continue;
    }
    if (blank && !out.empty()) out += lineBreak ? '\n' : ' ';
    blank = lineBreak = false;
    out += c;
  }
}

// Cuts `text` to at most `maxBytes` without splitting a UTF-8 character.
void clip(std::string& text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return;
  std::size_t end = maxBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

}  // namespace

std::string letterText(std::string_view bytes, const LetterTextLimits& limits) {
  if (bytes.empty() || bytes.size() > static_cast<std::size_t>(INT_MAX) || limits.maxPages <= 0 ||
      limits.maxBytes == 0) {
    return {};
  }
  quietPoppler();
  try {
    // Poppler reads the bytes in place: they outlive the document here.
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document || document->is_locked()) return {};
    const int pages = std::min(document->pages(), limits.maxPages);
    std::string text;
    for (int i = 0; i < pages && text.size() <= limits.maxBytes; ++i) {
      const std::unique_ptr<poppler::page> page(document->create_page(i));
      if (!page) continue;
      if (!text.empty()) text += '\n';
      appendCleaned(text, page->text().to_utf8());
      if (!text.empty() && text.back() == '\n') text.pop_back();
    }
    clip(text, limits.maxBytes);
    return text;
  } catch (...) {
    return {};  // whatever a hostile file makes the library throw, it has no words
  }
}

}  // namespace jadwal::workflow
