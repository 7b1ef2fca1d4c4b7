// Judging uploads by their bytes: a file renamed to ".pdf" is still what
// its content says, and a truncated upload is refused before anyone tries
// to open it.

#include "workflow/upload_check.h"

#include <algorithm>

#include "base/utf8.h"

namespace jadwal::workflow {

namespace {

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

constexpr std::size_t kPdfEofWindow = 1024;
constexpr std::size_t kMaxNameBytes = 120;

bool isPdf(std::string_view bytes) {
  if (!bytes.starts_with("%PDF-")) return false;
  const std::size_t tail = bytes.size() > kPdfEofWindow ? bytes.size() - kPdfEofWindow : 0;
  return bytes.substr(tail).find("%%EOF") != std::string_view::npos;
}

bool isJpeg(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.substr(0, 3) != std::string_view("\xFF\xD8\xFF", 3)) return false;
  // Some cameras and editors pad the file with zero bytes after the end marker.
  std::size_t end = bytes.size();
  while (end > 3 && bytes[end - 1] == '\0') --end;
  return end >= 5 && bytes.substr(end - 2, 2) == std::string_view("\xFF\xD9", 2);
}

bool isPng(std::string_view bytes) {
  static constexpr std::string_view kSignature("\x89PNG\r\n\x1A\n", 8);
  // The signature, then the IHDR chunk: 4-byte length (13), "IHDR", 13 bytes, CRC.
  if (bytes.size() < 8 + 4 + 4 + 13 + 4 || !bytes.starts_with(kSignature)) return false;
  return bytes.substr(8, 8) == std::string_view("\0\0\0\x0DIHDR", 8);
}

// ASCII characters allowed in a stored name: those that mean nothing to a
// shell, a path, a URL path segment (once encoded) or a quoted header value.
bool isPlainAllowed(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '(' || c == ')' || c == ',' || c == '+' || c == '&' || c == '=' || c == '@' || c == '[' ||
         c == ']';
}

// The last path segment, whichever separator the uploader's system used.
std::string_view baseName(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// Allowed characters only (whole valid UTF-8 sequences kept), runs of
// spaces and dropped characters collapsed into one space.
std::string cleaned(std::string_view name) {
  std::string out;
  bool pendingSpace = false;
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    std::size_t length = 0;
    if (c < 0x80) {
      length = isPlainAllowed(static_cast<char>(c)) ? 1 : 0;
    } else {
      // Overlong forms and surrogates are dropped like any other byte that is not text.
      length = base::utf8SequenceLength(name, i);
    }
    if (length == 0) {
      // A space stays a space; anything else dropped leaves no trace
      // unless it separated words.
      if (c == ' ' || c == '\t') pendingSpace = true;
      ++i;
      continue;
    }
    if (pendingSpace && !out.empty()) out += ' ';
    pendingSpace = false;
    out.append(name.substr(i, length));
    i += length;
  }
  return out;
}

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string truncatedUtf8(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && isContinuation(static_cast<unsigned char>(text[cut]))) --cut;
  text.resize(cut);
  return text;
}

}  // namespace

std::optional<FileType> sniffFileType(std::string_view bytes) {
  if (isPdf(bytes)) return FileType::Pdf;
  if (isJpeg(bytes)) return FileType::Jpeg;
  if (isPng(bytes)) return FileType::Png;
  return std::nullopt;
}

std::string_view mediaTypeOf(FileType type) {
  switch (type) {
    case FileType::Pdf:
      return "application/pdf";
    case FileType::Jpeg:
      return "image/jpeg";
    case FileType::Png:
      return "image/png";
  }
  return "application/octet-stream";
}

std::string_view extensionOf(FileType type) {
  switch (type) {
    case FileType::Pdf:
      return "pdf";
    case FileType::Jpeg:
      return "jpg";
    case FileType::Png:
      return "png";
  }
  return "bin";
}

std::string withoutBidiControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(rest[k]); };
    std::size_t control = 0;
    if (rest.size() >= 3 && byte(0) == 0xE2 && byte(1) == 0x80 &&
        ((byte(2) >= 0xAA && byte(2) <= 0xAE) || byte(2) == 0x8E || byte(2) == 0x8F)) {
      control = 3;  // U+202A-U+202E embeddings and overrides, U+200E/U+200F marks
    } else if (rest.size() >= 3 && byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9) {
      control = 3;  // U+2066-U+2069 isolates
    } else if (rest.size() >= 2 && byte(0) == 0xD8 && byte(1) == 0x9C) {
      control = 2;  // U+061C ARABIC LETTER MARK
    }
    if (control > 0) {
      i += control;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string safeFileName(std::string_view uploadedName, FileType type) {
  std::string stem = cleaned(withoutBidiControls(baseName(uploadedName)));
  // Whatever extension the name claimed gives way to the one the content shows.
  if (const std::size_t dot = stem.find_last_of('.'); dot != std::string::npos) stem.erase(dot);
  // No hidden files, no ".." left over, no trailing dots or spaces.
  const std::size_t first = stem.find_first_not_of(". ");
  stem = first == std::string::npos ? std::string() : stem.substr(first);
  while (!stem.empty() && (stem.back() == '.' || stem.back() == ' ')) stem.pop_back();
  if (stem.empty()) stem = "surat";
  const std::string extension = "." + std::string(extensionOf(type));
  stem = truncatedUtf8(std::move(stem), kMaxNameBytes - extension.size());
  while (!stem.empty() && (stem.back() == '.' || stem.back() == ' ')) stem.pop_back();
  if (stem.empty()) stem = "surat";
  return stem + extension;
}

}  // namespace jadwal::workflow
