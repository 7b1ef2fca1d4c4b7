#include "workflow/stored_letters.h"

namespace jadwal::workflow {

StoredLettersRead readStoredLetters(sql::RequestStore& requests, const LetterTextLimits& limits,
                                    const std::function<bool()>& stopRequested, int batch) {
  StoredLettersRead read;
  std::int64_t after = 0;
  while (!stopRequested()) {
    const auto files = requests.lettersWithoutText(after, batch);
    if (files.empty()) break;
    for (const sql::FileRow& file : files) {
      if (stopRequested()) return read;
      after = file.id;
      // A blob gone missing has no words either.
      const auto bytes = requests.blobBytes(file.sha256);
      const std::string text = bytes ? letterText(*bytes, limits) : std::string();
      requests.setLetterText(file.id, text);
      ++read.letters;
      if (!text.empty()) ++read.withWords;
    }
  }
  return read;
}

}  // namespace jadwal::workflow
