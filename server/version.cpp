#include "server/version.h"

// Only this file is compiled with the version, so a release bump rebuilds one file.
#ifndef JADWAL_VERSION
#error "JADWAL_VERSION is set by server/CMakeLists.txt"
#endif

namespace jadwal::server {

std::string_view jadwalVersion() { return JADWAL_VERSION; }

}  // namespace jadwal::server
