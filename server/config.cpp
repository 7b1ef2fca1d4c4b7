#include "server/config.h"

#include "server/client_key.h"
#include "server/trusted_proxies.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>

namespace jadwal::server {
namespace {

constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

std::string quoted(const std::string& value) { return "\"" + value + "\""; }

ConfigError errorAt(const std::string& key, const std::string& what) { return {"config: " + key + ": " + what}; }

std::optional<long long> parseInteger(const std::string& text, long long min, long long max) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) return std::nullopt;
  return value;
}

bool isAbsoluteHttpUrl(const std::string& text) {
  try {
    Poco::URI uri(text);
    const std::string scheme = Poco::toLower(uri.getScheme());
    return (scheme == "http" || scheme == "https") && !uri.getHost().empty() && uri.getQuery().empty() &&
           uri.getFragment().empty() && uri.getUserInfo().empty();
  } catch (const Poco::Exception&) {
    return false;
  }
}

// A zone name is a relative path below the zoneinfo directory naming a TZif
// file; this refuses "../" tricks and the tables that live beside the zones.
bool isKnownTimezone(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  const bool plain = std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+';
  });
  if (!plain) return false;
  const std::filesystem::path path = std::filesystem::path(kZoneInfoDir) / name;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  std::array<char, 4> magic{};
  in.read(magic.data(), magic.size());
  return in && std::string(magic.data(), magic.size()) == "TZif";
}

// "OWNER/SLUG": two path segments of the characters user names and slugs use.
bool isCalendarPath(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return false;
  if (text.find('/', slash + 1) != std::string::npos) return false;
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '.'; }) &&
         text.find("..") == std::string::npos;
}

bool isMailAddress(const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size() || text.find('@', at + 1) != std::string::npos) {
    return false;
  }
  return std::none_of(text.begin(), text.end(),
                      [](unsigned char c) { return c <= ' ' || c == '<' || c == '>' || c == ',' || c == 0x7f; });
}

bool isHostName(const std::string& text) {
  return !text.empty() && text.size() <= 253 && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

bool isDatabaseUrl(const std::string& text) {
  if (text.rfind("sqlite:", 0) == 0) return text.size() > 7;
  if (text.rfind("mysql://", 0) == 0) {
    try {
      Poco::URI uri(text);
      return !uri.getHost().empty();
    } catch (const Poco::Exception&) {
      return false;
    }
  }
  return false;
}

// A comma-separated list, each item trimmed; empty items left out.
std::vector<std::string> commaList(const std::string& text) {
  std::vector<std::string> items;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t comma = std::min(rest.find(','), rest.size());
    std::string item = Poco::trim(std::string(rest.substr(0, comma)));
    if (!item.empty()) items.push_back(std::move(item));
    rest = comma < rest.size() ? rest.substr(comma + 1) : std::string_view();
  }
  return items;
}

bool isUserName(const std::string& text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

// One line of 1 to `max` bytes without control characters.
std::optional<ConfigError> checkLine(const std::string& key, const std::string& value, std::size_t max) {
  const bool control = std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < ' ' || c == 0x7f; });
  if (value.empty() || value.size() > max || control) {
    return errorAt(key, "must be text of 1 to " + std::to_string(max) + " characters on one line");
  }
  return std::nullopt;
}

// Every key that holds a value, flattened to "section.key".
void collectKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix,
                 std::vector<std::string>& out) {
  Poco::Util::AbstractConfiguration::Keys keys;
  config.keys(prefix, keys);
  for (const auto& key : keys) {
    const std::string full = prefix.empty() ? key : prefix + "." + key;
    if (config.hasProperty(full)) out.push_back(Poco::toLower(full));
    collectKeys(config, full, out);
  }
}

using Setter =
    std::function<std::optional<ConfigError>(const std::string& key, const std::string& value, ServerConfig& config)>;

Setter integerSetter(long long min, long long max, std::function<void(ServerConfig&, long long)> assign) {
  return [=](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
    auto number = parseInteger(value, min, max);
    if (!number) {
      return errorAt(
          key, quoted(value) + " is not a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    assign(config, *number);
    return std::nullopt;
  };
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"public_url",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!isAbsoluteHttpUrl(value)) return errorAt(key, quoted(value) + " is not an absolute http(s) URL");
         std::string url = value;
         while (!url.empty() && url.back() == '/') url.pop_back();
         config.publicUrl = url;
         return std::nullopt;
       }},
      {"timezone",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!isKnownTimezone(value)) {
           return errorAt(key, quoted(value) + " is not a time zone under " + std::string(kZoneInfoDir));
         }
         config.timezone = value;
         return std::nullopt;
       }},
      {"http.address",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         Poco::Net::IPAddress address;
         if (!Poco::Net::IPAddress::tryParse(value, address))
           return errorAt(key, quoted(value) + " is not an IP address");
         config.http.address = value;
         return std::nullopt;
       }},
      {"http.port",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         auto port = parseInteger(value, 1, 65535);
         if (!port) return errorAt(key, quoted(value) + " is not a port number");
         config.http.port = static_cast<std::uint16_t>(*port);
         return std::nullopt;
       }},
      {"http.threads", integerSetter(1, 1024, [](ServerConfig& c, long long v) { c.http.threads = int(v); })},
      {"http.io_threads", integerSetter(1, 64, [](ServerConfig& c, long long v) { c.http.ioThreads = int(v); })},
      {"http.max_requests_per_client",
       integerSetter(1, 100000, [](ServerConfig& c, long long v) { c.http.maxRequestsPerClient = int(v); })},
      {"http.max_queued", integerSetter(1, 100000, [](ServerConfig& c, long long v) { c.http.maxQueued = int(v); })},
      {"http.timeout_seconds",
       integerSetter(1, 3600, [](ServerConfig& c, long long v) { c.http.timeoutSeconds = int(v); })},
      {"http.keep_alive_seconds",
       integerSetter(0, 3600, [](ServerConfig& c, long long v) { c.http.keepAliveSeconds = int(v); })},
      {"http.max_body_bytes",
       integerSetter(1, 1LL << 32,
                     [](ServerConfig& c, long long v) { c.http.maxBodyBytes = static_cast<std::size_t>(v); })},
      {"http.header_timeout_seconds",
       integerSetter(1, 3600, [](ServerConfig& c, long long v) { c.http.headerTimeoutSeconds = int(v); })},
      {"http.body_timeout_seconds",
       integerSetter(1, 3600, [](ServerConfig& c, long long v) { c.http.bodyTimeoutSeconds = int(v); })},
      {"http.min_bytes_per_second",
       integerSetter(1, 1LL << 30,
                     [](ServerConfig& c, long long v) { c.http.minBytesPerSecond = static_cast<std::size_t>(v); })},
      {"http.max_header_bytes",
       integerSetter(1024, 1 << 20,
                     [](ServerConfig& c, long long v) { c.http.maxHeaderBytes = static_cast<std::size_t>(v); })},
      {"http.max_pending_body_bytes",
       integerSetter(1, 1LL << 40,
                     [](ServerConfig& c, long long v) { c.http.maxPendingBodyBytes = static_cast<std::size_t>(v); })},
      {"http.max_connections",
       integerSetter(1, 1000000,
                     [](ServerConfig& c, long long v) { c.http.maxConnections = static_cast<std::size_t>(v); })},
      {"http.max_connections_per_client", integerSetter(1, 1000000,
                                                        [](ServerConfig& c, long long v) {
                                                          c.http.maxConnectionsPerClient = static_cast<std::size_t>(v);
                                                        })},
      {"http.ipv6_prefix_bits", integerSetter(kMinIpv6PrefixBits, kMaxIpv6PrefixBits,
                                              [](ServerConfig& c, long long v) { c.http.ipv6PrefixBits = int(v); })},
      {"http.trusted_proxies",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         std::string error;
         if (!TrustedProxies::parse(value, error)) return errorAt(key, error);
         config.http.trustedProxies = value;
         return std::nullopt;
       }},
      {"caldav.max_resource_bytes",
       integerSetter(1024, 1LL << 30,
                     [](ServerConfig& c, long long v) { c.caldav.maxResourceBytes = static_cast<std::size_t>(v); })},
      {"caldav.max_xml_bytes",
       integerSetter(1024, 1LL << 30,
                     [](ServerConfig& c, long long v) { c.caldav.maxXmlBytes = static_cast<std::size_t>(v); })},
      {"caldav.max_xml_depth",
       integerSetter(8, 10000,
                     [](ServerConfig& c, long long v) { c.caldav.maxXmlDepth = static_cast<std::size_t>(v); })},
      {"caldav.max_xml_elements",
       integerSetter(100, 100000000,
                     [](ServerConfig& c, long long v) { c.caldav.maxXmlElements = static_cast<std::size_t>(v); })},
      {"caldav.max_property_bytes",
       integerSetter(256, 1LL << 30,
                     [](ServerConfig& c, long long v) { c.caldav.maxPropertyBytes = static_cast<std::size_t>(v); })},
      {"caldav.max_instances",
       integerSetter(10, 1000000,
                     [](ServerConfig& c, long long v) { c.caldav.maxInstances = static_cast<std::size_t>(v); })},
      {"caldav.max_expansion_steps",
       integerSetter(10, 100000000,
                     [](ServerConfig& c, long long v) { c.caldav.maxExpansionSteps = static_cast<std::size_t>(v); })},
      {"caldav.instance_horizon_days",
       integerSetter(1, 36500,
                     [](ServerConfig& c, long long v) { c.caldav.instanceHorizonDays = static_cast<int>(v); })},
      {"caldav.max_kept_instances",
       integerSetter(1, 1000000,
                     [](ServerConfig& c, long long v) { c.caldav.maxKeptInstances = static_cast<std::size_t>(v); })},
      {"caldav.max_answer_steps",
       integerSetter(10, 1000000000,
                     [](ServerConfig& c, long long v) { c.caldav.maxAnswerSteps = static_cast<std::size_t>(v); })},
      {"caldav.max_answer_bytes",
       integerSetter(65536, 1LL << 40,
                     [](ServerConfig& c, long long v) { c.caldav.maxAnswerBytes = static_cast<std::size_t>(v); })},
      {"caldav.max_answer_seconds",
       integerSetter(1, 3600, [](ServerConfig& c, long long v) { c.caldav.maxAnswerSeconds = int(v); })},
      {"db.url",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         // The value is not echoed: a mysql:// URL may carry a password.
         if (!isDatabaseUrl(value)) return errorAt(key, "not a database URL (sqlite:PATH or mysql://HOST/DB)");
         config.dbUrl = value;
         return std::nullopt;
       }},
      {"db.pool_size", integerSetter(1, 256, [](ServerConfig& c, long long v) { c.dbPoolSize = std::size_t(v); })},
      {"db.cache_kib", integerSetter(64, 4194304, [](ServerConfig& c, long long v) { c.dbCacheKib = std::size_t(v); })},
      {"malloc_arenas", integerSetter(0, 64, [](ServerConfig& c, long long v) { c.mallocArenas = int(v); })},
      {"auth.cache_seconds",
       integerSetter(0, 86400, [](ServerConfig& c, long long v) { c.authCacheSeconds = int(v); })},
      {"auth.failures_per_address_and_user",
       integerSetter(0, 100000,
                     [](ServerConfig& c, long long v) { c.auth.failuresPerAddressAndName = std::size_t(v); })},
      {"auth.failures_per_address",
       integerSetter(0, 1000000, [](ServerConfig& c, long long v) { c.auth.failuresPerAddress = std::size_t(v); })},
      {"auth.failures_per_device",
       integerSetter(0, 100000, [](ServerConfig& c, long long v) { c.auth.failuresPerDevice = std::size_t(v); })},
      {"auth.max_verifications",
       integerSetter(1, 256, [](ServerConfig& c, long long v) { c.auth.maxVerifications = std::size_t(v); })},
      {"auth.max_waiting_verifications",
       integerSetter(0, 4096, [](ServerConfig& c, long long v) { c.auth.maxWaitingVerifications = std::size_t(v); })},
      {"auth.verification_wait_ms",
       integerSetter(0, 60000,
                     [](ServerConfig& c, long long v) { c.auth.verificationWait = std::chrono::milliseconds(v); })},
      {"auth.verification_deadline_ms",
       integerSetter(100, 120000,
                     [](ServerConfig& c, long long v) { c.auth.verificationDeadline = std::chrono::milliseconds(v); })},
      {"auth.known_device_days",
       integerSetter(0, 3650,
                     [](ServerConfig& c, long long v) { c.auth.knownDeviceLifetime = std::chrono::hours(24 * v); })},
      {"auth.last_login_interval_seconds",
       integerSetter(1, 86400,
                     [](ServerConfig& c, long long v) { c.auth.lastLoginInterval = std::chrono::seconds(v); })},
      {"log.access",
       [](const std::string&, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.accessLog = value;
         return std::nullopt;
       }},
      {"log.level",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!isLogLevel(value)) {
           return errorAt(key, quoted(value) + " is not a log level (error, warning, notice, information, debug, ...)");
         }
         config.log.level = Poco::toLower(value);
         return std::nullopt;
       }},
      {"log.levels",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (auto error = parseModuleLevels(value, config.log.moduleLevels)) return errorAt(key, *error);
         return std::nullopt;
       }},
      {"log.file",
       [](const std::string&, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.log.file = value;
         return std::nullopt;
       }},
      {"office_name",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         const bool control = std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < ' '; });
         if (value.empty() || value.size() > 200 || control) {
           return errorAt(key, "must be a name of 1 to 200 characters on one line");
         }
         config.officeName = value;
         return std::nullopt;
       }},
      {"smtp.host",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!value.empty() && !isHostName(value)) return errorAt(key, quoted(value) + " is not a host name");
         config.smtp.host = value;
         return std::nullopt;
       }},
      {"smtp.port",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         auto port = parseInteger(value, 1, 65535);
         if (!port) return errorAt(key, quoted(value) + " is not a port number");
         config.smtp.port = static_cast<unsigned short>(*port);
         return std::nullopt;
       }},
      {"smtp.from",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!isMailAddress(value)) return errorAt(key, quoted(value) + " is not a mail address");
         config.smtp.from = value;
         return std::nullopt;
       }},
      {"smtp.user",
       [](const std::string&, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.smtp.user = value;
         return std::nullopt;
       }},
      {"smtp.password",
       [](const std::string&, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.smtp.password = value;  // never echoed
         return std::nullopt;
       }},
      {"smtp.receipts_per_recipient_per_hour",
       integerSetter(0, 100000,
                     [](ServerConfig& c, long long v) { c.smtp.receiptsPerRecipientPerHour = std::size_t(v); })},
      {"smtp.receipts_per_hour",
       integerSetter(0, 100000, [](ServerConfig& c, long long v) { c.smtp.receiptsPerHour = std::size_t(v); })},
      {"workflow.hold_calendar",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!value.empty() && !isCalendarPath(value)) {
           return errorAt(key, quoted(value) + " is not OWNER/SLUG (e.g. protokol/permohonan)");
         }
         config.workflow.holdCalendar = value;
         return std::nullopt;
       }},
      {"workflow.max_file_bytes",
       integerSetter(1024, 1LL << 30,
                     [](ServerConfig& c, long long v) { c.workflow.maxFileBytes = static_cast<std::size_t>(v); })},
      {"workflow.max_upload_total_bytes", integerSetter(1024, 1LL << 32,
                                                        [](ServerConfig& c, long long v) {
                                                          c.workflow.maxUploadTotalBytes = static_cast<std::size_t>(v);
                                                        })},
      // At least the public form's CSRF lifetime (8 hours): a page still
      // able to post must find its token remembered.
      {"workflow.form_token_keep_seconds",
       integerSetter(8 * 3600, 30 * 86400,
                     [](ServerConfig& c, long long v) { c.workflow.formTokenKeepSeconds = int(v); })},
      {"workflow.submissions_per_hour",
       integerSetter(0, 100000, [](ServerConfig& c, long long v) { c.workflow.submissionsPerHour = int(v); })},
      {"workflow.failed_forms_per_hour",
       integerSetter(0, 100000, [](ServerConfig& c, long long v) { c.workflow.failedFormsPerHour = int(v); })},
      {"workflow.code_misses_per_hour",
       integerSetter(0, 100000, [](ServerConfig& c, long long v) { c.workflow.codeMissesPerHour = int(v); })},
      {"workflow.max_revisions",
       integerSetter(1, 1000, [](ServerConfig& c, long long v) { c.workflow.maxRevisions = int(v); })},
      {"workflow.revisions_per_hour",
       integerSetter(1, 1000, [](ServerConfig& c, long long v) { c.workflow.revisionsPerHour = int(v); })},
      // At least an hour: a requester fixing a form shown again must find the files kept.
      {"workflow.unused_file_grace_seconds",
       integerSetter(3600, 30 * 86400,
                     [](ServerConfig& c, long long v) { c.workflow.unusedFileGraceSeconds = int(v); })},
      {"workflow.unused_file_sweep_seconds",
       integerSetter(60, 86400, [](ServerConfig& c, long long v) { c.workflow.unusedFileSweepSeconds = int(v); })},
      {"workflow.unused_file_max_bytes", integerSetter(1LL << 20, 1LL << 40,
                                                       [](ServerConfig& c, long long v) {
                                                         c.workflow.unusedFileMaxBytes = static_cast<std::size_t>(v);
                                                       })},
      {"workflow.near_date_days",
       integerSetter(0, 365, [](ServerConfig& c, long long v) { c.workflow.nearDateDays = int(v); })},
      {"workflow.open_end_assumed_minutes",
       integerSetter(15, 1440, [](ServerConfig& c, long long v) { c.workflow.openEndAssumedMinutes = int(v); })},
      {"agenda.region",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (auto error = checkLine(key, value, 200)) return error;
         config.agenda.region = value;
         return std::nullopt;
       }},
      {"agenda.leaders",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.agenda.leaderOrder = commaList(value);
         for (const std::string& name : config.agenda.leaderOrder)
           if (!isUserName(name)) return errorAt(key, quoted(name) + " is not a user name");
         return std::nullopt;
       }},
      {"agenda.signature",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         if (!value.empty())
           if (auto error = checkLine(key, value, 200)) return error;
         config.agenda.signature = value;
         return std::nullopt;
       }},
      {"agenda.public_calendars",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         config.agenda.publicCalendars = commaList(value);
         for (const std::string& path : config.agenda.publicCalendars)
           if (path != "leaders" && !isCalendarPath(path))
             return errorAt(key, quoted(path) + " is neither OWNER/SLUG nor \"leaders\"");
         return std::nullopt;
       }},
      {"agenda.max_days", integerSetter(1, 366, [](ServerConfig& c, long long v) { c.agenda.maxDays = int(v); })},
      {"agenda.home_days", integerSetter(1, 31, [](ServerConfig& c, long long v) { c.agenda.homeDays = int(v); })},
      {"agenda.home_requests",
       integerSetter(1, 500, [](ServerConfig& c, long long v) { c.agenda.homeRequests = int(v); })},
      {"agenda.recap_max_requests",
       integerSetter(1, 1000000, [](ServerConfig& c, long long v) { c.agenda.maxRecapRequests = int(v); })},
      // Within Excel's 1048576 rows of one sheet.
      {"agenda.recap_workbook_max_rows",
       integerSetter(10, 1000000, [](ServerConfig& c, long long v) { c.agenda.maxRecapWorkbookRows = int(v); })},
      {"agenda.public_cache_seconds",
       integerSetter(0, 86400, [](ServerConfig& c, long long v) { c.agenda.publicCacheSeconds = int(v); })},
      {"agenda.public_answer_cache_bytes",
       integerSetter(0, 1LL << 34,
                     [](ServerConfig& c, long long v) { c.agenda.publicAnswerCacheBytes = std::size_t(v); })},
      {"agenda.feed_days_back",
       integerSetter(0, 3660, [](ServerConfig& c, long long v) { c.agenda.feedDaysBack = int(v); })},
      {"agenda.feed_days_ahead",
       integerSetter(1, 3660, [](ServerConfig& c, long long v) { c.agenda.feedDaysAhead = int(v); })},
      {"agenda.max_feeds_per_user",
       integerSetter(1, 1000, [](ServerConfig& c, long long v) { c.agenda.maxFeedsPerUser = int(v); })},
      {"agenda.morning_mail_time",
       [](const std::string& key, const std::string& value, ServerConfig& config) -> std::optional<ConfigError> {
         const bool shaped = value.size() == 5 && value[2] == ':' && std::isdigit((unsigned char)value[0]) &&
                             std::isdigit((unsigned char)value[1]) && std::isdigit((unsigned char)value[3]) &&
                             std::isdigit((unsigned char)value[4]);
         if (!shaped || std::stoi(value.substr(0, 2)) > 23 || std::stoi(value.substr(3)) > 59) {
           return errorAt(key, quoted(value) + " is not a time of day HH:MM");
         }
         config.agenda.morningMailTime = value;
         return std::nullopt;
       }},
      {"agenda.morning_mail_check_seconds",
       integerSetter(1, 3600, [](ServerConfig& c, long long v) { c.agenda.morningMailCheckSeconds = int(v); })},
      {"archive.max_pdf_pages",
       integerSetter(1, 10000, [](ServerConfig& c, long long v) { c.letters.maxPages = int(v); })},
      {"archive.max_letter_text_bytes",
       integerSetter(1024, 16LL << 20, [](ServerConfig& c, long long v) { c.letters.maxBytes = std::size_t(v); })},
      {"quota.calendars_per_user",
       integerSetter(1, 100000, [](ServerConfig& c, long long v) { c.quota.calendarsPerUser = v; })},
      {"quota.bytes_per_user",
       integerSetter(65536, 1LL << 40, [](ServerConfig& c, long long v) { c.quota.bytesPerUser = v; })},
      {"quota.objects_per_calendar",
       integerSetter(10, 10000000, [](ServerConfig& c, long long v) { c.quota.objectsPerCalendar = v; })},
      {"quota.changes_per_calendar",
       integerSetter(10, 10000000, [](ServerConfig& c, long long v) { c.quota.changesPerCalendar = v; })},
  };
  return table;
}

ConfigResult validate(const Poco::Util::AbstractConfiguration& ini) {
  std::vector<std::string> keys;
  collectKeys(ini, "", keys);
  ServerConfig config;
  for (const auto& key : keys) {
    auto setter = setters().find(key);
    if (setter == setters().end()) return errorAt(key, "unknown key");
    if (auto error = setter->second(key, ini.getRawString(key), config)) return *error;
  }
  if (config.publicUrl.empty()) return errorAt("public_url", "missing (an absolute http(s) URL is required)");
  if (config.http.port == 0) return errorAt("http.port", "missing (a port number is required)");
  if (config.dbUrl.empty()) return errorAt("db.url", "missing (sqlite:PATH or mysql://HOST/DB is required)");
  if (config.smtp.password.size() > 0 && config.smtp.user.empty()) {
    return errorAt("smtp.user", "missing (smtp.password is set)");
  }
  // The form's limits are what it says: each file within the total, and a
  // body that holds the total with the typed fields.
  if (config.workflow.maxFileBytes > config.workflow.maxUploadTotalBytes) {
    return errorAt("workflow.max_file_bytes", "must not be more than workflow.max_upload_total_bytes (" +
                                                  std::to_string(config.workflow.maxUploadTotalBytes) + ")");
  }
  if (config.http.maxBodyBytes < config.workflow.maxUploadTotalBytes + kFormTextBytes) {
    return errorAt("http.max_body_bytes", "must be at least workflow.max_upload_total_bytes + " +
                                              std::to_string(kFormTextBytes) + " for the form's text (" +
                                              std::to_string(config.workflow.maxUploadTotalBytes + kFormTextBytes) +
                                              ")");
  }
  // A login sharing a check waits for that check's slot and the check itself.
  if (config.auth.verificationDeadline <= config.auth.verificationWait) {
    return errorAt("auth.verification_deadline_ms", "must be more than auth.verification_wait_ms (" +
                                                        std::to_string(config.auth.verificationWait.count()) + ")");
  }
  return config;
}

}  // namespace

ConfigResult parseConfig(const std::string& iniText) {
  try {
    std::istringstream in(iniText);
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini(new Poco::Util::IniFileConfiguration(in));
    return validate(*ini);
  } catch (const Poco::Exception& e) {
    return ConfigError{"config: " + e.displayText()};
  }
}

ConfigResult loadConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return ConfigError{"config: " + path + ": cannot be read"};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return ConfigError{"config: " + path + ": cannot be read"};
  return parseConfig(text.str());
}

}  // namespace jadwal::server
