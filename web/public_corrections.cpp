#include "web/public_corrections.h"

#include <kainjow/mustache.hpp>

#include <algorithm>

#include "workflow/request_corrections.h"
#include "workflow/request_form_fields.h"

namespace jadwal::web {
namespace {

using workflow::FormFieldKind;

std::string labelOf(const std::string& language, std::string_view field) {
  return tr(language, workflow::formLabelId(field));
}

}  // namespace

TemplateData correctionChoices(const std::string& language, const std::vector<std::string>& ticked) {
  TemplateData list(TemplateData::type::list);
  for (const auto& field : workflow::requestFormFields()) {
    const std::string name(field.name);
    if (!workflow::correctableField(name)) continue;
    TemplateData item;
    item.set("name", name);
    item.set("label", labelOf(language, field.name));
    item.set("ticked", std::find(ticked.begin(), ticked.end(), name) != ticked.end());
    list.push_back(item);
  }
  return list;
}

TemplateData correctionInputs(const sql::RequestRow& row, const std::vector<std::string>& asked,
                              const std::map<std::string, std::string>& posted, const workflow::FieldErrors& errors,
                              const std::string& timezone, const std::string& language) {
  TemplateData list(TemplateData::type::list);
  // In the form's order, whatever order staff ticked them in.
  for (const auto& field : workflow::requestFormFields()) {
    const std::string name(field.name);
    if (std::find(asked.begin(), asked.end(), name) == asked.end()) continue;
    TemplateData item;
    item.set("name", name);
    item.set("label", labelOf(language, field.name));
    auto sent = posted.find(name);
    const std::string value = sent != posted.end() ? sent->second : workflow::correctionValue(row, name, timezone);
    item.set("value", value);
    if (field.maxBytes > 0) item.set("maxlength", std::to_string(field.maxBytes));
    // jam_selesai may be left empty: an open end, as on the form.
    item.set("required", field.required && name != "jam_selesai");
    item.set("paragraph", field.kind == FormFieldKind::Paragraph);
    item.set("choice", field.kind == FormFieldKind::Choice);
    item.set("type", field.kind == FormFieldKind::Date ? "date" : field.kind == FormFieldKind::Time ? "time" : "text");
    if (field.kind == FormFieldKind::Choice) {
      TemplateData options(TemplateData::type::list);
      bool known = false;
      for (const auto& choice : field.choices) {
        TemplateData option;
        option.set("value", std::string(choice));
        option.set("label", tr(language, workflow::formChoiceLabelId(field.name, choice)));
        option.set("selected", choice == value);
        known = known || choice == value;
        options.push_back(option);
      }
      if (!known && !value.empty()) {  // what staff typed instead keeps its place
        TemplateData option;
        option.set("value", value);
        option.set("label", value);
        option.set("selected", true);
        options.push_back(option);
      }
      item.set("options", options);
    }
    if (auto error = errors.find(name); error != errors.end()) item.set("error", tr(language, error->second));
    list.push_back(item);
  }
  return list;
}

workflow::FieldCorrections correctionsFrom(const FormData& form) {
  workflow::FieldCorrections corrections;
  for (const auto& [name, value] : form.fields)
    if (workflow::correctableField(name)) corrections.emplace(name, value);
  return corrections;
}

}  // namespace jadwal::web
