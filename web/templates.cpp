#include <kainjow/mustache.hpp>

#include <stdexcept>
#include <string>

#include "base/text.h"
#include "web/embedded_assets.h"
#include "web/web.h"

namespace jadwal::web {
namespace {

namespace mustache = kainjow::mustache;

const EmbeddedAsset* findTemplate(std::string_view name) {
  for (const auto& asset : kEmbeddedTemplates) {
    const std::string_view file = asset.name;
    if (file.size() == name.size() + 5 && file.starts_with(name) && file.ends_with(".html")) return &asset;
  }
  return nullptr;
}

std::string render(std::string_view name, const TemplateData& data) {
  const EmbeddedAsset* asset = findTemplate(name);
  if (!asset) throw std::runtime_error("no template named " + std::string(name));
  // Parsed on every use: templates are small, and a parsed template keeps
  // render state, so sharing one between threads would need a lock.
  mustache::mustache page{std::string(asset->bytes)};
  if (!page.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + page.error_message());
  std::string text = page.render(data);
  if (!page.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + page.error_message());
  return text;
}

// What every template may use besides its own data: {{lang}}, the
// translation section {{#t}}message.id{{/t}} (escaped), and {{> name}} for
// any other template as a partial.
void addCommonData(TemplateData& data, const std::string& language) {
  data.set("lang", language);
  data.set("t", mustache::lambda2{[language](const std::string& id, const mustache::renderer&) {
             return mustache::html_escape<std::string>(tr(language, base::trimmed(id)));
           }});
  for (const auto& asset : kEmbeddedTemplates) {
    if (asset.name.empty() || !asset.name.ends_with(".html")) continue;
    const std::string bytes(asset.bytes);
    data.set(std::string(asset.name.substr(0, asset.name.size() - 5)), mustache::partial{[bytes] { return bytes; }});
  }
}

}  // namespace

std::string renderPage(std::string_view name, const std::string& title, const TemplateData& data,
                       const std::string& language) {
  const std::string lang = language == "en" ? "en" : "id";
  TemplateData page(data);
  if (!page.is_object()) throw std::runtime_error("template data for " + std::string(name) + " is not an object");
  addCommonData(page, lang);
  const std::string content = render(name, page);

  page.set("title", title);
  page.set("content", content);
  page.set("other_lang", lang == "en" ? "id" : "en");
  page.set("other_lang_label", lang == "en" ? "Bahasa Indonesia" : "English");
  if (!page.get("office_name")) page.set("office_name", tr(lang, "layout.office"));
  return render("layout", page);
}

}  // namespace jadwal::web
