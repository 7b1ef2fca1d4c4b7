#pragma once
// A real SMTP server for tests: Debian's aiosmtpd, started on a free port,
// delivering into a Maildir that the test reads.

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Process.h>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace jadwal::testing {

namespace fs = std::filesystem;
namespace tt = boost::test_tools;

inline const char* const kPython = "/usr/bin/python3";

inline bool aiosmtpdInstalled() { return std::system("/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1") == 0; }

struct AiosmtpdInstalled {
  tt::assertion_result operator()(boost::unit_test::test_unit_id) const {
    tt::assertion_result result(aiosmtpdInstalled());
    result.message() << "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): mail delivery untested";
    return result;
  }
};

inline unsigned short freePort() {
  Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
  const unsigned short port = probe.address().port();
  probe.close();
  return port;
}

// A real SMTP server (aiosmtpd) that writes what it receives to a Maildir.
class SmtpSink {
 public:
  SmtpSink()
      : dir_(fs::temp_directory_path() / ("jadwal-mail-" + std::to_string(std::random_device{}()))),
        port_(freePort()),
        process_(Poco::Process::launch(kPython, {"-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_),
                                                 "-c", "aiosmtpd.handlers.Mailbox", dir_.string()})) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      try {
        Poco::Net::StreamSocket probe(Poco::Net::SocketAddress("127.0.0.1", port_));
        return;
      } catch (const Poco::Exception&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    BOOST_FAIL("the SMTP sink did not start on port " << port_);
  }
  ~SmtpSink() {
    Poco::Process::kill(process_);
    process_.wait();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  unsigned short port() const { return port_; }

  // The raw messages delivered so far.
  std::vector<std::string> messages() const {
    std::vector<std::string> found;
    std::error_code missing;
    for (const auto& entry : fs::directory_iterator(dir_ / "new", missing)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      found.push_back(text.str());
    }
    return found;
  }
  // Delivery ends when the server has written the file: the client's QUIT
  // may come a moment before that.
  std::vector<std::string> waitFor(std::size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::vector<std::string> found = messages();
    while (found.size() < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      found = messages();
    }
    return found;
  }

 private:
  fs::path dir_;
  unsigned short port_;
  Poco::ProcessHandle process_;
};

}  // namespace jadwal::testing
