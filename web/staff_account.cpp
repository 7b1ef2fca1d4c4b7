// /staf/akun: the user's own account page (any role) with the read-only
// calendar feeds they hold. A feed's address is shown once, in the answer
// that creates it: only the hash of its token is kept.

#include <algorithm>
#include <charconv>

#include "base/text.h"
#include "base/utf8.h"
#include "caldav/access.h"
#include "sql/feed_store.h"
#include "web/feeds.h"
#include "web/record_id.h"
#include "web/web_session_internal.h"
#include "workflow/wib_format.h"

namespace jadwal::web {

namespace mustache = kainjow::mustache;
using staff::StaffRequest;

namespace {

constexpr std::size_t kAccountFormLimit = 16 * 1024;  // a name and some calendar ids

std::string replaced(std::string text, std::string_view key, const std::string& value) {
  const std::size_t at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

std::size_t codePoints(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += std::max<std::size_t>(1, base::utf8SequenceLength(text, i))) ++count;
  return count;
}

bool hasControl(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string calendarLabel(const sql::Calendar& calendar) {
  const std::string name = calendar.displayName.empty() ? calendar.slug : calendar.displayName;
  return name + " (" + calendar.ownerName + "/" + calendar.slug + ")";
}

// What the create form carries back when it is shown again.
struct FeedForm {
  std::string name;
  std::vector<std::int64_t> calendars;
  std::string error;  // translated, "" for none
};

struct CreatedFeed {
  std::string name;
  std::string url;
};

WebResponse render(StaffRequest& staff, int status, const FeedForm& form, const CreatedFeed* created = nullptr,
                   bool revoked = false) {
  const std::string& language = staff.language;
  sql::Store& store = staff.web.store;
  const auto& agenda = staff.web.agenda;
  mustache::data data = staff::baseData(staff);
  data.set("intro", replaced(replaced(tr(language, "akun_feeds_intro"), "{back}", std::to_string(agenda.feedDaysBack)),
                             "{ahead}", std::to_string(agenda.feedDaysAhead)));
  data.set("batas", replaced(tr(language, "akun_feed_limit_note"), "{limit}", std::to_string(agenda.maxFeedsPerUser)));
  staff::setOptional(data, "galat", form.error);
  data.set("dicabut", revoked);
  data.set("nama", form.name);
  if (created) {
    mustache::data fresh;
    fresh.set("judul", replaced(tr(language, "akun_feed_made"), "{name}", created->name));
    fresh.set("https", created->url);
    fresh.set("webcal", webcalUrl(created->url));
    data.set("baru", fresh);
  }

  mustache::data choices(mustache::data::type::list);
  const auto visible = caldav::visibleCalendars(store, staff.user);
  for (const auto& entry : visible) {
    mustache::data choice;
    choice.set("id", std::to_string(entry.calendar.id));
    choice.set("label", calendarLabel(entry.calendar));
    const bool checked =
        std::find(form.calendars.begin(), form.calendars.end(), entry.calendar.id) != form.calendars.end();
    choice.set("checked", checked);
    choices.push_back(choice);
  }
  data.set("pilihan", choices);
  data.set("tanpa_kalender", visible.empty());

  mustache::data feeds(mustache::data::type::list);
  const auto rows = store.feeds().feedsOf(staff.user.id);
  for (const auto& row : rows) {
    std::string names;
    for (const std::int64_t id : row.calendarIds) {
      const auto calendar = store.findCalendarById(id);
      if (!calendar) continue;
      if (!names.empty()) names += ", ";
      names += calendarLabel(*calendar);
      if (!caldav::canRead(caldav::calendarAccess(store, staff.user, *calendar))) {
        names += " [" + tr(language, "akun_feed_lost") + "]";
      }
    }
    mustache::data feed;
    feed.set("id", std::to_string(row.id));
    feed.set("nama", row.name);
    feed.set("kalender", names);
    feed.set("dibuat", workflow::formatDateTime(row.createdAt, staff.web.time.defaultTzid, language));
    feeds.push_back(feed);
  }
  data.set("umpan", feeds);
  data.set("kosong", rows.empty());

  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_akun", tr(language, "akun_title"), data, language);
  return response;
}

WebResponse create(StaffRequest& staff, const FormData& formData) {
  const std::string& language = staff.language;
  FeedForm form;
  form.name = std::string(base::trimmed(formData.value("nama")));
  bool malformedId = false;
  for (const auto& value : formData.values("kalender")) {
    if (const auto id = parseRecordId(value)) {
      form.calendars.push_back(*id);
    } else {
      malformedId = true;
    }
  }
  const auto refuse = [&](int status, std::string_view messageId) {
    form.error = tr(language, messageId);
    return render(staff, status, form);
  };
  if (form.name.empty()) return refuse(400, "akun_err_name_required");
  if (!base::isValidUtf8(form.name) || hasControl(form.name)) return refuse(400, "akun_err_name_invalid");
  if (codePoints(form.name) > kFeedNameMaxChars) return refuse(400, "akun_err_name_too_long");
  if (malformedId) return refuse(400, "akun_err_calendar_forbidden");
  if (form.calendars.empty()) return refuse(400, "akun_err_calendar_required");
  sql::Store& store = staff.web.store;
  for (const std::int64_t id : form.calendars) {
    const auto calendar = store.findCalendarById(id);
    if (!calendar || !caldav::canRead(caldav::calendarAccess(store, staff.user, *calendar))) {
      return refuse(403, "akun_err_calendar_forbidden");
    }
  }

  const std::string token = newFeedToken();
  sql::FeedRow row;
  row.userId = staff.user.id;
  row.name = form.name;
  row.calendarIds = form.calendars;
  row.tokenHash = sessionTokenHash(token);
  row.createdAt = staff.web.clock->now();
  const auto result = store.feeds().createFeed(row, staff.web.agenda.maxFeedsPerUser);
  if (result.status == sql::CreateStatus::QuotaExceeded) {
    form.error = replaced(tr(language, "akun_err_limit"), "{limit}", std::to_string(staff.web.agenda.maxFeedsPerUser));
    return render(staff, 409, form);
  }
  // 256 random bits do not collide; a taken hash would mean a broken random source.
  if (!result.ok()) throw std::runtime_error("a new feed token is already taken");
  const CreatedFeed created{form.name, feedUrl(staff.web, token)};
  return render(staff, 200, FeedForm{}, &created);
}

WebResponse revoke(StaffRequest& staff, const FormData& form) {
  const auto id = parseRecordId(form.value("umpan"));
  if (!id || !staff.web.store.feeds().revokeFeed(*id, staff.user.id)) {
    return staff::messagePage(staff.language, 404, tr(staff.language, "akun_err_feed_not_found"), "/staf/akun",
                              "akun_title");
  }
  return WebResponse::redirect("/staf/akun?pesan=dicabut");
}

}  // namespace

std::string newFeedToken() { return randomHex(kFeedTokenBytes); }

bool looksLikeFeedToken(std::string_view text) {
  return text.size() == 2 * kFeedTokenBytes && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string feedUrl(const WebContext& context, const std::string& token) {
  return context.publicUrl + "/ics/" + token + ".ics";
}

std::string webcalUrl(const std::string& httpUrl) {
  const std::size_t colon = httpUrl.find("://");
  return colon == std::string::npos ? httpUrl : "webcal" + httpUrl.substr(colon);
}

WebResponse accountPage(StaffRequest& staff) {
  const std::string& method = staff.request.method;
  if (method == "GET" || method == "HEAD") {
    return render(staff, 200, FeedForm{}, nullptr, staff.request.queryValue("pesan") == "dicabut");
  }
  if (method != "POST") {
    WebResponse refused = staff::messagePage(staff.language, 405, tr(staff.language, "error.method"));
    refused.setHeader("Allow", "GET, HEAD, POST");
    return refused;
  }
  FormData form;
  if (parseForm(staff.request, form, kAccountFormLimit) != FormError::None) {
    return staff::messagePage(staff.language, 400, tr(staff.language, "staf_bad_form"), "/staf/akun", "akun_title");
  }
  if (!csrfValid(staff.web, staff.request, form)) {
    return staff::messagePage(staff.language, 403, tr(staff.language, "staf_csrf"));
  }
  const std::string action = form.value("aksi");
  if (action == "buat") return create(staff, form);
  if (action == "cabut") return revoke(staff, form);
  return staff::messagePage(staff.language, 400, tr(staff.language, "staf_bad_form"), "/staf/akun", "akun_title");
}

}  // namespace jadwal::web
