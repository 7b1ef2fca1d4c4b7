#pragma once
// Who asks for an answer meant for one user (the staff agenda's text, the
// work report's files): the user behind the session or, where scripts
// fetch it, behind HTTP Basic credentials checked as CalDAV checks them.

#include <optional>

#include "web/web.h"

namespace jadwal::web {

struct Caller {
  std::optional<caldav::Principal> user;
  bool busy = false;  // the credentials could not be checked now (503)
};
Caller callerOf(WebContext& context, const WebRequest& request, bool basicToo);

// Answers for one user's eyes: no shared cache keeps them.
void keepPrivate(WebResponse& response);

}  // namespace jadwal::web
