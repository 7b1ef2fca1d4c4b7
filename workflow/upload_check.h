#pragma once
// Uploaded files are judged by their bytes, never by the name or the type
// the browser claims.

#include <optional>
#include <string>
#include <string_view>

namespace jadwal::workflow {

enum class FileType { Pdf, Jpeg, Png };

// The type the content shows (magic bytes and a structural check: a PDF
// starts with "%PDF-" and has an "%%EOF" near its end; JPEG and PNG their
// signatures), or nullopt.
std::optional<FileType> sniffFileType(std::string_view bytes);
std::string_view mediaTypeOf(FileType type);  // "application/pdf", "image/jpeg", "image/png"
std::string_view extensionOf(FileType type);  // "pdf", "jpg", "png"

// A file name safe to store and to send back in Content-Disposition: the
// base name only, no control, bidi control or path characters, at most 120
// bytes, with the extension that matches `type`.
std::string safeFileName(std::string_view uploadedName, FileType type);

// `text` without the invisible Unicode controls that reorder how it is shown
// (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): with a
// right-to-left override "invoice<U+202E>gpj.pdf" reads "invoicefdp.jpg".
// The one place they are removed: safeFileName on upload, and every path
// that shows or exports a stored name (the staff request page, ATTACH
// FILENAME and the links in events, downloads), for names stored before
// safeFileName removed them too.
std::string withoutBidiControls(std::string_view text);

}  // namespace jadwal::workflow
