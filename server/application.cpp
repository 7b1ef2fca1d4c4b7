#include "server/application.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/ServerApplication.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "caldav/calendar_service.h"
#include "caldav/dav.h"
#include "server/access_log.h"
#include "server/authenticator.h"
#include "server/blob_collector.h"
#include "server/cli.h"
#include "server/credential_cache.h"
#include "server/http_handler.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/web.h"
#include "workflow/clock.h"
#include "workflow/notifier.h"
#include "workflow/request_service.h"

namespace jadwal::server {
namespace {

// Enough for every account of an office; bounded so a flood of distinct
// names cannot grow memory.
constexpr std::size_t kCredentialCacheCapacity = 4096;

// Rejected forms per client address and hour: enough for people who
// mistype, too few to fill the disk with the files they carry.
constexpr std::size_t kFailedAttemptsPerHour = 30;
// Wrong passwords per client address and user name and hour, counted by the
// Authenticator for CalDAV, letters and the web login alike.
constexpr std::size_t kFailedLoginsPerHour = 20;

caldav::TimeContext timeContextOf(const ServerConfig& config) {
  caldav::TimeContext time;
  time.defaultTzid = config.timezone;
  return time;
}

workflow::WorkflowConfig workflowConfigOf(const ServerConfig& config) {
  workflow::WorkflowConfig workflow;
  workflow.publicUrl = config.publicUrl;
  workflow.timezone = config.timezone;
  workflow.holdCalendar = config.workflow.holdCalendar;
  workflow.officeName = config.officeName;
  workflow.maxFileBytes = config.workflow.maxFileBytes;
  workflow.maxRevisions = static_cast<std::size_t>(config.workflow.maxRevisions);
  workflow.revisionsPerHour = static_cast<std::size_t>(config.workflow.revisionsPerHour);
  workflow.maxUnusedFileBytes = config.workflow.unusedFileMaxBytes;
  return workflow;
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
    std::cerr << "jadwald: workflow.hold_calendar: no user " << ownerName
              << "; pending requests hold no slot until it exists" << std::endl;
    return;
  }
  if (store.findCalendar(ownerName, slug)) return;
  sql::Calendar calendar;
  calendar.ownerId = owner->id;
  calendar.slug = slug;
  calendar.displayName = "Permohonan (menunggu keputusan)";
  calendar.description = "Slot sementara permohonan kegiatan yang belum diputuskan";
  calendar.components = "VEVENT";
  try {
    store.createCalendar(calendar);
    std::cerr << "jadwald: created the hold calendar " << ownerAndSlug << std::endl;
  } catch (const sql::StoreError&) {
    // Another server of the installation made it at the same moment.
    if (!store.findCalendar(ownerName, slug)) throw;
  }
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
    Poco::Logger::root().setLevel(config_.logLevel);
    std::unique_ptr<sql::Store> store;
    try {
      store = sql::openStore(config_.dbUrl);
      store->migrate();
    } catch (const std::exception& e) {
      std::cerr << "jadwald: database " << config_.dbUrl << ": " << e.what() << "\n";
      return EXIT_UNAVAILABLE;
    }
    caldav::CalendarService calendars(*store, timeContextOf(config_), config_.quota);
    caldav::DavConfig davConfig;
    davConfig.publicUrl = config_.publicUrl;
    davConfig.time = timeContextOf(config_);
    caldav::DavHandler dav(*store, calendars, davConfig);

    CredentialCache cache(std::chrono::seconds(config_.authCacheSeconds), kCredentialCacheCapacity);
    RateLimiter loginFailures(kFailedLoginsPerHour, std::chrono::hours(1));
    Authenticator authenticator(*store, cache, &loginFailures);
    Metrics metrics;
    std::unique_ptr<AccessLog> accessLog;
    try {
      accessLog = std::make_unique<AccessLog>(config_.accessLog);
    } catch (const std::exception& e) {
      std::cerr << "jadwald: " << e.what() << "\n";
      return EXIT_CANTCREAT;
    }
    // The request workflow: it writes events through the same calendar
    // service as CalDAV and follows what clients change in them.
    workflow::Mailer mailer(config_.smtp);
    workflow::SystemClock clock;
    BlobCollector unusedFiles(store->requests(), clock, std::chrono::seconds(config_.workflow.unusedFileGraceSeconds),
                              std::chrono::seconds(config_.workflow.unusedFileSweepSeconds), std::cerr);
    unusedFiles.start();
    try {
      ensureHoldCalendar(*store, config_.workflow.holdCalendar);
    } catch (const std::exception& e) {
      std::cerr << "jadwald: hold calendar " << config_.workflow.holdCalendar << ": " << e.what() << "\n";
      return EXIT_UNAVAILABLE;
    }
    workflow::RequestService requests(*store, calendars, mailer, clock, workflowConfigOf(config_));
    calendars.addObserver(requests.calendarObserver());
    // Storing files through rejected forms costs an address its access to
    // the form for the rest of the hour.
    RateLimiter failedAttempts(kFailedAttemptsPerHour, std::chrono::hours(1));
    RateLimiter submissionLimiter(static_cast<std::size_t>(config_.workflow.submissionsPerHour), std::chrono::hours(1));
    WebContext web{*store,
                   requests,
                   authenticator,
                   config_.publicUrl,
                   Poco::icompare(config_.publicUrl.substr(0, 8), "https://") == 0,
                   config_.workflow.maxFileBytes,
                   &submissionLimiter,
                   &failedAttempts};

    ServerContext context{*store, dav, authenticator, metrics, *accessLog, config_.publicUrl, config_.http.maxBodyBytes,
                          &web};

    const HttpConfig& http = config_.http;
    Poco::Net::HTTPServerParams::Ptr params(new Poco::Net::HTTPServerParams);
    params->setMaxThreads(http.threads);
    params->setMaxQueued(http.maxQueued);
    params->setTimeout(Poco::Timespan(http.timeoutSeconds, 0));  // a slow client cannot hold a worker forever
    params->setKeepAlive(http.keepAliveSeconds > 0);
    params->setKeepAliveTimeout(Poco::Timespan(http.keepAliveSeconds, 0));
    params->setSoftwareVersion("Jadwal");

    Poco::ThreadPool pool(std::min(2, http.threads), http.threads);
    std::unique_ptr<Poco::Net::HTTPServer> server;
    try {
      // Poco's default also sets SO_REUSEPORT: a second jadwald on the same
      // port would then start silently and take part of the connections.
      Poco::Net::ServerSocket socket;
      socket.bind(Poco::Net::SocketAddress(http.address, http.port), true, false);
      socket.listen(http.maxQueued);
      server = std::make_unique<Poco::Net::HTTPServer>(new HttpRequestHandlerFactory(context), pool, socket, params);
    } catch (const Poco::Exception& e) {
      std::cerr << "jadwald: cannot listen on " << listenUrl(http) << ": " << e.displayText() << "\n";
      return EXIT_OSERR;
    }
    server->start();
    std::cerr << "jadwald listening on " << listenUrl(http) << std::endl;

    waitForTerminationRequest();
    std::cerr << "jadwald stopping" << std::endl;
    server->stop();  // no new connections
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(http.timeoutSeconds);
    while (metrics.activeRequests() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (metrics.activeRequests() > 0) {
      // Waiting longer would let one stuck request hold the shutdown hostage.
      std::cerr << "jadwald: " << metrics.activeRequests() << " requests still running, exiting anyway" << std::endl;
      std::cout.flush();
      std::_Exit(EXIT_OK);
    }
    server->stopAll(true);  // closes the idle keep-alive connections
    server.reset();
    pool.joinAll();
    std::cerr << "jadwald stopped" << std::endl;
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
    std::cerr << "jadwald: " << e.displayText() << "\n";
    return Poco::Util::Application::EXIT_SOFTWARE;
  }
}

int runOperatorCommand(const ServerConfig& config, const std::vector<std::string>& words) {
  auto parsed = parseCommand(words);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "jadwald: " << error->message << "\n" << usageText();
    return kExitUsage;
  }
  try {
    auto store = sql::openStore(config.dbUrl);
    store->migrate();
    caldav::CalendarService calendars(*store, timeContextOf(config));
    return runCommand(std::get<Command>(parsed), *store, calendars, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "jadwald: database " << config.dbUrl << ": " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace jadwal::server
