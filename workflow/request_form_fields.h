#pragma once
// The public request form, described once: its fields in the order shown,
// each with what the workflow checks (required, the longest value, the
// choices) and where its value lives in a RequestForm. The form page
// (web/public_form_view.cpp) draws its inputs and reads a posted form back by
// this table, and the validation (request_validation.cpp) checks by it, so
// the page and the rules cannot disagree.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/request_service.h"

namespace jadwal::workflow {

enum class FormFieldKind {
  Line,       // one line of text
  Paragraph,  // several lines
  Date,       // YYYY-MM-DD
  Time,       // HH:MM
  Choice,     // one of `choices`
  Leaders,    // the leaders asked: user names of enabled leaders
  Flag,       // a checkbox, "1" when set
  File,       // an upload
};

struct FormField {
  std::string_view name;     // the posted field's name, and the key of its errors
  std::string_view section;  // the fieldset it is shown in
  FormFieldKind kind = FormFieldKind::Line;
  bool required = false;
  std::size_t maxBytes = 0;                    // the longest accepted value; 0 for times (judged by form)
  std::vector<std::string_view> choices = {};  // Choice: the accepted values, in the order shown
  std::string RequestForm::*text = nullptr;    // where a typed or chosen value goes; null for others
  bool RequestForm::*flag = nullptr;           // Flag: where it goes
};

// Every field of the form, in the order shown.
std::span<const FormField> requestFormFields();
// The field named `name`. REQUIRES: the form has it (std::out_of_range otherwise).
const FormField& requestFormField(std::string_view name);

// The message id of a field's label ("form.<name>"), and of one of its
// choices ("form.<name>.<choice>").
std::string formLabelId(std::string_view field);
std::string formChoiceLabelId(std::string_view field, std::string_view choice);

}  // namespace jadwal::workflow
