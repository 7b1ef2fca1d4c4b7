#pragma once
// The agenda as HTML template data, for the staff page (every field) and
// the public page (the public fields only: time, activity, place, leader,
// represented by).

#include <kainjow/mustache.hpp>

#include <string>

#include "workflow/agenda.h"

namespace jadwal::web::agenda {

enum class Fields { Staff, Public };

// "days": one per day of the query, each with "date" (Rabu, 22 November
// 2023), "iso" and "leaders"; each leader with "title", "none" when it has
// no entry that day, and "entries" (time, activity, tentative, internal and
// the fields `fields` allows, each false when empty).
kainjow::mustache::data daysData(const workflow::Agenda& agenda, const std::string& timezone,
                                 const std::string& language, Fields fields);

}  // namespace jadwal::web::agenda
