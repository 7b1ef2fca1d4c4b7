#include "caldav/instance_upkeep.h"

#include <vector>

namespace jadwal::caldav {

std::size_t keepInstances(sql::Store& store, const TimeContext& ctx, std::size_t batch) {
  const Instant now = (ctx.clock != nullptr ? *ctx.clock : base::systemClock()).now();
  // A quarter of the horizon is used up before it is moved, so that a
  // restart does not rewrite every endless recurrence.
  const Instant before = now + ctx.instanceHorizon - ctx.instanceHorizon / 4;
  std::size_t rewritten = 0;
  std::int64_t afterId = 0;
  for (;;) {
    const std::vector<sql::Store::InstanceWork> work = store.objectsWithInstancesBefore(before, afterId, batch);
    if (work.empty()) break;
    std::vector<sql::Store::InstanceUpdate> updates;
    updates.reserve(work.size());
    for (const sql::Store::InstanceWork& object : work) {
      sql::Store::InstanceUpdate update{object.id, object.etag, {}};
      try {
        IcalComponent parsed = parseStored(object.ical);
        update.index = indexOf(parsed.get(), ctx);
        materialiseInstances(parsed.get(), update.index, ctx);
      } catch (const IcalError&) {
        // Text that no longer parses keeps being answered as it is today.
        update.index.instances.clear();
        update.index.instancesUntil = sql::kInstancesRefused;
      }
      updates.push_back(std::move(update));
      afterId = object.id;
    }
    rewritten += store.writeInstances(updates);
  }
  return rewritten;
}

}  // namespace jadwal::caldav
