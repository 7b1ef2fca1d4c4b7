#pragma once
// The page of a body too large for the server to read (413), which the HTTP
// layer answers before the form ever sees the request.

#include <string>

#include "web/web.h"

namespace jadwal::web {

// A 413 page that sends the requester back in the browser's history, where
// the filled form is, rather than to an empty form.
WebResponse tooLargePage(const std::string& language);

}  // namespace jadwal::web
