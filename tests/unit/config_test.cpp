#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "server/config.h"

using namespace jadwal::server;

namespace {

const std::string kMinimal =
    "public_url = https://agenda.example.go.id\n"
    "[http]\n"
    "port = 8080\n"
    "[db]\n"
    "url = sqlite:/var/lib/jadwal/jadwal.db\n";

ServerConfig expectConfig(const std::string& text) {
  auto result = parseConfig(text);
  if (auto* error = std::get_if<ConfigError>(&result)) BOOST_FAIL("unexpected error: " << error->message);
  return std::get<ServerConfig>(result);
}

std::string expectError(const std::string& text) {
  auto result = parseConfig(text);
  BOOST_REQUIRE_MESSAGE(std::holds_alternative<ConfigError>(result), "accepted:\n" << text);
  return std::get<ConfigError>(result).message;
}

// The minimal file with one line added at the top level or in a section.
std::string withLine(const std::string& section, const std::string& line) {
  return kMinimal + "[" + section + "]\n" + line + "\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(minimal_file_gets_the_defaults) {
  const ServerConfig config = expectConfig(kMinimal);
  BOOST_TEST(config.publicUrl == "https://agenda.example.go.id");
  BOOST_TEST(config.timezone == "Asia/Jakarta");
  BOOST_TEST(config.http.address == "127.0.0.1");
  BOOST_TEST(config.http.port == 8080);
  BOOST_TEST(config.http.threads == 16);
  BOOST_TEST(config.http.maxQueued == 64);
  BOOST_TEST(config.http.timeoutSeconds == 30);
  BOOST_TEST(config.http.keepAliveSeconds == 15);
  BOOST_TEST(config.http.maxBodyBytes == 33554432u);
  BOOST_TEST(config.dbUrl == "sqlite:/var/lib/jadwal/jadwal.db");
  BOOST_TEST(config.authCacheSeconds == 60);
  BOOST_TEST(config.accessLog.empty());
  BOOST_TEST(config.log.level == "information");
  BOOST_TEST(config.officeName == "Bagian Protokol dan Komunikasi Pimpinan");
  BOOST_TEST(config.smtp.host.empty());  // no mail unless configured
  BOOST_TEST(config.smtp.port == 25);
  BOOST_TEST(config.workflow.holdCalendar.empty());
  BOOST_TEST(config.workflow.maxFileBytes == 10485760u);
  BOOST_TEST(config.workflow.maxUploadTotalBytes == 31457280u);
  BOOST_TEST(config.workflow.formTokenKeepSeconds == 86400);
  BOOST_TEST(config.http.maxBodyBytes >= config.workflow.maxUploadTotalBytes + kFormTextBytes);
  BOOST_TEST(config.workflow.submissionsPerHour == 10);
}

// The form promises a size per file and in all; the HTTP layer must take a
// body that holds them, or the promise is broken before the form sees it.
BOOST_AUTO_TEST_CASE(upload_limits_must_fit_the_body_limit) {
  const ServerConfig config = expectConfig(kMinimal +
                                           "[workflow]\nmax_upload_total_bytes = 20971520\n"
                                           "form_token_keep_seconds = 172800\n");
  BOOST_TEST(config.workflow.maxUploadTotalBytes == 20971520u);
  BOOST_TEST(config.workflow.formTokenKeepSeconds == 172800);
  BOOST_TEST(expectError(kMinimal + "[workflow]\nmax_upload_total_bytes = 104857600\n")
                 .find("config: http.max_body_bytes: must be at least") == 0u);
  BOOST_TEST(expectError(withLine("http", "max_body_bytes = 10485760")).find("config: http.max_body_bytes:") == 0u);
  BOOST_TEST(expectError(kMinimal + "[workflow]\nmax_file_bytes = 2097152\nmax_upload_total_bytes = 1048576\n")
                 .find("config: workflow.max_file_bytes: must not be more than") == 0u);
  BOOST_TEST(expectError(kMinimal + "[workflow]\nform_token_keep_seconds = 60\n")
                 .find("config: workflow.form_token_keep_seconds:") == 0u);
}

BOOST_AUTO_TEST_CASE(full_file_sets_every_key) {
  const ServerConfig config = expectConfig(
      "; a comment\n"
      "public_url = https://agenda.example.go.id/jadwal/\n"
      "timezone = Asia/Makassar\n"
      "[http]\n"
      "address = 0.0.0.0\n"
      "port = 443\n"
      "threads = 4\n"
      "max_queued = 10\n"
      "timeout_seconds = 5\n"
      "keep_alive_seconds = 0\n"
      "max_body_bytes = 40000000\n"
      "[db]\n"
      "url = mysql://jadwal:secret@db.internal/jadwal\n"
      "[auth]\n"
      "cache_seconds = 0\n"
      "[log]\n"
      "access = -\n"
      "level = Debug\n");
  BOOST_TEST(config.publicUrl == "https://agenda.example.go.id/jadwal");  // trailing slash dropped
  BOOST_TEST(config.timezone == "Asia/Makassar");
  BOOST_TEST(config.http.address == "0.0.0.0");
  BOOST_TEST(config.http.port == 443);
  BOOST_TEST(config.http.threads == 4);
  BOOST_TEST(config.http.maxQueued == 10);
  BOOST_TEST(config.http.timeoutSeconds == 5);
  BOOST_TEST(config.http.keepAliveSeconds == 0);
  BOOST_TEST(config.http.maxBodyBytes == 40000000u);
  BOOST_TEST(config.dbUrl == "mysql://jadwal:secret@db.internal/jadwal");
  BOOST_TEST(config.authCacheSeconds == 0);
  BOOST_TEST(config.accessLog == "-");
  BOOST_TEST(config.log.level == "debug");
}

BOOST_AUTO_TEST_CASE(each_required_key_is_reported_when_missing) {
  BOOST_TEST(expectError("[http]\nport = 8080\n[db]\nurl = sqlite:x.db\n").find("config: public_url: missing") == 0u);
  BOOST_TEST(
      expectError("public_url = http://a.example\n[db]\nurl = sqlite:x.db\n").find("config: http.port: missing") == 0u);
  BOOST_TEST(expectError("public_url = http://a.example\n[http]\nport = 8080\n").find("config: db.url: missing") == 0u);
  BOOST_TEST(expectError("").find("missing") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_refused_by_name) {
  BOOST_TEST(expectError(withLine("http", "prot = 8080")) == "config: http.prot: unknown key");
  BOOST_TEST(expectError("colour = red\n" + kMinimal) == "config: colour: unknown key");
  BOOST_TEST(expectError(withLine("smtp", "hots = mail")) == "config: smtp.hots: unknown key");
  BOOST_TEST(expectError(withLine("workflow", "hold = a/b")) == "config: workflow.hold: unknown key");
  // A line without '=' is a key too, and a typo all the same.
  BOOST_TEST(expectError(withLine("db", "sqlite")) == "config: db.sqlite: unknown key");
}

BOOST_AUTO_TEST_CASE(bad_ports_are_refused) {
  const std::string base = "public_url = http://a.example\n[db]\nurl = sqlite:x.db\n[http]\n";
  BOOST_TEST(expectError(base + "port = 80a\n") == "config: http.port: \"80a\" is not a port number");
  BOOST_TEST(expectError(base + "port = 0\n") == "config: http.port: \"0\" is not a port number");
  BOOST_TEST(expectError(base + "port = 65536\n") == "config: http.port: \"65536\" is not a port number");
  BOOST_TEST(expectError(base + "port = -1\n") == "config: http.port: \"-1\" is not a port number");
  BOOST_TEST(expectError(base + "port =\n") == "config: http.port: \"\" is not a port number");
  BOOST_TEST(expectConfig(base + "port = 65535\n").http.port == 65535);
}

BOOST_AUTO_TEST_CASE(bad_public_urls_are_refused) {
  const std::string rest = "[http]\nport = 8080\n[db]\nurl = sqlite:x.db\n";
  for (const std::string url : {"ftp://a.example", "agenda.example.go.id", "/dav", "https://", "http://a.example/?x=1",
                                "http://user:pw@a.example"}) {
    const std::string message = expectError("public_url = " + url + "\n" + rest);
    BOOST_TEST(message == "config: public_url: \"" + url + "\" is not an absolute http(s) URL");
  }
}

BOOST_AUTO_TEST_CASE(bad_timezones_are_refused) {
  for (const std::string zone : {"Mars/Olympus", "../../etc/passwd", "zone.tab", "Asia", "/etc/localtime", ""}) {
    const std::string message = expectError("timezone = " + zone + "\n" + kMinimal);
    BOOST_TEST(message.find("config: timezone: \"" + zone + "\" is not a time zone") == 0u, message);
  }
  BOOST_TEST(expectConfig("timezone = Europe/Berlin\n" + kMinimal).timezone == "Europe/Berlin");
  BOOST_TEST(expectConfig("timezone = UTC\n" + kMinimal).timezone == "UTC");
}

BOOST_AUTO_TEST_CASE(bad_database_urls_are_refused) {
  const std::string base = "public_url = http://a.example\n[http]\nport = 8080\n[db]\n";
  for (const std::string url : {"postgres://db/x", "sqlite:", "jadwal.db", "mysql://"}) {
    BOOST_TEST(expectError(base + "url = " + url + "\n").find("config: db.url: not a database URL") == 0u);
  }
  // A password in a rejected URL is not repeated on the terminal or in a journal.
  BOOST_TEST(expectError(base + "url = mysq://jadwal:hunter22@db/x\n").find("hunter22") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_numbers_and_levels_are_refused) {
  BOOST_TEST(expectError(withLine("http", "threads = 0")).find("config: http.threads: \"0\"") == 0u);
  BOOST_TEST(expectError(withLine("http", "threads = many")).find("config: http.threads: \"many\"") == 0u);
  BOOST_TEST(expectError(withLine("http", "timeout_seconds = 1.5")).find("config: http.timeout_seconds:") == 0u);
  BOOST_TEST(expectError(withLine("http", "max_body_bytes = 0")).find("config: http.max_body_bytes:") == 0u);
  BOOST_TEST(expectError(withLine("auth", "cache_seconds = -5")).find("config: auth.cache_seconds:") == 0u);
  BOOST_TEST(expectError(withLine("http", "address = localhost:80")).find("config: http.address:") == 0u);
  BOOST_TEST(expectError(withLine("log", "level = loud")).find("config: log.level: \"loud\"") == 0u);
  BOOST_TEST(expectConfig(withLine("http", "address = ::1")).http.address == "::1");
}

BOOST_AUTO_TEST_CASE(load_config_reads_a_file_and_reports_a_missing_one) {
  const auto path =
      std::filesystem::temp_directory_path() / ("jadwal-config-test-" + std::to_string(::getpid()) + ".ini");
  {
    std::ofstream out(path);
    out << kMinimal;
  }
  auto loaded = loadConfig(path.string());
  std::filesystem::remove(path);
  BOOST_REQUIRE(std::holds_alternative<ServerConfig>(loaded));
  BOOST_TEST(std::get<ServerConfig>(loaded).http.port == 8080);

  auto missing = loadConfig(path.string());
  BOOST_REQUIRE(std::holds_alternative<ConfigError>(missing));
  BOOST_TEST(std::get<ConfigError>(missing).message == "config: " + path.string() + ": cannot be read");
}

BOOST_AUTO_TEST_CASE(mail_and_workflow_keys_are_read) {
  const ServerConfig config = expectConfig(kMinimal +
                                           "[smtp]\n"
                                           "host = mail.example.go.id\n"
                                           "port = 587\n"
                                           "from = agenda@example.go.id\n"
                                           "user = agenda\n"
                                           "password = rahasia\n"
                                           "[workflow]\n"
                                           "hold_calendar = protokol/permohonan\n"
                                           "max_file_bytes = 2097152\n"
                                           "submissions_per_hour = 0\n");
  BOOST_TEST(config.smtp.host == "mail.example.go.id");
  BOOST_TEST(config.smtp.port == 587);
  BOOST_TEST(config.smtp.from == "agenda@example.go.id");
  BOOST_TEST(config.smtp.user == "agenda");
  BOOST_TEST(config.smtp.password == "rahasia");
  BOOST_TEST(config.workflow.holdCalendar == "protokol/permohonan");
  BOOST_TEST(config.workflow.maxFileBytes == 2097152u);
  BOOST_TEST(config.workflow.submissionsPerHour == 0);  // 0 turns the limit off
}

BOOST_AUTO_TEST_CASE(office_name_at_the_top_level_is_read) {
  // Top-level keys must come before the first section in an INI file.
  const ServerConfig config = expectConfig("office_name = Protokol Kota\n" + kMinimal);
  BOOST_TEST(config.officeName == "Protokol Kota");
  BOOST_TEST(expectError("office_name =\n" + kMinimal).find("config: office_name: must be a name") == 0u);
}

BOOST_AUTO_TEST_CASE(bad_mail_and_workflow_values_are_refused) {
  BOOST_TEST(expectError(withLine("smtp", "port = 0")) == "config: smtp.port: \"0\" is not a port number");
  BOOST_TEST(expectError(withLine("smtp", "port = smtp")) == "config: smtp.port: \"smtp\" is not a port number");
  BOOST_TEST(expectError(withLine("smtp", "host = mail server")).find("config: smtp.host: ") == 0u);
  BOOST_TEST(expectError(withLine("smtp", "from = agenda")) == "config: smtp.from: \"agenda\" is not a mail address");
  BOOST_TEST(expectError(withLine("smtp", "from = a@b@c")).find("config: smtp.from:") == 0u);
  for (const std::string path : {"protokol", "/permohonan", "protokol/", "a/b/c", "../x", "a b/c"}) {
    const std::string message = expectError(withLine("workflow", "hold_calendar = " + path));
    BOOST_TEST(message.find("config: workflow.hold_calendar: ") == 0u, message);
  }
  BOOST_TEST(expectError(withLine("workflow", "max_file_bytes = 10")).find("config: workflow.max_file_bytes:") == 0u);
  BOOST_TEST(expectError(withLine("workflow", "max_file_bytes = 10MB")).find("config: workflow.max_file_bytes:") == 0u);
  BOOST_TEST(
      expectError(withLine("workflow", "submissions_per_hour = -1")).find("config: workflow.submissions_per_hour:") ==
      0u);
  // A password without a user would never be sent: say so at start.
  BOOST_TEST(expectError(withLine("smtp", "password = x")) == "config: smtp.user: missing (smtp.password is set)");
  // An empty host keeps mail off explicitly.
  BOOST_TEST(expectConfig(withLine("smtp", "host =")).smtp.host.empty());
}

BOOST_AUTO_TEST_CASE(connection_bounds_are_read_and_checked) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.http.headerTimeoutSeconds == 10);
  BOOST_TEST(defaults.http.bodyTimeoutSeconds == 30);
  BOOST_TEST(defaults.http.minBytesPerSecond == 8192u);
  BOOST_TEST(defaults.http.maxHeaderBytes == 16384u);
  BOOST_TEST(defaults.http.maxPendingBodyBytes == 268435456u);
  BOOST_TEST(defaults.http.maxConnections == 10000u);
  BOOST_TEST(defaults.http.maxConnectionsPerClient == 64u);
  BOOST_TEST(defaults.http.trustedProxies.empty());
  BOOST_TEST(defaults.http.ioThreads == 2);
  BOOST_TEST(defaults.http.maxRequestsPerClient == 6);
  BOOST_TEST(expectConfig(withLine("http", "io_threads = 1")).http.ioThreads == 1);
  BOOST_TEST(expectConfig(withLine("http", "max_requests_per_client = 3")).http.maxRequestsPerClient == 3);
  BOOST_TEST(expectError(withLine("http", "io_threads = 0")).find("config: http.io_threads:") == 0u);
  BOOST_TEST(
      expectError(withLine("http", "max_requests_per_client = 0")).find("config: http.max_requests_per_client:") == 0u);

  const ServerConfig config = expectConfig(kMinimal +
                                           "[http]\n"
                                           "header_timeout_seconds = 5\n"
                                           "body_timeout_seconds = 60\n"
                                           "min_bytes_per_second = 1024\n"
                                           "max_header_bytes = 8192\n"
                                           "max_pending_body_bytes = 1048576\n"
                                           "max_connections = 500\n"
                                           "max_connections_per_client = 16\n"
                                           "trusted_proxies = 127.0.0.1, ::1, 10.0.0.0/8\n");
  BOOST_TEST(config.http.headerTimeoutSeconds == 5);
  BOOST_TEST(config.http.bodyTimeoutSeconds == 60);
  BOOST_TEST(config.http.minBytesPerSecond == 1024u);
  BOOST_TEST(config.http.maxHeaderBytes == 8192u);
  BOOST_TEST(config.http.maxPendingBodyBytes == 1048576u);
  BOOST_TEST(config.http.maxConnections == 500u);
  BOOST_TEST(config.http.maxConnectionsPerClient == 16u);
  BOOST_TEST(config.http.trustedProxies == "127.0.0.1, ::1, 10.0.0.0/8");

  BOOST_TEST(expectError(withLine("http", "header_timeout_seconds = 0")).find("config: http.header_timeout_seconds:") ==
             0u);
  BOOST_TEST(expectError(withLine("http", "max_connections_per_client = 0"))
                 .find("config: http.max_connections_per_client:") == 0u);
  BOOST_TEST(expectError(withLine("http", "max_header_bytes = 100")).find("config: http.max_header_bytes:") == 0u);
  BOOST_TEST(expectError(withLine("http", "trusted_proxies = localhost")) ==
             "config: http.trusted_proxies: \"localhost\" is not an IP address or network");
  BOOST_TEST(expectError(withLine("http", "trusted_proxies = 10.0.0.0/40")).find("prefix length") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_ipv6_client_prefix_is_read_and_checked) {
  BOOST_TEST(expectConfig(kMinimal).http.ipv6PrefixBits == 64);
  BOOST_TEST(expectConfig(withLine("http", "ipv6_prefix_bits = 56")).http.ipv6PrefixBits == 56);
  BOOST_TEST(expectConfig(withLine("http", "ipv6_prefix_bits = 128")).http.ipv6PrefixBits == 128);
  for (const std::string value : {"31", "129", "enam puluh empat"}) {
    BOOST_TEST(expectError(withLine("http", "ipv6_prefix_bits = " + value)).find("config: http.ipv6_prefix_bits:") ==
               0u);
  }
}

BOOST_AUTO_TEST_CASE(the_shipped_sample_is_valid_and_trusts_the_shipped_proxy) {
  auto loaded = loadConfig(std::string(JADWAL_SOURCE_DIR) + "/conf/jadwal.ini");
  if (auto* error = std::get_if<ConfigError>(&loaded)) BOOST_FAIL(error->message);
  const auto& config = std::get<ServerConfig>(loaded);
  BOOST_TEST(config.http.trustedProxies == "127.0.0.1, ::1");
  BOOST_TEST(config.caldav.maxAnswerSteps == 200000u);
}

BOOST_AUTO_TEST_CASE(receipt_limits_are_read_and_checked) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.smtp.receiptsPerRecipientPerHour == 5u);
  BOOST_TEST(defaults.smtp.receiptsPerHour == 100u);
  const ServerConfig config = expectConfig(kMinimal +
                                           "[smtp]\n"
                                           "receipts_per_recipient_per_hour = 2\n"
                                           "receipts_per_hour = 0\n");
  BOOST_TEST(config.smtp.receiptsPerRecipientPerHour == 2u);
  BOOST_TEST(config.smtp.receiptsPerHour == 0u);  // 0 turns the limit off
  for (const std::string key : {"receipts_per_recipient_per_hour", "receipts_per_hour"}) {
    for (const std::string value : {"-1", "lima", "100001"}) {
      const std::string message = expectError(withLine("smtp", key + " = " + value));
      BOOST_TEST(message.find("config: smtp." + key + ": ") == 0u, message);
    }
  }
}

BOOST_AUTO_TEST_CASE(failed_form_limit_is_read_and_checked) {
  BOOST_TEST(expectConfig(kMinimal).workflow.failedFormsPerHour == 30);
  BOOST_TEST(expectConfig(withLine("workflow", "failed_forms_per_hour = 5")).workflow.failedFormsPerHour == 5);
  BOOST_TEST(
      expectError(withLine("workflow", "failed_forms_per_hour = -1")).find("config: workflow.failed_forms_per_hour:") ==
      0u);
}

BOOST_AUTO_TEST_CASE(code_miss_limit_is_read_and_checked) {
  BOOST_TEST(expectConfig(kMinimal).workflow.codeMissesPerHour == 30);
  BOOST_TEST(expectConfig(withLine("workflow", "code_misses_per_hour = 5")).workflow.codeMissesPerHour == 5);
  BOOST_TEST(expectConfig(withLine("workflow", "code_misses_per_hour = 0")).workflow.codeMissesPerHour == 0);
  for (const std::string value : {"-1", "tiga puluh", "100001"}) {
    const std::string message = expectError(withLine("workflow", "code_misses_per_hour = " + value));
    BOOST_TEST(message.find("config: workflow.code_misses_per_hour: ") == 0u, message);
  }
}

BOOST_AUTO_TEST_CASE(login_limits_are_read_and_checked) {
  const LoginLimits defaults = expectConfig(kMinimal).auth;
  BOOST_TEST(defaults.failuresPerAddressAndName == 20u);
  BOOST_TEST(defaults.failuresPerAddress == 100u);
  BOOST_TEST(defaults.failuresPerDevice == 10u);
  BOOST_TEST(defaults.maxVerifications == 2u);
  BOOST_TEST(defaults.maxWaitingVerifications == 4u);
  BOOST_TEST(defaults.verificationWait.count() == 1000);
  BOOST_TEST(defaults.verificationDeadline.count() == 5000);
  BOOST_TEST(defaults.knownDeviceLifetime.count() == 90 * 86400);

  const LoginLimits set = expectConfig(kMinimal +
                                       "[auth]\n"
                                       "failures_per_address_and_user = 5\n"
                                       "failures_per_address = 0\n"
                                       "failures_per_device = 3\n"
                                       "max_verifications = 8\n"
                                       "max_waiting_verifications = 0\n"
                                       "verification_wait_ms = 250\n"
                                       "verification_deadline_ms = 2000\n"
                                       "known_device_days = 0\n")
                              .auth;
  BOOST_TEST(set.failuresPerAddressAndName == 5u);
  BOOST_TEST(set.failuresPerAddress == 0u);  // 0 turns the limit off
  BOOST_TEST(set.failuresPerDevice == 3u);
  BOOST_TEST(set.maxVerifications == 8u);
  BOOST_TEST(set.maxWaitingVerifications == 0u);
  BOOST_TEST(set.verificationWait.count() == 250);
  BOOST_TEST(set.verificationDeadline.count() == 2000);
  BOOST_TEST(set.knownDeviceLifetime.count() == 0);  // no known-device cookies

  for (const std::string line :
       {"failures_per_address_and_user = -1", "failures_per_address = viel", "failures_per_device = 100001",
        "max_verifications = 0", "max_verifications = 257", "max_waiting_verifications = -2",
        "verification_wait_ms = 60001", "known_device_days = 3651", "verification_deadline_ms = 99",
        "verification_deadline_ms = 120001", "verification_deadline_ms = 1000"}) {
    const std::string message = expectError(withLine("auth", line));
    const std::string key = "config: auth." + line.substr(0, line.find(' ')) + ": ";
    BOOST_TEST(message.find(key) == 0u, message);
  }
  // A login sharing another's check must be able to outwait that check's wait for a slot.
  BOOST_TEST(expectError(kMinimal + "[auth]\nverification_wait_ms = 8000\n") ==
             "config: auth.verification_deadline_ms: must be more than auth.verification_wait_ms (8000)");
  BOOST_TEST(expectConfig(kMinimal + "[auth]\nverification_wait_ms = 8000\nverification_deadline_ms = 12000\n")
                 .auth.verificationDeadline.count() == 12000);
}

BOOST_AUTO_TEST_CASE(caldav_bounds_are_read_and_checked) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.caldav.maxResourceBytes == 1048576u);
  BOOST_TEST(defaults.caldav.maxXmlBytes == 1048576u);
  BOOST_TEST(defaults.caldav.maxXmlDepth == 64u);
  BOOST_TEST(defaults.caldav.maxXmlElements == 100000u);
  BOOST_TEST(defaults.caldav.maxPropertyBytes == 65536u);
  BOOST_TEST(defaults.caldav.maxInstances == 5000u);
  BOOST_TEST(defaults.caldav.maxExpansionSteps == 50000u);
  BOOST_TEST(defaults.caldav.maxAnswerSteps == 200000u);
  BOOST_TEST(defaults.caldav.maxAnswerBytes == 67108864u);
  BOOST_TEST(defaults.caldav.maxAnswerSeconds == 20);
  BOOST_TEST(defaults.caldav.instanceHorizonDays == 730);
  BOOST_TEST(defaults.caldav.maxKeptInstances == 1000u);
  const ServerConfig config = expectConfig(kMinimal +
                                           "[caldav]\n"
                                           "max_resource_bytes = 65536\n"
                                           "max_xml_bytes = 4096\n"
                                           "max_xml_depth = 16\n"
                                           "max_xml_elements = 1000\n"
                                           "max_property_bytes = 2048\n"
                                           "max_instances = 100\n"
                                           "max_expansion_steps = 1000\n"
                                           "max_answer_steps = 5000\n"
                                           "max_answer_bytes = 65536\n"
                                           "max_answer_seconds = 2\n"
                                           "instance_horizon_days = 30\n"
                                           "max_kept_instances = 50\n");
  BOOST_TEST(config.caldav.instanceHorizonDays == 30);
  BOOST_TEST(config.caldav.maxKeptInstances == 50u);
  BOOST_TEST(config.caldav.maxResourceBytes == 65536u);
  BOOST_TEST(config.caldav.maxXmlBytes == 4096u);
  BOOST_TEST(config.caldav.maxXmlDepth == 16u);
  BOOST_TEST(config.caldav.maxXmlElements == 1000u);
  BOOST_TEST(config.caldav.maxPropertyBytes == 2048u);
  BOOST_TEST(config.caldav.maxInstances == 100u);
  BOOST_TEST(config.caldav.maxExpansionSteps == 1000u);
  BOOST_TEST(config.caldav.maxAnswerSteps == 5000u);
  BOOST_TEST(config.caldav.maxAnswerBytes == 65536u);
  BOOST_TEST(config.caldav.maxAnswerSeconds == 2);
  for (const std::string line :
       {"max_resource_bytes = 10", "max_xml_depth = 2", "max_answer_bytes = 1000", "max_answer_seconds = 0",
        "max_instances = many", "max_property_bytes = 100", "instance_horizon_days = 0", "max_kept_instances = 0"}) {
    const std::string message = expectError(withLine("caldav", line));
    BOOST_TEST(message.find("config: caldav." + line.substr(0, line.find(' ')) + ": ") == 0u, message);
  }
}

// --- unused uploads ---

namespace {

// Every refusal names its key.
void expectRefused(const std::string& section, const std::string& line) {
  const std::string key = section + "." + line.substr(0, line.find(' '));
  const std::string message = expectError(withLine(section, line));
  BOOST_TEST(message.find("config: " + key + ": ") == 0u, message);
}

}  // namespace

BOOST_AUTO_TEST_CASE(unused_upload_keys_have_defaults_and_are_read) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.workflow.unusedFileGraceSeconds == 86400);
  BOOST_TEST(defaults.workflow.unusedFileSweepSeconds == 3600);
  BOOST_TEST(defaults.workflow.unusedFileMaxBytes == 1073741824u);
  const ServerConfig config = expectConfig(kMinimal +
                                           "[workflow]\n"
                                           "unused_file_grace_seconds = 7200\n"
                                           "unused_file_sweep_seconds = 600\n"
                                           "unused_file_max_bytes = 10485760\n");
  BOOST_TEST(config.workflow.unusedFileGraceSeconds == 7200);
  BOOST_TEST(config.workflow.unusedFileSweepSeconds == 600);
  BOOST_TEST(config.workflow.unusedFileMaxBytes == 10485760u);
}

BOOST_AUTO_TEST_CASE(bad_unused_upload_values_are_refused) {
  expectRefused("workflow", "unused_file_grace_seconds = 60");  // a form shown again must keep its files a while
  expectRefused("workflow", "unused_file_grace_seconds = 1d");
  expectRefused("workflow", "unused_file_sweep_seconds = 0");
  expectRefused("workflow", "unused_file_max_bytes = 1000");
  expectRefused("workflow", "unused_file_max_bytes = 1GB");
}

// --- revisions ---

BOOST_AUTO_TEST_CASE(revision_keys_have_defaults_and_are_read) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.workflow.maxRevisions == 10);
  BOOST_TEST(defaults.workflow.revisionsPerHour == 3);
  const ServerConfig config = expectConfig(kMinimal + "[workflow]\nmax_revisions = 4\nrevisions_per_hour = 1\n");
  BOOST_TEST(config.workflow.maxRevisions == 4);
  BOOST_TEST(config.workflow.revisionsPerHour == 1);
}

BOOST_AUTO_TEST_CASE(bad_revision_values_are_refused) {
  expectRefused("workflow", "max_revisions = 0");
  expectRefused("workflow", "max_revisions = 1001");
  expectRefused("workflow", "revisions_per_hour = 0");
  expectRefused("workflow", "revisions_per_hour = many");
}

// --- quotas ---

BOOST_AUTO_TEST_CASE(quota_keys_have_defaults_no_office_meets_and_are_read) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.quota.calendarsPerUser == 20);
  BOOST_TEST(defaults.quota.bytesPerUser == 104857600);
  BOOST_TEST(defaults.quota.objectsPerCalendar == 100000);
  BOOST_TEST(defaults.quota.changesPerCalendar == 10000);
  const ServerConfig config = expectConfig(kMinimal +
                                           "[quota]\n"
                                           "calendars_per_user = 5\n"
                                           "bytes_per_user = 1048576\n"
                                           "objects_per_calendar = 2000\n"
                                           "changes_per_calendar = 500\n");
  BOOST_TEST(config.quota.calendarsPerUser == 5);
  BOOST_TEST(config.quota.bytesPerUser == 1048576);
  BOOST_TEST(config.quota.objectsPerCalendar == 2000);
  BOOST_TEST(config.quota.changesPerCalendar == 500);
}

BOOST_AUTO_TEST_CASE(bad_quota_values_are_refused) {
  expectRefused("quota", "calendars_per_user = 0");
  expectRefused("quota", "calendars_per_user = many");
  expectRefused("quota", "bytes_per_user = 1000");  // less than one large event
  expectRefused("quota", "bytes_per_user = 100MB");
  expectRefused("quota", "objects_per_calendar = 0");
  expectRefused("quota", "changes_per_calendar = 0");
  expectRefused("quota", "changes_per_calendar = all");
  BOOST_TEST(expectError(withLine("quota", "bytes = 5")) == "config: quota.bytes: unknown key");
}

BOOST_AUTO_TEST_CASE(agenda_keys_have_defaults_and_are_read) {
  const ServerConfig defaults = expectConfig(kMinimal);
  BOOST_TEST(defaults.agenda.region == "KABUPATEN CONTOH");
  BOOST_TEST(defaults.agenda.leaderOrder.empty());
  BOOST_TEST(defaults.agenda.publicCalendars == std::vector<std::string>{"leaders"});
  BOOST_TEST(defaults.agenda.morningMailTime == "05:30");
  BOOST_TEST(defaults.agenda.morningMailCheckSeconds == 60);
  BOOST_TEST(defaults.agenda.feedDaysBack == 90);
  BOOST_TEST(defaults.agenda.feedDaysAhead == 365);
  BOOST_TEST(defaults.agenda.publicAnswerCacheBytes == 33554432u);
  BOOST_TEST(expectConfig(withLine("agenda", "public_answer_cache_bytes = 0")).agenda.publicAnswerCacheBytes == 0u);
  const ServerConfig config = expectConfig(kMinimal +
                                           "[agenda]\n"
                                           "region = KABUPATEN OGAN ILIR\n"
                                           "leaders = bupati, wabup ,sekda\n"
                                           "signature = Bagian Protokol\n"
                                           "public_calendars = bupati/agenda, leaders\n"
                                           "morning_mail_time = 06:15\n"
                                           "morning_mail_check_seconds = 5\n"
                                           "max_days = 7\n"
                                           "recap_max_requests = 500\n");
  BOOST_TEST(config.agenda.region == "KABUPATEN OGAN ILIR");
  BOOST_TEST(config.agenda.leaderOrder == (std::vector<std::string>{"bupati", "wabup", "sekda"}));
  BOOST_TEST(config.agenda.signature == "Bagian Protokol");
  BOOST_TEST(config.agenda.publicCalendars == (std::vector<std::string>{"bupati/agenda", "leaders"}));
  BOOST_TEST(config.agenda.morningMailTime == "06:15");
  BOOST_TEST(config.agenda.morningMailCheckSeconds == 5);
  BOOST_TEST(config.agenda.maxDays == 7);
  BOOST_TEST(config.agenda.maxRecapRequests == 500);
  BOOST_TEST(defaults.agenda.maxRecapRequests == 20000);
  BOOST_TEST(expectConfig(withLine("agenda", "public_calendars =")).agenda.publicCalendars.empty());
}

BOOST_AUTO_TEST_CASE(recap_workbook_bound_has_a_default_and_is_read) {
  BOOST_TEST(expectConfig(kMinimal).agenda.maxRecapWorkbookRows == 50000);
  BOOST_TEST(expectConfig(withLine("agenda", "recap_workbook_max_rows = 10")).agenda.maxRecapWorkbookRows == 10);
  for (const std::string line :
       {"recap_workbook_max_rows = 9", "recap_workbook_max_rows = 1000001", "recap_workbook_max_rows = many"}) {
    const std::string message = expectError(withLine("agenda", line));
    BOOST_TEST(message.find("config: agenda.recap_workbook_max_rows") == 0u, line << ": " << message);
  }
}

BOOST_AUTO_TEST_CASE(home_screen_bounds_have_defaults_and_are_read) {
  BOOST_TEST(expectConfig(kMinimal).agenda.homeDays == 7);
  BOOST_TEST(expectConfig(kMinimal).agenda.homeRequests == 30);
  BOOST_TEST(expectConfig(withLine("agenda", "home_days = 3")).agenda.homeDays == 3);
  BOOST_TEST(expectConfig(withLine("agenda", "home_requests = 5")).agenda.homeRequests == 5);
  for (const std::string line : {"home_days = 0", "home_days = 32", "home_requests = 0", "home_requests = 501"}) {
    const std::string message = expectError(withLine("agenda", line));
    BOOST_TEST(message.find("config: agenda.home_") == 0u, line << ": " << message);
  }
}

BOOST_AUTO_TEST_CASE(bad_agenda_values_are_refused) {
  for (const std::string line :
       {"morning_mail_time = 5:30", "morning_mail_time = 24:00", "morning_mail_time = 05:60",
        "leaders = bupati, wa bup", "public_calendars = bupati", "region =", "max_days = 0", "feed_days_ahead = 0",
        "max_feeds_per_user = 0", "morning_mail_check_seconds = 0", "morning_mail_check_seconds = 3601",
        "public_answer_cache_bytes = -1", "recap_max_requests = 0"}) {
    const std::string message = expectError(withLine("agenda", line));
    BOOST_TEST(message.find("config: agenda.") == 0u, line << ": " << message);
  }
}
