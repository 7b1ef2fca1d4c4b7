#include <array>
#include <utility>

#include "sql/store.h"

namespace jadwal::sql {

namespace {

// The names as stored in the database and written in the config: lower case.
constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::Admin, "admin"},
    {Role::ProtocolStaff, "protokol"},
    {Role::Leader, "pimpinan"},
    {Role::Aide, "ajudan"},
    {Role::Viewer, "viewer"},
}};

}  // namespace

std::string_view roleName(Role role) {
  for (const auto& [value, name] : kRoleNames) {
    if (value == role) return name;
  }
  return "viewer";  // unreachable for a valid enum value
}

std::optional<Role> parseRole(std::string_view name) {
  for (const auto& [value, known] : kRoleNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace jadwal::sql
