#pragma once
// The <D:response> of a calendar object whose asked properties all come from
// its listing row (sql::ObjectMeta), written from fixed pieces: no property
// lookup, no store query and no parse per object. A PROPFIND Depth 1 or a
// sync-collection of a large calendar writes thousands of them, so each
// costs about its own bytes. The output is byte for byte what
// writePropResponse writes for the same object and request.

#include <optional>
#include <string_view>
#include <vector>

#include "caldav/properties.h"

namespace jadwal::caldav {

class MetaResponses {
 public:
  // The writer for `request`, or nullopt when it asks for anything else
  // (allprop, propname, dead or other live properties): writePropResponse
  // answers those.
  static std::optional<MetaResponses> of(const PropRequest& request);

  // Writes the response of `object`, reached at `href` (percent-encoded).
  void write(XmlWriter& out, std::string_view href, const sql::ObjectMeta& object) const;

 private:
  enum class Field { ETag, ContentType, ContentLength, LastModified, ResourceType };
  std::vector<Field> fields_;
};

}  // namespace jadwal::caldav
