// sync-collection (RFC 6578): what changed in a calendar since a token. The
// token names the calendar and its sequence; a token of another calendar,
// from the future, or older than the deletions the calendar keeps
// (QuotaLimits::changesPerCalendar) is invalid and the client starts over. An answer cut
// short, by the client's limit or the server's bounds, ends with a 507 for
// the calendar and the token of the last change sent, so that the next
// request goes on from there.
#include <cstdlib>
#include <map>

#include "base/text.h"
#include "caldav/meta_responses.h"
#include "caldav/report_objects.h"

namespace jadwal::caldav {

namespace {

class SyncAnswer final : public ResponseProducer {
 public:
  SyncAnswer(DavContext& ctx, const Resource& r, XmlElement body, sql::ChangeSet changes, std::int64_t since,
             bool limitedByClient)
      : scope_(ctx, r),
        body_(std::move(body)),
        changes_(std::move(changes)),
        since_(since),
        lastSent_(since),
        limitedByClient_(limitedByClient) {
    props_ = propRequestOf(body_);
    meta_ = MetaResponses::of(props_);
  }

  bool writeNext(XmlWriter& out, const TimeContext& time) override {
    // Objects are read in batches; they may change again between the reads:
    // the token stays the older one, so the client sees that on its next sync.
    if (next_ >= changes_.changes.size()) return false;
    // Answers from the listing rows came with the changes (changedObjectsSince).
    if (!meta_ && next_ >= fetchedUpTo_) fetchBatch();
    const Resource& r = scope_.resource;
    const sql::Change& change = changes_.changes[next_++];
    auto it = meta_ ? objects_.end() : objects_.find(change.name);
    if (meta_ && change.meta && !change.deleted) {
      meta_->write(out, r.calendarHref + encodeSegment(change.name), *change.meta);
    } else if (change.deleted || it == objects_.end()) {
      // An object created and deleted after the token was never seen: skip it on an initial sync.
      if (since_ != 0) {
        out.open(ns::kDav, "response");
        out.element(ns::kDav, "href", r.calendarHref + encodeSegment(change.name));
        out.element(ns::kDav, "status", "HTTP/1.1 404 Not Found");
        out.close();
      }
    } else {
      if (time.budget) time.budget->cutShort = false;
      DavContext ctx = scope_.context(time);
      writeObjectResponse(ctx, out, r.calendarHref, *r.calendar, r.access, it->second, props_, spec_);
      objects_.erase(it);
    }
    lastSent_ = change.seq;
    return next_ < changes_.changes.size();
  }

  void writeEnd(XmlWriter& out, bool truncated) override {
    const Resource& r = scope_.resource;
    if (!truncated && limitedByClient_) {
      out.open(ns::kDav, "response");
      out.element(ns::kDav, "href", r.calendarHref);
      out.element(ns::kDav, "status", "HTTP/1.1 507 Insufficient Storage");
      out.open(ns::kDav, "error");
      out.element(ns::kDav, "number-of-matches-within-limits");
      out.close();
      out.close();
    }
    out.element(ns::kDav, "sync-token", syncTokenFor(*r.calendar, truncated ? lastSent_ : changes_.current));
  }

  bool truncatesInsteadOfRefusing() const override { return true; }
  std::string requestHref() const override { return scope_.resource.calendarHref; }

 private:
  void fetchBatch() {
    std::vector<std::string> names;
    std::size_t i = next_;
    for (; i < changes_.changes.size() && names.size() < kObjectsPerStep; ++i)
      if (!changes_.changes[i].deleted) names.push_back(changes_.changes[i].name);
    fetchedUpTo_ = i;
    for (auto& object : scope_.store.getObjects(scope_.resource.calendar->id, names))
      objects_.emplace(object.name, std::move(object));
  }

  AnswerScope scope_;
  XmlElement body_;  // props_ points into it
  PropRequest props_;
  std::optional<MetaResponses> meta_;  // set when every asked property is in the listing row
  CalendarDataSpec spec_;
  sql::ChangeSet changes_;
  std::int64_t since_;
  std::int64_t lastSent_;
  bool limitedByClient_;
  std::map<std::string, sql::StoredObject> objects_;
  std::size_t next_ = 0;
  std::size_t fetchedUpTo_ = 0;  // changes_ before this index have their objects fetched
};

}  // namespace

DavResponse reportSyncCollection(DavContext& ctx, const Resource& r, XmlElement body) {
  const auto* tokenElement = body.child(ns::kDav, "sync-token");
  std::string token = tokenElement ? base::trimmedCopy(tokenElement->text) : "";
  std::int64_t since = 0;
  if (!token.empty() && !parseSyncToken(token, *r.calendar, since))
    return conditionResponse(403, ns::kDav, "valid-sync-token", "The sync token is not one of this calendar's");
  if (const auto* level = body.child(ns::kDav, "sync-level")) {
    std::string value = base::trimmedCopy(level->text);
    if (value != "1" && value != "infinite") return textResponse(400, "sync-level must be 1 or infinite");
  }

  // A sync that asks only for what the listing rows hold reads them with the changes, in one query.
  const bool fromListing = MetaResponses::of(propRequestOf(body)).has_value();
  sql::ChangeSet changes = fromListing ? ctx.store.changedObjectsSince(r.calendar->id, since)
                                       : ctx.store.changesSince(r.calendar->id, since);
  // RFC 6578 section 3.2: the client then syncs again from no token.
  if (changes.expired)
    return conditionResponse(403, ns::kDav, "valid-sync-token",
                             "The sync token is older than the changes this calendar keeps; synchronise again "
                             "without a token");
  if (!changes.valid)
    return conditionResponse(403, ns::kDav, "valid-sync-token", "The sync token is not one of this calendar's");

  // A client may ask for at most N results (RFC 6578 section 3.6): the oldest N go out.
  bool limited = false;
  if (const auto* limit = body.child(ns::kDav, "limit")) {
    const auto* nresults = limit->child(ns::kDav, "nresults");
    long n = nresults ? std::strtol(base::trimmedCopy(nresults->text).c_str(), nullptr, 10) : 0;
    if (n <= 0) return textResponse(400, "limit/nresults must be a positive number");
    if (changes.changes.size() > static_cast<std::size_t>(n)) {
      changes.changes.resize(static_cast<std::size_t>(n));
      changes.current = changes.changes.back().seq;
      limited = true;
    }
  }
  auto answer = std::make_unique<SyncAnswer>(ctx, r, std::move(body), std::move(changes), since, limited);
  return multistatusAnswer(std::move(answer), ctx.config.answers, ctx.time());
}

}  // namespace jadwal::caldav
