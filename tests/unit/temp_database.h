#pragma once
// A database file of its own for each test case, removed afterwards with its
// WAL companions.

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace jadwal::testing {

struct TempDatabase {
  std::filesystem::path path;
  TempDatabase() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path = std::filesystem::temp_directory_path() /
           ("jadwal-test-" + std::to_string(random()) + "-" + std::to_string(counter++) + ".db");
  }
  ~TempDatabase() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path.string() + suffix, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;
};

}  // namespace jadwal::testing
