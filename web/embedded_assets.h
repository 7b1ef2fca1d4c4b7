#pragma once
// The files of web/templates and web/static, compiled into the binary
// at build time (web/embed_assets.cmake), so that a jadwald needs nothing
// beside it but its configuration and its database.

#include <span>
#include <string_view>

namespace jadwal::web {

struct EmbeddedAsset {
  std::string_view name;   // the file name, e.g. "layout.html" or "jadwal.css"
  std::string_view bytes;  // empty name: the table is empty
};

extern const std::span<const EmbeddedAsset> kEmbeddedTemplates;    // web/templates/*.html
extern const std::span<const EmbeddedAsset> kEmbeddedStaticFiles;  // web/static/*

}  // namespace jadwal::web
