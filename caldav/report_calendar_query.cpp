// calendar-query (RFC 4791 section 7.8). The store's instance table picks
// the candidates; an object whose kept instances already place it in the
// range of a time-range-only filter is answered without parsing it.
// The answer is produced object by object within the answer's bounds.
#include <algorithm>

#include "caldav/calendar_filter.h"
#include "caldav/object_batches.h"
#include "caldav/report_objects.h"

namespace jadwal::caldav {

namespace {

// VCALENDAR > one comp-filter with at most a time-range: the index answers
// it exactly for objects without recurrence.
bool indexAnswersExactly(const CompFilter& filter) {
  if (!filter.propFilters.empty() || filter.compFilters.size() != 1 || filter.timeRange) return false;
  const auto& comp = filter.compFilters.front();
  return !comp.isNotDefined && comp.propFilters.empty() && comp.compFilters.empty();
}

class QueryAnswer final : public ResponseProducer {
 public:
  QueryAnswer(const DavContext& ctx, const Resource& r, XmlElement body) : scope_(ctx, r), body_(std::move(body)) {}

  // Reads the filter and what is asked of each object, and picks the
  // candidates. False with the answer in `error` when the body is wrong.
  bool prepare(DavResponse& error) {
    const auto* filterElement = body_.child(ns::kCalDav, "filter");
    if (!filterElement) {
      error = conditionResponse(403, ns::kCalDav, "valid-filter", "calendar-query needs a CALDAV:filter");
      return false;
    }
    try {
      filter_ = parseFilter(*filterElement);
    } catch (const FilterError& e) {
      error = conditionResponse(403, ns::kCalDav, e.precondition(), e.what());
      return false;
    }
    props_ = propRequestOf(body_);
    if (!calendarDataSpecOf(props_, spec_, error)) return false;

    // The candidates are listed without their text, which is read a batch
    // at a time as the answer goes.
    const Resource& r = scope_.resource;
    std::vector<sql::ObjectMeta> listed;
    if (r.kind == ResourceKind::Object) {
      if (auto object = scope_.store.getObject(r.calendar->id, r.objectName)) listed.push_back(std::move(*object));
    } else {
      IndexHint hint = indexHint(filter_);
      if (hint.range) {
        // Nothing is found outside the expansion's horizon (caldav/ical/ical.h).
        const TimeContext& time = scope_.calendars.time();
        const Instant start = std::max(hint.range->start, time.horizonStart);
        const Instant end = std::min(hint.range->end, time.horizonEnd);
        if (start < end) listed = scope_.store.objectMetasOverlapping(r.calendar->id, hint.component, start, end);
      } else {
        listed = scope_.store.listObjects(r.calendar->id);
      }
    }
    candidates_.emplace(scope_.store, r.calendar->id, std::move(listed));
    exact_ = indexAnswersExactly(filter_);
    if (exact_) wanted_ = filter_.compFilters.front().name;
    return true;
  }

  bool writeNext(XmlWriter& out, const TimeContext& time) override {
    DavContext ctx = scope_.context(time);
    const Resource& r = scope_.resource;
    for (std::size_t looked = 0; looked < kObjectsPerStep; ++looked) {
      const sql::ObjectMeta* listed = candidates_->peek();
      if (listed == nullptr) return false;
      // What the index answers exactly, and leaves out, is not even read.
      if (exact_ && !listed->recurring && listed->component != wanted_) {
        candidates_->skip();
        continue;
      }
      // The index overlaps exactly unless it says the object needs a look
      // (or the object was written since it was listed).
      const bool indexed = exact_ && !listed->recurring;
      const std::string listedEtag = listed->etag;
      const std::optional<sql::StoredObject> read = candidates_->next();
      if (!read) return false;
      const sql::StoredObject& object = *read;
      if (time.budget) time.budget->cutShort = false;
      bool match;
      if (indexed && object.etag == listedEtag) {
        match = object.component == wanted_;
      } else {
        IcalComponent parsed = parseStored(object.ical);
        match = matchesFilter(filter_, parsed.get(), time);
      }
      // An object whose expansion was cut short may match past where it
      // stopped: it is answered, marked as not fully expanded.
      if (!match && !(time.budget && time.budget->cutShort)) continue;
      writeObjectResponse(ctx, out, r.calendarHref, *r.calendar, r.access, object, props_, spec_);
      return true;
    }
    return candidates_->peek() != nullptr;
  }

  std::string requestHref() const override { return scope_.resource.href; }

 private:
  AnswerScope scope_;
  XmlElement body_;  // props_ and spec_ point into it
  CompFilter filter_;
  PropRequest props_;
  CalendarDataSpec spec_;
  std::optional<ObjectBatches> candidates_;
  bool exact_ = false;
  std::string wanted_;
};

}  // namespace

DavResponse reportCalendarQuery(DavContext& ctx, const Resource& r, XmlElement body) {
  auto answer = std::make_unique<QueryAnswer>(ctx, r, std::move(body));
  DavResponse error;
  if (!answer->prepare(error)) return error;
  return multistatusAnswer(std::move(answer), ctx.config.answers, ctx.time());
}

}  // namespace jadwal::caldav
