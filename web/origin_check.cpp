// Where a state-changing web request was sent from, as the browser tells it.
#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <optional>
#include <string>

#include "web/web_page.h"

namespace jadwal::web {
namespace {

struct Origin {
  std::string scheme, host;
  unsigned short port = 0;
  bool operator==(const Origin&) const = default;
};

// scheme://host:port of an absolute http(s) URL (the port made explicit),
// or nullopt for anything else ("null", a path, user info, garbage).
std::optional<Origin> originOf(const std::string& url) {
  try {
    const Poco::URI uri(url);
    const std::string scheme = Poco::toLower(uri.getScheme());
    if ((scheme != "http" && scheme != "https") || uri.getHost().empty() || !uri.getUserInfo().empty()) {
      return std::nullopt;
    }
    return Origin{scheme, Poco::toLower(uri.getHost()), uri.getPort()};
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool isStateChanging(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool sentFromThisSite(const WebRequest& request, const std::string& publicUrl) {
  // Origin when the browser sends it (all do with a POST today), else the
  // Referer; "null" (a sandboxed frame, a data: URL) matches nothing.
  std::string from = request.header("Origin");
  if (from.empty()) from = request.header("Referer");
  if (from.empty()) return true;  // an old browser, a script: the CSRF tokens still guard every form
  const auto sender = originOf(Poco::trim(from));
  return sender && sender == originOf(publicUrl);
}

}  // namespace jadwal::web
