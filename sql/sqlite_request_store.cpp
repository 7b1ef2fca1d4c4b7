#include "sql/sqlite_request_store.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <map>
#include <utility>

#include "sql/sqlite_audit.h"
#include "sql/sqlite_blobs.h"
#include "sql/sqlite_like.h"
#include "sql/sqlite_rows.h"
#include "sql/sqlite_transaction.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::AbstractBinding;
using Poco::Data::Session;
using Poco::Data::Statement;

// --- the columns of a request ---

// Columns read and written as they are; `code` is first because updates
// skip it (a tracking code, once given, never changes).
struct TextColumn {
  const char* name;
  std::string RequestRow::*field;
};
const TextColumn kTextColumns[] = {
    {"code", &RequestRow::code},
    {"state", &RequestRow::state},
    {"requester_name", &RequestRow::requesterName},
    {"requester_position", &RequestRow::requesterPosition},
    {"institution", &RequestRow::institution},
    {"whatsapp", &RequestRow::whatsapp},
    {"email", &RequestRow::email},
    {"language", &RequestRow::language},
    {"letter_number", &RequestRow::letterNumber},
    {"letter_date", &RequestRow::letterDate},
    {"subject", &RequestRow::subject},
    {"letter_type", &RequestRow::letterType},
    {"event_name", &RequestRow::eventName},
    {"venue", &RequestRow::venue},
    {"address", &RequestRow::address},
    {"dress_code", &RequestRow::dressCode},
    {"leader_role", &RequestRow::leaderRole},
    {"other_invitees", &RequestRow::otherInvitees},
    {"contact_person", &RequestRow::contactPerson},
    {"assigned_leader", &RequestRow::assignedLeader},
    {"representative_user", &RequestRow::representativeUser},
    {"representative_name", &RequestRow::representativeName},
    {"representative_position", &RequestRow::representativePosition},
    {"decision_note", &RequestRow::decisionNote},
    {"hold_object_name", &RequestRow::holdObjectName},
    {"event_object_name", &RequestRow::eventObjectName},
    {"representative_object_name", &RequestRow::representativeObjectName},
};
constexpr std::size_t kTextCount = std::size(kTextColumns);

// Integer columns the caller writes (id, version and the timestamps are
// the store's).
struct IntColumn {
  const char* name;
  std::int64_t RequestRow::*field;
};
const IntColumn kIntColumns[] = {
    {"start_at", &RequestRow::start},
    {"hold_calendar_id", &RequestRow::holdCalendarId},
    {"event_calendar_id", &RequestRow::eventCalendarId},
    {"representative_calendar_id", &RequestRow::representativeCalendarId},
};
constexpr std::size_t kIntCount = std::size(kIntColumns);

// The published choice as bound: 1, 0, or -1 for none (NULLIF makes it NULL).
int publishedColumn(const RequestRow& row) { return row.published ? (*row.published ? 1 : 0) : -1; }

// Every request column, read in bulk into one vector per column.
struct RequestRows {
  std::vector<std::int64_t> id, version, createdAt, updatedAt, endAt, hasEnd, representativeAccepted, published;
  std::vector<std::vector<std::int64_t>> ints = std::vector<std::vector<std::int64_t>>(kIntCount);
  std::vector<std::vector<std::string>> texts = std::vector<std::vector<std::string>>(kTextCount);

  static std::string select() {
    std::string sql =
        "SELECT r.id, r.version, r.created_at, r.updated_at, COALESCE(r.end_at, 0), r.end_at IS NOT NULL, "
        "r.representative_accepted, COALESCE(r.published, -1)";
    for (const IntColumn& column : kIntColumns) sql += std::string(", r.") + column.name;
    for (const TextColumn& column : kTextColumns) sql += std::string(", r.") + column.name;
    return sql + " FROM requests r ";
  }

  void into(Statement& st) {
    using Poco::Data::Keywords::into;
    st, into(id), into(version), into(createdAt), into(updatedAt), into(endAt), into(hasEnd),
        into(representativeAccepted), into(published);
    for (auto& column : ints) st, into(column);
    for (auto& column : texts) st, into(column);
  }

  std::vector<RequestRow> take() {
    std::vector<RequestRow> rows(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      RequestRow& r = rows[i];
      r.id = id[i];
      r.version = version[i];
      r.createdAt = createdAt[i];
      r.updatedAt = updatedAt[i];
      if (hasEnd[i] != 0) r.end = endAt[i];
      r.representativeAccepted = representativeAccepted[i] != 0;
      if (published[i] >= 0) r.published = published[i] != 0;  // -1: NULL, not chosen
      for (std::size_t c = 0; c < kIntCount; ++c) r.*kIntColumns[c].field = ints[c][i];
      for (std::size_t c = 0; c < kTextCount; ++c) r.*kTextColumns[c].field = std::move(texts[c][i]);
    }
    return rows;
  }
};

// Fills leadersAsked of every row, in the order they were asked.
void loadLeaders(Session& s, std::vector<RequestRow>& rows) {
  if (rows.empty()) return;
  std::string ids;
  std::map<std::int64_t, RequestRow*> byId;
  for (RequestRow& row : rows) {
    if (!ids.empty()) ids += ',';
    ids += std::to_string(row.id);  // integers: safe to write into the SQL
    byId[row.id] = &row;
  }
  std::vector<std::int64_t> requestId;
  std::vector<std::string> leader;
  s << "SELECT request_id, leader FROM request_leaders WHERE request_id IN (" + ids + ") ORDER BY request_id, position",
      into(requestId), into(leader), now;
  for (std::size_t i = 0; i < requestId.size(); ++i) byId[requestId[i]]->leadersAsked.push_back(std::move(leader[i]));
}

std::vector<RequestRow> requestsWhere(Session& s, const std::string& clause,
                                      const std::vector<AbstractBinding::Ptr>& bindings) {
  RequestRows columns;
  Statement st(s);
  st << RequestRows::select() << clause;
  columns.into(st);
  for (const auto& binding : bindings) st, binding;
  st.execute();
  std::vector<RequestRow> rows = columns.take();
  loadLeaders(s, rows);
  return rows;
}

void writeLeaders(Session& s, std::int64_t requestId, const std::vector<std::string>& leaders) {
  s << "DELETE FROM request_leaders WHERE request_id = ?", bind(requestId), now;
  std::int64_t position = 0;
  for (const std::string& leader : leaders) {
    if (leader.empty()) continue;
    // A leader named twice is asked once.
    s << "INSERT INTO request_leaders (request_id, position, leader) VALUES (?, ?, ?) "
         "ON CONFLICT (request_id, leader) DO NOTHING",
        bind(requestId), bind(position++), useRef(leader), now;
  }
}

}  // namespace

// Also used by the calendar-step methods (sqlite_calendar_step.cpp).
void insertAudit(Session& s, std::int64_t requestId, const AuditRow& audit) {
  const int hasActor = audit.actorId ? 1 : 0;
  const std::int64_t actorId = audit.actorId.value_or(0);
  s << "INSERT INTO audit (request_id, at, actor_id, actor_name, action, from_state, to_state, note) "
       "VALUES (?, ?, CASE WHEN ? THEN ? END, ?, ?, ?, ?, ?)",
      bind(requestId), bind(audit.at), bind(hasActor), bind(actorId), useRef(audit.actorName), useRef(audit.action),
      useRef(audit.fromState), useRef(audit.toState), useRef(audit.note), now;
}

namespace {

// Stores the content a file brings, in the caller's transaction. Throws
// StoreError, so that the transaction rolls back, if a file's content was
// never stored.
void attachFiles(Session& s, std::int64_t requestId, const std::vector<FileRef>& files, Instant at) {
  for (const FileRef& file : files) {
    const std::string sha256 = file.content ? storeBlob(s, *file.content, at) : file.sha256;
    std::vector<std::int64_t> size;
    s << "SELECT size FROM blobs WHERE sha256 = ?", into(size), useRef(sha256), now;
    if (size.empty()) throw StoreError("the content of \"" + file.name + "\" (" + sha256 + ") was never stored");
    s << "INSERT INTO request_files (request_id, kind, name, content_type, sha256, size, uploaded_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)",
        bind(requestId), useRef(file.kind), useRef(file.name), useRef(file.contentType), useRef(sha256),
        bind(size.front()), bind(at), now;
    // The index of the archive follows by trigger; a file without words
    // gets no row, so that a letter never read is read later.
    if (!file.text.empty()) {
      s << "INSERT INTO request_file_texts (file_id, text) VALUES (last_insert_rowid(), ?)", useRef(file.text), now;
    }
  }
}

// The WHERE clause of a query with its bindings, in placeholder order.
struct RequestFilter {
  std::string clause;
  std::vector<AbstractBinding::Ptr> bindings;
};

RequestFilter filterOf(const RequestQuery& query) {
  std::vector<std::string> conditions;
  RequestFilter filter;
  if (!query.states.empty()) {
    std::string placeholders;
    for (const std::string& state : query.states) {
      placeholders += placeholders.empty() ? "?" : ", ?";
      filter.bindings.push_back(bind(state));
    }
    conditions.push_back("r.state IN (" + placeholders + ")");
  }
  if (!query.text.empty()) {
    static const char* const kSearched[] = {"code",    "requester_name", "institution",
                                            "subject", "event_name",     "letter_number"};
    std::string any;
    const std::string pattern = likeContaining(query.text);
    for (const char* column : kSearched) {
      if (column == std::string_view("code") && !query.matchCode) continue;
      if (!any.empty()) any += " OR ";
      any += std::string("r.") + column + " LIKE ? ESCAPE '\\'";
      filter.bindings.push_back(bind(pattern));
    }
    conditions.push_back("(" + any + ")");
  }
  if (!query.leader.empty()) {
    conditions.push_back(
        "(r.assigned_leader = ? OR EXISTS (SELECT 1 FROM request_leaders l WHERE l.request_id = r.id AND l.leader = "
        "?))");
    filter.bindings.push_back(bind(query.leader));
    filter.bindings.push_back(bind(query.leader));
  }
  if (query.from) {
    conditions.push_back("r.start_at >= ?");
    filter.bindings.push_back(bind(*query.from));
  }
  if (query.to) {
    conditions.push_back("r.start_at < ?");
    filter.bindings.push_back(bind(*query.to));
  }
  if (query.createdFrom) {
    conditions.push_back("r.created_at >= ?");
    filter.bindings.push_back(bind(*query.createdFrom));
  }
  if (query.createdTo) {
    conditions.push_back("r.created_at < ?");
    filter.bindings.push_back(bind(*query.createdTo));
  }
  for (const std::string& condition : conditions) {
    filter.clause += filter.clause.empty() ? "WHERE " : " AND ";
    filter.clause += condition;
  }
  return filter;
}

std::vector<FileRow> filesWhere(Session& s, const std::string& clause, std::int64_t value) {
  std::vector<std::int64_t> id, requestId, size, uploadedAt;
  std::vector<std::string> kind, name, contentType, sha256;
  s << "SELECT id, request_id, kind, name, content_type, sha256, size, uploaded_at FROM request_files " + clause,
      into(id), into(requestId), into(kind), into(name), into(contentType), into(sha256), into(size), into(uploadedAt),
      bind(value), now;
  std::vector<FileRow> files(id.size());
  for (std::size_t i = 0; i < id.size(); ++i) {
    FileRow& f = files[i];
    f.id = id[i];
    f.requestId = requestId[i];
    f.kind = std::move(kind[i]);
    f.name = std::move(name[i]);
    f.contentType = std::move(contentType[i]);
    f.sha256 = std::move(sha256[i]);
    f.size = size[i];
    f.uploadedAt = uploadedAt[i];
  }
  return files;
}

}  // namespace

// --- requests ---

CreateResult<RequestRow> SqliteRequestStore::createRequest(const RequestRow& row, const std::vector<FileRef>& files,
                                                           const AuditRow& audit) {
  if (row.code.empty()) throw StoreError("a request needs a tracking code");
  return guarded("createRequest", [&]() -> CreateResult<RequestRow> {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    std::vector<std::int64_t> taken;
    s << "SELECT id FROM requests WHERE code = ?", into(taken), useRef(row.code), now;
    if (!taken.empty()) return {CreateStatus::Exists, std::nullopt};

    RequestRow created = row;
    created.version = 1;
    created.createdAt = created.updatedAt = audit.at;

    // A new request has no events yet: its calendar is out of step until the workflow writes them.
    std::string columns =
        "version, calendar_pending, created_at, updated_at, representative_accepted, published, end_at";
    std::string values = "?, 1, ?, ?, ?, NULLIF(?, -1), CASE WHEN ? THEN ? END";
    for (const IntColumn& column : kIntColumns) {
      columns += std::string(", ") + column.name;
      values += ", ?";
    }
    for (const TextColumn& column : kTextColumns) {
      columns += std::string(", ") + column.name;
      values += ", ?";
    }
    Statement st(s);
    st << "INSERT INTO requests (" << columns << ") VALUES (" << values << ")";
    st, bind(created.version), bind(created.createdAt), bind(created.updatedAt),
        bind(created.representativeAccepted ? 1 : 0), bind(publishedColumn(created)), bind(created.end ? 1 : 0),
        bind(created.end.value_or(0));
    for (const IntColumn& column : kIntColumns) st, useRef(created.*column.field);
    for (const TextColumn& column : kTextColumns) st, useRef(created.*column.field);
    st.execute();
    s << "SELECT last_insert_rowid()", into(created.id), now;

    writeLeaders(s, created.id, created.leadersAsked);
    attachFiles(s, created.id, files, audit.at);
    insertAudit(s, created.id, audit);
    tx.commit();
    return {CreateStatus::Created, std::move(created)};
  });
}

std::optional<RequestRow> SqliteRequestStore::findRequest(std::int64_t id) {
  return guarded("findRequest", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    return first(requestsWhere(snapshot.session(), "WHERE r.id = ?", {bind(id)}));
  });
}

std::optional<RequestRow> SqliteRequestStore::findRequestByCode(std::string_view code) {
  return guarded("findRequestByCode", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    return first(requestsWhere(snapshot.session(), "WHERE r.code = ?", {bind(std::string(code))}));
  });
}

std::optional<RequestRow> SqliteRequestStore::findRequestByObject(std::int64_t calendarId,
                                                                  std::string_view objectName) {
  // Calendar id 0 and an empty name mean "none" in a row: they find nothing.
  if (calendarId == 0 || objectName.empty()) return std::nullopt;
  return guarded("findRequestByObject", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    const std::string name(objectName);
    return first(
        requestsWhere(snapshot.session(),
                      "WHERE (r.hold_calendar_id = ? AND r.hold_object_name = ?) "
                      "OR (r.event_calendar_id = ? AND r.event_object_name = ?) "
                      "OR (r.representative_calendar_id = ? AND r.representative_object_name = ?) "
                      "ORDER BY r.id LIMIT 1",
                      {bind(calendarId), bind(name), bind(calendarId), bind(name), bind(calendarId), bind(name)}));
  });
}

std::vector<RequestRow> SqliteRequestStore::requestsLinkingCalendar(std::int64_t calendarId, std::int64_t after,
                                                                    int limit) {
  if (calendarId == 0) return {};  // 0 means "no calendar" in a row
  return guarded("requestsLinkingCalendar", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    // One query per link, each on its index; merged by id.
    return requestsWhere(
        snapshot.session(),
        "WHERE r.id > ? AND r.id IN (SELECT id FROM requests WHERE hold_calendar_id = ? "
        "UNION SELECT id FROM requests WHERE event_calendar_id = ? "
        "UNION SELECT id FROM requests WHERE representative_calendar_id = ?) ORDER BY r.id LIMIT ?",
        {bind(after), bind(calendarId), bind(calendarId), bind(calendarId), bind(static_cast<std::int64_t>(limit))});
  });
}

namespace {

// ORDER BY of listRequests: the key, then the id, both in the asked direction.
std::string orderOf(const RequestQuery& query) {
  using Order = RequestQuery::Order;
  const std::string direction = query.ascending ? " ASC" : " DESC";
  std::string key;
  switch (query.order) {
    case Order::Received:
      key = "r.created_at";
      break;
    case Order::Activity:
      key = "r.start_at";
      break;
    case Order::Leader:
      key =
          "(SELECT lower(COALESCE(NULLIF(u.display_name, ''), l.leader)) FROM request_leaders l LEFT JOIN users u "
          "ON u.name = l.leader WHERE l.request_id = r.id ORDER BY l.position LIMIT 1)";
      break;
    case Order::Institution:
      key = "lower(r.institution)";
      break;
    case Order::State:
      key = "r.state";
      break;
  }
  return " ORDER BY " + key + direction + ", r.id" + direction;
}

}  // namespace

std::vector<RequestRow> SqliteRequestStore::listRequests(const RequestQuery& query) {
  return guarded("listRequests", [&] {
    auto lease = pool_.acquire();
    SqliteReadSnapshot snapshot(lease);
    RequestFilter filter = filterOf(query);
    filter.bindings.push_back(bind(static_cast<std::int64_t>(query.limit)));
    filter.bindings.push_back(bind(static_cast<std::int64_t>(std::max(query.offset, 0))));
    return requestsWhere(snapshot.session(), filter.clause + orderOf(query) + " LIMIT ? OFFSET ?", filter.bindings);
  });
}

std::int64_t SqliteRequestStore::countRequests(const RequestQuery& query) {
  return guarded("countRequests", [&] {
    auto lease = pool_.acquire();
    const RequestFilter filter = filterOf(query);
    std::int64_t count = 0;
    Statement st(lease.session());
    st << "SELECT COUNT(*) FROM requests r " << filter.clause, into(count);
    for (const auto& binding : filter.bindings) st, binding;
    st.execute();
    return count;
  });
}

bool SqliteRequestStore::updateRequest(const RequestRow& row, const AuditRow& audit,
                                       const std::vector<FileRef>& files) {
  return guarded("updateRequest", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    // Marks the calendar out of step in the same transaction (CalendarStep).
    std::string assignments =
        "version = version + 1, calendar_pending = 1, updated_at = ?, representative_accepted = ?, published = "
        "NULLIF(?, -1), "
        "end_at = CASE WHEN ? THEN ? END";
    for (const IntColumn& column : kIntColumns) assignments += std::string(", ") + column.name + " = ?";
    // Skips the code: it identifies the request to its requester for good.
    for (std::size_t c = 1; c < kTextCount; ++c) assignments += std::string(", ") + kTextColumns[c].name + " = ?";

    Statement st(s);
    st << "UPDATE requests SET " << assignments << " WHERE id = ? AND version = ?";
    st, bind(audit.at), bind(row.representativeAccepted ? 1 : 0), bind(publishedColumn(row)), bind(row.end ? 1 : 0),
        bind(row.end.value_or(0));
    for (const IntColumn& column : kIntColumns) st, useRef(row.*column.field);
    for (std::size_t c = 1; c < kTextCount; ++c) st, useRef(row.*kTextColumns[c].field);
    st, bind(row.id), bind(row.version);
    if (st.execute() == 0) return false;  // moved on, or gone: the destructor rolls back

    writeLeaders(s, row.id, row.leadersAsked);
    attachFiles(s, row.id, files, audit.at);
    insertAudit(s, row.id, audit);
    tx.commit();
    return true;
  });
}

std::vector<FileRow> SqliteRequestStore::filesOf(std::int64_t requestId) {
  return guarded("filesOf", [&] {
    auto lease = pool_.acquire();
    return filesWhere(lease.session(), "WHERE request_id = ? ORDER BY id", requestId);
  });
}

std::optional<FileRow> SqliteRequestStore::findFile(std::int64_t fileId) {
  return guarded("findFile", [&] {
    auto lease = pool_.acquire();
    return first(filesWhere(lease.session(), "WHERE id = ?", fileId));
  });
}

std::vector<AuditRow> SqliteRequestStore::auditOf(std::int64_t requestId) {
  return guarded("auditOf", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> id, at, actorId, hasActor;
    std::vector<std::string> actorName, action, fromState, toState, note;
    lease.session() << "SELECT id, at, COALESCE(actor_id, 0), actor_id IS NOT NULL, actor_name, action, from_state, "
                       "to_state, note FROM audit WHERE request_id = ? ORDER BY id",
        into(id), into(at), into(actorId), into(hasActor), into(actorName), into(action), into(fromState),
        into(toState), into(note), bind(requestId), now;
    std::vector<AuditRow> rows(id.size());
    for (std::size_t i = 0; i < id.size(); ++i) {
      AuditRow& a = rows[i];
      a.id = id[i];
      a.requestId = requestId;
      a.at = at[i];
      if (hasActor[i] != 0) a.actorId = actorId[i];
      a.actorName = std::move(actorName[i]);
      a.action = std::move(action[i]);
      a.fromState = std::move(fromState[i]);
      a.toState = std::move(toState[i]);
      a.note = std::move(note[i]);
    }
    return rows;
  });
}

// --- dispositions ---

void SqliteRequestStore::setDisposition(const DispositionRow& disposition, const AuditRow& audit) {
  guarded("setDisposition", [&] {
    SqliteWriteTransaction tx(pool_, writers_);
    Session& s = tx.session();
    const int hasBy = disposition.byUserId ? 1 : 0;
    const std::int64_t byUserId = disposition.byUserId.value_or(0);
    s << "INSERT INTO dispositions (request_id, leader_id, choice, representative, note, by_user_id, at) "
         "VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN ? END, ?) "
         "ON CONFLICT (request_id, leader_id) DO UPDATE SET choice = excluded.choice, "
         "representative = excluded.representative, note = excluded.note, by_user_id = excluded.by_user_id, "
         "at = excluded.at",
        bind(disposition.requestId), bind(disposition.leaderId), useRef(disposition.choice),
        useRef(disposition.representative), useRef(disposition.note), bind(hasBy), bind(byUserId), bind(disposition.at),
        now;
    insertAudit(s, disposition.requestId, audit);
    tx.commit();
  });
}

std::vector<DispositionRow> SqliteRequestStore::dispositionsOf(std::int64_t requestId) {
  return guarded("dispositionsOf", [&] {
    auto lease = pool_.acquire();
    std::vector<std::int64_t> leaderId, byUserId, hasBy, at;
    std::vector<std::string> choice, representative, note;
    lease.session() << "SELECT leader_id, choice, representative, note, COALESCE(by_user_id, 0), "
                       "by_user_id IS NOT NULL, at FROM dispositions WHERE request_id = ? ORDER BY leader_id",
        into(leaderId), into(choice), into(representative), into(note), into(byUserId), into(hasBy), into(at),
        bind(requestId), now;
    std::vector<DispositionRow> rows(leaderId.size());
    for (std::size_t i = 0; i < leaderId.size(); ++i) {
      DispositionRow& d = rows[i];
      d.requestId = requestId;
      d.leaderId = leaderId[i];
      d.choice = std::move(choice[i]);
      d.representative = std::move(representative[i]);
      d.note = std::move(note[i]);
      if (hasBy[i] != 0) d.byUserId = byUserId[i];
      d.at = at[i];
    }
    return rows;
  });
}

}  // namespace jadwal::sql
