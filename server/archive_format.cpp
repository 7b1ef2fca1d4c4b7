#include "server/archive_format.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace jadwal::server {

const std::vector<std::string>& archivedTables() {
  // clang-format off
  static const std::vector<std::string> tables = {
      "users",           "aides",         "calendars",          "shares", "user_props",     "dead_props", "objects",
      "changes",         "id_high_water", "agenda_mail",        "feeds",  "feed_calendars", "blobs",      "requests",
      "request_leaders", "request_files", "request_file_texts", "audit",  "dispositions",
      // User administration (sql/user_admin_store.h).
      "user_audit", "user_logins"};
  // clang-format on
  return tables;
}

const std::vector<std::string>& excludedTables() {
  // form_tokens: a double tap's memory of a day, not part of the record.
  static const std::vector<std::string> tables = {"sessions", "secrets", "schema_version", "form_tokens"};
  return tables;
}

namespace {
const sql::SqlValue* valueOf(const sql::SqlRow& row, const std::string& column) {
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    if (row.columns[i] == column) return &row.values[i];
  }
  return nullptr;
}
}  // namespace

std::int64_t integerOf(const sql::SqlRow& row, const std::string& column) {
  const auto* value = valueOf(row, column);
  return value ? value->integer : 0;
}

std::string textOf(const sql::SqlRow& row, const std::string& column) {
  const auto* value = valueOf(row, column);
  return value ? value->bytes : std::string();
}

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string rowToJson(const sql::SqlRow& row) {
  std::string out = "{";
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    if (i) out += ",";
    out += jsonString(row.columns[i]) + ":";
    const sql::SqlValue& value = row.values[i];
    switch (value.kind) {
      case sql::SqlValue::Kind::Null:
        out += "null";
        break;
      case sql::SqlValue::Kind::Integer:
        out += std::to_string(value.integer);
        break;
      case sql::SqlValue::Kind::Real: {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", value.real);
        out += text;
        break;
      }
      case sql::SqlValue::Kind::Text:
        out += jsonString(value.bytes);
        break;
      case sql::SqlValue::Kind::Blob: {
        std::ostringstream encoded;
        Poco::Base64Encoder encoder(encoded, Poco::BASE64_NO_PADDING);
        encoder.rdbuf()->setLineLength(0);
        encoder << value.bytes;
        encoder.close();
        out += "{\"base64\":" + jsonString(encoded.str()) + "}";
        break;
      }
    }
  }
  return out + "}";
}

sql::SqlRow rowFromJson(std::string_view line) {
  Poco::JSON::Parser parser;
  Poco::Dynamic::Var parsed;
  try {
    parsed = parser.parse(std::string(line));
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("not JSON: " + e.displayText());
  }
  auto object = parsed.extract<Poco::JSON::Object::Ptr>();
  if (!object) throw std::runtime_error("not a JSON object");
  sql::SqlRow row;
  for (const auto& [name, var] : *object) {
    sql::SqlValue value;
    if (var.isEmpty()) {
      value.kind = sql::SqlValue::Kind::Null;
    } else if (var.isString()) {
      value.kind = sql::SqlValue::Kind::Text;
      value.bytes = var.extract<std::string>();
    } else if (var.isInteger()) {
      value.kind = sql::SqlValue::Kind::Integer;
      value.integer = var.convert<std::int64_t>();
    } else if (var.isNumeric()) {
      value.kind = sql::SqlValue::Kind::Real;
      value.real = var.convert<double>();
    } else if (var.type() == typeid(Poco::JSON::Object::Ptr)) {
      auto wrapped = var.extract<Poco::JSON::Object::Ptr>();
      if (!wrapped || !wrapped->has("base64")) throw std::runtime_error("column " + name + ": unknown value");
      std::istringstream encoded(wrapped->getValue<std::string>("base64"));
      Poco::Base64Decoder decoder(encoded, Poco::BASE64_NO_PADDING);
      value.kind = sql::SqlValue::Kind::Blob;
      value.bytes.assign(std::istreambuf_iterator<char>(decoder), {});
    } else if (var.isBoolean()) {
      value.kind = sql::SqlValue::Kind::Integer;
      value.integer = var.extract<bool>() ? 1 : 0;
    } else {
      throw std::runtime_error("column " + name + ": unknown value");
    }
    row.columns.push_back(name);
    row.values.push_back(std::move(value));
  }
  return row;
}

}  // namespace jadwal::server
