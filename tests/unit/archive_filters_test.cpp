// The archive's filters (RequestStore::searchArchive): letter number,
// institution, leader asked or assigned, the leaders a user may see,
// states, letter type, the two dates with their edges, and paging; with
// and without words.
#define BOOST_TEST_MODULE archive_filters
#include <algorithm>

#include "archive_search_fixture.h"

namespace {

std::vector<std::int64_t> sorted(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_letter_number_matches_exactly_whatever_the_case, ArchiveFixture) {
  const auto row = add("A", 10, [](RequestRow& r) { r.letterNumber = "005/123/DISDIK"; });
  add("B", 20, [](RequestRow& r) { r.letterNumber = "005/123/DISDIK/2"; });
  ArchiveQuery query;
  for (const std::string number : {"005/123/DISDIK", "005/123/disdik", "005/123/Disdik"}) {
    query.letterNumber = number;
    BOOST_TEST(found(query) == ids({row}), number);
  }
  for (const std::string number : {"005/123", "005/123/DISDI", "%", "005/123/DISDIK "}) {
    query.letterNumber = number;
    BOOST_TEST(found(query).empty(), number);
  }
}

BOOST_FIXTURE_TEST_CASE(the_institution_is_contained_whatever_the_case, ArchiveFixture) {
  const auto school = add("A", 10, [](RequestRow& r) { r.institution = "Dinas Pendidikan Kabupaten"; });
  const auto health = add("B", 20, [](RequestRow& r) { r.institution = "Dinas Kesehatan"; });
  add("C", 30, [](RequestRow& r) { r.institution = "SMA 1_2 Indralaya"; });
  ArchiveQuery query;
  query.institution = "pendidikan";
  BOOST_TEST(found(query) == ids({school}));
  query.institution = "DINAS";
  BOOST_TEST(sorted(found(query)) == ids({school, health}));
  query.institution = "dinas sosial";
  BOOST_TEST(found(query).empty());
  query.institution = "%";  // no wildcard
  BOOST_TEST(found(query).empty());
  query.institution = "1_";
  BOOST_TEST(search(query).total == 1);
  query.institution = "_";
  BOOST_TEST(search(query).total == 1);
}

struct LeaderFixture : ArchiveFixture {
  RequestRow asked = add("A", 10, [](RequestRow& r) { r.leadersAsked = {"bupati"}; });
  RequestRow assigned = add("B", 20, [](RequestRow& r) {
    r.leadersAsked = {"wabup"};
    r.assignedLeader = "bupati";
  });
  RequestRow other = add("C", 30, [](RequestRow& r) { r.leadersAsked = {"wabup", "sekda"}; });
  RequestRow nobody = add("D", 40, [](RequestRow& r) { r.leadersAsked = {}; });
};

BOOST_FIXTURE_TEST_CASE(a_leader_is_found_when_asked_or_assigned, LeaderFixture) {
  ArchiveQuery query;
  query.leader = "bupati";
  BOOST_TEST(found(query) == ids({assigned, asked}));
  query.leader = "wabup";
  BOOST_TEST(found(query) == ids({other, assigned}));
  query.leader = "sekda";
  BOOST_TEST(found(query) == ids({other}));
  query.leader = "camat";
  BOOST_TEST(found(query).empty());
}

BOOST_FIXTURE_TEST_CASE(a_leader_scope_hides_the_other_leaders_requests, LeaderFixture) {
  ArchiveQuery query;
  BOOST_TEST(search(query).total == 4);  // unset: all
  query.leaderScope = std::vector<std::string>{"bupati"};
  BOOST_TEST(found(query) == ids({assigned, asked}));
  BOOST_TEST(search(query).total == 2);
  query.text = "acara";  // with words too
  BOOST_TEST(found(query) == ids({assigned, asked}));
  query.text.clear();
  query.leaderScope = std::vector<std::string>{"sekda", "bupati"};  // an aide of two leaders
  BOOST_TEST(found(query) == ids({other, assigned, asked}));
  query.leaderScope = std::vector<std::string>{};
  BOOST_TEST(search(query).total == 0);
  // A name that is empty is nobody: it never matches a request without a leader.
  query.leaderScope = std::vector<std::string>{""};
  BOOST_TEST(search(query).total == 0);
  // The scope and a chosen leader together: only what both allow.
  query.leaderScope = std::vector<std::string>{"bupati"};
  query.leader = "wabup";
  BOOST_TEST(found(query) == ids({assigned}));
}

BOOST_FIXTURE_TEST_CASE(states_and_the_letter_type_filter, ArchiveFixture) {
  const auto approved = add("A", 10, [](RequestRow& r) {
    r.state = "disetujui";
    r.letterType = "audiensi";
  });
  const auto rejected = add("B", 20, [](RequestRow& r) { r.state = "ditolak"; });
  const auto submitted = add("C", 30, [](RequestRow& r) { r.letterType = "kunjungan"; });
  ArchiveQuery query;
  query.states = {"disetujui"};
  BOOST_TEST(found(query) == ids({approved}));
  query.states = {"disetujui", "ditolak"};
  BOOST_TEST(found(query) == ids({rejected, approved}));
  query.states = {"terlaksana"};
  BOOST_TEST(found(query).empty());
  query.states.clear();
  query.letterType = "kunjungan";
  BOOST_TEST(found(query) == ids({submitted}));
  query.letterType = "undangan";  // the sample's type
  BOOST_TEST(found(query) == ids({rejected}));
  query.letterType = "audiensi";
  query.states = {"ditolak"};
  BOOST_TEST(found(query).empty());
}

BOOST_FIXTURE_TEST_CASE(the_activity_date_range_keeps_its_start_and_drops_its_end, ArchiveFixture) {
  const auto early = add("A", 500, [](RequestRow& r) { r.start = 1000; });
  const auto middle = add("B", 100, [](RequestRow& r) { r.start = 2000; });
  const auto late = add("C", 300, [](RequestRow& r) { r.start = 3000; });
  ArchiveQuery query;
  query.from = 1000;
  query.to = 3000;
  BOOST_TEST(found(query) == ids({early, middle}));  // newest submitted first
  query.from = 1001;
  BOOST_TEST(found(query) == ids({middle}));
  query.to = 3001;
  BOOST_TEST(found(query) == ids({late, middle}));
  query.from.reset();
  query.to = 2000;
  BOOST_TEST(found(query) == ids({early}));
  query.to.reset();
  query.from = 3001;
  BOOST_TEST(found(query).empty());
}

BOOST_FIXTURE_TEST_CASE(the_submission_date_range_reads_when_it_came_in, ArchiveFixture) {
  const auto first = add("A", 100, [](RequestRow& r) { r.start = 9000; });
  const auto second = add("B", 200, [](RequestRow& r) { r.start = 1000; });
  const auto third = add("C", 300, [](RequestRow& r) { r.start = 5000; });
  ArchiveQuery query;
  query.dateField = ArchiveQuery::DateField::Submitted;
  query.from = 200;
  query.to = 300;
  BOOST_TEST(found(query) == ids({second}));
  query.to = 301;
  BOOST_TEST(found(query) == ids({third, second}));
  query.from = 100;
  query.to = 200;
  BOOST_TEST(found(query) == ids({first}));
  // The same bounds on the activity find other requests.
  query.dateField = ArchiveQuery::DateField::Activity;
  query.from = 1000;
  query.to = 5000;
  BOOST_TEST(found(query) == ids({second}));
}

BOOST_FIXTURE_TEST_CASE(pages_cover_every_hit_once_with_the_total, ArchiveFixture) {
  std::vector<std::int64_t> all;
  for (int i = 0; i < 25; ++i) {
    const auto row = add("P" + std::to_string(i), 100 + i, [i](RequestRow& r) {
      r.eventName = "Rapat Koordinasi";
      // Some mention the words more, so the ranking is not the order of creation.
      if (i % 3 == 0) r.subject = "Rapat koordinasi rapat";
    });
    all.push_back(row.id);
  }
  add("X", 1, [](RequestRow& r) { r.eventName = "Lain"; });
  for (const std::string text : {"", "rapat koordinasi"}) {
    ArchiveQuery query;
    query.text = text;
    query.limit = 10;
    std::vector<std::int64_t> seen;
    for (query.offset = 0; query.offset < 30; query.offset += 10) {
      const auto page = search(query);
      BOOST_TEST(page.total == (text.empty() ? 26 : 25), text);
      BOOST_TEST(page.hits.size() == (query.offset == 20 ? (text.empty() ? 6u : 5u) : 10u), text);
      for (const auto& hit : page.hits) seen.push_back(hit.requestId);
    }
    std::vector<std::int64_t> expected = all;
    if (text.empty()) expected.push_back(all.back() + 1);
    BOOST_TEST(sorted(seen) == sorted(expected), text);
  }
  // Without words: newest first.
  ArchiveQuery newest;
  newest.limit = 3;
  BOOST_TEST(found(newest) == (std::vector<std::int64_t>{all[24], all[23], all[22]}));
  // With words: those that say them most first.
  ArchiveQuery ranked;
  ranked.text = "rapat";
  ranked.limit = 9;
  for (const auto id : found(ranked)) BOOST_TEST((id - all[0]) % 3 == 0);
}

BOOST_FIXTURE_TEST_CASE(the_page_size_is_bounded_and_a_negative_offset_is_the_first_page, ArchiveFixture) {
  for (int i = 0; i < kMaxArchivePage + 5; ++i) add("L" + std::to_string(i), i);
  ArchiveQuery query;
  query.limit = 100000;
  auto page = search(query);
  BOOST_TEST(page.hits.size() == static_cast<std::size_t>(kMaxArchivePage));
  BOOST_TEST(page.total == kMaxArchivePage + 5);
  query.limit = 2;
  query.offset = -5;
  BOOST_TEST(search(query).hits.size() == 2u);
  query.limit = -1;
  page = search(query);
  BOOST_TEST(page.hits.empty());
  BOOST_TEST(page.total == kMaxArchivePage + 5);
}

BOOST_FIXTURE_TEST_CASE(words_and_filters_combine, ArchiveFixture) {
  const auto school = add("A", 10, [](RequestRow& r) {
    r.eventName = "Peresmian Sekolah";
    r.institution = "Dinas Pendidikan";
    r.state = "disetujui";
  });
  add("B", 20, [](RequestRow& r) {
    r.eventName = "Peresmian Puskesmas";
    r.institution = "Dinas Kesehatan";
    r.state = "disetujui";
  });
  add("C", 30, [](RequestRow& r) {
    r.eventName = "Peresmian Sekolah Dasar";
    r.institution = "Dinas Pendidikan";
    r.state = "ditolak";
  });
  ArchiveQuery query;
  query.text = "peresmian";
  query.institution = "pendidikan";
  query.states = {"disetujui"};
  const auto page = search(query);
  BOOST_TEST(idsOf(page) == ids({school}));
  BOOST_TEST(page.total == 1);
  BOOST_TEST(page.hits.at(0).snippet == "\x02Peresmian\x03 Sekolah");
}
