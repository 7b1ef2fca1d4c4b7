#include "workflow/request_service.h"

#include <Poco/Logger.h>

#include <algorithm>

#include "base/text.h"
#include "workflow/audit_note.h"
#include "workflow/calendar_follower.h"
#include "workflow/calendar_repair.h"
#include "workflow/conflict_guard.h"
#include "workflow/form_token.h"
#include "workflow/letter_text.h"
#include "workflow/request_calendar.h"
#include "workflow/request_corrections.h"
#include "workflow/request_validation.h"
#include "workflow/tracking_code.h"

namespace jadwal::workflow {

namespace {

constexpr const char* kRequester = "Pemohon";
constexpr std::size_t kMaxNote = limits::kNote;

// Held or not held can only be said once the activity has begun.
bool beforeItsStart(Action action, const sql::RequestRow& request, sql::Instant now) {
  return (action == Action::MarkHeld || action == Action::MarkNotHeld) && now < request.start;
}

Outcome failure(Outcome::Status status, std::string message, FieldErrors errors = {}) {
  Outcome outcome;
  outcome.status = status;
  outcome.message = std::move(message);
  outcome.errors = std::move(errors);
  return outcome;
}

Outcome success(sql::RequestRow request, bool repeated = false) {
  Outcome outcome;
  outcome.request = std::move(request);
  outcome.repeated = repeated;
  return outcome;
}

std::string displayNameOf(const caldav::Principal& user) {
  return user.displayName.empty() ? user.name : user.displayName;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The mail a requester gets after a decision, if any.
std::optional<Notice> noticeFor(Action action) {
  switch (action) {
    case Action::Return:
      return Notice::Returned;
    case Action::Approve:
      return Notice::Approved;
    case Action::Represent:
      return Notice::Represented;
    case Action::Reject:
      return Notice::Rejected;
    case Action::Cancel:
      return Notice::Cancelled;
    case Action::Reschedule:
      return Notice::Rescheduled;
    default:
      return std::nullopt;
  }
}

// Which calendar writes a transition calls for (see syncCalendar).
bool rewritesCalendar(Action action) {
  switch (action) {
    case Action::Resubmit:
    case Action::Approve:
    case Action::Represent:
    case Action::Reschedule:
    case Action::Cancel:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool Actor::isStaff() const { return user.role == sql::Role::ProtocolStaff || user.role == sql::Role::Admin; }

struct RequestService::Impl {
  sql::Store& store;
  Mailer& mailer;
  const Clock& clock;
  WorkflowConfig config;
  caldav::TimeContext time;  // the calendars' bounds, for the overlaps a decision asks about
  std::shared_ptr<RequestCalendar> calendar;
  std::shared_ptr<CalendarFollower> follower;

  Impl(sql::Store& s, caldav::CalendarService& calendars, Mailer& m, const Clock& c, WorkflowConfig cfg)
      : store(s),
        mailer(m),
        clock(c),
        config(cfg),
        time(calendars.time()),
        calendar(std::make_shared<RequestCalendar>(s, calendars, cfg)),
        follower(std::make_shared<CalendarFollower>(calendar, c, m)) {}

  // A requester's action taken with the tracking code, by `by` when a user was logged in.
  sql::AuditRow auditByCode(const std::optional<caldav::Principal>& by, std::string action) const {
    sql::AuditRow audit = auditBy(by, std::move(action));
    if (by) audit.actorName += " (dengan kode pelacakan)";
    return audit;
  }

  // No user acted (the server itself): a named value, since a temporary
  // std::nullopt here trips a false maybe-uninitialized warning in g++ 12.
  static inline const std::optional<caldav::Principal> kNoUser;

  sql::AuditRow auditBy(const std::optional<caldav::Principal>& user, std::string action) const {
    sql::AuditRow audit;
    audit.at = clock.now();
    if (user) {
      audit.actorId = user->id;
      audit.actorName = displayNameOf(*user);
    } else {
      audit.actorName = kRequester;
    }
    audit.action = std::move(action);
    return audit;
  }

  void mail(Notice notice, const sql::RequestRow& request) {
    if (request.email.empty()) return;
    mailer.enqueue(composeMail(notice, request, config, [this](const std::string& name) {
      auto user = store.findUser(name);
      return user ? user->displayName : std::string();
    }));
  }

  // One state change: compare-and-set with its audit row, then the calendar.
  // Returns nullopt when the version moved.
  std::optional<sql::RequestRow> commit(sql::RequestRow updated, sql::AuditRow audit, bool rewrite,
                                        const std::vector<sql::FileRef>& files = {}) {
    audit.requestId = updated.id;
    // Events a killed server left half-written are put right with this change.
    const bool outOfStep = store.requests().calendarStep(updated.id) != sql::CalendarStep::InStep;
    if (!store.requests().updateRequest(updated, audit, files)) return std::nullopt;
    if (outOfStep) {
      repairRequestCalendar(*calendar, updated.id, audit.at, true);
      return store.requests().findRequest(updated.id);
    }
    auto stored = store.requests().findRequest(updated.id);
    if (!stored) return std::nullopt;
    auto sync = syncCalendar(*calendar, *stored, rewrite);
    return recordCalendarSync(*calendar, sync, audit);
  }

  // Whether `user` is among the leaders a request concerns.
  static bool concerns(const sql::RequestRow& request, const std::string& user) {
    return contains(request.leadersAsked, user) || request.assignedLeader == user ||
           (!request.representativeUser.empty() && request.representativeUser == user);
  }

  std::vector<std::string> leadersServedBy(const caldav::Principal& aide) const {
    std::vector<std::string> names;
    for (auto id : store.leadersOfAide(aide.id))
      if (auto leader = store.findUserById(id)) names.push_back(leader->name);
    return names;
  }

  Outcome applyDecision(sql::RequestRow request, RequestState from, RequestState to, const Decision& decision,
                        const Actor& actor);

  // Events written before events were named by number carried the tracking
  // code; they are renamed once, at the first start that finds them. A
  // failure is logged and left for the next start: it must not stop the server.
  void renameCodeNamedEvents() {
    try {
      sql::RequestQuery query;
      query.limit = 200;
      for (;; query.offset += query.limit) {
        const auto page = store.requests().listRequests(query);
        for (const auto& row : page) {
          if (!hasCodeNamedEvents(row)) continue;
          sql::AuditRow audit = auditBy(kNoUser, "calendar-write");
          // Only renamed: a request left out of step stays so, for the repair.
          recordCalendarSync(*calendar, workflow::renameCodeNamedEvents(*calendar, row), audit, false);
        }
        if (static_cast<int>(page.size()) < query.limit) break;
      }
    } catch (const std::exception& e) {
      Poco::Logger::get("jadwal.workflow")
          .error(std::string("renaming events named after tracking codes: ") + e.what());
    }
  }
};

RequestService::RequestService(sql::Store& store, caldav::CalendarService& calendars, Mailer& mailer,
                               const Clock& clock, WorkflowConfig config)
    : impl_(std::make_unique<Impl>(store, calendars, mailer, clock, config)), config_(std::move(config)) {
  impl_->renameCodeNamedEvents();
}

RequestService::~RequestService() = default;

std::shared_ptr<caldav::CalendarObserver> RequestService::calendarObserver() { return impl_->follower; }

CalendarRepairSummary RequestService::repairCalendars(std::ostream& log) {
  return workflow::repairCalendars(*impl_->calendar, impl_->clock.now(), log);
}

Outcome RequestService::submit(const RequestForm& form, const std::vector<UploadedFile>& files,
                               const std::vector<KeptFile>& kept) {
  auto& requests = impl_->store.requests();
  FormTokenClaim token(requests, form.formToken);
  if (auto first = token.earlierRequest()) return success(std::move(*first), true);
  sql::RequestRow row;
  FieldErrors errors = validateFormFields(form, impl_->store, impl_->clock, config_, row);
  CheckedFiles checked = checkSubmissionFiles(files, kept, requests, config_, impl_->clock.now(), !errors.empty());
  errors.insert(checked.errors.begin(), checked.errors.end());
  if (!errors.empty()) {
    Outcome outcome = failure(Outcome::Status::Invalid, "", std::move(errors));
    outcome.keptFiles = std::move(checked.kept);
    return outcome;
  }

  // The words of the PDF files join the archive's index with the request;
  // read only now, not for a form that goes back.
  for (sql::FileRef& file : checked.files) {
    if (file.contentType != kPdfMediaType) continue;
    if (auto bytes = requests.blobBytes(file.sha256)) file.text = letterText(*bytes, config_.letterText);
  }

  const sql::Instant now = impl_->clock.now();
  if (auto first = token.claim(now, now - config_.formTokenKeepSeconds)) return success(std::move(*first), true);
  row.state = std::string(stateCode(RequestState::Submitted));
  sql::AuditRow audit = impl_->auditBy(std::nullopt, "submit");
  audit.toState = row.state;
  std::optional<sql::RequestRow> created;
  // 40 random bits rarely collide; when they do, draw again.
  for (int attempt = 0; attempt < 8 && !created; ++attempt) {
    row.code = newTrackingCode();
    created = requests.createRequest(row, checked.files, audit).created;  // unset: the code is taken
  }
  if (!created) throw sql::StoreError("no free tracking code after several attempts");
  token.madeRequest(created->id);

  auto sync = syncCalendar(*impl_->calendar, *created, true);
  sql::RequestRow stored = recordCalendarSync(*impl_->calendar, sync, audit);
  impl_->mail(Notice::Received, stored);
  return success(std::move(stored));
}

Outcome RequestService::withdraw(const std::string& code, const std::string& note,
                                 const std::optional<caldav::Principal>& by) {
  auto request = impl_->store.requests().findRequestByCode(code);
  if (!request) return failure(Outcome::Status::NotFound, "not_found");
  std::string text = base::trimmedCopy(note);
  if (text.size() > kMaxNote) return failure(Outcome::Status::Invalid, "", {{"catatan", "too_long"}});
  auto from = parseState(request->state);
  auto to = from ? nextState(*from, Action::Withdraw) : std::nullopt;
  if (!to) return failure(Outcome::Status::NotAllowed, "transition_not_allowed");
  sql::RequestRow updated = *request;
  updated.state = std::string(stateCode(*to));
  sql::AuditRow audit = impl_->auditByCode(by, std::string(actionCode(Action::Withdraw)));
  audit.fromState = request->state;
  audit.toState = updated.state;
  audit.note = text;
  auto stored = impl_->commit(updated, audit, false);
  if (!stored) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  return success(std::move(*stored));
}

Outcome RequestService::resubmit(const std::string& code, const UploadedFile& revisedLetter, const std::string& note,
                                 const std::optional<caldav::Principal>& by, const FieldCorrections& corrections) {
  auto& requests = impl_->store.requests();
  auto request = requests.findRequestByCode(code);
  if (!request) return failure(Outcome::Status::NotFound, "not_found");
  auto from = parseState(request->state);
  auto to = from ? nextState(*from, Action::Resubmit) : std::nullopt;
  if (!to) return failure(Outcome::Status::NotAllowed, "transition_not_allowed");
  if (auto refusal = revisionRefusal(requests.filesOf(request->id), impl_->clock.now(), config_))
    return failure(Outcome::Status::Invalid, "", {{"surat", *refusal}});
  std::string text = base::trimmedCopy(note);
  FieldErrors errors;
  if (text.size() > kMaxNote) errors.emplace("catatan", "too_long");
  // Fields staff asked about may be corrected (request_corrections.h); then the letter is optional.
  const auto asked = fieldsAskedToCorrect(requests.auditOf(request->id));
  AppliedCorrections corrected = applyCorrections(*request, asked, corrections, impl_->store, impl_->clock, config_);
  errors.insert(corrected.errors.begin(), corrected.errors.end());
  // The letter's bytes are stored with the update that attaches it: a
  // revision refused here, or by a version that moved, keeps nothing.
  const bool letterGiven = asked.empty() || !revisedLetter.bytes.empty() || !revisedLetter.fileName.empty();
  CheckedLetter letter = letterGiven ? checkRevisedLetter(revisedLetter, config_) : CheckedLetter{};
  if (letterGiven && !letter.file) errors.emplace("surat", letter.error);
  if (!errors.empty()) return failure(Outcome::Status::Invalid, "", std::move(errors));
  std::vector<sql::FileRef> files;
  if (letter.file) {
    letter.file->text = letterText(revisedLetter.bytes, config_.letterText);  // a revised letter is a PDF
    files.push_back(*letter.file);
  }

  sql::RequestRow updated = corrected.row;
  updated.state = std::string(stateCode(*to));
  sql::AuditRow audit = impl_->auditByCode(by, std::string(actionCode(Action::Resubmit)));
  audit.fromState = request->state;
  audit.toState = updated.state;
  audit.note = correctedNote(text, corrected.changes);
  auto stored = impl_->commit(updated, audit, true, files);
  if (!stored) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  return success(std::move(*stored));
}

bool RequestService::noteRequired(Action action) {
  return action == Action::Return || action == Action::Reject || action == Action::Cancel;
}

bool RequestService::actionOpen(const sql::RequestRow& request, Action action) const {
  const auto state = parseState(request.state);
  if (!state || !nextState(*state, action)) return false;
  return !beforeItsStart(action, request, impl_->clock.now());
}

bool RequestService::openVerifyingFirst(const sql::RequestRow& request, Action action) const {
  const auto state = parseState(request.state);
  return state == RequestState::Submitted && (action == Action::Approve || action == Action::Represent);
}

Outcome RequestService::decide(std::int64_t requestId, std::int64_t expectedVersion, const Decision& decision,
                               const Actor& actor) {
  if (!actor.isStaff()) return failure(Outcome::Status::Forbidden, "forbidden");
  auto request = impl_->store.requests().findRequest(requestId);
  if (!request) return failure(Outcome::Status::NotFound, "not_found");
  // The requester's own actions do not go through staff decisions.
  if (decision.action == Action::Resubmit || decision.action == Action::Withdraw)
    return failure(Outcome::Status::NotAllowed, "transition_not_allowed");
  // A decision taken on an outdated page is refused before anything else:
  // the state it was judged against may be gone.
  if (request->version != expectedVersion) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  auto from = parseState(request->state);
  auto to = from ? nextState(*from, decision.action) : std::nullopt;
  if (!to && decision.verifyFirst && openVerifyingFirst(*request, decision.action))
    to = nextState(RequestState::Verified, decision.action);
  if (!to) return failure(Outcome::Status::NotAllowed, "transition_not_allowed");
  return impl_->applyDecision(*request, *from, *to, decision, actor);
}

Outcome RequestService::Impl::applyDecision(sql::RequestRow request, RequestState from, RequestState to,
                                            const Decision& decision, const Actor& actor) {
  const Action action = decision.action;
  const std::string note = base::trimmedCopy(decision.note);
  FieldErrors errors;
  if (note.size() > kMaxNote) errors.emplace("catatan", "too_long");
  if (note.empty() && RequestService::noteRequired(action)) errors.emplace("catatan", "required");

  sql::RequestRow updated = request;
  updated.state = std::string(stateCode(to));

  if (action == Action::Approve || action == Action::Represent) {
    // Staff decide for any leader; by default the one already assigned or the first asked.
    std::string leader = base::trimmedCopy(decision.leader);
    if (leader.empty()) leader = request.assignedLeader;
    if (leader.empty() && !request.leadersAsked.empty()) leader = request.leadersAsked.front();
    auto user = leader.empty() ? std::nullopt : store.findUser(leader);
    if (!user || user->role != sql::Role::Leader || user->disabled)
      errors.emplace("pimpinan", leader.empty() ? "required" : "unknown_leader");
    updated.assignedLeader = leader;
  }
  if (action == Action::Approve) {
    // The leader attends: whoever represented them no longer does.
    updated.representativeUser.clear();
    updated.representativeName.clear();
    updated.representativePosition.clear();
  }
  if (action == Action::Represent) {
    std::string userName = base::trimmedCopy(decision.representativeUser);
    std::string name = base::trimmedCopy(decision.representativeName);
    std::string position = base::trimmedCopy(decision.representativePosition);
    updated.representativeUser.clear();
    if (!userName.empty()) {
      // "Represented by another official": a user who stands in is an
      // enabled leader, not the one represented. The event goes on their
      // agenda, so an aide, a viewer or a staff account would get a leader's
      // event (and a copy they could write) they have no business holding.
      auto user = store.findUser(userName);
      if (!user || user->disabled) {
        errors.emplace("wakil_user", "unknown_user");
      } else if (user->role != sql::Role::Leader) {
        errors.emplace("wakil_user", "not_an_official");
      } else if (user->name == updated.assignedLeader) {
        errors.emplace("wakil_user", "representative_is_leader");
      } else {
        updated.representativeUser = user->name;
        if (name.empty()) name = user->displayName.empty() ? user->name : user->displayName;
      }
    } else if (name.empty()) {
      errors.emplace("wakil_nama", "required");
    }
    if (name.size() > limits::kPersonName) errors.emplace("wakil_nama", "too_long");
    if (position.size() > limits::kPersonName) errors.emplace("wakil_jabatan", "too_long");
    updated.representativeName = name;
    updated.representativePosition = position;
  }
  bool moved = false;
  if (action == Action::Approve || action == Action::Represent || action == Action::Reschedule) {
    FieldErrors timeErrors = applyScheduleChange(decision.date, decision.startTime, decision.endTime,
                                                 decision.untilDone, decision.venue, config, updated, moved);
    errors.insert(timeErrors.begin(), timeErrors.end());
    if (action == Action::Reschedule && timeErrors.empty() && !moved) errors.emplace("tanggal", "nothing_changed");
  }
  if (beforeItsStart(action, request, clock.now())) errors.emplace("aksi", "not_yet_held");
  if (!errors.empty()) return failure(Outcome::Status::Invalid, "", std::move(errors));

  if (action == Action::Return || action == Action::Reject || action == Action::Cancel || action == Action::Approve ||
      action == Action::Represent || action == Action::Reschedule)
    updated.decisionNote = note;

  // Booking a leader into a taken slot is asked first (conflict_guard.h).
  const auto overlaps = confirmedOverlaps(store, time, config, updated, bookedUser(action, updated));
  if (!overlaps.empty() && !decision.conflictsConfirmed) return needsConfirmation(overlaps);

  sql::AuditRow audit = auditBy(actor.user, std::string(actionCode(action)));
  audit.fromState = std::string(stateCode(from));
  audit.toState = updated.state;
  audit.note = action == Action::Return ? correctionAskedNote(note, decision.fieldsToCorrect) : note;
  auto stored = commit(updated, audit, rewritesCalendar(action));
  if (!stored) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  if (!overlaps.empty()) recordConfirmedOverlaps(store, *stored, auditBy(actor.user, ""), overlaps);
  if (auto notice = noticeFor(action)) mail(*notice, *stored);
  return success(std::move(*stored));
}

Outcome RequestService::setDisposition(std::int64_t requestId, const std::string& leader, const std::string& choice,
                                       const std::string& representative, const std::string& note, const Actor& actor,
                                       bool conflictsConfirmed) {
  auto request = impl_->store.requests().findRequest(requestId);
  if (!request) return failure(Outcome::Status::NotFound, "not_found");
  auto leaderUser = impl_->store.findUser(leader);
  if (!leaderUser || !(contains(request->leadersAsked, leader) || request->assignedLeader == leader))
    return failure(Outcome::Status::Invalid, "", {{"pimpinan", "unknown_leader"}});
  bool allowed = actor.isStaff() || actor.user.name == leader;
  if (!allowed && actor.user.role == sql::Role::Aide) allowed = contains(impl_->leadersServedBy(actor.user), leader);
  if (!allowed) return failure(Outcome::Status::Forbidden, "forbidden");
  auto state = parseState(request->state);
  if (!state || isFinal(*state)) return failure(Outcome::Status::NotAllowed, "transition_not_allowed");

  FieldErrors errors;
  if (choice != "hadir" && choice != "diwakilkan" && choice != "tidak_hadir")
    errors.emplace("pilihan", "invalid_choice");
  std::string named = base::trimmedCopy(representative);
  if (choice == "diwakilkan" && named.empty()) errors.emplace("wakil", "required");
  if (named.size() > limits::kPersonName) errors.emplace("wakil", "too_long");
  std::string text = base::trimmedCopy(note);
  if (text.size() > kMaxNote) errors.emplace("catatan", "too_long");
  if (!errors.empty()) return failure(Outcome::Status::Invalid, "", std::move(errors));
  // A leader who accepts into a taken slot is asked first, as staff are.
  const auto overlaps = choice == "hadir" ? confirmedOverlaps(impl_->store, impl_->time, config_, *request, leader)
                                          : std::vector<ConflictingEvent>{};
  if (!overlaps.empty() && !conflictsConfirmed) return needsConfirmation(overlaps);

  sql::DispositionRow disposition;
  disposition.requestId = request->id;
  disposition.leaderId = leaderUser->id;
  disposition.choice = choice;
  disposition.representative = choice == "diwakilkan" ? named : "";
  disposition.note = text;
  disposition.byUserId = actor.user.id;
  disposition.at = impl_->clock.now();
  sql::AuditRow audit = impl_->auditBy(actor.user, "disposition");
  audit.requestId = request->id;
  audit.fromState = audit.toState = request->state;
  audit.note = encodeAuditNote(
      {"disposition",
       {{"leader", leader}, {"choice", choice}, {"representative", disposition.representative}, {"note", text}}});
  if (!overlaps.empty()) audit.note = withConfirmedOverlaps(impl_->store, audit.note, overlaps);
  impl_->store.requests().setDisposition(disposition, audit);
  auto stored = impl_->store.requests().findRequest(request->id);
  return success(stored ? *stored : *request);
}

Outcome RequestService::editAgendaDetails(std::int64_t requestId, std::int64_t expectedVersion,
                                          const AgendaDetails& details, const Actor& actor) {
  if (!actor.isStaff()) return failure(Outcome::Status::Forbidden, "forbidden");
  auto request = impl_->store.requests().findRequest(requestId);
  if (!request) return failure(Outcome::Status::NotFound, "not_found");
  if (request->version != expectedVersion) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  // An ended request's events are a record: what it showed then stays.
  auto state = parseState(request->state);
  if (!state || isFinal(*state)) return failure(Outcome::Status::NotAllowed, "transition_not_allowed");
  sql::RequestRow updated = *request;
  FieldErrors errors = checkAgendaDetails(details, updated);
  if (!errors.empty()) return failure(Outcome::Status::Invalid, "", std::move(errors));
  if (updated.dressCode == request->dressCode && updated.leaderRole == request->leaderRole &&
      updated.contactPerson == request->contactPerson && updated.published == request->published)
    return success(*request);  // nothing to write, nothing to audit

  sql::AuditRow audit = impl_->auditBy(actor.user, "edit-details");
  audit.fromState = audit.toState = request->state;
  audit.note = agendaDetailsNote(updated.dressCode, updated.leaderRole, updated.contactPerson, updated.published);
  auto stored = impl_->commit(updated, audit, true);
  if (!stored) return failure(Outcome::Status::Conflict, "changed_meanwhile");
  return success(std::move(*stored));
}

bool RequestService::maySee(const sql::RequestRow& request, const Actor& actor) const {
  switch (actor.user.role) {
    case sql::Role::Admin:
    case sql::Role::ProtocolStaff:
      return true;
    case sql::Role::Leader:
      return Impl::concerns(request, actor.user.name);
    case sql::Role::Aide:
      for (const auto& leader : impl_->leadersServedBy(actor.user))
        if (Impl::concerns(request, leader)) return true;
      return false;
    case sql::Role::Viewer:
      break;
  }
  return false;
}

bool RequestService::mayOpenFile(const sql::FileRow& file, const Actor& actor) const {
  if (actor.isStaff()) return true;
  auto request = impl_->store.requests().findRequest(file.requestId);
  return request && maySee(*request, actor);
}

}  // namespace jadwal::workflow
