#define BOOST_TEST_MODULE event_mapping
#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>
#include <vector>

#include "caldav/ical/ical.h"
#include "libical_reader.h"
#include "workflow/event_mapping.h"

using namespace jadwal;
using namespace jadwal::workflow;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<EventEdit>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<sql::Instant>)

namespace {

// 2023-11-22 01:00 UTC = 08.00 WIB.
constexpr sql::Instant kStart = 1700614800;

WorkflowConfig config() {
  WorkflowConfig c;
  c.publicUrl = "https://agenda.example.go.id";
  c.timezone = "Asia/Jakarta";
  return c;
}

sql::RequestRow sampleRequest() {
  sql::RequestRow r;
  r.id = 42;
  r.code = "JDW-7K3M-Q9XF";
  r.state = "disetujui";
  r.institution = "Dinas Pendidikan";
  r.contactPerson = "Budi, 0812-3456-7890";
  r.dressCode = "PDH";
  r.leaderRole = "sambutan";
  r.eventName = "Peresmian Gedung Sekolah; Tahap II";
  r.start = kStart;
  r.end = kStart + 2 * 3600;
  r.venue = "SMPN 1";
  r.address = "Jl. Merdeka No. 1, Kota";
  r.letterNumber = "005/123/DISDIK";
  r.updatedAt = kStart - 86400;
  return r;
}

std::vector<sql::FileRow> sampleFiles() {
  sql::FileRow letter;
  letter.id = 7;
  letter.kind = "surat";
  letter.name = "Undangan Peresmian.pdf";
  letter.contentType = "application/pdf";
  sql::FileRow photo;
  photo.id = 8;
  photo.kind = "pendukung";
  photo.name = "denah.png";
  photo.contentType = "image/png";
  return {letter, photo};
}

caldav::TimeContext timeContext() { return caldav::TimeContext{}; }

// The one VEVENT of a validated event text, read with libical; text() gives
// a property value as written (escaped), the typed libical getters the
// unescaped value.
struct Parsed {
  caldav::ParsedObject object;
  jadwal::testing::LibicalTree tree;
  icalcomponent* event = nullptr;
  explicit Parsed(const std::string& text)
      : object(caldav::parseCalendarObject(text, "VEVENT,VTODO", timeContext())),
        tree(jadwal::testing::readWithLibical(text)) {
    BOOST_REQUIRE(tree);
    event = icalcomponent_get_first_component(tree.get(), ICAL_VEVENT_COMPONENT);
    BOOST_REQUIRE(event != nullptr);
  }
  std::string text(icalproperty_kind kind) const {
    icalproperty* p = icalcomponent_get_first_property(event, kind);
    return p == nullptr ? std::string() : std::string(icalproperty_get_value_as_string(p));
  }
  std::string description() const {
    icalproperty* p = icalcomponent_get_first_property(event, ICAL_DESCRIPTION_PROPERTY);
    return p == nullptr ? std::string() : std::string(icalproperty_get_description(p));
  }
};

std::string tzidOf(icalcomponent* event, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(event, kind);
  if (p == nullptr) return {};
  icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
  return tzid == nullptr ? std::string() : icalparameter_get_tzid(tzid);
}

bool hasLine(const std::string& description, const std::string& line) {
  return ("\n" + description + "\n").find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_leader_event_is_a_valid_calendar_object) {
  const EventText text = eventForRequest(sampleRequest(), sampleFiles(), EventKind::LeaderEvent, 3, config());
  BOOST_TEST(text.uid == "permohonan-42-agenda@jadwal");
  Parsed parsed(text.ical);
  BOOST_TEST(parsed.object.index.uid == text.uid);
  BOOST_TEST(parsed.object.index.component == "VEVENT");
  BOOST_TEST(parsed.object.index.firstStart == kStart);
  BOOST_TEST(parsed.object.index.lastEnd == kStart + 2 * 3600);
  BOOST_TEST(icalcomponent_get_summary(parsed.event) == std::string("Peresmian Gedung Sekolah; Tahap II"));
  BOOST_TEST(icalcomponent_get_location(parsed.event) == std::string("SMPN 1, Jl. Merdeka No. 1, Kota"));
  BOOST_TEST(parsed.text(ICAL_STATUS_PROPERTY) == "CONFIRMED");
  BOOST_TEST(parsed.text(ICAL_SEQUENCE_PROPERTY) == "3");
  BOOST_TEST(parsed.text(ICAL_URL_PROPERTY) == "https://agenda.example.go.id/staf/permohonan/42");
  BOOST_TEST(parsed.text(ICAL_CATEGORIES_PROPERTY) == "Permohonan");
  BOOST_TEST(text.ical.find("X-JADWAL-REQUEST:42\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(times_are_jakarta_wall_clock_with_its_vtimezone) {
  const EventText text = eventForRequest(sampleRequest(), {}, EventKind::LeaderEvent, 0, config());
  Parsed parsed(text.ical);
  BOOST_TEST(tzidOf(parsed.event, ICAL_DTSTART_PROPERTY) == "Asia/Jakarta");
  BOOST_TEST(tzidOf(parsed.event, ICAL_DTEND_PROPERTY) == "Asia/Jakarta");
  BOOST_TEST(text.ical.find("DTSTART;TZID=Asia/Jakarta:20231122T080000\r\n") != std::string::npos);
  BOOST_TEST(text.ical.find("DTEND;TZID=Asia/Jakarta:20231122T100000\r\n") != std::string::npos);
  icalcomponent* vtimezone = icalcomponent_get_first_component(parsed.tree.get(), ICAL_VTIMEZONE_COMPONENT);
  BOOST_REQUIRE(vtimezone != nullptr);
  icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
  BOOST_REQUIRE(tzid != nullptr);
  BOOST_TEST(icalproperty_get_tzid(tzid) == std::string("Asia/Jakarta"));
}

BOOST_AUTO_TEST_CASE(another_zone_is_written_in_its_own_wall_clock) {
  WorkflowConfig makassar = config();
  makassar.timezone = "Asia/Makassar";
  const EventText text = eventForRequest(sampleRequest(), {}, EventKind::LeaderEvent, 0, makassar);
  Parsed parsed(text.ical);
  BOOST_TEST(text.ical.find("DTSTART;TZID=Asia/Makassar:20231122T090000\r\n") != std::string::npos);
  BOOST_TEST(parsed.object.index.firstStart == kStart);
}

BOOST_AUTO_TEST_CASE(attachments_are_absolute_urls_with_type_and_name) {
  const EventText text = eventForRequest(sampleRequest(), sampleFiles(), EventKind::LeaderEvent, 0, config());
  Parsed parsed(text.ical);
  std::vector<std::string> urls, types, names;
  for (icalproperty* p = icalcomponent_get_first_property(parsed.event, ICAL_ATTACH_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(parsed.event, ICAL_ATTACH_PROPERTY)) {
    icalattach* attach = icalproperty_get_attach(p);
    BOOST_REQUIRE(attach != nullptr);
    BOOST_REQUIRE(icalattach_get_is_url(attach));
    urls.emplace_back(icalattach_get_url(attach));
    icalparameter* fmttype = icalproperty_get_first_parameter(p, ICAL_FMTTYPE_PARAMETER);
    icalparameter* filename = icalproperty_get_first_parameter(p, ICAL_FILENAME_PARAMETER);
    BOOST_REQUIRE(fmttype != nullptr);
    BOOST_REQUIRE(filename != nullptr);
    types.emplace_back(icalparameter_get_fmttype(fmttype));
    names.emplace_back(icalparameter_get_filename(filename));
  }
  BOOST_REQUIRE(urls.size() == 2u);
  BOOST_TEST(urls[0] == "https://agenda.example.go.id/lampiran/7/Undangan%20Peresmian.pdf");
  BOOST_TEST(urls[1] == "https://agenda.example.go.id/lampiran/8/denah.png");
  BOOST_TEST(types[0] == "application/pdf");
  BOOST_TEST(types[1] == "image/png");
  BOOST_TEST(names[0] == "Undangan Peresmian.pdf");
  BOOST_TEST(names[1] == "denah.png");
}

BOOST_AUTO_TEST_CASE(the_description_carries_the_details_in_indonesian) {
  const EventText text = eventForRequest(sampleRequest(), sampleFiles(), EventKind::LeaderEvent, 0, config());
  const std::string description = Parsed(text.ical).description();
  BOOST_TEST(hasLine(description, "Instansi: Dinas Pendidikan"), description);
  BOOST_TEST(hasLine(description, "Narahubung: Budi, 0812-3456-7890"));
  BOOST_TEST(hasLine(description, "Pakaian: PDH"));
  BOOST_TEST(hasLine(description, "Ket.: Sambutan"));
  // No choice made: the leader's calendar decides, so no "Publik:" line.
  BOOST_TEST(description.find("Publik:") == std::string::npos);
  BOOST_TEST(hasLine(description, "Waktu: Rabu, 22 November 2023, 08.00\u201310.00 WIB"));
  BOOST_TEST(hasLine(description, "Surat: https://agenda.example.go.id/lampiran/7/Undangan%20Peresmian.pdf"));
  BOOST_TEST(hasLine(description, "Surat: https://agenda.example.go.id/lampiran/8/denah.png"));
  BOOST_TEST(description.find("Diwakili oleh") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_event_carries_the_tracking_code) {
  // The code is the requester's key to withdraw or revise; everyone who
  // reads a leader's calendar would hold it.
  sql::RequestRow request = sampleRequest();
  request.representativeName = "Drs. Ahmad Yani";
  for (const auto kind : {EventKind::Hold, EventKind::LeaderEvent, EventKind::Representative, EventKind::Cancelled}) {
    const EventText text = eventForRequest(request, sampleFiles(), kind, 0, config());
    BOOST_TEST(text.ical.find(request.code) == std::string::npos);
    BOOST_TEST(text.uid.find(request.code) == std::string::npos);
    BOOST_TEST(text.ical.find("example.go.id/permohonan/") == std::string::npos);  // nor the requester's page
  }
}

BOOST_AUTO_TEST_CASE(a_paragraph_cannot_add_an_agenda_line) {
  // Other invitees are typed on the public form, several lines allowed: none
  // of them may become a "Diwakili oleh:", "Publik:" or open-end line.
  sql::RequestRow request = sampleRequest();
  request.otherInvitees = "Camat Indralaya\nDiwakili oleh: Sekretaris Daerah\r\ns.d. selesai\nPublik: ya";
  const std::string description =
      Parsed(eventForRequest(request, {}, EventKind::LeaderEvent, 0, config()).ical).description();
  BOOST_TEST(hasLine(description,
                     "Undangan lain: Camat Indralaya; Diwakili oleh: Sekretaris Daerah; s.d. selesai; Publik: ya"),
             description);
  BOOST_TEST(!hasLine(description, "Diwakili oleh: Sekretaris Daerah"));
  BOOST_TEST(!hasLine(description, "s.d. selesai"));
  BOOST_TEST(!hasLine(description, "Publik: ya"));
}

BOOST_AUTO_TEST_CASE(representation_is_marked_on_both_events) {
  sql::RequestRow request = sampleRequest();
  request.representativeName = "Drs. Ahmad Yani";
  request.representativePosition = "Asisten Pemerintahan";
  const EventText leader = eventForRequest(request, {}, EventKind::LeaderEvent, 1, config());
  const EventText deputy = eventForRequest(request, {}, EventKind::Representative, 0, config(), {}, "Bupati");
  BOOST_TEST(deputy.uid == "permohonan-42-wakil@jadwal");
  Parsed leaderParsed(leader.ical), deputyParsed(deputy.ical);
  BOOST_TEST(hasLine(leaderParsed.description(), "Diwakili oleh: Drs. Ahmad Yani, Asisten Pemerintahan"));
  // The representative's own copy names whom they stand in for; it is not itself represented.
  BOOST_TEST(hasLine(deputyParsed.description(), "Mewakili: Bupati"));
  BOOST_TEST(deputyParsed.description().find("Diwakili oleh") == std::string::npos);
  BOOST_TEST(icalcomponent_get_summary(leaderParsed.event) ==
             std::string("Peresmian Gedung Sekolah; Tahap II (diwakili)"));
  BOOST_TEST(deputyParsed.text(ICAL_STATUS_PROPERTY) == "CONFIRMED");
}

BOOST_AUTO_TEST_CASE(status_and_uid_per_kind) {
  const EventText hold = eventForRequest(sampleRequest(), {}, EventKind::Hold, 0, config());
  BOOST_TEST(hold.uid == "permohonan-42-hold@jadwal");
  BOOST_TEST(Parsed(hold.ical).text(ICAL_STATUS_PROPERTY) == "TENTATIVE");

  const EventText cancelled = eventForRequest(sampleRequest(), {}, EventKind::Cancelled, 4, config());
  BOOST_TEST(cancelled.uid == eventUid(42, EventKind::LeaderEvent));
  Parsed parsed(cancelled.ical);
  BOOST_TEST(parsed.text(ICAL_STATUS_PROPERTY) == "CANCELLED");
  BOOST_TEST(parsed.text(ICAL_SEQUENCE_PROPERTY) == "4");

  // Cancelling the representative's event keeps that event's UID.
  const std::string deputyUid = eventUid(42, EventKind::Representative);
  const EventText cancelledDeputy = eventForRequest(sampleRequest(), {}, EventKind::Cancelled, 2, config(), deputyUid);
  BOOST_TEST(cancelledDeputy.uid == deputyUid);
  BOOST_TEST(Parsed(cancelledDeputy.ical).object.index.uid == deputyUid);
}

// A phone shows an event without DTEND as an instant: an open end lasts the
// assumed duration on the calendar, and the description says it is open.
BOOST_AUTO_TEST_CASE(an_open_end_lasts_the_assumed_duration_and_says_so) {
  sql::RequestRow request = sampleRequest();
  request.end.reset();
  const EventText text = eventForRequest(request, {}, EventKind::LeaderEvent, 0, config());
  Parsed parsed(text.ical);
  icalproperty* dtend = icalcomponent_get_first_property(parsed.event, ICAL_DTEND_PROPERTY);
  BOOST_REQUIRE(dtend != nullptr);
  const icaltimetype end = icalproperty_get_dtend(dtend);
  BOOST_TEST((end.day == 22 && end.hour == 10 && end.minute == 0));  // 08.00 and the default two hours
  BOOST_TEST(tzidOf(parsed.event, ICAL_DTEND_PROPERTY) == "Asia/Jakarta");
  BOOST_TEST(icalcomponent_get_first_property(parsed.event, ICAL_DURATION_PROPERTY) == nullptr);
  BOOST_TEST(hasLine(parsed.description(), "Waktu: Rabu, 22 November 2023, 08.00 WIB s.d. selesai"));
  // The line the agenda reads an open end from, as a Thunderbird user types it.
  BOOST_TEST(hasLine(parsed.description(), "s.d. selesai"));

  // The duration is the configured one.
  WorkflowConfig halfHour = config();
  halfHour.openEndAssumedMinutes = 30;
  Parsed shorter(eventForRequest(request, {}, EventKind::Hold, 0, halfHour).ical);
  const icaltimetype shorterEnd =
      icalproperty_get_dtend(icalcomponent_get_first_property(shorter.event, ICAL_DTEND_PROPERTY));
  BOOST_TEST((shorterEnd.hour == 8 && shorterEnd.minute == 30));
}

BOOST_AUTO_TEST_CASE(a_closed_end_has_no_open_end_line_and_staff_choices_show) {
  sql::RequestRow request = sampleRequest();
  request.published = false;
  request.leaderRole = "Narasumber dialog publik";  // typed by staff, shown as typed
  const std::string description =
      Parsed(eventForRequest(request, {}, EventKind::LeaderEvent, 0, config()).ical).description();
  BOOST_TEST(!hasLine(description, "s.d. selesai"));
  BOOST_TEST(hasLine(description, "Publik: tidak"));
  BOOST_TEST(hasLine(description, "Ket.: Narasumber dialog publik"));
  request.leaderRole = "narasumber";
  BOOST_TEST(hasLine(Parsed(eventForRequest(request, {}, EventKind::LeaderEvent, 0, config()).ical).description(),
                     "Ket.: Narasumber"));
}

BOOST_AUTO_TEST_CASE(text_with_special_characters_survives) {
  sql::RequestRow request = sampleRequest();
  request.eventName = "Rapat \"Koordinasi\", Tahap\\II;\nbaris baru";
  request.venue = "Aula; Lantai 2, Gedung A";
  request.address.clear();
  const EventText text = eventForRequest(request, {}, EventKind::LeaderEvent, 0, config());
  Parsed parsed(text.ical);
  BOOST_TEST(icalcomponent_get_summary(parsed.event) == request.eventName);
  BOOST_TEST(icalcomponent_get_location(parsed.event) == std::string("Aula; Lantai 2, Gedung A"));
}

BOOST_AUTO_TEST_CASE(file_urls_percent_encode_the_name) {
  sql::FileRow file;
  file.id = 12;
  file.name = "Surat Camat (rev) \xC3\xA9.pdf";
  BOOST_TEST(fileUrl(file, config()) ==
             "https://agenda.example.go.id/lampiran/12/Surat%20Camat%20%28rev%29%20%C3%A9.pdf");
}

BOOST_AUTO_TEST_CASE(read_event_edit_round_trips_our_own_event) {
  const EventText text = eventForRequest(sampleRequest(), {}, EventKind::LeaderEvent, 0, config());
  const auto edit = readEventEdit(text.ical, config());
  BOOST_REQUIRE(edit.has_value());
  BOOST_TEST(edit->start == kStart);
  BOOST_TEST(edit->end == std::optional<sql::Instant>(kStart + 2 * 3600));
  BOOST_TEST(edit->location == "SMPN 1, Jl. Merdeka No. 1, Kota");
  BOOST_TEST(edit->status == "CONFIRMED");
  BOOST_TEST(!edit->recurring);

  sql::RequestRow open = sampleRequest();
  open.end.reset();
  const auto openEdit = readEventEdit(eventForRequest(open, {}, EventKind::Hold, 0, config()).ical, config());
  BOOST_REQUIRE(openEdit.has_value());
  // The assumed DTEND is no end anyone chose: the "s.d. selesai" line says it is open.
  BOOST_TEST(!openEdit->end.has_value());
  BOOST_TEST(openEdit->status == "TENTATIVE");
}

BOOST_AUTO_TEST_CASE(a_client_event_with_an_end_and_the_open_end_line_is_open) {
  const std::string typed =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla//EN\r\nBEGIN:VEVENT\r\nUID:apel\r\n"
      "DTSTAMP:20231101T000000Z\r\nDTSTART:20231122T010000Z\r\nDTEND:20231122T020000Z\r\n"
      "DESCRIPTION:Pakaian: PDH\\ns.d. selesai\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto edit = readEventEdit(typed, config());
  BOOST_REQUIRE(edit.has_value());
  BOOST_TEST(edit->start == kStart);
  BOOST_TEST(!edit->end.has_value());
}

BOOST_AUTO_TEST_CASE(read_event_edit_follows_a_client_move) {
  // What Thunderbird writes after a drag: another zone, a DURATION, a
  // recurrence override that must not be taken for the event itself.
  const std::string moved =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Mozilla//EN\r\n"
      "BEGIN:VTIMEZONE\r\nTZID:Custom/Plus8\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
      "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:WITA\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
      "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20231101T000000Z\r\nRECURRENCE-ID:20231201T010000Z\r\n"
      "DTSTART:20231201T050000Z\r\nLOCATION:Salah\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20231101T000000Z\r\n"
      "DTSTART;TZID=Custom/Plus8:20231123T130000\r\nDURATION:PT1H30M\r\n"
      "LOCATION:Pendopo\\, Kabupaten\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto edit = readEventEdit(moved, config());
  BOOST_REQUIRE(edit.has_value());
  BOOST_TEST(edit->start == kStart + 86400 + 4 * 3600);  // 13.00 at +08 = 05.00 UTC the next day
  BOOST_TEST(edit->end == std::optional<sql::Instant>(kStart + 86400 + 4 * 3600 + 90 * 60));
  BOOST_TEST(edit->location == "Pendopo, Kabupaten");
  BOOST_TEST(edit->status == "CONFIRMED");
  BOOST_TEST(edit->recurring);  // the override shows another time than the master

  // A floating time is read in the configured zone.
  const std::string floating =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:y\r\n"
      "DTSTAMP:20231101T000000Z\r\nDTSTART:20231122T080000\r\nDTEND:20231122T093000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const auto floatingEdit = readEventEdit(floating, config());
  BOOST_REQUIRE(floatingEdit.has_value());
  BOOST_TEST(floatingEdit->start == kStart);
  BOOST_TEST(floatingEdit->status == "");
  BOOST_TEST(!floatingEdit->recurring);

  // Each of these makes the calendar show other times than the master's one.
  for (const std::string line :
       {"RRULE:FREQ=DAILY;COUNT=2", "RDATE:20231124T010000Z", "EXDATE:20231122T010000Z", "EXRULE:FREQ=DAILY"}) {
    const std::string text = std::regex_replace(floating, std::regex("END:VEVENT"), line + "\r\nEND:VEVENT");
    const auto edit = readEventEdit(text, config());
    BOOST_REQUIRE(edit.has_value());
    BOOST_TEST(edit->recurring, line);
  }
}

BOOST_AUTO_TEST_CASE(read_event_edit_refuses_what_is_not_an_event) {
  BOOST_TEST(!readEventEdit("", config()));
  BOOST_TEST(!readEventEdit("not a calendar at all", config()));
  BOOST_TEST(
      !readEventEdit("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VTODO\r\nUID:t\r\n"
                     "DTSTAMP:20231101T000000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                     config()));
  BOOST_TEST(
      !readEventEdit("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:n\r\n"
                     "DTSTAMP:20231101T000000Z\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                     config()));
}
