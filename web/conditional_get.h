#pragma once
// Conditional GET (RFC 9110 section 13) for the answers that carry an ETag
// and a Last-Modified: the public agenda and the feeds.

#include <string>

#include "sql/store.h"
#include "web/web.h"

namespace jadwal::web {

// Whether the request's If-None-Match (or, lacking one, If-Modified-Since)
// says the client holds this answer already. If-None-Match compares weakly
// and may list several tags or "*"; If-Modified-Since takes the three HTTP
// date forms.
bool clientHasVersion(const WebRequest& request, const std::string& etag, sql::Instant lastModified);

}  // namespace jadwal::web
