#pragma once
// The project version, from CMake's project(jadwal VERSION ...): one place
// for `jadwald --version`, /metrics and the .deb.

#include <string_view>

namespace jadwal::server {

std::string_view jadwalVersion();

}  // namespace jadwal::server
