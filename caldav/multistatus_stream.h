#pragma once
// Multistatus answers produced one response at a time, within bounds on the
// whole answer: recurrence steps, bytes and working time. A report over many
// objects multiplies every per-object bound, so the answer needs its own.
//
// The first part of an answer is built in memory. If the answer ends there,
// it goes out whole, and a bound passed on the way is answered as a 403 with
// the CalDAV precondition (CALDAV:max-instances for recurrence steps,
// DAV:number-of-matches-within-limits for bytes and time). A longer answer
// is streamed: the HTTP layer pulls it as the client reads, and a bound
// passed then ends it with a 507 response for the request-URI carrying
// DAV:number-of-matches-within-limits (RFC 5323 section 2.3.1, as RFC 6578
// section 3.6 does for sync-collection), so the client knows it is partial.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "caldav/dav.h"
#include "caldav/xml.h"

namespace jadwal::caldav {

// Writes the <D:response> elements of one answer, a few at a time. It owns
// everything it reads (request, parsed body, resource), since it runs on
// after the request handler returned.
class ResponseProducer {
 public:
  virtual ~ResponseProducer() = default;
  // Writes the next response(s) into `out`, expanding recurrences with
  // `time` (whose budget counts the answer's steps). Returns false when
  // nothing is left.
  virtual bool writeNext(XmlWriter& out, const TimeContext& time) = 0;
  // Writes what follows the responses inside <D:multistatus>; `truncated`
  // when a bound ended the answer early.
  virtual void writeEnd(XmlWriter& /*out*/, bool /*truncated*/) {}
  // Whether a bound passed before the answer went out is still answered
  // with what was produced (and a 507 response) rather than a 403: a sync
  // must be able to go on from where it was cut.
  virtual bool truncatesInsteadOfRefusing() const { return false; }
  // The href of the 507 response that marks a truncated answer.
  virtual std::string requestHref() const = 0;
};

// Produces the answer of `producer` within `limits` (see above).
DavResponse multistatusAnswer(std::unique_ptr<ResponseProducer> producer, const AnswerLimits& limits,
                              const TimeContext& time);

}  // namespace jadwal::caldav
