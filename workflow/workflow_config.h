#pragma once
// What the workflow needs to know of its installation.

#include <cstddef>
#include <cstdint>
#include <string>

#include "workflow/letter_text.h"

namespace jadwal::workflow {

struct WorkflowConfig {
  std::string publicUrl = "http://localhost:8080";  // absolute, no trailing slash: links in events and mail
  std::string timezone = "Asia/Jakarta";            // the zone requests are entered and shown in
  std::string holdCalendar;  // "OWNER/SLUG" of the staff calendar for TENTATIVE holds; empty: no holds
  std::string officeName = "Bagian Protokol dan Komunikasi Pimpinan";
  std::size_t maxFileBytes = 10 * 1024 * 1024;         // per uploaded file
  std::size_t maxUploadTotalBytes = 30 * 1024 * 1024;  // the files of one submission, all together
  // A used one-time form token is remembered this long, then swept.
  std::int64_t formTokenKeepSeconds = 86400;
  std::size_t maxSupportingFiles = 5;
  // Revised letters one request may receive in all, and within an hour.
  std::size_t maxRevisions = 10;
  std::size_t revisionsPerHour = 3;
  // Uploads of forms sent back with errors are kept for the next try, up to
  // this many bytes of files no request uses, from everyone together.
  std::size_t maxUnusedFileBytes = 1024 * 1024 * 1024;
  // How much of each PDF file the archive's search reads, when it is attached.
  LetterTextLimits letterText;
  // How long an open-ended ("s.d. selesai") activity is taken to last: the
  // calendar event's DTEND, and the span conflict checks give it and any
  // event without an end. Texts still say "s.d. selesai".
  long openEndAssumedMinutes = 120;
  long openEndAssumedSeconds() const { return openEndAssumedMinutes * 60; }
};

}  // namespace jadwal::workflow
