#pragma once
// Quotas (RFC 4331) in the CalDAV layer: the 507 answers of writes past a
// quota, and the quota-available-bytes / quota-used-bytes properties.

#include <string_view>
#include <vector>

#include "caldav/dav_context.h"
#include "caldav/properties.h"

namespace jadwal::caldav {

// 507 with DAV:quota-not-exceeded for a write the store refused with
// QuotaExceeded in a calendar `ownerName` owns.
DavResponse quotaExceededResponse(const sql::WriteResult& result, const QuotaLimits& quota, std::string_view ownerName);
// 507 with DAV:quota-not-exceeded for a calendar `ownerName` may not have.
DavResponse calendarQuotaResponse(const QuotaLimits& quota, std::string_view ownerName);
// 507 with DAV:quota-not-exceeded for properties the store refused
// (Store::writeProperties, createCalendarWithinQuota) as past a user's quota.
DavResponse propertyQuotaResponse(const sql::PropertyWriteResult& result, const QuotaLimits& quota);

// DAV:quota-available-bytes and DAV:quota-used-bytes of calendar homes and
// calendars: the quota of the home's user or of the calendar's owner. Live,
// and not in allprop (RFC 4331 section 3).
void addQuotaProperties(std::vector<LiveProperty>& registry);

}  // namespace jadwal::caldav
