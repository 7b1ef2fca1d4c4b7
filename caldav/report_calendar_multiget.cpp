// calendar-multiget (RFC 4791 section 7.9): the objects named by href, from
// one calendar or several, each checked for access; missing ones get 404.
#include <map>

#include "caldav/report_objects.h"

namespace jadwal::caldav {

namespace {

// The decoded path of an href that may be absolute ("https://host/dav/...").
std::string pathOfHref(std::string_view href) {
  auto scheme = href.find("://");
  if (scheme != std::string_view::npos) {
    auto slash = href.find('/', scheme + 3);
    href = slash == std::string_view::npos ? std::string_view("/") : href.substr(slash);
  }
  std::string path;
  if (!decodePercent(href, path)) return {};
  return path;
}

void writeStatus(XmlWriter& out, std::string_view href, std::string_view status) {
  out.open(ns::kDav, "response");
  out.element(ns::kDav, "href", href);
  out.element(ns::kDav, "status", status);
  out.close();
}

// Resolves an href; one inside the addressed calendar reuses what is known of it.
Resource targetOf(DavContext& ctx, const Resource& r, const std::string& calendarPath, const std::string& path) {
  if (!calendarPath.empty() && path.size() > calendarPath.size() &&
      path.compare(0, calendarPath.size(), calendarPath) == 0 &&
      path.find('/', calendarPath.size()) == std::string::npos) {
    Resource target = r;
    target.kind = ResourceKind::Object;
    target.objectName = path.substr(calendarPath.size());
    return target;
  }
  return resolveResource(ctx.store, ctx.user(), path);
}

}  // namespace

DavResponse reportCalendarMultiget(DavContext& ctx, const Resource& r, const XmlElement& body) {
  PropRequest request = propRequestOf(body);
  CalendarDataSpec spec;
  DavResponse error;
  if (!calendarDataSpecOf(request, spec, error)) return error;
  auto hrefs = body.childrenNamed(ns::kDav, "href");

  std::string calendarPath;
  if (r.kind == ResourceKind::Calendar) decodePercent(r.calendarHref, calendarPath);
  std::vector<Resource> targets;
  std::vector<std::string> local;
  for (const auto* href : hrefs) {
    targets.push_back(targetOf(ctx, r, calendarPath, pathOfHref(trimmed(href->text))));
    const auto& t = targets.back();
    if (r.kind == ResourceKind::Calendar && t.kind == ResourceKind::Object && t.calendar->id == r.calendar->id)
      local.push_back(t.objectName);
  }
  // The objects of the addressed calendar come in one query.
  std::map<std::string, sql::StoredObject> fetched;
  if (!local.empty())
    for (auto& object : ctx.store.getObjects(r.calendar->id, local)) fetched.emplace(object.name, std::move(object));

  XmlWriter out;
  out.open(ns::kDav, "multistatus");
  for (std::size_t i = 0; i < hrefs.size(); ++i) {
    std::string text = trimmed(hrefs[i]->text);
    const Resource& target = targets[i];
    if (target.kind != ResourceKind::Object) {
      writeStatus(out, text, "HTTP/1.1 404 Not Found");
      continue;
    }
    if (!canRead(target.access)) {
      writeStatus(out, text, "HTTP/1.1 403 Forbidden");
      continue;
    }
    std::optional<sql::StoredObject> object;
    if (r.kind == ResourceKind::Calendar && target.calendar->id == r.calendar->id) {
      auto it = fetched.find(target.objectName);
      if (it != fetched.end()) object = it->second;
    } else {
      object = ctx.store.getObject(target.calendar->id, target.objectName);
    }
    if (!object) {
      writeStatus(out, text, "HTTP/1.1 404 Not Found");
      continue;
    }
    writeObjectResponse(ctx, out, target.calendarHref, *target.calendar, target.access, *object, request, spec);
  }
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
