#include "server/archive_tar.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "server/password.h"

namespace jadwal::server {
namespace {

constexpr std::size_t kBlock = 512;
using Header = std::array<char, kBlock>;

void putOctal(char* field, std::size_t width, std::uint64_t value) {
  // width - 1 digits and a NUL, as ustar wants.
  for (std::size_t i = width - 1; i-- > 0;) {
    field[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  field[width - 1] = '\0';
}

std::optional<std::uint64_t> readOctal(const char* field, std::size_t width) {
  std::uint64_t value = 0;
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  bool any = false;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
    if (value > (UINT64_MAX >> 3)) return std::nullopt;
    value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
    any = true;
  }
  if (!any) return std::nullopt;
  // After the digits only the terminators tar writes: "12x" is no number.
  for (; i < width; ++i) {
    if (field[i] != ' ' && field[i] != '\0') return std::nullopt;
  }
  return value;
}

std::uint64_t checksumOf(const Header& header) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < kBlock; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
  }
  return sum;
}

std::uint64_t padded(std::uint64_t size) { return (size + kBlock - 1) / kBlock * kBlock; }

}  // namespace

std::string printableText(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Sha256::Sha256() { crypto_hash_sha256_init(&state_); }

void Sha256::add(std::string_view bytes) {
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string Sha256::hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char text[sizeof digest * 2 + 1];
  sodium_bin2hex(text, sizeof text, digest, sizeof digest);
  return text;
}

std::string sha256Hex(std::string_view bytes) {
  initSodium();
  Sha256 sum;
  sum.add(bytes);
  return sum.hex();
}

TarWriter::TarWriter(const std::string& path, std::int64_t mtime) : path_(path), mtime_(mtime) {
  initSodium();
  // O_EXCL: a file that appeared since the caller looked is not overwritten.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  ::close(fd);
  file_.open(path, std::ios::binary | std::ios::trunc);
  if (!file_) throw std::runtime_error("cannot write " + path);
}

std::string TarWriter::add(const std::string& name, std::string_view bytes) {
  if (name.empty() || name.size() >= 100) throw std::runtime_error("archive member name too long: " + name);
  Header header{};
  std::memcpy(header.data(), name.data(), name.size());
  putOctal(header.data() + 100, 8, 0600);
  putOctal(header.data() + 108, 8, 0);
  putOctal(header.data() + 116, 8, 0);
  putOctal(header.data() + 124, 12, bytes.size());
  putOctal(header.data() + 136, 12, static_cast<std::uint64_t>(std::max<std::int64_t>(mtime_, 0)));
  header[156] = '0';
  std::memcpy(header.data() + 257, "ustar", 6);
  std::memcpy(header.data() + 263, "00", 2);
  std::memcpy(header.data() + 265, "jadwal", 6);
  std::memcpy(header.data() + 297, "jadwal", 6);
  putOctal(header.data() + 148, 7, checksumOf(header));
  header[155] = ' ';
  file_.write(header.data(), kBlock);
  file_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  static const Header zeros{};
  file_.write(zeros.data(), static_cast<std::streamsize>(padded(bytes.size()) - bytes.size()));
  if (!file_) throw std::runtime_error("writing " + path_ + " failed (disk full?)");
  return sha256Hex(bytes);
}

void TarWriter::finish() {
  static const Header zeros{};
  file_.write(zeros.data(), kBlock);
  file_.write(zeros.data(), kBlock);
  file_.flush();
  if (!file_) throw std::runtime_error("writing " + path_ + " failed (disk full?)");
  file_.close();
}

TarReader::TarReader(const std::string& path) : file_(path, std::ios::binary) {
  initSodium();
  if (!file_) throw std::runtime_error("cannot read " + path);
  file_.seekg(0, std::ios::end);
  const auto total = static_cast<std::uint64_t>(file_.tellg());
  file_.seekg(0);
  std::uint64_t at = 0;
  std::string buffer(64 * 1024, '\0');
  for (;;) {
    Header header{};
    if (at + kBlock > total || !file_.read(header.data(), kBlock)) {
      throw std::runtime_error(path + " is truncated (no end-of-archive marker)");
    }
    at += kBlock;
    if (std::all_of(header.begin(), header.end(), [](char c) { return c == '\0'; })) break;
    const auto checksum = readOctal(header.data() + 148, 8);
    if (!checksum || *checksum != checksumOf(header) || std::memcmp(header.data() + 257, "ustar", 5) != 0) {
      throw std::runtime_error(path + " is not a Jadwal archive (damaged tar header at byte " +
                               std::to_string(at - kBlock) + ")");
    }
    const auto size = readOctal(header.data() + 124, 12);
    if (!size || (header[156] != '0' && header[156] != '\0')) {
      throw std::runtime_error(path + ": unexpected tar member at byte " + std::to_string(at - kBlock));
    }
    if (*size > total - at) throw std::runtime_error(path + " is truncated inside a member");
    // The ustar prefix (bytes 345..500) would make the name prefix/name;
    // this writer never sets it, so a member that does is not ours.
    if (header[345] != '\0') {
      throw std::runtime_error(path + ": a member at byte " + std::to_string(at - kBlock) +
                               " has a long-name prefix, which Jadwal archives never have");
    }
    const std::string name(header.data(), strnlen(header.data(), 100));
    if (members_.count(name)) throw std::runtime_error(path + ": member " + printableText(name) + " appears twice");
    TarMember member{at, *size, {}};
    Sha256 sum;
    for (std::uint64_t left = *size; left > 0;) {
      const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
      if (!file_.read(buffer.data(), static_cast<std::streamsize>(chunk))) {
        throw std::runtime_error(path + " is truncated inside a member");
      }
      sum.add(std::string_view(buffer.data(), chunk));
      left -= chunk;
    }
    member.sha256 = sum.hex();
    members_.emplace(name, member);
    at += padded(*size);
    if (at > total) throw std::runtime_error(path + " is truncated inside a member");
    file_.seekg(static_cast<std::streamoff>(at));
  }
}

std::optional<std::string> TarReader::read(const std::string& name) {
  auto found = members_.find(name);
  if (found == members_.end()) return std::nullopt;
  std::string bytes(found->second.size, '\0');
  file_.clear();
  file_.seekg(static_cast<std::streamoff>(found->second.offset));
  if (!file_.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw std::runtime_error("reading member " + name + " failed");
  }
  return bytes;
}

}  // namespace jadwal::server
