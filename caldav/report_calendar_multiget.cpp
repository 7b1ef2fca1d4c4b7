// calendar-multiget (RFC 4791 section 7.9): the objects named by href, from
// one calendar or several, each checked for access; missing ones get 404.
// The answer is produced href by href within the answer's bounds.
#include <map>

#include "base/text.h"
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

class MultigetAnswer final : public ResponseProducer {
 public:
  MultigetAnswer(DavContext& ctx, const Resource& r, XmlElement body) : scope_(ctx, r), body_(std::move(body)) {
    for (const auto* href : body_.childrenNamed(ns::kDav, "href")) hrefs_.push_back(base::trimmedCopy(href->text));
  }

  bool prepare(DavContext& ctx, DavResponse& error) {
    props_ = propRequestOf(body_);
    if (!calendarDataSpecOf(props_, spec_, error)) return false;
    const Resource& r = scope_.resource;
    std::string calendarPath;
    if (r.kind == ResourceKind::Calendar) decodePercent(r.calendarHref, calendarPath);
    for (const auto& href : hrefs_) {
      targets_.push_back(targetOf(ctx, r, calendarPath, pathOfHref(href)));
      const auto& t = targets_.back();
      if (r.kind == ResourceKind::Calendar && t.kind == ResourceKind::Object && t.calendar->id == r.calendar->id)
        local_.push_back(t.objectName);
    }
    return true;
  }

  bool writeNext(XmlWriter& out, const TimeContext& time) override {
    if (next_ >= hrefs_.size()) return false;
    const std::size_t i = next_++;
    const std::string& text = hrefs_[i];
    const Resource& target = targets_[i];
    const Resource& r = scope_.resource;
    if (target.kind != ResourceKind::Object) {
      writeStatus(out, text, "HTTP/1.1 404 Not Found");
      return true;
    }
    if (!canRead(target.access)) {
      writeStatus(out, text, "HTTP/1.1 403 Forbidden");
      return true;
    }
    std::optional<sql::StoredObject> object;
    if (r.kind == ResourceKind::Calendar && target.calendar->id == r.calendar->id) {
      if (!fetched_.count(target.objectName)) fetchLocalBatch();
      auto it = fetched_.find(target.objectName);
      if (it != fetched_.end()) {
        object = std::move(it->second);
        fetched_.erase(it);  // answered: no longer kept
      }
    } else {
      object = scope_.store.getObject(target.calendar->id, target.objectName);
    }
    if (!object) {
      writeStatus(out, text, "HTTP/1.1 404 Not Found");
      return true;
    }
    if (time.budget) time.budget->cutShort = false;
    DavContext ctx = scope_.context(time);
    writeObjectResponse(ctx, out, target.calendarHref, *target.calendar, target.access, *object, props_, spec_);
    return true;
  }

  std::string requestHref() const override { return scope_.resource.href; }

 private:
  // The objects of the addressed calendar come a batch per query, in the
  // order they are asked for.
  void fetchLocalBatch() {
    const std::size_t end = std::min(local_.size(), localNext_ + kObjectsPerStep);
    const std::vector<std::string> names(local_.begin() + static_cast<std::ptrdiff_t>(localNext_),
                                         local_.begin() + static_cast<std::ptrdiff_t>(end));
    localNext_ = end;
    for (auto& object : scope_.store.getObjects(scope_.resource.calendar->id, names))
      fetched_.emplace(object.name, std::move(object));
  }

  AnswerScope scope_;
  XmlElement body_;  // props_ and spec_ point into it
  PropRequest props_;
  CalendarDataSpec spec_;
  std::vector<std::string> hrefs_;
  std::vector<Resource> targets_;
  std::vector<std::string> local_;  // names in the addressed calendar, in the order asked for
  std::size_t localNext_ = 0;       // local_ before this index are fetched
  std::map<std::string, sql::StoredObject> fetched_;
  std::size_t next_ = 0;
};

}  // namespace

DavResponse reportCalendarMultiget(DavContext& ctx, const Resource& r, XmlElement body) {
  auto answer = std::make_unique<MultigetAnswer>(ctx, r, std::move(body));
  DavResponse error;
  if (!answer->prepare(ctx, error)) return error;
  return multistatusAnswer(std::move(answer), ctx.config.answers, ctx.time());
}

}  // namespace jadwal::caldav
