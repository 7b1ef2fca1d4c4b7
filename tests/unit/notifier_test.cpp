#define BOOST_TEST_MODULE notifier
#include <boost/test/unit_test.hpp>

#include <set>

#include "workflow/notifier.h"

using namespace jadwal;
using namespace jadwal::workflow;

namespace {

// 2023-11-22 01:00 UTC = Wednesday 08.00 WIB.
constexpr sql::Instant kEight = 1700614800;

const Notice kAllNotices[] = {Notice::Received, Notice::Returned,  Notice::Approved,   Notice::Represented,
                              Notice::Rejected, Notice::Cancelled, Notice::Rescheduled};
// Sent after staff took the request as genuine: these carry what was submitted.
const Notice kFactNotices[] = {Notice::Returned, Notice::Approved, Notice::Represented, Notice::Cancelled,
                               Notice::Rescheduled};

WorkflowConfig config() {
  WorkflowConfig c;
  c.publicUrl = "https://agenda.example.go.id";
  c.officeName = "Bagian Protokol dan Komunikasi Pimpinan";
  return c;
}

sql::RequestRow request(const std::string& language = "id") {
  sql::RequestRow r;
  r.id = 5;
  r.code = "JDW-7K3M-Q9XF";
  r.language = language;
  r.requesterName = "Siti Aminah";
  r.email = "siti@example.org";
  r.whatsapp = "0812-3456-7890";
  r.eventName = "Peresmian Gedung Sekolah";
  r.start = kEight;
  r.end = kEight + 2 * 3600;
  r.venue = "SMPN 1";
  r.address = "Jl. Merdeka 1";
  r.decisionNote = "Lampirkan susunan acara.";
  r.representativeName = "Drs. Ahmad Yani";
  r.representativePosition = "Asisten Pemerintahan";
  return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(every_notice_carries_the_facts_in_indonesian) {
  for (Notice notice : kFactNotices) {
    const MailMessage mail = composeMail(notice, request(), config());
    BOOST_TEST(mail.to == "siti@example.org");
    BOOST_TEST(contains(mail.subject, "[JDW-7K3M-Q9XF]"), mail.subject);
    BOOST_TEST(contains(mail.subject, "Peresmian Gedung Sekolah"));
    BOOST_TEST(mail.body.starts_with("Yth. Siti Aminah,\n"), mail.body);
    BOOST_TEST(contains(mail.body, "Kode permohonan: JDW-7K3M-Q9XF\n"));
    BOOST_TEST(contains(mail.body, "Kegiatan: Peresmian Gedung Sekolah\n"));
    BOOST_TEST(contains(mail.body, "Waktu: Rabu, 22 November 2023, 08.00\u201310.00 WIB\n"), mail.body);
    BOOST_TEST(contains(mail.body, "Tempat: SMPN 1, Jl. Merdeka 1\n"));
    BOOST_TEST(contains(mail.body, "Status permohonan: https://agenda.example.go.id/permohonan/JDW-7K3M-Q9XF\n"));
    BOOST_TEST(contains(mail.body, "Hormat kami,\nBagian Protokol dan Komunikasi Pimpinan\n"));
  }
}

BOOST_AUTO_TEST_CASE(each_notice_says_its_own_thing) {
  std::set<std::string> subjects, bodies;
  for (Notice notice : kAllNotices) {
    subjects.insert(composeMail(notice, request(), config()).subject);
    bodies.insert(composeMail(notice, request(), config()).body);
  }
  BOOST_TEST(subjects.size() == std::size(kAllNotices));
  BOOST_TEST(bodies.size() == std::size(kAllNotices));
  BOOST_TEST(contains(composeMail(Notice::Received, request(), config()).subject, "diterima"));
  BOOST_TEST(contains(composeMail(Notice::Returned, request(), config()).subject, "dikembalikan"));
  BOOST_TEST(contains(composeMail(Notice::Approved, request(), config()).subject, "disetujui"));
  BOOST_TEST(contains(composeMail(Notice::Represented, request(), config()).subject, "diwakilkan"));
  BOOST_TEST(contains(composeMail(Notice::Rejected, request(), config()).subject, "tidak dapat dipenuhi"));
  BOOST_TEST(contains(composeMail(Notice::Cancelled, request(), config()).subject, "dibatalkan"));
  BOOST_TEST(contains(composeMail(Notice::Rescheduled, request(), config()).subject, "diubah"));
}

BOOST_AUTO_TEST_CASE(the_decision_note_is_a_note_or_a_reason) {
  BOOST_TEST(contains(composeMail(Notice::Returned, request(), config()).body, "Catatan: Lampirkan susunan acara.\n"));
  BOOST_TEST(contains(composeMail(Notice::Approved, request(), config()).body, "Catatan: Lampirkan susunan acara.\n"));
  BOOST_TEST(contains(composeMail(Notice::Rejected, request(), config()).body, "Alasan: Lampirkan susunan acara.\n"));
  BOOST_TEST(contains(composeMail(Notice::Cancelled, request(), config()).body, "Alasan: Lampirkan susunan acara.\n"));
  // A receipt has no decision yet; an empty note gives no empty line.
  BOOST_TEST(!contains(composeMail(Notice::Received, request(), config()).body, "Lampirkan"));
  sql::RequestRow noNote = request();
  noNote.decisionNote.clear();
  BOOST_TEST(!contains(composeMail(Notice::Approved, noNote, config()).body, "Catatan"));
}

BOOST_AUTO_TEST_CASE(representation_names_the_representative) {
  BOOST_TEST(contains(composeMail(Notice::Represented, request(), config()).body,
                      "Diwakili oleh: Drs. Ahmad Yani, Asisten Pemerintahan\n"));
  BOOST_TEST(!contains(composeMail(Notice::Approved, request(), config()).body, "Diwakili"));
}

BOOST_AUTO_TEST_CASE(an_open_end_reads_until_done) {
  sql::RequestRow open = request();
  open.end.reset();
  BOOST_TEST(contains(composeMail(Notice::Approved, open, config()).body,
                      "Waktu: Rabu, 22 November 2023, 08.00 WIB s.d. selesai\n"));
  open.language = "en";
  BOOST_TEST(contains(composeMail(Notice::Approved, open, config()).body,
                      "Time: Wednesday, 22 November 2023, 08:00 WIB until finished\n"));
}

BOOST_AUTO_TEST_CASE(every_notice_in_english_when_the_requester_used_english) {
  std::set<std::string> subjects;
  for (Notice notice : kAllNotices) subjects.insert(composeMail(notice, request("en"), config()).subject);
  for (Notice notice : kFactNotices) {
    const MailMessage mail = composeMail(notice, request("en"), config());
    BOOST_TEST(mail.body.starts_with("Dear Siti Aminah,\n"), mail.body);
    BOOST_TEST(contains(mail.body, "Request code: JDW-7K3M-Q9XF\n"));
    BOOST_TEST(contains(mail.body, "Activity: Peresmian Gedung Sekolah\n"));
    BOOST_TEST(contains(mail.body, "Time: Wednesday, 22 November 2023, 08:00\u201310:00 WIB\n"));
    BOOST_TEST(contains(mail.body, "Venue: SMPN 1, Jl. Merdeka 1\n"));
    BOOST_TEST(contains(mail.body, "Request status: https://agenda.example.go.id/permohonan/JDW-7K3M-Q9XF\n"));
    BOOST_TEST(!contains(mail.body, "Yth."));
    BOOST_TEST(!contains(mail.body, "Kode permohonan"));
  }
  BOOST_TEST(subjects.size() == std::size(kAllNotices));
  BOOST_TEST(contains(composeMail(Notice::Rejected, request("en"), config()).body, "Reason: Lampirkan"));
  BOOST_TEST(
      contains(composeMail(Notice::Represented, request("en"), config()).body, "Represented by: Drs. Ahmad Yani"));
}

BOOST_AUTO_TEST_CASE(receipts_and_rejections_carry_nothing_the_submitter_typed) {
  // Anyone may type any address into the public form: the mail that follows
  // at once (the receipt), and the one staff send when they turn an abusive
  // request down, must not carry the submitter's text to that address.
  sql::RequestRow typed = request();
  typed.requesterName = "Pemenang Undian";
  typed.eventName = "KLIK http://spam.example/hadiah";
  typed.venue = "Transfer ke rekening 123";
  typed.address = "Jl. Tipu 1";
  typed.institution = "Bank Palsu";
  typed.subject = "Hadiah Rp 100 juta";
  typed.otherInvitees = "semua orang";
  typed.contactPerson = "0899 0000 0000";
  typed.decisionNote = "Bukan permohonan kegiatan.";
  for (const char* language : {"id", "en"}) {
    typed.language = language;
    for (Notice notice : {Notice::Received, Notice::Rejected}) {
      const MailMessage mail = composeMail(notice, typed, config());
      const std::string all = mail.subject + "\n" + mail.body;
      for (const std::string& text : {typed.requesterName, typed.eventName, typed.venue, typed.address,
                                      typed.institution, typed.subject, typed.otherInvitees, typed.contactPerson}) {
        BOOST_TEST(!contains(all, text), text << " in " << all);
      }
      BOOST_TEST(mail.subject.ends_with(" [JDW-7K3M-Q9XF]"), mail.subject);
      BOOST_TEST(contains(mail.body, "JDW-7K3M-Q9XF\n"));
      BOOST_TEST(contains(mail.body, "https://agenda.example.go.id/permohonan/JDW-7K3M-Q9XF\n"));
      BOOST_TEST(contains(mail.body, "\nBagian Protokol dan Komunikasi Pimpinan\n"));
      BOOST_TEST(mail.receipt == (notice == Notice::Received));
    }
  }
  typed.language = "id";
  const MailMessage receipt = composeMail(Notice::Received, typed, config());
  BOOST_TEST(receipt.subject == "Permohonan diterima [JDW-7K3M-Q9XF]");
  BOOST_TEST(receipt.body.starts_with("Yth. Pemohon,\n"), receipt.body);
  BOOST_TEST(contains(receipt.body, "abaikan"), "tells a stranger to ignore it");
  BOOST_TEST(!contains(receipt.body, "Bukan permohonan"), "a receipt has no decision");
  // The reason for a rejection is written by staff: it is said.
  const MailMessage rejected = composeMail(Notice::Rejected, typed, config());
  BOOST_TEST(rejected.subject == "Permohonan tidak dapat dipenuhi [JDW-7K3M-Q9XF]");
  BOOST_TEST(contains(rejected.body, "Alasan: Bukan permohonan kegiatan.\n"));
  // Later decisions come after staff looked at the request: they name the activity.
  for (Notice notice : kFactNotices) {
    BOOST_TEST(contains(composeMail(notice, typed, config()).body, typed.eventName));
    BOOST_TEST(!composeMail(notice, typed, config()).receipt);
  }
}

BOOST_AUTO_TEST_CASE(whatsapp_text_says_the_same_in_fewer_lines) {
  for (const char* language : {"id", "en"}) {
    for (Notice notice : kAllNotices) {
      const std::string text = whatsappText(notice, request(language), config());
      BOOST_TEST(text.starts_with("*Bagian Protokol dan Komunikasi Pimpinan*\n"), text);
      BOOST_TEST(contains(text, "JDW-7K3M-Q9XF"));
      BOOST_TEST(contains(text, "Peresmian Gedung Sekolah"));
      BOOST_TEST(contains(text, "22 November 2023"));
      BOOST_TEST(text.ends_with("https://agenda.example.go.id/permohonan/JDW-7K3M-Q9XF"));
    }
  }
  BOOST_TEST(contains(whatsappText(Notice::Rejected, request(), config()), "Alasan: Lampirkan susunan acara."));
  BOOST_TEST(contains(whatsappText(Notice::Approved, request("en"), config()), "Time: Wednesday"));
}

BOOST_AUTO_TEST_CASE(whatsapp_numbers_in_every_usual_form) {
  const std::string expected = "https://wa.me/6281234567890?text=Halo";
  BOOST_TEST(whatsappLink("081234567890", "Halo") == expected);
  BOOST_TEST(whatsappLink("0812-3456-7890", "Halo") == expected);
  BOOST_TEST(whatsappLink("0812 3456 7890", "Halo") == expected);
  BOOST_TEST(whatsappLink("(0812) 3456.7890", "Halo") == expected);
  BOOST_TEST(whatsappLink("+62 812-3456-7890", "Halo") == expected);
  BOOST_TEST(whatsappLink("6281234567890", "Halo") == expected);
}

BOOST_AUTO_TEST_CASE(numbers_that_are_not_indonesian_mobiles_give_no_link) {
  BOOST_TEST(whatsappLink("", "Halo") == "");
  BOOST_TEST(whatsappLink("021-5551234", "Halo") == "");      // a Jakarta landline
  BOOST_TEST(whatsappLink("+1 555 123 4567", "Halo") == "");  // another country
  BOOST_TEST(whatsappLink("0812abc4567", "Halo") == "");
  BOOST_TEST(whatsappLink("08123", "Halo") == "");             // too short
  BOOST_TEST(whatsappLink("0812345678901234", "Halo") == "");  // too long
  BOOST_TEST(whatsappLink("62+81234567890", "Halo") == "");    // a plus in the middle
  BOOST_TEST(whatsappLink("812345678901", "Halo") == "");      // no country or trunk prefix
}

BOOST_AUTO_TEST_CASE(whatsapp_text_is_url_encoded_as_utf8) {
  BOOST_TEST(
      whatsappLink("081234567890", "Halo Bu, jam 08.00 & 10:00\nS.d. selesai \xC3\xA9*") ==
      "https://wa.me/6281234567890?text=Halo%20Bu%2C%20jam%2008.00%20%26%2010%3A00%0AS.d.%20selesai%20%C3%A9%2A");
  BOOST_TEST(whatsappLink("081234567890", "") == "https://wa.me/6281234567890?text=");
}

namespace {

sql::RequestRow decided(const std::string& language = "id") {
  sql::RequestRow r = request(language);
  r.leadersAsked = {"bupati", "wabup"};
  r.assignedLeader = "bupati";
  r.leaderRole = "sambutan";
  r.dressCode = "PDH";
  r.contactPerson = "Pak Budi 0812 1111 2222";
  return r;
}

std::string shownName(const std::string& user) {
  if (user == "bupati") return "Bupati";
  if (user == "wabup") return "Wakil Bupati";
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(decisions_name_the_leader_role_dress_and_contact_as_the_office_writes) {
  const MailMessage approved = composeMail(Notice::Approved, decided(), config(), shownName);
  BOOST_TEST(contains(approved.body, "Yth. Siti Aminah,\n\nDengan hormat,\n\n"), approved.body);
  BOOST_TEST(contains(approved.body, "bahwa Bupati dijadwalkan hadir"), approved.body);
  BOOST_TEST(!contains(approved.body, "Pimpinan "), approved.body);
  BOOST_TEST(contains(approved.body, "Ket.: Sambutan\n"));
  BOOST_TEST(contains(approved.body, "Pakaian: PDH\n"));
  BOOST_TEST(contains(approved.body, "Narahubung: Pak Budi 0812 1111 2222\n"));
  BOOST_TEST(contains(approved.body, "Atas perhatian Bapak/Ibu, kami ucapkan terima kasih."));

  const MailMessage represented = composeMail(Notice::Represented, decided(), config(), shownName);
  BOOST_TEST(contains(represented.subject, "Kehadiran Bupati diwakilkan"), represented.subject);
  BOOST_TEST(contains(represented.body, "Bupati berhalangan hadir dan akan diwakili oleh Drs. Ahmad Yani"));
  BOOST_TEST(contains(composeMail(Notice::Cancelled, decided(), config(), shownName).subject, "Kehadiran Bupati"));

  // Not decided yet for one leader: the leaders asked are named.
  sql::RequestRow returned = decided();
  returned.assignedLeader.clear();
  BOOST_TEST(contains(composeMail(Notice::Returned, returned, config(), shownName).body, "Bupati dan Wakil Bupati"));

  sql::RequestRow open = decided();
  open.end.reset();
  BOOST_TEST(contains(composeMail(Notice::Approved, open, config(), shownName).body, "08.00 WIB s.d. selesai\n"));
}

BOOST_AUTO_TEST_CASE(decisions_in_english_name_the_same) {
  const MailMessage approved = composeMail(Notice::Approved, decided("en"), config(), shownName);
  BOOST_TEST(contains(approved.body, "the Bupati is scheduled to attend"), approved.body);
  BOOST_TEST(contains(approved.body, "Role: Giving remarks\n"));
  BOOST_TEST(contains(approved.body, "Dress code: PDH\n"));
  BOOST_TEST(contains(approved.body, "Contact person: Pak Budi 0812 1111 2222\n"));
  BOOST_TEST(!contains(approved.body, "Dengan hormat"));
  const std::string text = whatsappText(Notice::Approved, decided(), config(), shownName);
  BOOST_TEST(contains(text, "Bupati dijadwalkan hadir"), text);
  BOOST_TEST(contains(text, "Pakaian: PDH"));
  BOOST_TEST(contains(text, "Narahubung: Pak Budi"));
}
