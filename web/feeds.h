#pragma once
// Read-only calendar feeds for clients without CalDAV (Outlook, Google
// Calendar, phones): the account page where a user creates and revokes
// them (/staf/akun, staff_account.cpp) and the feed itself
// (/ics/<token>.ics, feed_ics.cpp). The token in the URL is the only
// credential; the database keeps its SHA-256 (sql/feed_store.h).

#include <optional>
#include <string>
#include <string_view>

#include "web/staff_views.h"
#include "web/web.h"

namespace jadwal::web {

inline constexpr std::size_t kFeedTokenBytes = 32;  // 64 hex digits in the URL
inline constexpr std::size_t kFeedNameMaxChars = 100;

// A new random token (hex of kFeedTokenBytes bytes from libsodium).
std::string newFeedToken();
// Whether `text` has the shape of a token: anything else is refused before
// the database is asked.
bool looksLikeFeedToken(std::string_view text);
// The feed's address: <public_url>/ics/<token>.ics.
std::string feedUrl(const WebContext& context, const std::string& token);
// The same for calendar apps that subscribe by webcal:// (http(s) replaced).
std::string webcalUrl(const std::string& httpUrl);

// GET, HEAD and POST /staf/akun (a logged-in user of any role).
WebResponse accountPage(staff::StaffRequest& staff);
// GET and HEAD /ics/<token>.ics; nullopt for paths outside /ics/.
std::optional<WebResponse> feedFiles(WebContext& context, const WebRequest& request);

}  // namespace jadwal::web
