#include "caldav/calendar_export.h"

#include <chrono>
#include <stdexcept>

#include "caldav/ical/export.h"
#include "caldav/object_batches.h"

namespace jadwal::caldav {
namespace {

constexpr std::size_t kExportPartBytes = 64 << 10;

class ExportStream : public BodyStream {
 public:
  ExportStream(sql::Store& store, const sql::Calendar& calendar, const AnswerLimits& limits)
      : objects_(store, calendar.id, store.listObjects(calendar.id)),
        limits_(limits),
        pending_(exportHead("-//Jadwal//Agenda//ID", calendar.displayName)) {}

  // Produces until `out` has `bytes` more or the export is complete. False
  // when a bound was passed.
  bool produce(std::size_t bytes, std::string& out) {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t target = out.size() + bytes;
    out += pending_;
    sent_ += pending_.size();
    pending_.clear();
    while (!complete_ && out.size() < target) {
      if (sent_ > limits_.maxBytes || spent_ + (std::chrono::steady_clock::now() - started) > limits_.maxTime) {
        spent_ += std::chrono::steady_clock::now() - started;
        return false;
      }
      std::optional<sql::StoredObject> object = objects_.next();
      if (!object) {
        out += kExportEnd;
        complete_ = true;
        break;
      }
      const std::size_t before = out.size();
      appendExportComponents(object->ical, zones_, out);
      sent_ += out.size() - before;
    }
    spent_ += std::chrono::steady_clock::now() - started;
    return true;
  }

  bool next(std::string& out) override {
    if (complete_) return false;
    // Once the status line is gone, the only way to say "too large" is to
    // cut the answer short, which the client sees as an incomplete body.
    if (!produce(kExportPartBytes, out)) throw std::runtime_error("the calendar export passed the answer bounds");
    return !complete_;
  }

  bool complete() const { return complete_; }

 private:
  ObjectBatches objects_;
  AnswerLimits limits_;
  std::string pending_;
  std::vector<std::string> zones_;
  std::size_t sent_ = 0;
  std::chrono::steady_clock::duration spent_{};
  bool complete_ = false;
};

}  // namespace

DavResponse exportCalendar(DavContext& ctx, const sql::Calendar& calendar) {
  auto stream = std::make_shared<ExportStream>(ctx.store, calendar, ctx.config.answers);
  DavResponse response;
  if (!stream->produce(ctx.config.answers.streamAfterBytes, response.body)) {
    return textResponse(403,
                        "The calendar is larger than the server exports in one answer; subscribe with a CalDAV "
                        "client, which fetches it in parts");
  }
  if (!stream->complete()) response.stream = std::move(stream);
  return response;
}

}  // namespace jadwal::caldav
