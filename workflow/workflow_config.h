#pragma once
// What the workflow needs to know of its installation.

#include <cstddef>
#include <string>

namespace jadwal::workflow {

struct WorkflowConfig {
  std::string publicUrl = "http://localhost:8080";  // absolute, no trailing slash: links in events and mail
  std::string timezone = "Asia/Jakarta";            // the zone requests are entered and shown in
  std::string holdCalendar;  // "OWNER/SLUG" of the staff calendar for TENTATIVE holds; empty: no holds
  std::string officeName = "Bagian Protokol dan Komunikasi Pimpinan";
  std::size_t maxFileBytes = 10 * 1024 * 1024;  // per uploaded file
  std::size_t maxSupportingFiles = 5;
};

}  // namespace jadwal::workflow
