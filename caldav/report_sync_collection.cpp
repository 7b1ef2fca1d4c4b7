// sync-collection (RFC 6578): what changed in a calendar since a token. The
// token names the calendar and its sequence; a token of another calendar, or
// from the future, is invalid and the client starts over.
#include <cstdlib>
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

  // A client may ask for at most N results (RFC 6578 section 3.6): send the
  // oldest N, a 507 for the calendar, and the token of the last one sent, so
  // the next request continues from there.
  bool truncated = false;
  if (const auto* limit = body.child(ns::kDav, "limit")) {
    const auto* nresults = limit->child(ns::kDav, "nresults");
    long n = nresults ? std::strtol(trimmed(nresults->text).c_str(), nullptr, 10) : 0;
    if (n <= 0) return textResponse(400, "limit/nresults must be a positive number");
    if (changes.changes.size() > static_cast<std::size_t>(n)) {
      changes.changes.resize(static_cast<std::size_t>(n));
      changes.current = changes.changes.back().seq;
      truncated = true;
    }
  }

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
  if (truncated) {
    out.open(ns::kDav, "response");
    out.element(ns::kDav, "href", r.calendarHref);
    out.element(ns::kDav, "status", "HTTP/1.1 507 Insufficient Storage");
    out.open(ns::kDav, "error");
    out.element(ns::kDav, "number-of-matches-within-limits");
    out.close();
    out.close();
  }
  out.element(ns::kDav, "sync-token", syncTokenFor(*r.calendar, changes.current));
  return multistatusResponse(out.finish());
}

}  // namespace jadwal::caldav
