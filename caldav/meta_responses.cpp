#include "caldav/meta_responses.h"

#include <cctype>
#include <string>

namespace jadwal::caldav {

std::optional<MetaResponses> MetaResponses::of(const PropRequest& request) {
  if (request.mode != PropRequest::Mode::Prop) return std::nullopt;
  MetaResponses writer;
  for (const PropName& prop : request.props) {
    // Each of these is live, read-only (so no user's own value can stand in
    // for it) and found on every object.
    if (prop.ns != ns::kDav) return std::nullopt;
    if (prop.name == "getetag")
      writer.fields_.push_back(Field::ETag);
    else if (prop.name == "getcontenttype")
      writer.fields_.push_back(Field::ContentType);
    else if (prop.name == "getcontentlength")
      writer.fields_.push_back(Field::ContentLength);
    else if (prop.name == "getlastmodified")
      writer.fields_.push_back(Field::LastModified);
    else if (prop.name == "resourcetype")
      writer.fields_.push_back(Field::ResourceType);
    else
      return std::nullopt;
  }
  return writer;
}

void MetaResponses::write(XmlWriter& out, std::string_view href, const sql::ObjectMeta& object) const {
  out.raw("<D:response><D:href>");
  out.text(href);
  out.raw("</D:href><D:propstat><D:prop>");
  for (const Field field : fields_) {
    switch (field) {
      case Field::ETag:
        out.raw("<D:getetag>");
        out.text(object.etag);
        out.raw("</D:getetag>");
        break;
      case Field::ContentType: {
        out.raw("<D:getcontenttype>text/calendar; charset=utf-8; component=");
        std::string component = object.component;
        for (char& c : component) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.raw(component);
        out.raw("</D:getcontenttype>");
        break;
      }
      case Field::ContentLength:
        out.raw("<D:getcontentlength>");
        out.raw(std::to_string(object.size));
        out.raw("</D:getcontentlength>");
        break;
      case Field::LastModified:
        out.raw("<D:getlastmodified>");
        out.raw(httpDate(object.modifiedAt));
        out.raw("</D:getlastmodified>");
        break;
      case Field::ResourceType:
        out.raw("<D:resourcetype></D:resourcetype>");
        break;
    }
  }
  out.raw("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>");
}

}  // namespace jadwal::caldav
