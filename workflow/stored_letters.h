#pragma once
// Reads the words of the PDF letters stored before the archive read them
// (an older database after its upgrade, or an import without them), so
// that they join the archive's index (RequestStore::lettersWithoutText).

#include <cstdint>
#include <functional>

#include "sql/request_store.h"
#include "workflow/letter_text.h"

namespace jadwal::workflow {

struct StoredLettersRead {
  std::int64_t letters = 0;    // files read
  std::int64_t withWords = 0;  // of which had text (the rest: scans, broken files)
};

// Reads every letter not read yet, `batch` files per look-up, each within
// `limits`, and keeps its words (none for a scan, so that it is not read
// again). Stops early, between two files, once `stopRequested` says so.
// Store failures are thrown as sql::StoreError.
StoredLettersRead readStoredLetters(sql::RequestStore& requests, const LetterTextLimits& limits,
                                    const std::function<bool()>& stopRequested, int batch = 20);

}  // namespace jadwal::workflow
