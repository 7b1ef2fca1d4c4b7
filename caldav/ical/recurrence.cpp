// Recurrence expansion (RFC 5545 section 3.8.5, RFC 4791 sections 9.6.5,
// 9.6.6 and 9.9): the instances of a recurrence set with its overrides and
// exceptions, always bounded by TimeContext.

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/instances.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/ical.h"

namespace jadwal::caldav {
namespace detail {
namespace {

constexpr Instant kDay = 86400;

// The half-open interval equivalent to the section 9.9 condition for an
// instance spanning [s, e). Derivations, with [a, b) the queried range:
//   span s < e:            a < e && b > s                    -> [s, e)
//   point (e == s):        a <= s && b > s                   -> [s, s+1)
//   DTSTART+DURATION:      a <= e && (b > s || b >= e)       -> [s, e+1), a point as below
//   DUE only:              a < e && b >= e                   -> [e-1, e)
//   COMPLETED (and CREATED): a <= max && b >= min            -> [min-1, max+1)
//   CREATED only:          b > s                             -> [s, open)
std::pair<Instant, Instant> matchInterval(Rule rule, Instant s, Instant e) {
  switch (rule) {
    case Rule::Event:
    case Rule::TodoStartOnly:
      return e > s ? std::make_pair(s, e) : std::make_pair(s, s + 1);
    case Rule::TodoStartDuration:
      return e > s ? std::make_pair(s, e + 1) : std::make_pair(std::min(s, e) - 1, std::max(s, e) + 1);
    case Rule::TodoStartDue:
      return e > s ? std::make_pair(s, e) : std::make_pair(std::min(s, e) - 1, std::max(s, e) + 1);
    case Rule::TodoDueOnly:
      return {e - 1, e};
    case Rule::TodoCompletedCreated:
    case Rule::TodoCompleted:
      return {std::min(s, e) - 1, std::max(s, e) + 1};
    case Rule::TodoCreated:
      return {s, sql::kOpenEnd};
    case Rule::Always:
      return {sql::kOpenStart, sql::kOpenEnd};
    case Rule::Never:
      break;
  }
  return {sql::kOpenEnd, sql::kOpenStart};
}

Instant endOf(const Shape& shape, const icaltimetype& localStart, Instant start, TimeResolver& times) {
  if (shape.nominalDays == 0) return start + shape.exactSeconds;
  icaltimetype local = localStart;
  icaltime_adjust(&local, shape.nominalDays, 0, 0, 0);
  return times.toInstant(local) + shape.exactSeconds;
}

void setLength(Shape& shape, const icaldurationtype& d) {
  const int sign = d.is_neg ? -1 : 1;
  shape.nominalDays = sign * static_cast<int>(d.weeks * 7 + d.days);
  shape.exactSeconds = sign * static_cast<Instant>(d.hours * 3600 + d.minutes * 60 + d.seconds);
}

void setLength(Shape& shape, const icaltimetype& end, TimeResolver& times) {
  if (shape.dtstart.is_date && end.is_date) {
    shape.nominalDays =
        static_cast<int>((civilToInstant(end.year, end.month, end.day, 0, 0, 0) -
                          civilToInstant(shape.dtstart.year, shape.dtstart.month, shape.dtstart.day, 0, 0, 0)) /
                         kDay);
  } else {
    shape.exactSeconds = times.toInstant(end) - shape.start;
  }
}

Shape shapeOf(icalcomponent* component, TimeResolver& times) {
  Shape shape;
  const icalcomponent_kind kind = icalcomponent_isa(component);
  icaltimetype start{}, end{}, due{}, completed{}, created{};
  shape.hasStart = times.read(firstProperty(component, ICAL_DTSTART_PROPERTY), start);
  icalproperty* duration = firstProperty(component, ICAL_DURATION_PROPERTY);
  if (shape.hasStart) {
    shape.dtstart = start;
    shape.start = times.toInstant(start);
  }

  if (kind != ICAL_VTODO_COMPONENT) {
    if (!shape.hasStart) return shape;  // Rule::Never
    shape.rule = Rule::Event;
    if (kind != ICAL_VJOURNAL_COMPONENT && times.read(firstProperty(component, ICAL_DTEND_PROPERTY), end)) {
      setLength(shape, end, times);
    } else if (kind != ICAL_VJOURNAL_COMPONENT && duration != nullptr) {
      setLength(shape, icalproperty_get_duration(duration));
    } else if (start.is_date) {
      shape.nominalDays = 1;
    }
    shape.end = endOf(shape, start, shape.start, times);
    return shape;
  }

  const bool hasDue = times.read(firstProperty(component, ICAL_DUE_PROPERTY), due);
  if (shape.hasStart) {
    if (duration != nullptr) {
      shape.rule = Rule::TodoStartDuration;
      setLength(shape, icalproperty_get_duration(duration));
    } else if (hasDue) {
      shape.rule = Rule::TodoStartDue;
      setLength(shape, due, times);
    } else {
      shape.rule = Rule::TodoStartOnly;
    }
    shape.end = endOf(shape, start, shape.start, times);
    return shape;
  }
  const bool hasCompleted = times.read(firstProperty(component, ICAL_COMPLETED_PROPERTY), completed);
  const bool hasCreated = times.read(firstProperty(component, ICAL_CREATED_PROPERTY), created);
  if (hasDue) {
    shape.rule = Rule::TodoDueOnly;
    shape.start = shape.end = times.toInstant(due);
  } else if (hasCompleted && hasCreated) {
    shape.rule = Rule::TodoCompletedCreated;
    shape.start = times.toInstant(created);
    shape.end = times.toInstant(completed);
  } else if (hasCompleted) {
    shape.rule = Rule::TodoCompleted;
    shape.start = shape.end = times.toInstant(completed);
  } else if (hasCreated) {
    shape.rule = Rule::TodoCreated;
    shape.start = times.toInstant(created);
    shape.end = sql::kOpenEnd;
  } else {
    shape.rule = Rule::Always;
    shape.start = sql::kOpenStart;
    shape.end = sql::kOpenEnd;
  }
  return shape;
}

bool recurs(icalcomponent* component) {
  return firstProperty(component, ICAL_RRULE_PROPERTY) != nullptr ||
         firstProperty(component, ICAL_RDATE_PROPERTY) != nullptr;
}

// ---------------------------------------------------------------- recurrence sets

struct RecurrenceSet {
  icalcomponent* master = nullptr;
  Shape masterShape;
  std::vector<Override> overrides;  // sorted by recurrenceId

  bool recurring() const { return !overrides.empty() || (master != nullptr && recurs(master)); }
};

// The components of `kind` grouped by UID (a stored object has one group).
std::vector<RecurrenceSet> recurrenceSets(icalcomponent* vcalendar, icalcomponent_kind kind, TimeResolver& times) {
  std::vector<RecurrenceSet> sets;
  std::map<std::string, std::size_t> byUid;
  for (icalcomponent* component : childrenOf(vcalendar, kind)) {
    const char* uid = icalcomponent_get_uid(component);
    auto [it, added] = byUid.emplace(uid != nullptr ? uid : "", sets.size());
    if (added) sets.emplace_back();
    RecurrenceSet& set = sets[it->second];
    if (firstProperty(component, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
      set.overrides.push_back(overrideOf(component, times));
    } else if (set.master == nullptr) {
      set.master = component;
      set.masterShape = shapeOf(component, times);
    }
  }
  for (RecurrenceSet& set : sets) {
    std::sort(set.overrides.begin(), set.overrides.end(),
              [](const Override& a, const Override& b) { return a.recurrenceId < b.recurrenceId; });
  }
  return sets;
}

// ---------------------------------------------------------------- master expansion

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
using RecurIterator = std::unique_ptr<icalrecur_iterator, IteratorFree>;

bool hasTimeOfDayParts(const icalrecurrencetype& rule) {
  return rule.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX || rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
         rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

bool hasAnyByPart(const icalrecurrencetype& rule) {
  return hasTimeOfDayParts(rule) || rule.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
         rule.by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX || rule.by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
         rule.by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX || rule.by_month[0] != ICAL_RECURRENCE_ARRAY_MAX ||
         rule.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

// An iterator over `rule` that starts near `target` rather than at DTSTART
// when that is safe: a rule with COUNT must be counted from DTSTART.
// libical's icalrecur_iterator_set_start keeps the phase of daily and
// coarser rules but not of sub-daily ones, so those (without BY parts)
// move DTSTART forward by whole intervals here instead.
RecurIterator iteratorNear(const icalrecurrencetype& rule, const icaltimetype& dtstart, Instant dtstartInstant,
                           Instant target, TimeResolver& times) {
  auto lock = lockZones();
  RecurIterator it(icalrecur_iterator_new(rule, dtstart));
  if (!it || rule.count != 0 || target <= dtstartInstant + 2 * kDay) return it;

  Instant unit = 0;
  if (rule.freq == ICAL_SECONDLY_RECURRENCE) unit = 1;
  if (rule.freq == ICAL_MINUTELY_RECURRENCE) unit = 60;
  if (rule.freq == ICAL_HOURLY_RECURRENCE) unit = 3600;
  if (unit == 0) {
    // Two days early: set_start works on dates, and zone offsets shift them.
    if (!icalrecur_iterator_set_start(it.get(), times.toLocal(target - 2 * kDay, dtstart))) {
      it.reset(icalrecur_iterator_new(rule, dtstart));
    }
    return it;
  }
  if (hasAnyByPart(rule)) return it;
  const Instant step = unit * std::max<Instant>(1, rule.interval);
  // One step early, and a clock change of up to two hours, are still seen.
  const icaltimetype localTarget = times.toLocal(target - step - 2 * 3600, dtstart);
  const Instant wallStart =
      civilToInstant(dtstart.year, dtstart.month, dtstart.day, dtstart.hour, dtstart.minute, dtstart.second);
  const Instant wallTarget = civilToInstant(localTarget.year, localTarget.month, localTarget.day, localTarget.hour,
                                            localTarget.minute, localTarget.second);
  icaltimetype moved = utcTimeOf(wallStart + (wallTarget - wallStart) / step * step);
  moved.zone = dtstart.zone;
  it.reset(icalrecur_iterator_new(rule, moved));
  return it;
}

struct MasterInstances {
  std::vector<std::pair<Instant, Instant>> spans;  // start, end; sorted, EXDATEs removed
  bool exhausted = true;                           // false when the budget or `to` cut the set short
};

// The instances of a master (DTSTART, RRULEs, RDATEs, less EXDATEs) whose
// start lies in [from, to). Those from `counted` on count against
// ctx.maxInstances.
MasterInstances masterInstances(icalcomponent* master, const Shape& shape, TimeResolver& times, const TimeContext& ctx,
                                Instant from, Instant to, Instant counted) {
  MasterInstances result;
  if (!shape.hasStart) return result;
  auto add = [&](Instant start, Instant end) {
    if (start >= from && start < to) result.spans.emplace_back(start, end);
  };
  add(shape.start, shape.end);

  for (icalproperty* p : propertiesOf(master, ICAL_RDATE_PROPERTY)) {
    icaldatetimeperiodtype value = icalproperty_get_rdate(p);
    const bool isPeriod = icaltime_is_null_time(value.time);
    icaltimetype at = isPeriod ? value.period.start : value.time;
    if (icaltime_is_null_time(at)) continue;
    if (!at.is_date && !icaltime_is_utc(at)) at.zone = times.zoneNamed(tzidOf(p));
    const Instant start = times.toInstant(at);
    Instant end = endOf(shape, at, start, times);
    if (isPeriod && !icaltime_is_null_time(value.period.end)) {
      icaltimetype periodEnd = value.period.end;
      if (!icaltime_is_utc(periodEnd)) periodEnd.zone = at.zone;
      end = times.toInstant(periodEnd);
    } else if (isPeriod) {
      end = start + icaldurationtype_as_int(value.period.duration);
    }
    add(start, end);
  }

  // Instances in the window are bounded by maxInstances; the walk up to the
  // window (from DTSTART when the rule has COUNT) by maxSteps, and every step
  // counts against the answer's budget. Stopping at a bound is reported:
  // the instances past it are missing, and the caller must say so.
  std::size_t produced = 0;
  std::size_t steps = 0;
  for (icalproperty* p : propertiesOf(master, ICAL_RRULE_PROPERTY)) {
    const icalrecurrencetype rule = icalproperty_get_rrule(p);
    RecurIterator it = iteratorNear(rule, shape.dtstart, shape.start, from, times);
    if (!it) continue;
    for (;;) {
      if (produced >= ctx.maxInstances || steps >= ctx.maxSteps || (ctx.budget && !ctx.budget->spend())) {
        result.exhausted = false;
        if (ctx.budget) ctx.budget->cutShort = true;
        break;
      }
      icaltimetype next;
      {
        auto lock = lockZones();  // the UNTIL comparison converts between zones
        next = icalrecur_iterator_next(it.get());
      }
      if (icaltime_is_null_time(next)) break;
      ++steps;
      next.zone = shape.dtstart.zone;
      next.is_date = shape.dtstart.is_date;
      const Instant start = times.toInstant(next);
      if (start >= to) {
        result.exhausted = false;
        break;
      }
      if (start >= counted) ++produced;
      add(start, endOf(shape, next, start, times));
    }
  }

  std::vector<Instant> excluded;
  for (icalproperty* p : propertiesOf(master, ICAL_EXDATE_PROPERTY)) {
    icaltimetype at{};
    if (times.read(p, at)) excluded.push_back(times.toInstant(at));
  }
  std::sort(result.spans.begin(), result.spans.end());
  result.spans.erase(std::unique(result.spans.begin(), result.spans.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     result.spans.end());
  std::erase_if(result.spans, [&](const auto& span) {
    return std::find(excluded.begin(), excluded.end(), span.first) != excluded.end();
  });
  return result;
}

Instant magnitude(Instant v) { return v < 0 ? -v : v; }

// The occurrences of one recurrence set overlapping [start, end). Sets
// `exhausted` to false when the expansion was cut short.
void collect(const RecurrenceSet& set, TimeResolver& times, const TimeContext& ctx, Instant start, Instant end,
             std::vector<Occurrence>& out, bool& exhausted) {
  auto emit = [&](Occurrence o, bool recurring, Instant recurrenceId) {
    o.instance.recurring = recurring;
    o.instance.recurrenceId = recurring ? recurrenceId : 0;
    if (overlaps(o, start, end)) out.push_back(o);
  };
  for (const Override& o : set.overrides) {
    emit(occurrence(o.shape.rule, o.shape.start, o.shape.end, o.component), true, o.recurrenceId);
  }
  if (set.master == nullptr) return;
  const Shape& shape = set.masterShape;
  if (!recurs(set.master) && set.overrides.empty()) {
    emit(occurrence(shape.rule, shape.start, shape.end, set.master), false, 0);
    return;
  }

  // Instances may start before the range and still reach into it, or be
  // moved into it by a THISANDFUTURE override: widen the window by that much.
  // Whole days may be an hour or two longer across a clock change. The
  // window is kept tight: a sub-daily rule spends its budget on every second.
  Instant slack = magnitude(shape.exactSeconds) + magnitude(shape.nominalDays) * (kDay + 2 * 3600) + 1;
  for (const Override& o : set.overrides) {
    if (!o.thisAndFuture) continue;
    slack = std::max(slack, magnitude(o.shape.start - o.recurrenceId) + magnitude(o.shape.end - o.shape.start) + 1);
  }
  const Instant from = std::max(start, ctx.horizonStart + slack) - slack;
  const Instant to = std::min(end, ctx.horizonEnd - slack) + slack;
  MasterInstances instances = masterInstances(set.master, shape, times, ctx, from, std::min(to, ctx.horizonEnd), start);
  exhausted = exhausted && instances.exhausted;

  for (const auto& span : instances.spans) {
    // Named copies, not a structured binding: clang 14 (the fuzz build) cannot capture those.
    const Instant instanceStart = span.first, instanceEnd = span.second;
    auto replaced = std::find_if(set.overrides.begin(), set.overrides.end(),
                                 [&](const Override& o) { return o.recurrenceId == instanceStart; });
    if (replaced != set.overrides.end()) continue;  // the override stands for it
    // The latest THISANDFUTURE override at or before this instance moves it.
    const Override* future = nullptr;
    for (const Override& o : set.overrides) {
      if (o.thisAndFuture && o.recurrenceId <= instanceStart) future = &o;
    }
    if (future != nullptr) {
      const Instant movedStart = instanceStart + (future->shape.start - future->recurrenceId);
      emit(occurrence(future->shape.rule, movedStart, movedStart + (future->shape.end - future->shape.start),
                      future->component),
           true, instanceStart);
    } else {
      emit(occurrence(shape.rule, instanceStart, instanceEnd, set.master), true, instanceStart);
    }
  }
}

void sortAndBound(std::vector<Occurrence>& occurrences, const TimeContext& ctx) {
  std::stable_sort(occurrences.begin(), occurrences.end(),
                   [](const Occurrence& a, const Occurrence& b) { return a.instance.start < b.instance.start; });
  if (occurrences.size() > ctx.maxInstances) {
    occurrences.resize(ctx.maxInstances);
    if (ctx.budget) ctx.budget->cutShort = true;
  }
}

}  // namespace

Occurrence occurrence(Rule rule, Instant start, Instant end, icalcomponent* source) {
  Occurrence o;
  o.instance.start = start;
  o.instance.end = end;
  o.instance.source = ref(source);
  std::tie(o.matchStart, o.matchEnd) = matchInterval(rule, start, end);
  return o;
}

Override overrideOf(icalcomponent* component, TimeResolver& times) {
  Override o;
  o.component = component;
  icalproperty* rid = firstProperty(component, ICAL_RECURRENCEID_PROPERTY);
  icaltimetype at{};
  if (times.read(rid, at)) o.recurrenceId = times.toInstant(at);
  icalparameter* range = icalproperty_get_first_parameter(rid, ICAL_RANGE_PARAMETER);
  o.thisAndFuture = range != nullptr && icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE;
  o.shape = shapeOf(component, times);
  return o;
}

namespace {

bool isObjectKind(icalcomponent_kind kind) {
  return kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT || kind == ICAL_VJOURNAL_COMPONENT;
}

}  // namespace

icalcomponent_kind objectKindOf(icalcomponent* vcalendar) {
  for (icalcomponent* child : childrenOf(vcalendar, ICAL_ANY_COMPONENT)) {
    if (isObjectKind(icalcomponent_isa(child))) return icalcomponent_isa(child);
  }
  return ICAL_NO_COMPONENT;
}

std::vector<Occurrence> occurrencesOverlapping(icalcomponent* vcalendar, icalcomponent_kind kind, Instant start,
                                               Instant end, const TimeContext& ctx) {
  std::vector<Occurrence> found;
  start = std::max(start, ctx.horizonStart);
  end = std::min(end, ctx.horizonEnd);
  if (vcalendar == nullptr || start >= end) return found;
  TimeResolver times(vcalendar, ctx);
  bool exhausted = true;
  for (const RecurrenceSet& set : recurrenceSets(vcalendar, kind, times)) {
    collect(set, times, ctx, start, end, found, exhausted);
  }
  sortAndBound(found, ctx);
  return found;
}

Extent extentOf(icalcomponent* vcalendar, icalcomponent_kind kind, const TimeContext& ctx) {
  Extent extent;
  TimeResolver times(vcalendar, ctx);
  auto include = [&](const Occurrence& o) {
    extent.first = std::min(extent.first, o.matchStart);
    extent.last = std::max(extent.last, o.matchEnd);
  };
  for (const RecurrenceSet& set : recurrenceSets(vcalendar, kind, times)) {
    extent.recurring = extent.recurring || set.recurring();
    bool unbounded = false;
    if (set.master != nullptr) {
      for (icalproperty* p : propertiesOf(set.master, ICAL_RRULE_PROPERTY)) {
        const icalrecurrencetype rule = icalproperty_get_rrule(p);
        unbounded = unbounded || (rule.count == 0 && icaltime_is_null_time(rule.until));
      }
    }
    if (unbounded) {
      // Endless: the first instance is DTSTART (or an earlier RDATE or a
      // moved override); there is no last one to look for.
      const Shape& shape = set.masterShape;
      include(occurrence(shape.rule, shape.start, shape.end, set.master));
      for (const auto& [start, end] :
           masterInstances(set.master, shape, times, ctx, ctx.horizonStart, shape.start, ctx.horizonStart).spans) {
        include(occurrence(shape.rule, start, end, set.master));
      }
      for (const Override& o : set.overrides) include(occurrence(o.shape.rule, o.shape.start, o.shape.end, nullptr));
      extent.last = sql::kOpenEnd;
      continue;
    }
    std::vector<Occurrence> all;
    bool exhausted = true;
    collect(set, times, ctx, ctx.horizonStart, ctx.horizonEnd, all, exhausted);
    for (const Occurrence& o : all) include(o);
    if (!exhausted) extent.last = sql::kOpenEnd;
  }
  if (extent.recurring && extent.first > extent.last) {
    // Every instance excluded or beyond the horizon: nothing to find.
    extent.first = sql::kOpenEnd;
    extent.last = sql::kOpenStart;
  }
  return extent;
}

}  // namespace detail

using detail::childrenOf;
using detail::firstProperty;
using detail::propertiesOf;

std::vector<Instance> instancesOverlapping(ComponentRef calendar, std::string_view component, Instant start,
                                           Instant end, const TimeContext& ctx) {
  icalcomponent* vcalendar = detail::raw(calendar);
  const icalcomponent_kind kind = icalcomponent_string_to_kind(std::string(component).c_str());
  std::vector<Instance> instances;
  if (kind == ICAL_NO_COMPONENT || kind == ICAL_ANY_COMPONENT || kind == ICAL_X_COMPONENT) return instances;
  for (const detail::Occurrence& o : detail::occurrencesOverlapping(vcalendar, kind, start, end, ctx)) {
    instances.push_back(o.instance);
  }
  return instances;
}

bool componentOverlaps(ComponentRef handle, Instant start, Instant end, const TimeContext& ctx) {
  icalcomponent* component = detail::raw(handle);
  if (component == nullptr) return false;
  start = std::max(start, ctx.horizonStart);
  end = std::min(end, ctx.horizonEnd);
  if (start >= end) return false;
  icalcomponent* vcalendar = icalcomponent_get_parent(component);
  while (vcalendar != nullptr && icalcomponent_isa(vcalendar) != ICAL_VCALENDAR_COMPONENT) {
    vcalendar = icalcomponent_get_parent(vcalendar);
  }
  detail::TimeResolver times(vcalendar, ctx);
  detail::RecurrenceSet set;
  set.master = component;
  set.masterShape = detail::shapeOf(component, times);
  const bool isOverride = firstProperty(component, ICAL_RECURRENCEID_PROPERTY) != nullptr;
  if (isOverride || !detail::recurs(component)) {
    const detail::Shape& shape = set.masterShape;
    return detail::overlaps(detail::occurrence(shape.rule, shape.start, shape.end, component), start, end);
  }
  // A master: its siblings with the same UID replace some of its instances.
  const char* uid = icalcomponent_get_uid(component);
  icalcomponent* parent = icalcomponent_get_parent(component);
  if (parent != nullptr && uid != nullptr) {
    for (icalcomponent* sibling : childrenOf(parent, icalcomponent_isa(component))) {
      const char* siblingUid = icalcomponent_get_uid(sibling);
      if (sibling != component && siblingUid != nullptr && std::string_view(siblingUid) == uid &&
          firstProperty(sibling, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
        set.overrides.push_back(detail::overrideOf(sibling, times));
      }
    }
  }
  std::vector<detail::Occurrence> found;
  bool exhausted = true;
  detail::collect(set, times, ctx, start, end, found, exhausted);
  return std::any_of(found.begin(), found.end(),
                     [&](const detail::Occurrence& o) { return o.instance.source == handle; });
}

}  // namespace jadwal::caldav
