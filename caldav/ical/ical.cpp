// Parsing and validation of calendar object resources (RFC 4791 sections
// 4.1 and 5.3.2), their index span, and the time helpers the other iCalendar
// files share.

#include "caldav/ical/ical.h"

#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "caldav/ical/detail/handle.h"
#include "caldav/ical/detail/instances.h"
#include "caldav/ical/detail/time.h"
#include "caldav/ical/detail/validation.h"

namespace jadwal::caldav {

namespace detail {

// ---------------------------------------------------------------- time helpers

std::unique_lock<std::recursive_mutex> lockZones() {
  static std::recursive_mutex zones;
  return std::unique_lock<std::recursive_mutex>(zones);
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, int& year, int& month, int& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2));
}

// Seconds of a local wall-clock time as if it were UTC.
Instant wallClockSeconds(const icaltimetype& t) {
  if (t.is_date) return civilToInstant(t.year, t.month, t.day, 0, 0, 0);
  return civilToInstant(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

}  // namespace

icaltimezone* utcZone() {
  // libical initialises its UTC zone on first use, and the parser uses it for
  // every "Z" time: do that once, under the lock, before anything parses.
  static icaltimezone* utc = [] {
    auto lock = lockZones();
    return icaltimezone_get_utc_timezone();
  }();
  return utc;
}

Instant civilToInstant(int year, int month, int day, int hour, int minute, int second) {
  return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
         minute * 60 + second;
}

icaltimetype utcTimeOf(Instant instant) {
  std::int64_t days = instant >= 0 ? instant / 86400 : -((-instant + 86399) / 86400);
  std::int64_t secondsOfDay = instant - days * 86400;
  icaltimetype t = icaltime_null_time();
  civilFromDays(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(secondsOfDay / 3600);
  t.minute = static_cast<int>(secondsOfDay / 60 % 60);
  t.second = static_cast<int>(secondsOfDay % 60);
  t.zone = utcZone();
  return t;
}

std::vector<icalproperty*> propertiesOf(icalcomponent* component, icalproperty_kind kind) {
  std::vector<icalproperty*> found;
  for (icalproperty* p = icalcomponent_get_first_property(component, kind); p != nullptr;
       p = icalcomponent_get_next_property(component, kind)) {
    found.push_back(p);
  }
  return found;
}

icalproperty* firstProperty(icalcomponent* component, icalproperty_kind kind) {
  return icalcomponent_get_first_property(component, kind);
}

std::vector<icalcomponent*> childrenOf(icalcomponent* component, icalcomponent_kind kind) {
  std::vector<icalcomponent*> found;
  icalcompiter it = icalcomponent_begin_component(component, kind);
  for (icalcomponent* c = icalcompiter_deref(&it); c != nullptr; c = icalcompiter_next(&it)) found.push_back(c);
  return found;
}

const char* tzidOf(icalproperty* property) {
  icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER);
  return tzid == nullptr ? nullptr : icalparameter_get_tzid(tzid);
}

// ---------------------------------------------------------------- TimeResolver

TimeResolver::TimeResolver(icalcomponent* vcalendar, const TimeContext& ctx) : vcalendar_(vcalendar) {
  auto lock = lockZones();
  defaultZone_ = icaltimezone_get_builtin_timezone(ctx.defaultTzid.c_str());
  if (defaultZone_ == nullptr) defaultZone_ = utcZone();
}

icaltimezone* TimeResolver::zoneNamed(const char* tzid) {
  if (tzid == nullptr || *tzid == '\0') return nullptr;
  for (const auto& [name, zone] : cache_) {
    if (name == tzid) return zone;
  }
  auto lock = lockZones();
  icaltimezone* zone = vcalendar_ != nullptr ? icalcomponent_get_timezone(vcalendar_, tzid) : nullptr;
  if (zone == nullptr) zone = icaltimezone_get_builtin_timezone(tzid);
  if (zone == nullptr) zone = icaltimezone_get_builtin_timezone_from_tzid(tzid);
  if (zone == nullptr && (std::string_view(tzid) == "UTC" || std::string_view(tzid) == "GMT")) zone = utcZone();
  cache_.emplace_back(tzid, zone);
  return zone;
}

bool TimeResolver::read(icalproperty* property, icaltimetype& out) {
  if (property == nullptr) return false;
  icalvalue* value = icalproperty_get_value(property);
  if (value == nullptr) return false;
  switch (icalvalue_isa(value)) {
    case ICAL_DATE_VALUE:
      out = icalvalue_get_date(value);
      break;
    case ICAL_DATETIME_VALUE:
      out = icalvalue_get_datetime(value);
      break;
    case ICAL_DATETIMEPERIOD_VALUE:
      out = icalvalue_get_datetimeperiod(value).time;
      break;
    default:
      return false;
  }
  if (icaltime_is_null_time(out)) return false;
  if (out.is_date || icaltime_is_utc(out)) {
    if (out.is_date) out.zone = nullptr;
    return true;
  }
  // A TZID nobody defines was refused when the object was written; should
  // one appear anyway, the time is read as floating rather than dropped.
  out.zone = zoneNamed(tzidOf(property));
  return true;
}

Instant TimeResolver::toInstant(const icaltimetype& time) {
  const Instant wall = wallClockSeconds(time);
  icaltimezone* zone = time.is_date || time.zone == nullptr ? defaultZone_ : const_cast<icaltimezone*>(time.zone);
  if (zone == utcZone()) return wall;
  icaltimetype local = time;
  local.is_date = 0;
  if (time.is_date) local.hour = local.minute = local.second = 0;
  int isDaylight = 0;
  auto lock = lockZones();
  return wall - icaltimezone_get_utc_offset(zone, &local, &isDaylight);
}

icaltimetype TimeResolver::toLocal(Instant instant, const icaltimetype& like) {
  icaltimezone* zone = like.is_date || like.zone == nullptr ? defaultZone_ : const_cast<icaltimezone*>(like.zone);
  icaltimetype utc = utcTimeOf(instant);
  int offset = 0;
  if (zone != utcZone()) {
    auto lock = lockZones();
    offset = icaltimezone_get_utc_offset_of_utc_time(zone, &utc, nullptr);
  }
  icaltimetype local = utcTimeOf(instant + offset);
  local.zone = like.is_date ? nullptr : like.zone;
  if (like.is_date) {
    local.is_date = 1;
    local.hour = local.minute = local.second = 0;
  }
  return local;
}

}  // namespace detail

// ---------------------------------------------------------------- validation

namespace {

using detail::childrenOf;
using detail::firstProperty;
using detail::propertiesOf;

[[noreturn]] void fail(IcalError::Kind kind, const std::string& reason) { throw IcalError(kind, reason); }

bool isObjectKind(icalcomponent_kind kind) {
  return kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VTODO_COMPONENT || kind == ICAL_VJOURNAL_COMPONENT;
}

std::string componentName(icalcomponent* component) {
  icalcomponent_kind kind = icalcomponent_isa(component);
  if (kind == ICAL_X_COMPONENT) return "X-";  // libical 3.0 does not expose an x-component's own name
  const char* name = icalcomponent_kind_to_string(kind);
  return name != nullptr && *name != '\0' ? name : "unknown";
}

// The message of the first X-LIC-ERROR libical left in the tree, if any.
std::optional<std::string> firstParseError(icalcomponent* component) {
  for (icalproperty* error : propertiesOf(component, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    return std::string(text != nullptr ? text : "unreadable line");
  }
  for (icalcomponent* child : childrenOf(component, ICAL_ANY_COMPONENT)) {
    if (auto error = firstParseError(child)) return error;
  }
  return std::nullopt;
}

IcalComponent parseVcalendar(std::string_view text) {
  detail::utcZone();
  std::string terminated(text);  // libical reads a NUL-terminated string
  IcalComponent root = detail::own(icalparser_parse_string(terminated.c_str()));
  if (!root) fail(IcalError::Kind::NotICalendar, "the body is not iCalendar data");
  icalcomponent_kind kind = icalcomponent_isa(detail::raw(root.get()));
  if (kind == ICAL_XROOT_COMPONENT) {
    fail(IcalError::Kind::NotObjectResource, "more than one VCALENDAR in one resource");
  }
  if (kind != ICAL_VCALENDAR_COMPONENT) fail(IcalError::Kind::NotICalendar, "the body is not a VCALENDAR");
  return root;
}

bool componentAllowed(std::string_view allowed, std::string_view name) {
  if (allowed.find_first_not_of(" \t,") == std::string_view::npos) return true;  // no set: anything goes
  while (!allowed.empty()) {
    std::size_t comma = allowed.find(',');
    std::string_view item = allowed.substr(0, comma);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
    while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
    if (item.size() == name.size() && std::equal(item.begin(), item.end(), name.begin(), [](char a, char b) {
          return std::toupper(static_cast<unsigned char>(a)) == std::toupper(static_cast<unsigned char>(b));
        })) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    allowed.remove_prefix(comma + 1);
  }
  return false;
}

// Every TZID in the tree names a zone the object or the system defines.
void checkTzids(icalcomponent* component, detail::TimeResolver& times) {
  for (icalproperty* p : propertiesOf(component, ICAL_ANY_PROPERTY)) {
    const char* tzid = detail::tzidOf(p);
    if (tzid != nullptr && times.zoneNamed(tzid) == nullptr) {
      fail(IcalError::Kind::NotICalendar, std::string("unknown TZID ") + tzid);
    }
  }
  for (icalcomponent* child : childrenOf(component, ICAL_ANY_COMPONENT)) {
    if (icalcomponent_isa(child) != ICAL_VTIMEZONE_COMPONENT) checkTzids(child, times);
  }
}

// The time properties of one VEVENT, VTODO or VJOURNAL agree with RFC 5545.
void checkTimes(icalcomponent* component, detail::TimeResolver& times) {
  const std::string name = componentName(component);
  icaltimetype start{}, end{};
  const bool hasStart = times.read(firstProperty(component, ICAL_DTSTART_PROPERTY), start);
  const icalproperty_kind endKind =
      icalcomponent_isa(component) == ICAL_VTODO_COMPONENT ? ICAL_DUE_PROPERTY : ICAL_DTEND_PROPERTY;
  const char* endName = endKind == ICAL_DUE_PROPERTY ? "DUE" : "DTEND";
  const bool hasEnd = times.read(firstProperty(component, endKind), end);
  const bool hasDuration = firstProperty(component, ICAL_DURATION_PROPERTY) != nullptr;

  if (icalcomponent_isa(component) == ICAL_VEVENT_COMPONENT && !hasStart) {
    fail(IcalError::Kind::NotICalendar, "component VEVENT has no DTSTART");
  }
  if (hasEnd && hasDuration) {
    fail(IcalError::Kind::NotICalendar, "component " + name + " has both " + endName + " and DURATION");
  }
  if (hasDuration && !hasStart)
    fail(IcalError::Kind::NotICalendar, "component " + name + " has DURATION without DTSTART");
  const bool recurs = firstProperty(component, ICAL_RRULE_PROPERTY) != nullptr ||
                      firstProperty(component, ICAL_RDATE_PROPERTY) != nullptr;
  if (recurs && !hasStart) fail(IcalError::Kind::NotICalendar, "component " + name + " recurs without DTSTART");
  if (hasStart && hasEnd) {
    if (start.is_date != end.is_date) {
      fail(IcalError::Kind::NotICalendar,
           std::string("DTSTART and ") + endName + " are not both dates or both date-times");
    }
    if (times.toInstant(end) < times.toInstant(start)) {
      fail(IcalError::Kind::NotICalendar, std::string(endName) + " is before DTSTART");
    }
  }
}

}  // namespace

ParsedObject parseCalendarObject(std::string_view text, std::string_view allowedComponents, const TimeContext& ctx) {
  detail::checkText(text);
  IcalComponent calendar = parseVcalendar(text);
  icalcomponent* root = detail::raw(calendar.get());
  if (auto error = firstParseError(root)) fail(IcalError::Kind::NotICalendar, "invalid iCalendar data: " + *error);
  detail::checkValues(root);

  icalproperty* version = firstProperty(root, ICAL_VERSION_PROPERTY);
  const char* versionText = version != nullptr ? icalproperty_get_version(version) : nullptr;
  if (versionText == nullptr || std::string_view(versionText) != "2.0") {
    fail(IcalError::Kind::NotICalendar, "VCALENDAR has no VERSION:2.0");
  }
  if (firstProperty(root, ICAL_PRODID_PROPERTY) == nullptr)
    fail(IcalError::Kind::NotICalendar, "VCALENDAR has no PRODID");
  if (firstProperty(root, ICAL_METHOD_PROPERTY) != nullptr) {
    fail(IcalError::Kind::NotObjectResource, "METHOD is not allowed in a calendar object resource");
  }

  icalcomponent_kind objectKind = ICAL_NO_COMPONENT;
  std::vector<icalcomponent*> objects;
  for (icalcomponent* child : childrenOf(root, ICAL_ANY_COMPONENT)) {
    icalcomponent_kind kind = icalcomponent_isa(child);
    if (kind == ICAL_VTIMEZONE_COMPONENT) {
      if (firstProperty(child, ICAL_TZID_PROPERTY) == nullptr) {
        fail(IcalError::Kind::NotICalendar, "VTIMEZONE has no TZID");
      }
      continue;
    }
    if (!isObjectKind(kind)) {
      fail(IcalError::Kind::UnsupportedComponent,
           "component " + componentName(child) + " is not supported in a calendar object resource");
    }
    if (objectKind != ICAL_NO_COMPONENT && kind != objectKind) {
      fail(IcalError::Kind::NotObjectResource, "components " + std::string(icalcomponent_kind_to_string(objectKind)) +
                                                   " and " + componentName(child) + " in one resource");
    }
    objectKind = kind;
    objects.push_back(child);
  }
  if (objects.empty()) fail(IcalError::Kind::NotObjectResource, "no VEVENT, VTODO or VJOURNAL in the resource");
  const std::string kindName = icalcomponent_kind_to_string(objectKind);
  if (!componentAllowed(allowedComponents, kindName)) {
    fail(IcalError::Kind::UnsupportedComponent, "this calendar does not accept " + kindName);
  }

  detail::TimeResolver times(root, ctx);
  checkTzids(root, times);
  std::string uid;
  bool haveMaster = false;
  std::vector<Instant> recurrenceIds;
  for (icalcomponent* object : objects) {
    const char* objectUid = icalcomponent_get_uid(object);
    if (objectUid == nullptr || *objectUid == '\0')
      fail(IcalError::Kind::NotObjectResource, "component " + kindName + " has no UID");
    if (uid.empty()) {
      uid = objectUid;
    } else if (uid != objectUid) {
      fail(IcalError::Kind::NotObjectResource, "objects with different UIDs in one resource");
    }
    icaltimetype rid{};
    if (times.read(firstProperty(object, ICAL_RECURRENCEID_PROPERTY), rid)) {
      Instant at = times.toInstant(rid);
      if (std::find(recurrenceIds.begin(), recurrenceIds.end(), at) != recurrenceIds.end()) {
        fail(IcalError::Kind::NotObjectResource, "two components override the same RECURRENCE-ID");
      }
      recurrenceIds.push_back(at);
    } else if (firstProperty(object, ICAL_RECURRENCEID_PROPERTY) != nullptr) {
      fail(IcalError::Kind::NotICalendar, "RECURRENCE-ID is not a date or date-time");
    } else {
      if (haveMaster) fail(IcalError::Kind::NotObjectResource, "more than one component without RECURRENCE-ID");
      haveMaster = true;
    }
    checkTimes(object, times);
  }

  ParsedObject parsed;
  parsed.index = indexOf(calendar.get(), ctx);
  materialiseInstances(calendar.get(), parsed.index, ctx);
  parsed.calendar = std::move(calendar);
  return parsed;
}

IcalComponent parseStored(std::string_view text) { return parseVcalendar(text); }

sql::ObjectIndex indexOf(ComponentRef calendar, const TimeContext& ctx) {
  icalcomponent* vcalendar = detail::raw(calendar);
  sql::ObjectIndex index;
  icalcomponent_kind kind = ICAL_NO_COMPONENT;
  for (icalcomponent* child : childrenOf(vcalendar, ICAL_ANY_COMPONENT)) {
    if (isObjectKind(icalcomponent_isa(child))) {
      kind = icalcomponent_isa(child);
      const char* uid = icalcomponent_get_uid(child);
      index.uid = uid != nullptr ? uid : "";
      index.component = icalcomponent_kind_to_string(kind);
      break;
    }
  }
  if (kind == ICAL_NO_COMPONENT) return index;
  detail::Extent extent = detail::extentOf(vcalendar, kind, ctx);
  index.firstStart = extent.first;
  index.lastEnd = extent.last;
  index.recurring = extent.recurring;
  return index;
}

// ---------------------------------------------------------------- UTC text

bool parseUtcDateTime(std::string_view text, Instant& out) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return false;
  auto number = [&](std::size_t from, std::size_t length, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  int year, month, day, hour, minute, second;
  if (!number(0, 4, year) || !number(4, 2, month) || !number(6, 2, day) || !number(9, 2, hour) ||
      !number(11, 2, minute) || !number(13, 2, second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > icaltime_days_in_month(month, year) || hour > 23 || minute > 59 ||
      second > 60) {
    return false;
  }
  out = detail::civilToInstant(year, month, day, hour, minute, second);
  return true;
}

std::string formatUtcDateTime(Instant instant) {
  icaltimetype t = detail::utcTimeOf(instant);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", t.year, t.month, t.day, t.hour, t.minute,
                t.second);
  return buffer;
}

}  // namespace jadwal::caldav
