// The calendar-query filter evaluated on a calendar object (RFC 4791
// sections 9.7 and 9.9).
//
// Choices where the RFC leaves room:
// - A first-level VEVENT/VTODO/VJOURNAL time-range is decided on the whole
//   recurrence set; its other conditions are then tested on the components
//   (master or override) that supply an instance inside the range.
// - VALARM time-ranges use the alarm's trigger times (with REPEAT) for every
//   instance of its event or to-do, as section 9.9 asks.
// - A negated text-match flips the result over all values of a property; like
//   any text-match it needs the property to exist.
// - Unknown and X- component names never match (is-not-defined always does).

#include "caldav/ical/filter.h"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <utility>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/text_match.h"

namespace jadwal::caldav {
namespace {

std::string upperAscii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// ---------------------------------------------------------------- matching

struct FreeChars {
  void operator()(char* text) const { std::free(text); }
};
using OwnedChars = std::unique_ptr<char, FreeChars>;

// What every matcher needs: the object's VCALENDAR (recurrence is expanded
// over it) and the expansion bounds.
struct Scope {
  icalcomponent* vcalendar;
  const TimeContext& ctx;
  detail::TimeResolver& times;  // time zones go through it, under libical's zone lock
};

// Open ends become the horizon, so that expansion and offset arithmetic
// never see the extremes of Instant.
std::pair<Instant, Instant> boundedRange(const TimeRange& range, const TimeContext& ctx) {
  return {range.start == sql::kOpenStart ? ctx.horizonStart : range.start,
          range.end == sql::kOpenEnd ? ctx.horizonEnd : range.end};
}

icalcomponent_kind componentKind(const std::string& name) {
  icalcomponent_kind kind = icalcomponent_string_to_kind(name.c_str());
  // X- components cannot be told apart by kind; like unknown ones they never match.
  if (kind == ICAL_ANY_COMPONENT || kind == ICAL_X_COMPONENT) return ICAL_NO_COMPONENT;
  return kind;
}

// Collected before use: libical's own child iterator lives in the parent and
// would be disturbed by the nested walks (and expansions) done per child.
std::vector<icalcomponent*> childrenOfKind(icalcomponent* parent, icalcomponent_kind kind) {
  std::vector<icalcomponent*> children;
  for (icalcompiter it = icalcomponent_begin_component(parent, kind); icalcompiter_deref(&it) != nullptr;
       icalcompiter_next(&it)) {
    children.push_back(icalcompiter_deref(&it));
  }
  return children;
}

std::vector<icalproperty*> propertiesNamed(icalcomponent* component, const std::string& name) {
  icalproperty_kind kind = icalproperty_string_to_kind(name.c_str());
  bool byKind = kind != ICAL_NO_PROPERTY && kind != ICAL_X_PROPERTY && kind != ICAL_ANY_PROPERTY;
  std::vector<icalproperty*> found;
  for (icalproperty* p = icalcomponent_get_first_property(component, byKind ? kind : ICAL_ANY_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(component, byKind ? kind : ICAL_ANY_PROPERTY)) {
    if (byKind) {
      found.push_back(p);
      continue;
    }
    OwnedChars propertyName(icalproperty_get_property_name_r(p));
    if (propertyName && upperAscii(propertyName.get()) == name) found.push_back(p);
  }
  return found;
}

// The value as text for text-match: TEXT values unescaped ("a, b", not
// "a\, b"), others in their iCalendar form. libical splits multi-valued
// properties such as CATEGORIES into one property per value, so matching
// "any property of that name" also matches any of the values.
std::string propertyText(icalproperty* property) {
  icalvalue* value = icalproperty_get_value(property);
  if (value != nullptr && icalvalue_isa(value) == ICAL_TEXT_VALUE) {
    const char* text = icalvalue_get_text(value);
    return text != nullptr ? text : "";
  }
  OwnedChars text(icalproperty_get_value_as_string_r(property));
  return text ? text.get() : "";
}

bool textMatches(const TextMatch& match, std::string_view value) {
  return containsUnderCollation(value, match.text, match.collation) != match.negate;
}

// The span a DATE or DATE-TIME property value covers: an instant, or a whole
// day in the default zone for a DATE. Other value types have no span.
std::optional<std::pair<Instant, Instant>> propertySpan(icalproperty* property, detail::TimeResolver& times) {
  icaltimetype time{};
  if (!times.read(property, time)) return std::nullopt;
  Instant at = times.toInstant(time);
  if (!time.is_date) return std::make_pair(at, at);
  icaltimetype nextDay = time;
  icaltime_adjust(&nextDay, 1, 0, 0, 0);
  return std::make_pair(at, times.toInstant(nextDay));
}

// Section 9.9 for a property: a DATE-TIME value v overlaps when start <= v < end.
bool propertyInRange(icalproperty* property, const TimeRange& range, detail::TimeResolver& times) {
  auto span = propertySpan(property, times);
  if (!span) return false;
  auto [from, to] = *span;
  if (from == to) return range.start <= from && from < range.end;
  return range.start < to && range.end > from;
}

bool paramFilterMatches(const ParamFilter& filter, icalproperty* property) {
  OwnedChars value(icalproperty_get_parameter_as_string_r(property, filter.name.c_str()));
  if (filter.isNotDefined) return !value;
  if (!value) return false;
  return !filter.textMatch || textMatches(*filter.textMatch, value.get());
}

bool propFilterMatches(const PropFilter& filter, icalcomponent* component, const Scope& scope) {
  std::vector<icalproperty*> properties = propertiesNamed(component, filter.name);
  if (filter.isNotDefined) return properties.empty();
  for (icalproperty* property : properties) {
    if (filter.timeRange && !propertyInRange(property, *filter.timeRange, scope.times)) continue;
    if (filter.textMatch && !textMatches(*filter.textMatch, propertyText(property))) continue;
    bool paramsMatch = std::all_of(filter.paramFilters.begin(), filter.paramFilters.end(),
                                   [&](const ParamFilter& param) { return paramFilterMatches(param, property); });
    if (paramsMatch) return true;
  }
  return false;
}

// Section 9.9 for VFREEBUSY: any FREEBUSY period overlapping, else the
// DTSTART..DTEND span (end inclusive), else never.
bool freeBusyOverlaps(icalcomponent* freeBusy, const TimeRange& range, const Scope& scope) {
  auto [start, end] = boundedRange(range, scope.ctx);
  bool hasPeriods = false;
  for (icalproperty* p : detail::propertiesOf(freeBusy, ICAL_FREEBUSY_PROPERTY)) {
    hasPeriods = true;
    icalperiodtype period = icalproperty_get_freebusy(p);
    Instant periodStart = scope.times.toInstant(period.start);
    Instant periodEnd = icaltime_is_null_time(period.end) ? periodStart + icaldurationtype_as_int(period.duration)
                                                          : scope.times.toInstant(period.end);
    if (start < periodEnd && end > periodStart) return true;
  }
  if (hasPeriods) return false;
  icalproperty* dtstart = icalcomponent_get_first_property(freeBusy, ICAL_DTSTART_PROPERTY);
  icalproperty* dtend = icalcomponent_get_first_property(freeBusy, ICAL_DTEND_PROPERTY);
  if (dtstart == nullptr || dtend == nullptr) return false;
  auto from = propertySpan(dtstart, scope.times);
  auto to = propertySpan(dtend, scope.times);
  return from && to && start <= to->first && end > from->first;
}

// An alarm's trigger times (section 9.9 for VALARM): either absolute instants,
// or offsets from its parent's start or end, each repeated REPEAT times every
// DURATION.
struct AlarmTriggers {
  bool absolute = false;
  bool relatedToEnd = false;
  std::vector<Instant> times;  // absolute instants, or offsets in seconds
};

std::optional<AlarmTriggers> alarmTriggers(icalcomponent* alarm, const Scope& scope) {
  icalproperty* trigger = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
  if (trigger == nullptr) return std::nullopt;
  icaltriggertype value = icalproperty_get_trigger(trigger);
  AlarmTriggers triggers;
  Instant first = 0;
  if (!icaltime_is_null_time(value.time)) {
    triggers.absolute = true;
    first = scope.times.toInstant(value.time);
  } else {
    first = icaldurationtype_as_int(value.duration);
    icalparameter* related = icalproperty_get_first_parameter(trigger, ICAL_RELATED_PARAMETER);
    triggers.relatedToEnd = related != nullptr && icalparameter_get_related(related) == ICAL_RELATED_END;
  }
  triggers.times.push_back(first);
  icalproperty* repeat = icalcomponent_get_first_property(alarm, ICAL_REPEAT_PROPERTY);
  icalproperty* every = icalcomponent_get_first_property(alarm, ICAL_DURATION_PROPERTY);
  if (repeat != nullptr && every != nullptr) {
    // Bounded like any expansion: a hostile REPEAT must not cost unbounded work.
    std::size_t count = std::min<std::size_t>(std::max(icalproperty_get_repeat(repeat), 0), scope.ctx.maxInstances);
    Instant step = icaldurationtype_as_int(icalproperty_get_duration(every));
    for (std::size_t k = 1; k <= count; ++k) triggers.times.push_back(first + static_cast<Instant>(k) * step);
  }
  return triggers;
}

// Whether an alarm fires inside the range for some instance of its parent.
// Relative triggers fire at (instance start or end) + offset, so the parent's
// instances are expanded over the range shifted back by the offsets, and the
// exact trigger times of those instances are checked. Only instances whose
// source is `parent` count: an overridden instance carries its own alarms.
bool alarmOverlaps(icalcomponent* alarm, icalcomponent* parent, const TimeRange& range, const Scope& scope) {
  // Plain variables, not a structured binding: clang 14 (the fuzz build) cannot capture those.
  const auto bounds = boundedRange(range, scope.ctx);
  const Instant start = bounds.first, end = bounds.second;
  auto triggers = alarmTriggers(alarm, scope);
  if (!triggers) return false;
  auto inRange = [&](Instant t) { return start <= t && t < end; };
  if (triggers->absolute) return std::any_of(triggers->times.begin(), triggers->times.end(), inRange);

  icalcomponent_kind parentKind = icalcomponent_isa(parent);
  if (icalcomponent_get_parent(parent) != scope.vcalendar ||
      (parentKind != ICAL_VEVENT_COMPONENT && parentKind != ICAL_VTODO_COMPONENT)) {
    // Not an alarm of a calendar object's event or to-do: no instances to
    // anchor on, so the parent's own span stands in for the alarm's.
    return componentOverlaps(detail::ref(parent), start, end, scope.ctx);
  }
  auto [minOffset, maxOffset] = std::minmax_element(triggers->times.begin(), triggers->times.end());
  // One second earlier so that an instance ending exactly at the shifted
  // start still counts as overlapping the window and is looked at.
  Instant windowStart = start - *maxOffset - 1;
  Instant windowEnd = end - *minOffset;
  for (const Instance& instance : instancesOverlapping(
           detail::ref(scope.vcalendar), icalcomponent_kind_to_string(parentKind), windowStart, windowEnd, scope.ctx)) {
    if (detail::raw(instance.source) != parent) continue;
    Instant anchor = triggers->relatedToEnd ? instance.end : instance.start;
    if (anchor == sql::kOpenStart || anchor == sql::kOpenEnd) continue;  // nothing to be relative to
    for (Instant offset : triggers->times) {
      if (inRange(anchor + offset)) return true;
    }
  }
  return false;
}

bool compFilterMatches(const CompFilter& filter, icalcomponent* parent, const Scope& scope);

// A component meets a comp-filter's conditions other than its time-range.
bool componentMeets(const CompFilter& filter, icalcomponent* component, const Scope& scope) {
  return std::all_of(filter.propFilters.begin(), filter.propFilters.end(),
                     [&](const PropFilter& prop) { return propFilterMatches(prop, component, scope); }) &&
         std::all_of(filter.compFilters.begin(), filter.compFilters.end(),
                     [&](const CompFilter& comp) { return compFilterMatches(comp, component, scope); });
}

bool isRecurrenceSetKind(icalcomponent_kind kind) {
  return kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT || kind == ICAL_VJOURNAL_COMPONENT;
}

bool nestedOverlaps(icalcomponent* component, icalcomponent* parent, const TimeRange& range, const Scope& scope) {
  switch (icalcomponent_isa(component)) {
    case ICAL_VALARM_COMPONENT:
      return alarmOverlaps(component, parent, range, scope);
    case ICAL_VFREEBUSY_COMPONENT:
      return freeBusyOverlaps(component, range, scope);
    default: {
      auto [start, end] = boundedRange(range, scope.ctx);
      return componentOverlaps(detail::ref(component), start, end, scope.ctx);
    }
  }
}

// Section 9.7.1: some child of `parent` of the named type meets every
// condition; with is-not-defined, no child of that type exists.
bool compFilterMatches(const CompFilter& filter, icalcomponent* parent, const Scope& scope) {
  icalcomponent_kind kind = componentKind(filter.name);
  if (kind == ICAL_NO_COMPONENT) return filter.isNotDefined;
  std::vector<icalcomponent*> children = childrenOfKind(parent, kind);
  if (filter.isNotDefined) return children.empty();

  if (filter.timeRange && parent == scope.vcalendar && isRecurrenceSetKind(kind)) {
    // The master and its overrides form one recurrence set: the components
    // to test are those that supply an instance inside the range.
    auto [start, end] = boundedRange(*filter.timeRange, scope.ctx);
    std::vector<icalcomponent*> tried;
    for (const Instance& instance :
         instancesOverlapping(detail::ref(scope.vcalendar), filter.name, start, end, scope.ctx)) {
      icalcomponent* source = detail::raw(instance.source);
      if (source == nullptr || std::find(tried.begin(), tried.end(), source) != tried.end()) continue;
      tried.push_back(source);
      if (componentMeets(filter, source, scope)) return true;
    }
    return false;
  }

  for (icalcomponent* child : children) {
    if (filter.timeRange && !nestedOverlaps(child, parent, *filter.timeRange, scope)) continue;
    if (componentMeets(filter, child, scope)) return true;
  }
  return false;
}

}  // namespace

bool matchesFilter(const CompFilter& filter, ComponentRef calendar, const TimeContext& ctx) {
  icalcomponent* vcalendar = detail::raw(calendar);
  if (vcalendar == nullptr || icalcomponent_isa(vcalendar) != ICAL_VCALENDAR_COMPONENT) return false;
  if (filter.name != "VCALENDAR" || filter.isNotDefined) return false;
  detail::TimeResolver times(vcalendar, ctx);
  Scope scope{vcalendar, ctx, times};
  return componentMeets(filter, vcalendar, scope);
}

}  // namespace jadwal::caldav
