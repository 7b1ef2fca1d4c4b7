// RFC 4331 quotas: one quota per user, shared by every calendar they own and
// reported the same on their home and on each of those calendars.
#include "caldav/quota.h"

#include <algorithm>
#include <string>

namespace jadwal::caldav {

namespace {

DavResponse notExceeded(const std::string& reason) {
  return conditionResponse(507, ns::kDav, "quota-not-exceeded", reason);
}

// The user whose quota a property target shows: a home's user, a calendar's owner.
std::optional<std::int64_t> quotaHolder(const PropTarget& t) {
  if (t.kind == ResourceKind::Home && t.user) return t.user->id;
  if (t.kind == ResourceKind::Calendar && t.calendar) return t.calendar->ownerId;
  return std::nullopt;
}

}  // namespace

DavResponse quotaExceededResponse(const sql::WriteResult& result, const QuotaLimits& quota,
                                  std::string_view ownerName) {
  const std::string owner(ownerName);
  if (result.exceeded == sql::WriteResult::Limit::CalendarObjects) {
    return notExceeded("This calendar already holds " + std::to_string(result.used) +
                       " objects, the most one calendar may hold (" + std::to_string(quota.objectsPerCalendar) +
                       "); delete old ones first");
  }
  return notExceeded("The calendars of " + owner + " already use " + std::to_string(result.used) + " of their " +
                     std::to_string(quota.bytesPerUser) +
                     " bytes, and this change would pass that quota; delete old events or ask an administrator");
}

DavResponse calendarQuotaResponse(const QuotaLimits& quota, std::string_view ownerName) {
  return notExceeded(std::string(ownerName) + " already has " + std::to_string(quota.calendarsPerUser) +
                     " calendars, the most one user may have; delete one first or ask an administrator");
}

DavResponse propertyQuotaResponse(const sql::PropertyWriteResult& result, const QuotaLimits& quota) {
  return notExceeded("Storing these properties would pass the quota of " + std::to_string(quota.bytesPerUser) +
                     " bytes (" + std::to_string(result.used) + " in use); remove some first");
}

void addQuotaProperties(std::vector<LiveProperty>& registry) {
  const std::string D(ns::kDav);
  registry.push_back({{D, "quota-available-bytes"},
                      false,
                      false,
                      [](DavContext& ctx, const PropTarget& t) -> std::optional<std::string> {
                        auto holder = quotaHolder(t);
                        if (!holder) return std::nullopt;
                        const std::int64_t used = ctx.store.usageOf(*holder).bytes;
                        return std::to_string(std::max<std::int64_t>(0, ctx.calendars.quota().bytesPerUser - used));
                      }});
  registry.push_back(
      {{D, "quota-used-bytes"}, false, false, [](DavContext& ctx, const PropTarget& t) -> std::optional<std::string> {
         auto holder = quotaHolder(t);
         if (!holder) return std::nullopt;
         return std::to_string(ctx.store.usageOf(*holder).bytes);
       }});
}

}  // namespace jadwal::caldav
