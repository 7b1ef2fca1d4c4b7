#include "web/private_caller.h"

#include "web/password_check.h"

namespace jadwal::web {

Caller callerOf(WebContext& context, const WebRequest& request, bool basicToo) {
  Caller caller;
  caller.user = currentUser(context, request);
  if (caller.user || !basicToo) return caller;
  const std::string authorization = request.header("Authorization");
  if (authorization.empty()) return caller;
  const auto auth = context.authenticator.check(authorization, request.clientKey);
  caller.busy = auth.busy;
  if (auth.user)
    caller.user = caldav::Principal{auth.user->id, auth.user->name, auth.user->role, auth.user->displayName};
  return caller;
}

void keepPrivate(WebResponse& response) {
  response.setHeader("Cache-Control", "private, no-cache");
  response.setHeader("Vary", "Cookie, Authorization");
}

}  // namespace jadwal::web
