#pragma once
// The two ways jadwald runs: as the server, or as one operator command.

#include <string>
#include <vector>

#include "server/config.h"

namespace jadwal::server {

// Runs the HTTP server in the foreground (or as a daemon with --daemon) until
// SIGTERM or SIGINT; returns the process exit code.
int runServer(const ServerConfig& config, const std::string& programName,
              const std::vector<std::string>& serverOptions);

// Parses and runs one operator command (`user add ...`, `import ...`).
int runOperatorCommand(const ServerConfig& config, const std::vector<std::string>& words);

}  // namespace jadwal::server
