// PROPFIND (RFC 4918 section 9.1): the properties of a resource and, with
// Depth 1, of its members. Depth infinity is refused, as RFC 4918 allows.
// The members of a large calendar are answered a few at a time, within the
// answer's bounds.

#include "caldav/meta_responses.h"
#include "caldav/object_batches.h"
#include "caldav/properties.h"
#include "caldav/report_objects.h"

namespace jadwal::caldav {

namespace {

class PropfindAnswer final : public ResponseProducer {
 public:
  // An empty body (`hasBody` false) asks for every property.
  PropfindAnswer(DavContext& ctx, const Resource& r, XmlElement body, bool hasBody, int depth)
      : scope_(ctx, r), body_(std::move(body)), depth_(depth) {
    if (hasBody) props_ = propRequestOf(body_);
  }

  // Loads the resource and lists its members. False with the answer in `error`.
  bool prepare(DavContext& ctx, DavResponse& error) {
    const Resource& r = scope_.resource;
    if (r.kind == ResourceKind::Object) {
      self_ = ctx.store.getObject(r.calendar->id, r.objectName);
      if (!self_) {
        error = textResponse(404, "No such calendar object");
        return false;
      }
    }
    if (depth_ != 1) return true;
    if (r.kind == ResourceKind::Home && r.user) {
      Principal homeUser{r.user->id, r.user->name, r.user->role, r.user->displayName};
      for (auto& visible : visibleCalendars(ctx.store, homeUser)) {
        calendarHrefs_.push_back(calendarHrefInHome(r.user->name, visible.calendar));
        // Through an admin's eyes, another user's home shows that user's access.
        calendarAccess_.push_back(
            homeUser.id == ctx.user().id ? visible.access : calendarAccess(ctx.store, ctx.user(), visible.calendar));
        calendars_.push_back(std::move(visible.calendar));
      }
    } else if (r.kind == ResourceKind::Calendar && r.calendar) {
      // With their text, the members are read a batch at a time as the answer goes.
      if (wantsCalendarData(props_))
        storedObjects_.emplace(ctx.store, r.calendar->id, ctx.store.listObjects(r.calendar->id));
      else {
        objects_ = ctx.store.listObjects(r.calendar->id);
        meta_ = MetaResponses::of(props_);
      }
    }
    return true;
  }

  bool writeNext(XmlWriter& out, const TimeContext& time) override {
    DavContext ctx = scope_.context(time);
    const Resource& r = scope_.resource;
    if (!selfWritten_) {
      selfWritten_ = true;
      PropTarget self{r.kind, r.href, r.user ? &*r.user : nullptr, r.calendar ? &*r.calendar : nullptr, r.access};
      if (self_) {
        self.object = &*self_;
        self.ical = &self_->ical;
      }
      writePropResponse(ctx, out, self, props_);
      return depth_ == 1;
    }
    // A step stops early once its part is large, so that the answer's
    // bounds are looked at often enough.
    for (std::size_t written = 0; written < kObjectsPerStep && out.size() < kStepBytes; ++written) {
      if (!writeMember(ctx, out)) return false;
    }
    return true;
  }

  std::string requestHref() const override { return scope_.resource.href; }

 private:
  // Writes the next member's response; false when none is left.
  bool writeMember(DavContext& ctx, XmlWriter& out) {
    const Resource& r = scope_.resource;
    if (r.kind == ResourceKind::Root) {
      if (next_ >= 2) return false;
      PropTarget principals{ResourceKind::PrincipalCollection, "/dav/principals/", nullptr, nullptr, Access::Read};
      PropTarget calendars{ResourceKind::CalendarsRoot, "/dav/calendars/", nullptr, nullptr, Access::Read};
      writePropResponse(ctx, out, next_++ == 0 ? principals : calendars, props_);
      return true;
    }
    if (next_ < calendars_.size()) {
      PropTarget t{ResourceKind::Calendar, calendarHrefs_[next_], r.user ? &*r.user : nullptr, &calendars_[next_],
                   calendarAccess_[next_]};
      ++next_;
      writePropResponse(ctx, out, t, props_);
      return true;
    }
    if (storedObjects_) {
      const std::optional<sql::StoredObject> read = storedObjects_->next();
      if (!read) return false;
      const sql::StoredObject& object = *read;
      PropTarget t{
          ResourceKind::Object, r.calendarHref + encodeSegment(object.name), nullptr, &*r.calendar, r.access, &object,
          &object.ical};
      if (ctx.time().budget) ctx.time().budget->cutShort = false;
      writePropResponse(ctx, out, t, props_);
      return true;
    }
    if (next_ < objects_.size()) {
      const sql::ObjectMeta& object = objects_[next_++];
      if (meta_) {
        meta_->write(out, r.calendarHref + encodeSegment(object.name), object);
        return true;
      }
      PropTarget t{
          ResourceKind::Object, r.calendarHref + encodeSegment(object.name), nullptr, &*r.calendar, r.access, &object};
      writePropResponse(ctx, out, t, props_);
      return true;
    }
    return false;
  }

  AnswerScope scope_;
  XmlElement body_;  // props_ points into it
  PropRequest props_;
  int depth_;
  std::optional<sql::StoredObject> self_;
  bool selfWritten_ = false;
  // The members: calendars of a home, or the objects of a calendar.
  std::vector<sql::Calendar> calendars_;
  std::vector<Access> calendarAccess_;
  std::vector<std::string> calendarHrefs_;
  std::vector<sql::ObjectMeta> objects_;
  std::optional<MetaResponses> meta_;  // set when every asked property is in objects_
  std::optional<ObjectBatches> storedObjects_;
  std::size_t next_ = 0;
};

}  // namespace

DavResponse handlePropfind(DavContext& ctx, const Resource& r) {
  int depth = depthOf(ctx.request, 0);
  if (depth == -1)
    return conditionResponse(403, ns::kDav, "propfind-finite-depth", "PROPFIND with Depth: infinity is not supported");
  if (depth == -2) return textResponse(400, "Depth must be 0, 1 or infinity");

  XmlElement body;
  if (!ctx.request.body.empty()) {
    DavResponse error;
    if (!parseBody(ctx, body, error)) return error;
    if (!body.is(ns::kDav, "propfind")) return textResponse(400, "PROPFIND body must be a DAV:propfind element");
  }
  auto answer = std::make_unique<PropfindAnswer>(ctx, r, std::move(body), !ctx.request.body.empty(), depth);
  DavResponse error;
  if (!answer->prepare(ctx, error)) return error;
  return multistatusAnswer(std::move(answer), ctx.config.answers, ctx.time());
}

}  // namespace jadwal::caldav
