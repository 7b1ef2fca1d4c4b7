#include "caldav/properties.h"

#include "caldav/calendar_data.h"
#include "caldav/quota.h"

#include <algorithm>
#include <sstream>

namespace jadwal::caldav {

namespace {

using Value = std::optional<std::string>;

std::string href(std::string_view url) { return "<D:href>" + xmlEscape(url) + "</D:href>"; }

std::string privilege(std::string_view qualifiedName) {
  return "<D:privilege><" + std::string(qualifiedName) + "/></D:privilege>";
}

bool isCalendar(const PropTarget& t) { return t.kind == ResourceKind::Calendar && t.calendar; }
bool isObject(const PropTarget& t) { return t.kind == ResourceKind::Object && t.object; }

Value resourceType(DavContext&, const PropTarget& t) {
  switch (t.kind) {
    case ResourceKind::Object:
      return "";
    case ResourceKind::Principal:
      return "<D:collection/><D:principal/>";
    case ResourceKind::Calendar:
      return "<D:collection/><C:calendar/>";
    default:
      return "<D:collection/>";
  }
}

Value displayName(DavContext&, const PropTarget& t) {
  if (isCalendar(t)) return xmlEscape(t.calendar->displayName.empty() ? t.calendar->slug : t.calendar->displayName);
  if ((t.kind == ResourceKind::Principal || t.kind == ResourceKind::Home) && t.user)
    return xmlEscape(t.user->displayName.empty() ? t.user->name : t.user->displayName);
  return std::nullopt;
}

Value privilegeSet(DavContext& ctx, const PropTarget& t) {
  std::string out;
  if (canRead(t.access)) out += privilege("D:read") + privilege("C:read-free-busy");
  if (canWrite(t.access)) {
    out += privilege("D:write") + privilege("D:write-content") + privilege("D:write-properties");
    // Clients offer "new calendar" where the home grants bind.
    const bool homeRefusesCalendars =
        t.kind == ResourceKind::Home && t.user && !mayCreateCalendarFor(ctx.user(), *t.user);
    if (!homeRefusesCalendars) out += privilege("D:bind");
    out += privilege("D:unbind");
  }
  return out;
}

Value supportedReports(DavContext&, const PropTarget& t) {
  std::string out;
  auto report = [&](std::string_view name) {
    out += "<D:supported-report><D:report><" + std::string(name) + "/></D:report></D:supported-report>";
  };
  if (t.kind == ResourceKind::Calendar) {
    report("C:calendar-query");
    report("C:calendar-multiget");
    report("C:free-busy-query");
    report("D:sync-collection");
  } else if (t.kind == ResourceKind::Home || t.kind == ResourceKind::Object) {
    report("C:calendar-multiget");
  }
  return out;
}

Value owner(DavContext&, const PropTarget& t) {
  if (t.calendar) return href(principalHref(t.calendar->ownerName));
  if (t.user) return href(principalHref(t.user->name));
  return std::nullopt;
}

Value componentSet(DavContext&, const PropTarget& t) {
  if (!isCalendar(t)) return std::nullopt;
  std::string out;
  std::stringstream list(t.calendar->components);
  for (std::string comp; std::getline(list, comp, ',');)
    if (!comp.empty()) out += "<C:comp name=\"" + xmlEscape(comp) + "\"/>";
  return out;
}

Value calendarData(DavContext& ctx, const PropTarget& t) {
  if (!isObject(t) || !t.ical) return std::nullopt;
  const CalendarDataSpec* spec = t.calendarData;
  if (!spec || (spec->mode == CalendarDataSpec::Mode::Full && !spec->selection)) return xmlEscape(*t.ical);
  const auto& time = ctx.time();
  IcalComponent data = parseStored(*t.ical);
  if (spec->mode == CalendarDataSpec::Mode::Expand)
    data = parseStored(expandCalendarData(data.get(), spec->start, spec->end, time));
  else if (spec->mode == CalendarDataSpec::Mode::LimitRecurrenceSet)
    data = parseStored(limitRecurrenceSet(data.get(), spec->start, spec->end, time));
  if (spec->selection) selectCalendarData(data.get(), *spec->selection);
  return xmlEscape(data.toString());
}

std::vector<LiveProperty> makeRegistry() {
  const std::string D(ns::kDav), C(ns::kCalDav), CS(ns::kCalServer), A(ns::kApple);
  std::vector<LiveProperty> p;
  p.push_back({{D, "resourcetype"}, true, false, resourceType});
  p.push_back({{D, "displayname"}, true, true, displayName});
  p.push_back({{D, "getetag"}, true, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (isObject(t)) return xmlEscape(t.object->etag);
                 if (isCalendar(t)) return xmlEscape(collectionEtag(*t.calendar));
                 return std::nullopt;
               }});
  p.push_back({{D, "getcontenttype"}, true, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isObject(t)) return std::nullopt;
                 std::string comp = t.object->component;
                 std::transform(comp.begin(), comp.end(), comp.begin(), ::tolower);
                 return "text/calendar; charset=utf-8; component=" + comp;
               }});
  p.push_back({{D, "getcontentlength"}, true, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isObject(t)) return std::nullopt;
                 return std::to_string(t.object->size);
               }});
  p.push_back({{D, "getlastmodified"}, true, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isObject(t)) return std::nullopt;
                 return httpDate(t.object->modifiedAt);
               }});
  p.push_back({{D, "current-user-principal"}, false, false, [](DavContext& ctx, const PropTarget&) -> Value {
                 return href(principalHref(ctx.user().name));
               }});
  p.push_back({{D, "principal-URL"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (t.kind != ResourceKind::Principal || !t.user) return std::nullopt;
                 return href(principalHref(t.user->name));
               }});
  p.push_back({{D, "principal-collection-set"}, false, false, [](DavContext&, const PropTarget&) -> Value {
                 return href("/dav/principals/");
               }});
  p.push_back({{D, "owner"}, false, false, owner});
  p.push_back({{D, "current-user-privilege-set"}, false, false, privilegeSet});
  p.push_back({{D, "supported-report-set"}, false, false, supportedReports});
  p.push_back({{D, "sync-token"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t)) return std::nullopt;
                 return xmlEscape(syncTokenFor(*t.calendar, t.calendar->syncSeq));
               }});
  p.push_back({{C, "calendar-home-set"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (t.kind != ResourceKind::Principal || !t.user) return std::nullopt;
                 return href(homeHref(t.user->name));
               }});
  // A calendar user address is an absolute URI (RFC 6638 2.4.1): clients copy
  // it into ORGANIZER, where a bare path breaks other software.
  p.push_back({{C, "calendar-user-address-set"}, false, false, [](DavContext& ctx, const PropTarget& t) -> Value {
                 if (t.kind != ResourceKind::Principal || !t.user) return std::nullopt;
                 return href(ctx.config.publicUrl + principalHref(t.user->name));
               }});
  p.push_back({{C, "calendar-user-type"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (t.kind != ResourceKind::Principal) return std::nullopt;
                 return "INDIVIDUAL";
               }});
  p.push_back({{C, "calendar-description"}, true, true, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t) || t.calendar->description.empty()) return std::nullopt;
                 return xmlEscape(t.calendar->description);
               }});
  p.push_back({{C, "calendar-timezone"}, true, true, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t) || t.calendar->timezone.empty()) return std::nullopt;
                 return xmlEscape(t.calendar->timezone);
               }});
  p.push_back({{C, "supported-calendar-component-set"}, true, false, componentSet});
  p.push_back({{C, "supported-calendar-data"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t)) return std::nullopt;
                 return "<C:calendar-data content-type=\"text/calendar\" version=\"2.0\"/>";
               }});
  p.push_back({{C, "max-resource-size"}, false, false, [](DavContext& ctx, const PropTarget& t) -> Value {
                 if (!isCalendar(t)) return std::nullopt;
                 return std::to_string(ctx.config.maxResourceSize);
               }});
  p.push_back({{C, "calendar-data"}, false, false, calendarData});
  p.push_back({{CS, "getctag"}, false, false, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t)) return std::nullopt;
                 return std::to_string(t.calendar->id) + "-" + std::to_string(t.calendar->syncSeq);
               }});
  p.push_back({{A, "calendar-color"}, true, true, [](DavContext&, const PropTarget& t) -> Value {
                 if (!isCalendar(t) || t.calendar->color.empty()) return std::nullopt;
                 return xmlEscape(t.calendar->color);
               }});
  addQuotaProperties(p);
  return p;
}

// Properties kept as received: a user's own ones (their home's settings; a
// calendar's colour and order in their clients), which come first, and the
// shared dead properties of calendars and objects.
struct StoredProperties {
  std::vector<sql::Store::DeadProperty> personal;
  std::vector<sql::Store::DeadProperty> shared;
};

StoredProperties storedPropertiesOf(DavContext& ctx, const PropTarget& t) {
  StoredProperties stored;
  if (t.kind == ResourceKind::Home && t.user) {
    stored.personal = ctx.store.userProperties(t.user->id, "");
  } else if (t.kind == ResourceKind::Calendar && t.calendar) {
    stored.personal = ctx.store.userProperties(ctx.user().id, personalResourceOf(*t.calendar));
    stored.shared = ctx.store.deadProperties(t.calendar->id, "");
  } else if (t.kind == ResourceKind::Object && t.calendar && t.object) {
    stored.shared = ctx.store.deadProperties(t.calendar->id, t.object->name);
  }
  return stored;
}

const sql::Store::DeadProperty* findStored(const std::vector<sql::Store::DeadProperty>& list, const PropName& name) {
  for (const auto& d : list)
    if (d.ns == name.ns && d.name == name.name) return &d;
  return nullptr;
}

struct FoundProperty {
  PropName name;
  std::string xml;  // content, or (dead) the whole element
  bool whole = false;
};

}  // namespace

const std::vector<LiveProperty>& liveProperties() {
  static const std::vector<LiveProperty> registry = makeRegistry();
  return registry;
}

const LiveProperty* findLiveProperty(const PropName& name) {
  for (const auto& p : liveProperties())
    if (p.name == name) return &p;
  return nullptr;
}

PropRequest propRequestOf(const XmlElement& body) {
  PropRequest r;
  auto collect = [&r](const XmlElement& list) {
    for (const auto& child : list.children) {
      r.props.push_back({child.ns, child.name});
      if (child.is(ns::kCalDav, "calendar-data")) r.calendarDataElement = &child;
    }
  };
  if (const auto* prop = body.child(ns::kDav, "prop")) {
    r.mode = PropRequest::Mode::Prop;
    collect(*prop);
  } else if (body.child(ns::kDav, "propname")) {
    r.mode = PropRequest::Mode::PropName;
  } else if (const auto* include = body.child(ns::kDav, "include")) {
    collect(*include);
  }
  return r;
}

bool wantsCalendarData(const PropRequest& request) {
  return std::any_of(request.props.begin(), request.props.end(),
                     [](const PropName& p) { return p.ns == ns::kCalDav && p.name == "calendar-data"; });
}

namespace {

// A response whose object's recurrences were not all expanded (a bound of
// the expansion or of the answer stopped it) says so, rather than passing a
// partial set of instances off as the whole (RFC 4918 allows an error and a
// description in a response; clients that do not read them lose nothing).
void markCutShort(const DavContext& ctx, XmlWriter& out) {
  const ExpansionBudget* budget = ctx.time().budget;
  if (budget == nullptr || !budget->cutShort) return;
  out.open(ns::kDav, "error");
  out.element(ns::kCalDav, "max-instances");
  out.close();
  out.element(ns::kDav, "responsedescription",
              "Not every recurrence instance of this object was computed: it repeats more often than the server "
              "expands for one object or one answer");
}

}  // namespace

void writePropResponse(DavContext& ctx, XmlWriter& out, const PropTarget& target, const PropRequest& request) {
  std::vector<FoundProperty> found;
  std::vector<PropName> missing;
  std::optional<StoredProperties> stored;
  auto loadStored = [&]() -> const StoredProperties& {
    if (!stored) stored = storedPropertiesOf(ctx, target);
    return *stored;
  };
  auto lookup = [&](const PropName& name) {
    const auto* live = findLiveProperty(name);
    // A user's own value (e.g. their colour for a shared calendar) wins over the shared one.
    if (const auto* personal = (!live || live->writable) ? findStored(loadStored().personal, name) : nullptr)
      return found.push_back({name, personal->xml, true});
    if (live) {
      if (auto value = live->get(ctx, target)) return found.push_back({name, std::move(*value), false});
      return missing.push_back(name);
    }
    if (const auto* shared = findStored(loadStored().shared, name)) return found.push_back({name, shared->xml, true});
    missing.push_back(name);
  };
  auto isFound = [&](const PropName& name) {
    return std::any_of(found.begin(), found.end(), [&](const FoundProperty& f) { return f.name == name; });
  };

  switch (request.mode) {
    case PropRequest::Mode::Prop:
      for (const auto& name : request.props) lookup(name);
      break;
    case PropRequest::Mode::AllProp:
      for (const auto& d : loadStored().personal) lookup({d.ns, d.name});
      for (const auto& live : liveProperties())
        if (live.inAllprop && !isFound(live.name))
          if (auto value = live.get(ctx, target)) found.push_back({live.name, std::move(*value), false});
      for (const auto& name : request.props)
        if (!isFound(name)) lookup(name);
      for (const auto& d : loadStored().shared)
        if (!isFound({d.ns, d.name})) found.push_back({{d.ns, d.name}, d.xml, true});
      break;
    case PropRequest::Mode::PropName:
      for (const auto& live : liveProperties())
        if (live.get(ctx, target)) found.push_back({live.name, "", false});
      for (const auto* list : {&loadStored().personal, &loadStored().shared})
        for (const auto& d : *list)
          if (!isFound({d.ns, d.name})) found.push_back({{d.ns, d.name}, "", false});
      break;
  }

  out.open(ns::kDav, "response");
  out.element(ns::kDav, "href", target.href);
  // Every response needs a propstat (RFC 4918 14.24), even for an empty <prop/>.
  if (!found.empty() || missing.empty()) {
    out.open(ns::kDav, "propstat");
    out.open(ns::kDav, "prop");
    for (const auto& f : found) {
      if (f.whole) {
        out.raw(f.xml);
      } else {
        out.open(f.name.ns, f.name.name);
        out.raw(f.xml);
        out.close();
      }
    }
    out.close();
    out.element(ns::kDav, "status", "HTTP/1.1 200 OK");
    out.close();
  }
  if (!missing.empty()) {
    out.open(ns::kDav, "propstat");
    out.open(ns::kDav, "prop");
    for (const auto& m : missing) out.element(m.ns, m.name);
    out.close();
    out.element(ns::kDav, "status", "HTTP/1.1 404 Not Found");
    out.close();
  }
  markCutShort(ctx, out);
  out.close();
}

}  // namespace jadwal::caldav
