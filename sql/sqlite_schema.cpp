#include "sql/sqlite_schema.h"

#include <Poco/Data/Statement.h>

#include <string>
#include <vector>

#include "sql/store.h"

namespace jadwal::sql {

namespace {

using namespace Poco::Data::Keywords;

struct Migration {
  int version;
  std::vector<const char*> statements;  // one SQL statement each, run in order
};

// Whether a request's calendar events show it (CalendarStep in
// request_store.h): 0 in step, 1 the request changed, 2 an event it links was
// written or deleted. Requests of older files are taken to be in step.
std::vector<const char*> calendarStepMigration() {
  return {
      "ALTER TABLE requests ADD COLUMN calendar_pending INTEGER NOT NULL DEFAULT 0",
      // The few out of step, found at start without reading every request.
      "CREATE INDEX requests_out_of_step ON requests (id) WHERE calendar_pending != 0",
      // Any write of a linked object marks its request, in the object's own
      // transaction: whoever writes (a client, the workflow), a server killed
      // before the workflow followed the change finds it at its next start.
      R"(CREATE TRIGGER objects_insert_marks_request AFTER INSERT ON objects BEGIN
           UPDATE requests SET calendar_pending = 2 WHERE calendar_pending = 0 AND (
             (hold_calendar_id = NEW.calendar_id AND hold_object_name = NEW.name) OR
             (event_calendar_id = NEW.calendar_id AND event_object_name = NEW.name) OR
             (representative_calendar_id = NEW.calendar_id AND representative_object_name = NEW.name));
         END)",
      R"(CREATE TRIGGER objects_update_marks_request AFTER UPDATE ON objects BEGIN
           UPDATE requests SET calendar_pending = 2 WHERE calendar_pending = 0 AND (
             (hold_calendar_id = NEW.calendar_id AND hold_object_name = NEW.name) OR
             (event_calendar_id = NEW.calendar_id AND event_object_name = NEW.name) OR
             (representative_calendar_id = NEW.calendar_id AND representative_object_name = NEW.name));
         END)",
      R"(CREATE TRIGGER objects_delete_marks_request AFTER DELETE ON objects BEGIN
           UPDATE requests SET calendar_pending = 2 WHERE calendar_pending = 0 AND (
             (hold_calendar_id = OLD.calendar_id AND hold_object_name = OLD.name) OR
             (event_calendar_id = OLD.calendar_id AND event_object_name = OLD.name) OR
             (representative_calendar_id = OLD.calendar_id AND representative_object_name = OLD.name));
         END)",
  };
}

// The archive's full-text index (sql/archive_search.h): one row per
// request, kept by triggers in the transaction of every write that changes
// what it holds, whoever writes. The letters' words are kept per file (a
// PDF without a row has not been read yet: an older file, or an import).
std::vector<const char*> archiveSearchMigration() {
  return {
      R"(CREATE TABLE request_file_texts (
           file_id INTEGER PRIMARY KEY REFERENCES request_files(id) ON DELETE CASCADE,
           text TEXT NOT NULL))",
      // Case and accents folded ("Désa" is "desa"); the column order is
      // the one sqlite_archive_search.cpp weighs and names.
      R"(CREATE VIRTUAL TABLE archive_search USING fts5 (
           event_name, subject, institution, requester, letter_number, venue, address, other_invitees,
           contact_person, decision_note, representative, letters,
           tokenize = 'unicode61 remove_diacritics 2'))",
      // What the index holds of a request, as it is now.
      R"(CREATE VIEW archive_documents AS SELECT r.id AS id, r.event_name, r.subject, r.institution,
           r.requester_name || ' ' || r.requester_position, r.letter_number, r.venue, r.address, r.other_invitees,
           r.contact_person, r.decision_note, r.representative_name,
           COALESCE((SELECT group_concat(text, char(10)) FROM (SELECT t.text FROM request_files f
                       JOIN request_file_texts t ON t.file_id = f.id WHERE f.request_id = r.id ORDER BY f.id)), '')
         FROM requests r)",
      R"(CREATE TRIGGER archive_request_insert AFTER INSERT ON requests BEGIN
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = NEW.id;
         END)",
      // Only when an indexed column changed: the calendar's marks and links,
      // and decisions that only move the state, change no word, and the
      // letters' words make a request's row long.
      R"(CREATE TRIGGER archive_request_update AFTER UPDATE OF event_name, subject, institution, requester_name,
           requester_position, letter_number, venue, address, other_invitees, contact_person, decision_note,
           representative_name ON requests
         WHEN OLD.event_name IS NOT NEW.event_name OR OLD.subject IS NOT NEW.subject
           OR OLD.institution IS NOT NEW.institution OR OLD.requester_name IS NOT NEW.requester_name
           OR OLD.requester_position IS NOT NEW.requester_position OR OLD.letter_number IS NOT NEW.letter_number
           OR OLD.venue IS NOT NEW.venue OR OLD.address IS NOT NEW.address
           OR OLD.other_invitees IS NOT NEW.other_invitees OR OLD.contact_person IS NOT NEW.contact_person
           OR OLD.decision_note IS NOT NEW.decision_note OR OLD.representative_name IS NOT NEW.representative_name
         BEGIN
           DELETE FROM archive_search WHERE rowid = OLD.id;
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = NEW.id;
         END)",
      R"(CREATE TRIGGER archive_request_delete AFTER DELETE ON requests BEGIN
           DELETE FROM archive_search WHERE rowid = OLD.id;
         END)",
      R"(CREATE TRIGGER archive_text_insert AFTER INSERT ON request_file_texts BEGIN
           DELETE FROM archive_search WHERE rowid = (SELECT request_id FROM request_files WHERE id = NEW.file_id);
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = (SELECT request_id FROM request_files WHERE id = NEW.file_id);
         END)",
      R"(CREATE TRIGGER archive_text_update AFTER UPDATE ON request_file_texts BEGIN
           DELETE FROM archive_search WHERE rowid = (SELECT request_id FROM request_files WHERE id = NEW.file_id);
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = (SELECT request_id FROM request_files WHERE id = NEW.file_id);
         END)",
      R"(CREATE TRIGGER archive_text_delete AFTER DELETE ON request_file_texts BEGIN
           DELETE FROM archive_search WHERE rowid = (SELECT request_id FROM request_files WHERE id = OLD.file_id);
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = (SELECT request_id FROM request_files WHERE id = OLD.file_id);
         END)",
      // A file's text row goes with it (cascade) while the file is already
      // gone: its request is indexed again from here.
      R"(CREATE TRIGGER archive_file_delete AFTER DELETE ON request_files BEGIN
           DELETE FROM archive_search WHERE rowid = OLD.request_id;
           INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
             address, other_invitees, contact_person, decision_note, representative, letters)
             SELECT * FROM archive_documents WHERE id = OLD.request_id;
         END)",
      // The requests already there; their PDF letters are read after the
      // upgrade (workflow/letter_text.h) and join the index as they are.
      R"(INSERT INTO archive_search (rowid, event_name, subject, institution, requester, letter_number, venue,
           address, other_invitees, contact_person, decision_note, representative, letters)
           SELECT * FROM archive_documents)",
  };
}

// User administration (sql/user_admin_store.h): the must-change mark on the
// user's row, the last logins, and the audit of changes to users.
std::vector<const char*> userAdminMigration() {
  return {
      "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
      // Written on logins, apart from the users so that a login changes no user row.
      R"(CREATE TABLE user_logins (
           user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
           at INTEGER NOT NULL))",
      R"(CREATE TABLE user_audit (
           id INTEGER PRIMARY KEY,
           at INTEGER NOT NULL,
           actor TEXT NOT NULL,
           action TEXT NOT NULL,
           target TEXT NOT NULL,
           detail TEXT NOT NULL DEFAULT ''))",
      "CREATE INDEX user_audit_by_target ON user_audit (target, id)",
  };
}

// The instance table (ObjectIndex::instances): each object's instances as
// rows, so that a time range reads only the rows of that range however many
// objects the calendar has. Kept in the transaction of every object write;
// objects from before it have instances_until at its minimum and are filled
// at start-up (caldav/instance_upkeep.h), answered from their text until then.
// span_class sorts rows by length (0: up to a day, 1: up to 32 days, 2:
// longer or open): a range [a, b) scans class 0 from a - 1 day and class 1
// from a - 32 days by (calendar_id, span_class, starts_at), and class 2 by
// its end. Plain range indexes, so MySQL/MariaDB can do the same (class 2 by
// an index on (calendar_id, span_class, ends_at) instead of a partial one).
std::vector<const char*> instanceTableMigration() {
  return {
      "ALTER TABLE objects ADD COLUMN instances_until INTEGER NOT NULL DEFAULT -9223372036854775808",
      // The objects a range must still read from their text: few, and the
      // scan stops at the range's end.
      "CREATE INDEX objects_instances_until ON objects (calendar_id, instances_until, first_start, last_end)",
      R"(CREATE TABLE object_instances (
           object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
           calendar_id INTEGER NOT NULL,
           span_class INTEGER NOT NULL,
           starts_at INTEGER NOT NULL,
           ends_at INTEGER NOT NULL,
           recurrence_id INTEGER NOT NULL,
           busy INTEGER NOT NULL))",
      "CREATE INDEX object_instances_by_start ON object_instances (calendar_id, span_class, starts_at, ends_at, "
      "object_id)",
      "CREATE INDEX object_instances_long ON object_instances (calendar_id, ends_at, starts_at, object_id) "
      "WHERE span_class = 2",
      "CREATE INDEX object_instances_of_object ON object_instances (object_id)",
      // Keeping an object's instances (at start-up, when the horizon moves)
      // is no change of its event: only a write of its text marks requests.
      "DROP TRIGGER objects_update_marks_request",
      R"(CREATE TRIGGER objects_update_marks_request AFTER UPDATE OF etag, ical ON objects BEGIN
           UPDATE requests SET calendar_pending = 2 WHERE calendar_pending = 0 AND (
             (hold_calendar_id = NEW.calendar_id AND hold_object_name = NEW.name) OR
             (event_calendar_id = NEW.calendar_id AND event_object_name = NEW.name) OR
             (representative_calendar_id = NEW.calendar_id AND representative_object_name = NEW.name));
         END)",
  };
}

// Append new versions at the end; never edit one that has shipped.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       {
           R"(CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL DEFAULT '',
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL))",
           R"(CREATE TABLE aides (
                aide_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                leader_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (aide_id, leader_id)))",
           R"(CREATE TABLE calendars (
                id INTEGER PRIMARY KEY,
                owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                slug TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                color TEXT NOT NULL DEFAULT '',
                timezone TEXT NOT NULL DEFAULT '',
                components TEXT NOT NULL DEFAULT 'VEVENT,VTODO',
                sync_seq INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                UNIQUE (owner_id, slug)))",
           R"(CREATE TABLE shares (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                write INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (calendar_id, user_id)))",
           "CREATE INDEX shares_by_user ON shares (user_id)",
           // ical is the last column so that reading the index columns of a
           // row never touches its overflow pages.
           R"(CREATE TABLE objects (
                id INTEGER PRIMARY KEY,
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                uid TEXT NOT NULL,
                etag TEXT NOT NULL,
                component TEXT NOT NULL,
                size INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                first_start INTEGER NOT NULL,
                last_end INTEGER NOT NULL,
                recurring INTEGER NOT NULL DEFAULT 0,
                ical TEXT NOT NULL,
                UNIQUE (calendar_id, name),
                UNIQUE (calendar_id, uid)))",
           // Covers listObjects, so listing a calendar reads the index alone
           // and never the rows with their text.
           "CREATE INDEX objects_listing ON objects (calendar_id, name, uid, etag, component, size, modified_at)",
           // Each span index carries the other bound, so a time-range query
           // filters inside the index and reads only the rows that match.
           "CREATE INDEX objects_by_start ON objects (calendar_id, first_start, last_end)",
           "CREATE INDEX objects_by_end ON objects (calendar_id, last_end, first_start)",
           // One row per name with its latest change: enough to answer any
           // sync token, since a client only needs each name's final state.
           R"(CREATE TABLE changes (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (calendar_id, name)))",
           "CREATE INDEX changes_by_seq ON changes (calendar_id, seq)",
           R"(CREATE TABLE dead_props (
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                resource TEXT NOT NULL,
                ns TEXT NOT NULL,
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                PRIMARY KEY (calendar_id, resource, ns, name)))",
       }},
      {2,
       {
           // Activity requests. Calendar ids carry no foreign key: a request
           // keeps its history when a calendar goes; 0 means none.
           R"(CREATE TABLE requests (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                state TEXT NOT NULL,
                version INTEGER NOT NULL,
                requester_name TEXT NOT NULL DEFAULT '',
                requester_position TEXT NOT NULL DEFAULT '',
                institution TEXT NOT NULL DEFAULT '',
                whatsapp TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                language TEXT NOT NULL DEFAULT 'id',
                letter_number TEXT NOT NULL DEFAULT '',
                letter_date TEXT NOT NULL DEFAULT '',
                subject TEXT NOT NULL DEFAULT '',
                letter_type TEXT NOT NULL DEFAULT '',
                event_name TEXT NOT NULL DEFAULT '',
                start_at INTEGER NOT NULL,
                end_at INTEGER,
                venue TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                dress_code TEXT NOT NULL DEFAULT '',
                leader_role TEXT NOT NULL DEFAULT '',
                other_invitees TEXT NOT NULL DEFAULT '',
                contact_person TEXT NOT NULL DEFAULT '',
                representative_accepted INTEGER NOT NULL DEFAULT 0,
                assigned_leader TEXT NOT NULL DEFAULT '',
                representative_user TEXT NOT NULL DEFAULT '',
                representative_name TEXT NOT NULL DEFAULT '',
                representative_position TEXT NOT NULL DEFAULT '',
                decision_note TEXT NOT NULL DEFAULT '',
                hold_calendar_id INTEGER NOT NULL DEFAULT 0,
                hold_object_name TEXT NOT NULL DEFAULT '',
                event_calendar_id INTEGER NOT NULL DEFAULT 0,
                event_object_name TEXT NOT NULL DEFAULT '',
                representative_calendar_id INTEGER NOT NULL DEFAULT 0,
                representative_object_name TEXT NOT NULL DEFAULT '',
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL))",
           // The inbox lists newest first; the agenda views filter on start.
           "CREATE INDEX requests_by_created ON requests (created_at, id)",
           "CREATE INDEX requests_by_state ON requests (state, created_at)",
           "CREATE INDEX requests_by_start ON requests (start_at)",
           "CREATE INDEX requests_by_assigned_leader ON requests (assigned_leader)",
           // A CalDAV write to a request's object finds its request by these.
           "CREATE INDEX requests_by_hold ON requests (hold_calendar_id, hold_object_name)",
           "CREATE INDEX requests_by_event ON requests (event_calendar_id, event_object_name)",
           "CREATE INDEX requests_by_representative ON requests (representative_calendar_id, "
           "representative_object_name)",
           // The leaders asked, one row each, so that a leader's inbox is an
           // index lookup; position keeps the order the requester chose.
           R"(CREATE TABLE request_leaders (
                request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                leader TEXT NOT NULL,
                PRIMARY KEY (request_id, leader)))",
           "CREATE INDEX request_leaders_by_leader ON request_leaders (leader, request_id)",
           // Each content once, however many requests or re-submissions use it.
           R"(CREATE TABLE blobs (
                sha256 TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                bytes BLOB NOT NULL))",
           R"(CREATE TABLE request_files (
                id INTEGER PRIMARY KEY,
                request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                sha256 TEXT NOT NULL REFERENCES blobs(sha256),
                size INTEGER NOT NULL,
                uploaded_at INTEGER NOT NULL))",
           "CREATE INDEX request_files_by_request ON request_files (request_id, id)",
           // actor_id carries no foreign key: the trail outlives any account.
           R"(CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                request_id INTEGER NOT NULL REFERENCES requests(id),
                at INTEGER NOT NULL,
                actor_id INTEGER,
                actor_name TEXT NOT NULL DEFAULT '',
                action TEXT NOT NULL,
                from_state TEXT NOT NULL DEFAULT '',
                to_state TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX audit_by_request ON audit (request_id, id)",
           // The trail is evidence: the database itself refuses to rewrite it.
           R"(CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
              BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END)",
           R"(CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
              BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END)",
           R"(CREATE TABLE dispositions (
                request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
                leader_id INTEGER NOT NULL,
                choice TEXT NOT NULL,
                representative TEXT NOT NULL DEFAULT '',
                note TEXT NOT NULL DEFAULT '',
                by_user_id INTEGER,
                at INTEGER NOT NULL,
                PRIMARY KEY (request_id, leader_id)))",
           // Only the hash of a cookie is kept: a copy of the file opens no session.
           R"(CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL))",
           "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
           R"(CREATE TABLE secrets (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                created_at INTEGER NOT NULL))",
       }},
      {3,
       {
           // What one user sets for themselves: their home's settings and,
           // per calendar, its colour and order in their own clients.
           R"(CREATE TABLE user_props (
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                resource TEXT NOT NULL,
                ns TEXT NOT NULL,
                name TEXT NOT NULL,
                xml TEXT NOT NULL,
                PRIMARY KEY (user_id, resource, ns, name)))",
       }},
      {4,
       {
           // An admin may let an aide or a viewer create calendars.
           "ALTER TABLE users ADD COLUMN may_create_calendars INTEGER NOT NULL DEFAULT 0",
           // When a blob was last stored or touched: unreferenced blobs are
           // collected once older than a grace period. Those already there
           // count from the upgrade, so a form re-shown just before it keeps
           // its files.
           "ALTER TABLE blobs ADD COLUMN stored_at INTEGER NOT NULL DEFAULT 0",
           "UPDATE blobs SET stored_at = CAST(strftime('%s', 'now') AS INTEGER)",
           "CREATE INDEX blobs_by_stored_at ON blobs (stored_at)",
           // Collection asks, per blob, whether any file references it.
           "CREATE INDEX request_files_by_sha256 ON request_files (sha256)",
       }},
      {5, calendarStepMigration()},
      {6,
       {
           // Deletions are remembered for sync-collection only up to a bound
           // (Precondition::keptDeletions); a token older than this sequence
           // missed a deletion no longer recorded, so it is not valid.
           "ALTER TABLE calendars ADD COLUMN sync_floor INTEGER NOT NULL DEFAULT 0",
           // Finds the newest deletions of a calendar without walking its live objects.
           "CREATE INDEX changes_deletions ON changes (calendar_id, seq) WHERE deleted = 1",
           // The highest id ever given, per table: SQLite would give a deleted
           // calendar's id to the next one, and with it the old sync tokens,
           // ctags and the requests' links.
           R"(CREATE TABLE id_high_water (
                name TEXT PRIMARY KEY,
                max_id INTEGER NOT NULL))",
           "INSERT INTO id_high_water (name, max_id) SELECT 'calendars', COALESCE(MAX(id), 0) FROM calendars",
       }},
      {7,
       {
           // Whether an approved request's event appears on the public
           // agenda, when staff chose (NULL: as the leader's calendar does
           // by default, which requests from before the choice follow).
           "ALTER TABLE requests ADD COLUMN published INTEGER",
       }},
      {8,
       {
           // The morning mail: per user the address, the choice, and the
           // last day claimed (sql/agenda_mail_store.h), "YYYY-MM-DD".
           R"(CREATE TABLE agenda_mail (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                address TEXT NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 0,
                last_day TEXT NOT NULL DEFAULT '',
                failed_day TEXT NOT NULL DEFAULT '',
                failed_attempts INTEGER NOT NULL DEFAULT 0))",
       }},
      {9,
       {
           // Read-only feeds (/ics/<token>.ics): only the token's hash is kept.
           R"(CREATE TABLE feeds (
                id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at INTEGER NOT NULL))",
           "CREATE INDEX feeds_by_user ON feeds (user_id)",
           R"(CREATE TABLE feed_calendars (
                feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
                calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
                PRIMARY KEY (feed_id, calendar_id)))",
       }},
      {10, archiveSearchMigration()},
      // One-time tokens of the public form: a double tap answers the first
      // request. request_id is 0 while the claiming submission runs.
      {11,
       {
           R"(CREATE TABLE form_tokens (
                token_hash TEXT PRIMARY KEY,
                request_id INTEGER NOT NULL DEFAULT 0,
                claimed_at INTEGER NOT NULL))",
           "CREATE INDEX form_tokens_by_age ON form_tokens (claimed_at)",
       }},
      {12, userAdminMigration()},
      {13, instanceTableMigration()},
      // objects_listing covers every column listObjects reads, recurring
      // included: without it a listing read each object's row as well.
      {14,
       {
           "DROP INDEX objects_listing",
           "CREATE INDEX objects_listing ON objects (calendar_id, name, uid, etag, component, size, modified_at, "
           "recurring)",
       }},
  };
  return all;
}

}  // namespace

int latestSqliteSchemaVersion() { return migrations().back().version; }

void migrateSqliteSchema(Poco::Data::Session& session, int targetVersion, Instant appliedAt) {
  session << R"(CREATE TABLE IF NOT EXISTS schema_version (
                  version INTEGER PRIMARY KEY,
                  applied_at INTEGER NOT NULL))",
      now;
  int current = 0;
  session << "SELECT COALESCE(MAX(version), 0) FROM schema_version", into(current), now;
  if (current > latestSqliteSchemaVersion()) {
    throw StoreError("the database has schema version " + std::to_string(current) + ", newer than this build knows (" +
                     std::to_string(latestSqliteSchemaVersion()) + ")");
  }
  for (const Migration& migration : migrations()) {
    if (migration.version <= current || migration.version > targetVersion) continue;
    for (const char* statement : migration.statements) {
      session << statement, now;
    }
    session << "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", bind(migration.version),
        bind(appliedAt), now;
  }
}

}  // namespace jadwal::sql
