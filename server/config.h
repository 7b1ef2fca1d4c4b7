#pragma once
// The server's configuration, read from an INI file. Loading validates every
// key: an unknown key or a bad value is an error naming the key, so that a
// typo stops the start instead of being silently ignored.

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "caldav/calendar_service.h"
#include "server/logging.h"
#include "server/login_limits.h"
#include "workflow/agenda_config.h"
#include "workflow/letter_text.h"
#include "workflow/notifier.h"

namespace jadwal::server {

struct HttpConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  int threads = 16;               // workers that run requests; waiting clients hold none
  int ioThreads = 2;              // threads that read and write for every connection
  int maxRequestsPerClient = 6;   // requests of one client run at once; more wait for a place
  int maxQueued = 64;             // connections the kernel queues before they are accepted
  int timeoutSeconds = 30;        // sending an answer (plus its size at min_bytes_per_second); drain at stop
  int headerTimeoutSeconds = 10;  // the whole request head
  int bodyTimeoutSeconds = 30;    // the whole body, plus its size at min_bytes_per_second
  int keepAliveSeconds = 15;      // idle between requests; 0 turns keep-alive off
  std::size_t minBytesPerSecond = 8192;
  std::size_t maxHeaderBytes = 16384;
  // Covers the public form: [workflow] max_upload_total_bytes plus
  // kFormTextBytes, checked at start.
  std::size_t maxBodyBytes = 33554432;
  std::size_t maxPendingBodyBytes = 268435456;  // bodies being received at once, in all
  std::size_t maxConnections = 10000;
  std::size_t maxConnectionsPerClient = 64;
  int ipv6PrefixBits = 64;     // per-client bounds count an IPv6 client by this prefix of its address
  std::string trustedProxies;  // addresses/networks whose X-Real-IP and X-Forwarded-For count
};

// Bounds of CalDAV work ([caldav] section).
struct CaldavSettings {
  std::size_t maxResourceBytes = 1048576;  // one calendar object (PUT); larger gets 413
  std::size_t maxXmlBytes = 1048576;       // one XML request body
  std::size_t maxXmlDepth = 64;            // nesting of an XML request body
  std::size_t maxXmlElements = 100000;     // elements of an XML request body
  std::size_t maxPropertyBytes = 65536;    // one property set by PROPPATCH or MKCALENDAR, as stored
  std::size_t maxInstances = 5000;         // instances one expansion of one object produces
  std::size_t maxExpansionSteps = 50000;   // recurrence steps one expansion takes to reach its range
  int instanceHorizonDays = 730;           // the instance table keeps endless recurrences this far ahead
  std::size_t maxKeptInstances = 1000;     // instances the table keeps of one object; past it, none
  std::size_t maxAnswerSteps = 200000;     // recurrence steps of one answer, all objects together
  std::size_t maxAnswerBytes = 67108864;   // bytes of one multistatus answer
  int maxAnswerSeconds = 20;               // time spent producing one answer
};

// The request workflow ([workflow] section).
struct WorkflowSettings {
  std::string holdCalendar;                    // "OWNER/SLUG" of the staff calendar for TENTATIVE holds; empty: none
  std::size_t maxFileBytes = 10485760;         // per uploaded file
  std::size_t maxUploadTotalBytes = 31457280;  // the files of one form, all together
  int formTokenKeepSeconds = 86400;            // a used form token is remembered this long (double taps)
  int submissionsPerHour = 10;                 // public form submissions per client address; 0: no limit
  int codeMissesPerHour = 30;                  // unknown tracking codes looked up per client address; 0: no limit
  // Forms sent back with errors per client address and hour: enough for
  // people who mistype, too few to fill the disk with the files they carry.
  int failedFormsPerHour = 30;
  int maxRevisions = 10;     // revised letters per request
  int revisionsPerHour = 3;  // revised letters per request and hour
  // Uploads no request uses yet (a form shown again with errors) are deleted
  // once this old, checked at start and every unusedFileSweepSeconds.
  int unusedFileGraceSeconds = 86400;
  int unusedFileSweepSeconds = 3600;
  std::size_t unusedFileMaxBytes = 1073741824;  // files kept for forms sent back with errors, all together
  int nearDateDays = 3;             // the inbox marks waiting requests whose activity is this many days away or less
  int openEndAssumedMinutes = 120;  // how long an "s.d. selesai" activity is taken to last
};

// What the public form's text may take beside its files in one body (the
// typed fields at their longest, in UTF-8, and the multipart framing):
// [http] max_body_bytes must be at least max_upload_total_bytes plus this.
inline constexpr std::size_t kFormTextBytes = 32768;

struct ServerConfig {
  std::string publicUrl;  // absolute http(s) URL, no trailing slash
  std::string timezone = "Asia/Jakarta";
  HttpConfig http;
  CaldavSettings caldav;
  std::string dbUrl;          // "sqlite:PATH" or "mysql://..."
  int authCacheSeconds = 60;  // 0 turns the credential cache off
  LoginLimits auth;           // [auth]: wrong passwords, password checks at once, known devices
  std::string accessLog;      // path, "-" for stdout, empty = off
  LogSettings log;            // [log] level, levels, file: the server log (server/logging.h)
  std::string officeName = "Bagian Protokol dan Komunikasi Pimpinan";  // shown on pages and in mail
  workflow::SmtpConfig smtp;                                           // [smtp]; host empty: no mail is sent
  WorkflowSettings workflow;
  caldav::QuotaLimits quota;           // [quota]: what each user may store through CalDAV
  workflow::AgendaConfig agenda;       // [agenda]: how the leaders' agenda is published
  workflow::LetterTextLimits letters;  // [archive]: how much of each PDF letter the archive's search reads

  // What bounds resident memory (README "Limits and guarantees", Memory).
  std::size_t dbPoolSize = 16;    // [db] pool_size: database connections at once
  std::size_t dbCacheKib = 1024;  // [db] cache_kib: page cache of each pooled connection
  int mallocArenas = 2;           // malloc_arenas: glibc malloc arenas (0: glibc's own choice, 8 per core)
};

// One line such as `config: http.port: "80a" is not a port number`.
struct ConfigError {
  std::string message;
};

using ConfigResult = std::variant<ServerConfig, ConfigError>;

// Reads and validates the INI file at `path`.
ConfigResult loadConfig(const std::string& path);
// The same, from the text of an INI file (for tests and tools).
ConfigResult parseConfig(const std::string& iniText);

}  // namespace jadwal::server
