// Routes a request to its method handler after resolving the resource and
// checking the user's access: one gate for every method.
#include <Poco/Logger.h>
#include <strings.h>

#include "caldav/dav_context.h"

namespace jadwal::caldav {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  auto n = std::min(a.size(), b.size());
  int c = ::strncasecmp(a.data(), b.data(), n);
  return c < 0 || (c == 0 && a.size() < b.size());
}

std::string DavRequest::header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

struct DavHandler::Impl {
  sql::Store& store;
  CalendarService& calendars;
  DavConfig config;
};

DavHandler::DavHandler(sql::Store& store, CalendarService& calendars, DavConfig config)
    : impl_(std::make_unique<Impl>(Impl{store, calendars, std::move(config)})) {}

DavHandler::~DavHandler() = default;

namespace {

using Handler = DavResponse (*)(DavContext&, const Resource&);

struct Method {
  std::string_view name;
  Handler handler;
  Access needs;  // on the addressed resource
};

constexpr Method kMethods[] = {
    {"OPTIONS", handleOptions, Access::None},
    {"PROPFIND", handlePropfind, Access::Read},
    {"REPORT", handleReport, Access::Read},
    {"GET", handleGet, Access::Read},
    {"HEAD", handleGet, Access::Read},
    {"PUT", handlePut, Access::Write},
    {"DELETE", handleDelete, Access::Write},
    {"PROPPATCH", handleProppatch, Access::Read},
    {"MKCALENDAR", handleMkcalendar, Access::Owner},
    {"MKCOL", handleMkcalendar, Access::Owner},
};

DavResponse dispatch(DavContext& ctx) {
  const Method* method = nullptr;
  for (const auto& m : kMethods)
    if (m.name == ctx.request.method) method = &m;
  if (!method) {
    auto r = textResponse(405, "Method not supported: " + ctx.request.method);
    r.setHeader("Allow", "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT, MKCALENDAR, MKCOL");
    return r;
  }
  Resource resource = resolveResource(ctx.store, ctx.user(), ctx.request.path);
  bool creatingCalendar = method->handler == handleMkcalendar && !resource.newCalendarSlug.empty();
  if (resource.kind == ResourceKind::Missing && !creatingCalendar) {
    if (method->handler == handleOptions) return handleOptions(ctx, resource);
    return textResponse(404, "Not found: " + ctx.request.path);
  }
  if (resource.access < method->needs) {
    if (!canRead(resource.access)) return textResponse(403, "You have no access to " + ctx.request.path);
    return conditionResponse(403, ns::kDav, "need-privileges", "Your access to " + ctx.request.path + " is read-only");
  }
  return method->handler(ctx, resource);
}

}  // namespace

DavResponse DavHandler::handle(const DavRequest& request) {
  static Poco::Logger& log = Poco::Logger::get("jadwal.caldav");
  DavContext ctx{impl_->store, impl_->calendars, impl_->config, request};
  DavResponse response;
  try {
    response = dispatch(ctx);
  } catch (const XmlError& e) {
    response = textResponse(400, std::string("Bad XML body: ") + e.what());
  } catch (const IcalError& e) {
    poco_error(log, request.method + " " + request.path + ": stored calendar data unreadable: " + e.what());
    response = textResponse(500, std::string("Stored calendar data could not be read: ") + e.what());
  } catch (const sql::StoreError& e) {
    poco_error(log, request.method + " " + request.path + ": storage error: " + e.what());
    // 507 tells the client its write cannot succeed until space is made.
    if (e.cause() == sql::StoreError::Cause::StorageFull)
      response = textResponse(507, std::string("Storage full: ") + e.what());
    else
      response = textResponse(500, std::string("Storage error: ") + e.what());
  }
  // `[log] levels = caldav:debug` shows what each client asked and got.
  // (Poco's poco_debug macro is compiled out of release builds.)
  if (log.debug()) {
    const std::string depth = request.header("Depth");
    log.debug(request.user.name + " " + request.method + " " + request.path + " (Depth " +
              (depth.empty() ? "-" : depth) + ") -> " + std::to_string(response.status));
  }
  return response;
}

}  // namespace jadwal::caldav
