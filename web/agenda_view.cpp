#include "web/agenda_view.h"

#include "web/web.h"
#include "workflow/agenda_text.h"
#include "workflow/wib_format.h"

namespace jadwal::web::agenda {
namespace {

namespace mustache = kainjow::mustache;

void setOptional(mustache::data& data, const std::string& key, const std::string& text) {
  if (text.empty()) {
    data.set(key, false);
  } else {
    data.set(key, text);
  }
}

mustache::data entryData(const workflow::AgendaEntry& entry, const workflow::LocalDate& day,
                         const std::string& timezone, const std::string& language, Fields fields) {
  mustache::data data;
  data.set("time", workflow::entryTimeText(entry, day, timezone));
  data.set("tentative", entry.tentative);
  // An internal event shows its time only, whoever reads it.
  if (entry.confidential) {
    data.set("activity", tr(language, "agenda.internal"));
    data.set("internal", true);
    for (const char* key : {"place", "dress", "role", "represented", "contact"}) data.set(key, false);
    return data;
  }
  data.set("internal", false);
  data.set("activity", entry.activity);
  setOptional(data, "place", entry.place);
  setOptional(data, "represented", entry.representedBy);
  const bool staff = fields == Fields::Staff;
  setOptional(data, "dress", staff ? entry.dressCode : std::string());
  setOptional(data, "role", staff ? entry.role : std::string());
  setOptional(data, "contact", staff ? entry.contact : std::string());
  return data;
}

}  // namespace

mustache::data daysData(const workflow::Agenda& agenda, const std::string& timezone, const std::string& language,
                        Fields fields) {
  mustache::data days{mustache::data::type::list};
  for (const auto& day : workflow::agendaByDay(agenda, timezone)) {
    mustache::data dayData;
    dayData.set("date", workflow::formatDate(workflow::dayStart(day.date, timezone), timezone, language));
    dayData.set("iso", workflow::isoDateText(day.date));
    mustache::data leaders{mustache::data::type::list};
    for (const auto& leader : day.leaders) {
      mustache::data leaderData;
      leaderData.set("title", leader.title);
      leaderData.set("leader", leader.userName);
      mustache::data entries{mustache::data::type::list};
      bool none = true;
      for (const auto& entry : leader.entries) {
        // readAgenda lists only these to the public; checked again so a page can never show more.
        if (fields == Fields::Public && (!entry.published || entry.confidential)) continue;
        entries.push_back(entryData(entry, day.date, timezone, language, fields));
        none = false;
      }
      leaderData.set("none", none);
      leaderData.set("entries", entries);
      leaders.push_back(leaderData);
    }
    dayData.set("leaders", leaders);
    days.push_back(dayData);
  }
  return days;
}

}  // namespace jadwal::web::agenda
