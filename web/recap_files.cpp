#include "web/recap_files.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdio>
#include <sstream>

#include "caldav/ical/zones.h"
#include "web/recap_request.h"
#include "web/staff_views.h"
#include "web/web.h"
#include "workflow/wib_format.h"

namespace jadwal::web::recap {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// "2025-11-20 09:00" in the zone, for people; "" for none.
std::string localText(std::optional<sql::Instant> instant, const std::string& timezone) {
  if (!instant) return "";
  return workflow::isoDate(*instant, timezone) + " " + workflow::isoTime(*instant, timezone);
}

void csvRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i != 0) out += ',';
    out += csvField(fields[i]);
  }
  out += "\r\n";
}

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr countsJson(const workflow::RecapCounts& c) {
  Object::Ptr o = newObject();
  o->set("received", c.received);
  o->set("pending", c.pending);
  o->set("approved", c.approved);
  o->set("represented", c.represented);
  o->set("rejected", c.rejected);
  o->set("withdrawn", c.withdrawn);
  o->set("cancelled", c.cancelled);
  o->set("held", c.held);
  o->set("not_held", c.notHeld);
  return o;
}

Poco::Dynamic::Var optionalNumber(const std::optional<double>& value) {
  return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

Object::Ptr timesJson(const workflow::DecisionTimes& t) {
  Object::Ptr o = newObject();
  o->set("decided", t.decided);
  o->set("median_hours", optionalNumber(t.medianHours));
  o->set("p90_hours", optionalNumber(t.p90Hours));
  return o;
}

template <typename Map, typename Fn>
Object::Ptr mapJson(const Map& map, Fn value) {
  Object::Ptr o = newObject();
  for (const auto& [key, item] : map) o->set(key, value(item));
  return o;
}

Poco::Dynamic::Var optionalInstant(std::optional<sql::Instant> instant, const std::string& timezone) {
  return instant ? Poco::Dynamic::Var(isoInstant(*instant, timezone)) : Poco::Dynamic::Var();
}

}  // namespace

// "Undangan" for "undangan": the letter type as the form names it.
std::string letterTypeLabel(const std::string& code, const std::string& language) {
  const std::string id = "staf_type_" + code;
  const std::string label = tr(language, id);
  return label == id ? code : label;
}

std::string csvField(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
                         value[0] == '\r')) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string isoInstant(sql::Instant instant, const std::string& timezone) {
  const int offset = caldav::utcOffsetAt(instant, timezone);
  const caldav::CivilTime t = caldav::civilTimeOf(instant + offset);
  const int minutes = (offset < 0 ? -offset : offset) / 60;
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", t.year, t.month, t.day, t.hour, t.minute,
                t.second, offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

std::string recapCsv(const workflow::Recap& recap, const std::string& timezone, const std::string& language) {
  std::string out = "\xEF\xBB\xBF";  // the byte order mark: Excel then reads UTF-8
  std::vector<std::string> header;
  for (const char* id : {"recap.csv.code", "recap.csv.submitted", "recap.csv.institution", "recap.csv.requester",
                         "recap.csv.letter_number", "recap.csv.letter_date", "recap.csv.type", "recap.csv.activity",
                         "recap.csv.start", "recap.csv.place", "recap.csv.leaders_asked", "recap.csv.assigned",
                         "recap.csv.state", "recap.csv.decided", "recap.csv.represented", "recap.csv.note"}) {
    std::string label = tr(language, id);
    if (label.find("{zone}") != std::string::npos)
      label.replace(label.find("{zone}"), 6, workflow::zoneAbbreviation(timezone));
    header.push_back(label);
  }
  csvRow(out, header);
  std::map<std::string, std::string> names;  // leaders' display names, from the per-leader lines
  for (const auto& leader : recap.leaders) names[leader.userName] = leader.displayName;
  const auto nameOf = [&](const std::string& user) {
    const auto found = names.find(user);
    return found == names.end() ? user : found->second;
  };
  for (const auto& item : recap.requests) {
    const sql::RequestRow& r = item.request;
    std::vector<std::string> asked;
    for (const auto& leader : r.leadersAsked) asked.push_back(nameOf(leader));
    csvRow(out, {r.code, localText(r.createdAt, timezone), r.institution, r.requesterName, r.letterNumber, r.letterDate,
                 letterTypeLabel(r.letterType, language), r.eventName, localText(r.start, timezone), r.venue,
                 joined(asked, "; "), r.assignedLeader.empty() ? "" : nameOf(r.assignedLeader),
                 staff::stateLabel(language, r.state), localText(item.decidedAt, timezone), item.representedBy,
                 r.decisionNote});
  }
  return out;
}

std::string recapSummaryCsv(const workflow::Recap& recap, const std::string& language) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const char* id : {"recap.csv.part", "recap.csv.name", "recap.received", "recap.pending", "recap.approved",
                         "recap.represented", "recap.rejected", "state.ditarik", "state.dibatalkan", "state.terlaksana",
                         "state.tidak_terlaksana", "recap.decided", "recap.csv.median_hours", "recap.csv.p90_hours",
                         "recap.csv.events_requests", "recap.csv.events_direct"}) {
    header.push_back(tr(language, id));
  }
  csvRow(out, header);
  const auto hoursText = [](const std::optional<double>& hours) {
    if (!hours) return std::string();
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", *hours);
    return std::string(text);
  };
  const auto line = [&](const std::string& part, const std::string& name, const workflow::RecapCounts& c,
                        const workflow::DecisionTimes* times, const workflow::LeaderRecap* leader) {
    std::vector<std::string> cells = {part,
                                      name,
                                      std::to_string(c.received),
                                      std::to_string(c.pending),
                                      std::to_string(c.approved),
                                      std::to_string(c.represented),
                                      std::to_string(c.rejected),
                                      std::to_string(c.withdrawn),
                                      std::to_string(c.cancelled),
                                      std::to_string(c.held),
                                      std::to_string(c.notHeld)};
    cells.push_back(times ? std::to_string(times->decided) : "");
    cells.push_back(times ? hoursText(times->medianHours) : "");
    cells.push_back(times ? hoursText(times->p90Hours) : "");
    cells.push_back(leader ? std::to_string(leader->eventsFromRequests) : "");
    cells.push_back(leader ? std::to_string(leader->eventsDirect) : "");
    csvRow(out, cells);
  };
  line(tr(language, "recap.totals"), periodText(recap.period), recap.total, &recap.decisionTimes, nullptr);
  if (recap.period.month == 0) {
    for (const auto& month : recap.months)
      line(tr(language, "recap.month"), periodText(month.period), month.counts, nullptr, nullptr);
  }
  for (const auto& leader : recap.leaders) {
    line(tr(language, "recap.leader"), leader.displayName, leader.counts, &leader.decisionTimes, &leader);
  }
  for (const auto& [name, counts] : recap.byInstitution)
    line(tr(language, "recap.institution"), name, counts, nullptr, nullptr);
  for (const auto& [code, counts] : recap.byLetterType) {
    line(tr(language, "recap.type"), letterTypeLabel(code, language), counts, nullptr, nullptr);
  }
  return out;
}

std::string recapJson(const workflow::Recap& recap, const std::string& timezone) {
  Object::Ptr root = newObject();
  Object::Ptr period = newObject();
  period->set("year", recap.period.year);
  period->set("month", recap.period.month);
  period->set("from", isoInstant(recap.from, timezone));
  period->set("to", isoInstant(recap.to, timezone));
  period->set("timezone", timezone);
  root->set("period", period);
  root->set("total", countsJson(recap.total));
  root->set("decision_times", timesJson(recap.decisionTimes));
  Array::Ptr months = new Array;
  for (const auto& month : recap.months) {
    Object::Ptr o = newObject();
    o->set("year", month.period.year);
    o->set("month", month.period.month);
    o->set("counts", countsJson(month.counts));
    months->add(o);
  }
  root->set("months", months);
  root->set("by_institution", mapJson(recap.byInstitution, countsJson));
  root->set("by_letter_type", mapJson(recap.byLetterType, countsJson));
  Array::Ptr leaders = new Array;
  for (const auto& leader : recap.leaders) {
    Object::Ptr o = newObject();
    o->set("user", leader.userName);
    o->set("name", leader.displayName);
    o->set("counts", countsJson(leader.counts));
    o->set("decision_times", timesJson(leader.decisionTimes));
    o->set("represented_by", mapJson(leader.representedBy, [](std::int64_t n) { return n; }));
    o->set("events_from_requests", leader.eventsFromRequests);
    o->set("events_direct", leader.eventsDirect);
    Array::Ptr agenda = new Array;
    for (const auto& line : leader.agenda) {
      const workflow::AgendaEntry& e = line.entry;
      Object::Ptr entry = newObject();
      entry->set("start", isoInstant(e.start, timezone));
      entry->set("end", isoInstant(e.end, timezone));
      entry->set("open_end", e.openEnd);
      entry->set("all_day", e.allDay);
      // A confidential event shows its time only, as on every agenda.
      entry->set("activity", e.confidential ? std::string() : e.activity);
      entry->set("place", e.confidential ? std::string() : e.place);
      entry->set("represented_by", e.confidential ? std::string() : e.representedBy);
      entry->set("from_request", line.fromRequest);
      entry->set("confidential", e.confidential);
      agenda->add(entry);
    }
    o->set("agenda", agenda);
    leaders->add(o);
  }
  root->set("leaders", leaders);
  Array::Ptr requests = new Array;
  for (const auto& item : recap.requests) {
    const sql::RequestRow& r = item.request;
    Object::Ptr o = newObject();
    o->set("code", r.code);
    o->set("state", r.state);
    o->set("submitted", isoInstant(r.createdAt, timezone));
    o->set("decided", optionalInstant(item.decidedAt, timezone));
    o->set("institution", r.institution);
    o->set("requester", r.requesterName);
    o->set("letter_number", r.letterNumber);
    o->set("letter_date", r.letterDate);
    o->set("letter_type", r.letterType);
    o->set("activity", r.eventName);
    o->set("start", isoInstant(r.start, timezone));
    o->set("end", optionalInstant(r.end, timezone));
    o->set("place", r.venue);
    Array::Ptr asked = new Array;
    for (const auto& leader : r.leadersAsked) asked->add(leader);
    o->set("leaders_asked", asked);
    o->set("assigned_leader", r.assignedLeader);
    o->set("leader_name", item.leaderDisplayName);
    o->set("represented_by", item.representedBy);
    o->set("decision_note", r.decisionNote);
    requests->add(o);
  }
  root->set("requests", requests);
  root->set("agenda_incomplete", recap.agendaIncomplete);
  root->set("requests_incomplete", recap.requestsIncomplete);
  std::ostringstream out;
  root->stringify(out);
  return out.str();
}

}  // namespace jadwal::web::recap
