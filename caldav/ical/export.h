#pragma once
// A whole calendar as one VCALENDAR (what a subscription client downloads),
// written a part at a time: the head, then the components of each object,
// then the end line.

#include <string>
#include <string_view>
#include <vector>

namespace jadwal::caldav {

// The opening of the export, up to its first component: BEGIN:VCALENDAR,
// VERSION, PRODID and X-WR-CALNAME `displayName`.
std::string exportHead(std::string_view productId, std::string_view displayName);

// Appends the components of one stored object to `out`, each VTIMEZONE only
// once per export (`zonesSeen` holds the TZIDs written so far). Throws
// IcalError if the text no longer parses.
void appendExportComponents(std::string_view stored, std::vector<std::string>& zonesSeen, std::string& out);

inline constexpr std::string_view kExportEnd = "END:VCALENDAR\r\n";

}  // namespace jadwal::caldav
