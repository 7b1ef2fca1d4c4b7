#include "server/application.h"

#include <Poco/Exception.h>
#include <Poco/LogStream.h>
#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/Util/ServerApplication.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "caldav/instance_upkeep.h"
#include "server/access_log.h"
#include "server/authenticator.h"
#include "server/blob_collector.h"
#include "server/cli.h"
#include "server/credential_cache.h"
#include "server/http_handler.h"
#include "server/http_server.h"
#include "server/last_logins.h"
#include "server/logging.h"
#include "server/malloc_arenas.h"
#include "server/metrics.h"
#include "server/morning_mail_scheduler.h"
#include "server/open_file_limit.h"
#include "server/rate_limiter.h"
#include "server/version.h"
#include "server/web_password_hasher.h"
#include "web/web.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"
#include "workflow/stored_letters.h"

namespace jadwal::server {
namespace {

// Enough for every account of an office; bounded so a flood of distinct
// names cannot grow memory.
constexpr std::size_t kCredentialCacheCapacity = 4096;
// Users whose last login write is remembered (server/last_logins.h).
constexpr std::size_t kLastLoginsCapacity = 4096;

Poco::Logger& serverLog() { return Poco::Logger::get("jadwal.server"); }

caldav::TimeContext timeContextOf(const ServerConfig& config) {
  caldav::TimeContext time;
  time.defaultTzid = config.timezone;
  time.maxInstances = config.caldav.maxInstances;
  time.maxSteps = config.caldav.maxExpansionSteps;
  time.instanceHorizon = static_cast<caldav::Instant>(config.caldav.instanceHorizonDays) * 86400;
  time.maxKeptInstances = config.caldav.maxKeptInstances;
  return time;
}

caldav::AnswerLimits answerLimitsOf(const CaldavSettings& caldav) {
  caldav::AnswerLimits limits;
  limits.maxSteps = caldav.maxAnswerSteps;
  limits.maxBytes = caldav.maxAnswerBytes;
  limits.maxTime = std::chrono::seconds(caldav.maxAnswerSeconds);
  return limits;
}

workflow::WorkflowConfig workflowConfigOf(const ServerConfig& config) {
  workflow::WorkflowConfig workflow;
  workflow.publicUrl = config.publicUrl;
  workflow.timezone = config.timezone;
  workflow.holdCalendar = config.workflow.holdCalendar;
  workflow.officeName = config.officeName;
  workflow.maxFileBytes = config.workflow.maxFileBytes;
  workflow.maxUploadTotalBytes = config.workflow.maxUploadTotalBytes;
  workflow.formTokenKeepSeconds = config.workflow.formTokenKeepSeconds;
  workflow.maxRevisions = static_cast<std::size_t>(config.workflow.maxRevisions);
  workflow.revisionsPerHour = static_cast<std::size_t>(config.workflow.revisionsPerHour);
  workflow.maxUnusedFileBytes = config.workflow.unusedFileMaxBytes;
  workflow.letterText = config.letters;
  workflow.openEndAssumedMinutes = config.workflow.openEndAssumedMinutes;
  return workflow;
}

// The [agenda] settings with the hold calendar of [workflow]: the agenda
// lists the requests' holds when asked for tentative events.
workflow::AgendaConfig agendaConfigOf(const ServerConfig& config) {
  workflow::AgendaConfig agenda = config.agenda;
  agenda.holdCalendar = config.workflow.holdCalendar;
  return agenda;
}

// The staff calendar that holds pending requests' slots, made at start when
// its owner exists and it does not; a missing owner is reported, not fatal
// (holds are skipped until the operator creates the user and restarts).
void ensureHoldCalendar(sql::Store& store, const std::string& ownerAndSlug) {
  if (ownerAndSlug.empty()) return;
  const auto slash = ownerAndSlug.find('/');
  const std::string ownerName = ownerAndSlug.substr(0, slash);
  const std::string slug = ownerAndSlug.substr(slash + 1);
  auto owner = store.findUser(ownerName);
  if (!owner) {
    serverLog().warning("workflow.hold_calendar: no user " + ownerName +
                        "; pending requests hold no slot until it exists");
    return;
  }
  if (store.findCalendar(ownerName, slug)) return;
  sql::Calendar calendar;
  calendar.ownerId = owner->id;
  calendar.slug = slug;
  calendar.displayName = "Permohonan (menunggu keputusan)";
  calendar.description = "Slot sementara permohonan kegiatan yang belum diputuskan";
  calendar.components = "VEVENT";
  // Exists: another server of the installation made it at the same moment.
  if (store.createCalendar(calendar).ok()) serverLog().notice("created the hold calendar " + ownerAndSlug);
}

HttpServerOptions httpOptionsOf(const HttpConfig& http) {
  HttpServerOptions options;
  options.address = http.address;
  options.port = http.port;
  options.threads = http.threads;
  options.ioThreads = http.ioThreads;
  options.maxRequestsPerClient = static_cast<std::size_t>(http.maxRequestsPerClient);
  options.backlog = http.maxQueued;
  options.headerTimeout = std::chrono::seconds(http.headerTimeoutSeconds);
  options.bodyTimeout = std::chrono::seconds(http.bodyTimeoutSeconds);
  options.sendTimeout = std::chrono::seconds(http.timeoutSeconds);
  options.keepAlive = std::chrono::seconds(http.keepAliveSeconds);
  options.minBytesPerSecond = http.minBytesPerSecond;
  options.maxHeaderBytes = http.maxHeaderBytes;
  options.maxBodyBytes = http.maxBodyBytes;
  options.maxPendingBodyBytes = http.maxPendingBodyBytes;
  options.maxConnections = http.maxConnections;
  options.maxConnectionsPerClient = http.maxConnectionsPerClient;
  options.ipv6PrefixBits = http.ipv6PrefixBits;
  std::string error;
  options.proxies = TrustedProxies::parse(http.trustedProxies, error).value_or(TrustedProxies{});
  return options;
}

std::string listenUrl(const HttpConfig& http) {
  const bool ipv6 = http.address.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + http.address + "]" : http.address) + ":" + std::to_string(http.port);
}

class JadwalServer : public Poco::Util::ServerApplication {
 public:
  explicit JadwalServer(ServerConfig config) : config_(std::move(config)) {}

 protected:
  int main(const std::vector<std::string>&) override {
    try {
      configureLogging(config_.log);
    } catch (const Poco::Exception& e) {
      std::cerr << "jadwald: log.file " << config_.log.file << ": " << e.displayText() << "\n";
      return EXIT_CANTCREAT;
    }
    // Before any thread of ours starts: glibc picks a thread's arena at its first allocation.
    if (!limitMallocArenas(config_.mallocArenas)) serverLog().warning("malloc_arenas: the C library refused the bound");
    // Every connection is a descriptor: short of them, refuse now rather than
    // fail accepts and database opens under load.
    if (const auto shortfall = openFileShortfall(config_.http.maxConnections, config_.dbPoolSize, raiseOpenFileLimit());
        !shortfall.empty()) {
      serverLog().critical(shortfall);
      return EXIT_CONFIG;
    }
    std::unique_ptr<sql::Store> store;
    try {
      store = sql::openStore(config_.dbUrl, sql::StoreLimits{config_.dbPoolSize, config_.dbCacheKib});
      store->migrate();
      // Objects stored before the instance table, or whose horizon moved.
      if (const std::size_t kept = caldav::keepInstances(*store, timeContextOf(config_)))
        serverLog().information("instance table: " + std::to_string(kept) + " objects materialised");
    } catch (const std::exception& e) {
      serverLog().critical("database " + config_.dbUrl + ": " + e.what());
      return EXIT_UNAVAILABLE;
    }
    caldav::CalendarService calendars(*store, timeContextOf(config_), config_.quota);
    caldav::DavConfig davConfig;
    davConfig.publicUrl = config_.publicUrl;
    davConfig.time = timeContextOf(config_);
    davConfig.answers = answerLimitsOf(config_.caldav);
    davConfig.maxResourceSize = config_.caldav.maxResourceBytes;
    davConfig.maxPropertyBytes = config_.caldav.maxPropertyBytes;
    davConfig.xml =
        caldav::XmlLimits{config_.caldav.maxXmlBytes, config_.caldav.maxXmlDepth, config_.caldav.maxXmlElements};
    caldav::DavHandler dav(*store, calendars, davConfig);

    CredentialCache cache(std::chrono::seconds(config_.authCacheSeconds), kCredentialCacheCapacity);
    Authenticator authenticator(*store, cache, config_.auth);
    LastLogins lastLogins(store->userAdmin(), base::systemClock(), config_.auth.lastLoginInterval, kLastLoginsCapacity);
    authenticator.recordLoginsIn(&lastLogins);
    WebPasswordHasher passwordHasher;
    Metrics metrics;
    std::unique_ptr<AccessLog> accessLog;
    try {
      accessLog = std::make_unique<AccessLog>(config_.accessLog);
    } catch (const std::exception& e) {
      serverLog().critical(e.what());
      return EXIT_CANTCREAT;
    }
    // The request workflow: it writes events through the same calendar
    // service as CalDAV and follows what clients change in them.
    workflow::Mailer mailer(config_.smtp);
    workflow::SystemClock clock;
    // Written by the collector's thread only: a LogStream is one thread's.
    Poco::LogStream sweepLog(Poco::Logger::get("jadwal.workflow"), Poco::Message::PRIO_INFORMATION);
    BlobCollector unusedFiles(store->requests(), clock, std::chrono::seconds(config_.workflow.unusedFileGraceSeconds),
                              std::chrono::seconds(config_.workflow.unusedFileSweepSeconds), sweepLog);
    unusedFiles.start();
    try {
      ensureHoldCalendar(*store, config_.workflow.holdCalendar);
    } catch (const std::exception& e) {
      serverLog().critical("hold calendar " + config_.workflow.holdCalendar + ": " + e.what());
      return EXIT_UNAVAILABLE;
    }
    // PDF letters stored before the archive read them (an upgraded
    // database) join its index in the background, one file at a time within
    // [archive]'s bounds; stopping the server stops it between two files.
    std::jthread letterReader([&store, this](std::stop_token stop) {
      try {
        const auto read =
            workflow::readStoredLetters(store->requests(), config_.letters, [&stop] { return stop.stop_requested(); });
        if (read.letters > 0) {
          serverLog().notice("archive: read " + std::to_string(read.letters) + " stored letters, " +
                             std::to_string(read.withWords) + " with words");
        }
      } catch (const std::exception& e) {
        serverLog().error(std::string("archive: reading the stored letters stopped: ") + e.what());
      }
    });
    workflow::RequestService requests(*store, calendars, mailer, clock, workflowConfigOf(config_));
    calendars.addObserver(requests.calendarObserver());
    // Events a killed server left out of step with their requests are put
    // right before anyone is answered.
    {
      Poco::LogStream repairLog(Poco::Logger::get("jadwal.workflow"), Poco::Message::PRIO_NOTICE);
      requests.repairCalendars(repairLog);
    }
    // Storing files through rejected forms costs an address its access to
    // the form for the rest of the hour.
    RateLimiter failedAttempts(static_cast<std::size_t>(config_.workflow.failedFormsPerHour), std::chrono::hours(1));
    RateLimiter submissionLimiter(static_cast<std::size_t>(config_.workflow.submissionsPerHour), std::chrono::hours(1));
    RateLimiter codeMisses(static_cast<std::size_t>(config_.workflow.codeMissesPerHour), std::chrono::hours(1));
    web::WebContext web{*store,
                        requests,
                        authenticator,
                        config_.publicUrl,
                        Poco::icompare(config_.publicUrl.substr(0, 8), "https://") == 0,
                        config_.workflow.maxFileBytes,
                        &submissionLimiter,
                        &failedAttempts,
                        &codeMisses,
                        timeContextOf(config_),
                        config_.caldav.maxAnswerSteps};
    web.agenda = agendaConfigOf(config_);
    web.maxAnswerBytes = config_.caldav.maxAnswerBytes;
    web.passwordHasher = &passwordHasher;
    web.nearDateDays = config_.workflow.nearDateDays;

    // The morning mail (workflow/morning_mail.h): only when mail is on.
    workflow::MorningMail morningMail(
        *store,
        workflow::MorningMailSettings{agendaConfigOf(config_), config_.officeName, config_.timezone,
                                      timeContextOf(config_), config_.caldav.maxAnswerSteps},
        [this, &clock](const workflow::MailMessage& message) {
          return workflow::sendMailNow(config_.smtp, message, clock.now());
        });
    Poco::LogStream morningMailLog(Poco::Logger::get("jadwal.mail"), Poco::Message::PRIO_NOTICE);
    MorningMailScheduler morningMailScheduler(
        morningMail, clock, std::chrono::seconds(config_.agenda.morningMailCheckSeconds), morningMailLog);
    if (!config_.smtp.host.empty()) morningMailScheduler.start();

    ServerContext context{*store, dav, authenticator, metrics, *accessLog, config_.publicUrl, &web};
    RequestHandler handler(context);
    HttpServer server(httpOptionsOf(config_.http), handler);
    metrics.watchConnections([&server] { return server.connectionCounts(); });
    try {
      server.listen();
    } catch (const std::exception& e) {
      serverLog().critical("cannot listen on " + listenUrl(config_.http) + ": " + e.what());
      return EXIT_OSERR;
    }
    server.start();
    serverLog().notice("jadwald " + std::string(jadwalVersion()) + " listening on " + listenUrl(config_.http));

    waitForTerminationRequest();
    serverLog().notice("jadwald stopping");
    // New connections are refused; requests in progress finish.
    if (!server.stop(std::chrono::seconds(config_.http.timeoutSeconds))) {
      // Waiting longer would let one stuck request hold the shutdown hostage.
      serverLog().warning(std::to_string(metrics.activeRequests()) + " requests still running, exiting anyway");
      std::cout.flush();
      std::_Exit(EXIT_OK);
    }
    serverLog().notice("jadwald stopped");
    return EXIT_OK;
  }

 private:
  ServerConfig config_;
};

}  // namespace

int runServer(const ServerConfig& config, const std::string& programName,
              const std::vector<std::string>& serverOptions) {
  std::vector<std::string> args{programName};
  args.insert(args.end(), serverOptions.begin(), serverOptions.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  JadwalServer server(config);
  try {
    return server.run(static_cast<int>(args.size()), argv.data());
  } catch (const Poco::Exception& e) {
    serverLog().fatal(e.displayText());
    return Poco::Util::Application::EXIT_SOFTWARE;
  }
}

int runOperatorCommand(const ServerConfig& config, const std::vector<std::string>& words) {
  auto parsed = parseCommand(words);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "jadwald: " << error->message << "\n" << usageText();
    return kExitUsage;
  }
  // An operator command speaks to the terminal: its log lines too, whatever [log] file says.
  LogSettings terminal = config.log;
  terminal.file.clear();
  configureLogging(terminal);
  try {
    auto store = sql::openStore(config.dbUrl);
    store->migrate();
    caldav::CalendarService calendars(*store, timeContextOf(config));
    return runCommand(std::get<Command>(parsed), *store, calendars, std::cin, std::cout, std::cerr, config.dbUrl);
  } catch (const std::exception& e) {
    std::cerr << "jadwald: database " << config.dbUrl << ": " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace jadwal::server
