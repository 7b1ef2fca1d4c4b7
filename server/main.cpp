// jadwald: the Jadwal server, and its operator commands.

#include <Poco/Util/Application.h>

#include <iostream>
#include <string>
#include <variant>
#include <vector>

#include "server/application.h"
#include "server/cli.h"
#include "server/cli_command.h"
#include "server/config.h"
#include "server/version.h"

int main(int argc, char** argv) {
  using namespace jadwal::server;
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parseProgramArguments(args);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "jadwald: " << error->message << "\n" << usageText();
    return kExitUsage;
  }
  const auto& program = std::get<ProgramArguments>(parsed);
  if (program.showVersion) {
    std::cout << "jadwald " << jadwalVersion() << "\n";
    return 0;
  }
  auto config = loadConfig(program.configPath);
  if (auto* error = std::get_if<ConfigError>(&config)) {
    std::cerr << error->message << "\n";
    return Poco::Util::Application::EXIT_CONFIG;
  }
  const auto& serverConfig = std::get<ServerConfig>(config);
  if (!program.command.empty()) return runOperatorCommand(serverConfig, program.command);
  return runServer(serverConfig, argc > 0 ? argv[0] : "jadwald", program.serverOptions);
}
