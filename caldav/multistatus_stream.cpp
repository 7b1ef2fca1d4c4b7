#include "caldav/multistatus_stream.h"

#include "caldav/dav_context.h"

namespace jadwal::caldav {
namespace {

// Parts handed to the HTTP layer while streaming.
constexpr std::size_t kPartBytes = 64 << 10;

enum class Bound { None, Steps, Bytes, Time };

class MultistatusStream : public BodyStream {
 public:
  MultistatusStream(std::unique_ptr<ResponseProducer> producer, const AnswerLimits& limits, const TimeContext& time)
      : producer_(std::move(producer)), limits_(limits), time_(time) {
    budget_.stepsLeft = limits.maxSteps;
    time_.budget = &budget_;
    writer_.open(ns::kDav, "multistatus");
  }

  // Produces until `out` has `bytes` more or the answer is complete.
  void produce(std::size_t bytes, std::string& out) {
    const auto started = std::chrono::steady_clock::now();
    const std::size_t target = out.size() + bytes;
    while (!complete_ && out.size() < target) {
      passed_ = boundPassed(started);
      if (passed_ != Bound::None) {
        end(true);
      } else if (!producer_->writeNext(writer_, time_)) {
        end(false);
      }
      std::string piece = writer_.take();
      sent_ += piece.size();
      out += piece;
    }
    spent_ += std::chrono::steady_clock::now() - started;
  }

  bool next(std::string& out) override {
    if (!complete_) produce(kPartBytes, out);
    return !complete_;
  }

  bool complete() const { return complete_; }
  Bound passed() const { return passed_; }

 private:
  Bound boundPassed(std::chrono::steady_clock::time_point started) const {
    if (budget_.exhausted) return Bound::Steps;
    if (sent_ + writer_.size() > limits_.maxBytes) return Bound::Bytes;
    if (spent_ + (std::chrono::steady_clock::now() - started) > limits_.maxTime) return Bound::Time;
    return Bound::None;
  }

  void end(bool truncated) {
    if (truncated) {
      writer_.open(ns::kDav, "response");
      writer_.element(ns::kDav, "href", producer_->requestHref());
      writer_.element(ns::kDav, "status", "HTTP/1.1 507 Insufficient Storage");
      writer_.open(ns::kDav, "error");
      writer_.element(ns::kDav, "number-of-matches-within-limits");
      writer_.close();
      writer_.element(ns::kDav, "responsedescription", description(passed_));
      writer_.close();
    }
    producer_->writeEnd(writer_, truncated);
    writer_.close();  // multistatus
    writer_.raw("\n");
    complete_ = true;
  }

 public:
  static std::string description(Bound bound) {
    switch (bound) {
      case Bound::Steps:
        return "The answer would expand more recurrence instances than the server computes for one request; ask "
               "for a shorter time range";
      case Bound::Bytes:
        return "The answer would be larger than the server sends for one request; ask for fewer objects or a "
               "shorter time range";
      case Bound::Time:
        return "The answer took longer than the server works on one request; ask for fewer objects or a shorter "
               "time range";
      case Bound::None:
        break;
    }
    return "";
  }

 private:
  std::unique_ptr<ResponseProducer> producer_;
  AnswerLimits limits_;
  TimeContext time_;
  ExpansionBudget budget_;
  XmlWriter writer_;
  std::size_t sent_ = 0;
  std::chrono::steady_clock::duration spent_{};
  bool complete_ = false;
  Bound passed_ = Bound::None;
};

}  // namespace

DavResponse multistatusAnswer(std::unique_ptr<ResponseProducer> producer, const AnswerLimits& limits,
                              const TimeContext& time) {
  const bool truncates = producer->truncatesInsteadOfRefusing();
  auto stream = std::make_shared<MultistatusStream>(std::move(producer), limits, time);
  std::string first;
  stream->produce(limits.streamAfterBytes, first);
  const Bound passed = stream->passed();
  if (passed != Bound::None && !truncates) {
    // Nothing has gone out yet: refuse the request as a whole.
    const std::string reason = MultistatusStream::description(passed);
    if (passed == Bound::Steps) return conditionResponse(403, ns::kCalDav, "max-instances", reason);
    return conditionResponse(403, ns::kDav, "number-of-matches-within-limits", reason);
  }
  DavResponse response = multistatusResponse(std::move(first));
  if (!stream->complete()) response.stream = std::move(stream);
  return response;
}

}  // namespace jadwal::caldav
