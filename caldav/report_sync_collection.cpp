// sync-collection (RFC 6578): what changed in a calendar since a token. The
// token names the calendar and its sequence; a token of another calendar, or
// from the future, is invalid and the client starts over.
#include <map>

#include "caldav/report_objects.h"

namespace jadwal::caldav {

DavResponse reportSyncCollection(DavContext& ctx, const Resource& r, const XmlElement& body) {
  const auto* tokenElement = body.child(ns::kDav, "sync-token");
  std::string token = tokenElement ? trimmed(tokenElement->text) : "";
  std::int64_t since = 0;
  if (!token.empty() && !parseSyncToken(token, *r.calendar, since))
    return conditionResponse(403, ns::kDav, "valid-sync-token", "The sync token is not one of this calendar's");
  if (const auto* level = body.child(ns::kDav, "sync-level")) {
    std::string value = trimmed(level->text);
    if (value != "1" && value != "infinite") return textResponse(400, "sync-level must be 1 or infinite");
  }

  sql::ChangeSet changes = ctx.store.changesSince(r.calendar->id, since);
  if (!changes.valid)
    return conditionResponse(403, ns::kDav, "valid-sync-token", "The sync token is not one of this calendar's");

  PropRequest request = propRequestOf(body);
  std::vector<std::string> names;
  for (const auto& change : changes.changes)
    if (!change.deleted) names.push_back(change.name);
  // Objects may change again between the two reads: the token stays the
  // older one, so the client sees that change on its next sync.
  auto objects = ctx.store.getObjects(r.calendar->id, names);
  std::map<std::string, const sql::StoredObject*> byName;
  for (const auto& o : objects) byName.emplace(o.name, &o);

  CalendarDataSpec spec;
  XmlWriter out;
  out.open(ns::kDav, "multistatus");
  for (const auto& change : changes.changes) {
    auto it = byName.find(change.name);
    if (change.deleted || it == byName.end()) {
      // An object created and deleted after the token was never seen: skip it on an initial sync.
      if (since == 0) continue;
      out.open(ns::kDav, "response");
      out.element(ns::kDav, "href", r.calendarHref + encodeSegment(change.name));
      out.element(ns::kDav, "status", "HTTP/1.1 404 Not Found");
      out.close();
      continue;
    }
    writeObjectResponse(ctx, out, r.calendarHref, *r.calendar, r.access, *it->second, request, spec);
  }
  out.element(ns::kDav, "sync-token", syncTokenFor(*r.calendar, changes.current));
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
