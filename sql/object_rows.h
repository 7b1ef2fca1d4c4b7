#pragma once
// The rows of calendar objects as one write transaction of a backend sees
// them. The CalDAV rules of a write (sql/object_writes.h) decide what to
// read and write through this interface; a backend (SQLite now, MySQL later)
// only stores and fetches rows.
//
// Contract of an implementation:
// - One ObjectRows serves one write transaction that the backend opened
//   before the rules run and commits (or rolls back) after them. Every call
//   reads and writes inside it; nothing is seen by other connections before
//   the commit.
// - REQUIRES isolation: from lockCalendar to the commit no other writer may
//   change the calendar's objects, changes or sequence, nor what its owner
//   stores. The rules read and then write on what they read (a UID is free,
//   a quota not reached, the sequence is n), so two writers must not
//   interleave. SQLite takes its database write lock (BEGIN IMMEDIATE);
//   a server database would lock the calendar's row (SELECT ... FOR
//   UPDATE) and the owner's quota with it.
// - Database failures are thrown (the backend's store turns them into
//   StoreError); the backend then rolls the transaction back.
// - Writing or deleting an object row marks the requests that link the
//   object as EventChanged (RequestStore's calendar step) in the same
//   transaction; the backend does it beside the row (SQLite: triggers).

#include <cstdint>
#include <optional>
#include <string>

#include "sql/store.h"

namespace jadwal::sql {

class ObjectRows {
 public:
  virtual ~ObjectRows() = default;

  // What the rules need of a stored object.
  struct Row {
    std::string uid;
    std::string etag;
    std::int64_t size = 0;
  };

  // Locks the calendar against other writers for the rest of the
  // transaction and returns its sync sequence; nullopt if there is no such
  // calendar.
  virtual std::optional<std::int64_t> lockCalendar(std::int64_t calendarId) = 0;

  virtual std::optional<Row> findByName(std::int64_t calendarId, const std::string& name) = 0;
  // The name of an object of the calendar, other than `exceptName`, that holds `uid`.
  virtual std::optional<std::string> nameHoldingUid(std::int64_t calendarId, const std::string& uid,
                                                    const std::string& exceptName) = 0;

  // Writes the object's row, a new one or over the one under `name`.
  virtual void insertObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                            const std::string& etag, const ObjectIndex& index, Instant modifiedAt) = 0;
  virtual void updateObject(std::int64_t calendarId, const std::string& name, const std::string& ical,
                            const std::string& etag, const ObjectIndex& index, Instant modifiedAt) = 0;
  // Deletes the object's row and the dead properties kept on it.
  virtual void deleteObject(std::int64_t calendarId, const std::string& name) = 0;

  // Sets the calendar's sync sequence.
  virtual void setSyncSeq(std::int64_t calendarId, std::int64_t seq) = 0;
  // Makes `seq` the latest change of `name`, replacing its earlier one.
  virtual void recordChange(std::int64_t calendarId, const std::string& name, std::int64_t seq, bool deleted) = 0;
  // The sequence of the deletion that has `newer` deletions after it in
  // the calendar's change log, if there is one.
  virtual std::optional<std::int64_t> deletionBehind(std::int64_t calendarId, std::int64_t newer) = 0;
  // Forgets the calendar's deletions up to `seq` and moves its sync floor to
  // at least `seq`: a token from before one of them is expired.
  virtual void forgetDeletionsUpTo(std::int64_t calendarId, std::int64_t seq) = 0;

  // Objects in the calendar.
  virtual std::int64_t objectCount(std::int64_t calendarId) = 0;
  // Usage::bytes of the calendar's owner.
  virtual std::int64_t bytesOfOwner(std::int64_t calendarId) = 0;
};

}  // namespace jadwal::sql
