#pragma once
// Keeps the store's instance table (sql::ObjectIndex::instances) whole
// beyond the writes that fill it: objects stored before it (schema 13, a
// restored archive) and recurrences without end whose horizon is near.
// Run at start, before serving; until an object is done its time-range
// answers read its text, so an interrupted run loses nothing.

#include <cstddef>

#include "caldav/ical/ical.h"
#include "sql/store.h"

namespace jadwal::caldav {

// Materialises, `batch` objects per transaction (bounded memory), every
// object whose instances are kept to less than three quarters of
// ctx.instanceHorizon from now. Returns how many objects it rewrote.
std::size_t keepInstances(sql::Store& store, const TimeContext& ctx, std::size_t batch = 256);

}  // namespace jadwal::caldav
