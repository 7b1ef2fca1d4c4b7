#pragma once
// The container of a Jadwal archive: a POSIX ustar file, written and read
// here without a library. Any tar (GNU tar, bsdtar, 7-Zip) lists and
// extracts it; the letters inside are PDFs and images, already compressed.

#include <sodium.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace jadwal::server {

// SHA-256 of some bytes, fed in pieces; hex() ends it.
class Sha256 {
 public:
  Sha256();
  void add(std::string_view bytes);
  std::string hex();

 private:
  crypto_hash_sha256_state state_;
};

std::string sha256Hex(std::string_view bytes);

// Text from an archive (a member's name) as a message may show it: control
// characters written as \xNN, so a hostile name cannot drive a terminal.
std::string printableText(const std::string& text);

// Writes members one after the other. Names are ASCII, at most 99 bytes.
class TarWriter {
 public:
  // Creates `path` with mode 0600 (the archive holds password hashes);
  // refuses a file that exists. Throws std::runtime_error.
  TarWriter(const std::string& path, std::int64_t mtime);
  // Adds a member; returns its SHA-256.
  std::string add(const std::string& name, std::string_view bytes);
  // Writes the end-of-archive blocks and flushes; throws if the disk failed.
  void finish();

 private:
  std::ofstream file_;
  std::string path_;
  std::int64_t mtime_;
};

struct TarMember {
  std::uint64_t offset = 0;  // of the content in the file
  std::uint64_t size = 0;
  std::string sha256;
};

// Reads the index of an archive, hashing every member; refuses a damaged or
// truncated one with a message (std::runtime_error).
class TarReader {
 public:
  explicit TarReader(const std::string& path);
  const std::map<std::string, TarMember>& members() const { return members_; }
  std::optional<std::string> read(const std::string& name);  // the whole member

 private:
  std::ifstream file_;
  std::map<std::string, TarMember> members_;
};

}  // namespace jadwal::server
