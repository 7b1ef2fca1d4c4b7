"""Every cell of the authorisation matrix (authz_matrix.py) against a real
jadwald: the status each role gets for each URL family and method, and what
holds afterwards on the indirect paths. One test per cell, in table order;
cells marked pending are expected to fail until their fix lands.

Set AUTHZ_SURVEY=1 to print what each cell got, in the table's notation
(for updating the table after a deliberate change of the rules)."""

import os
import re
import sys
import unittest

import authz_matrix as M
from authz_world import World
from jadwal_requests import RequestTestCase
from jadwal_server import REPO_ROOT

SURVEY = os.environ.get("AUTHZ_SURVEY")


class AuthorisationMatrixTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100000, "cache_seconds": 600}

    @classmethod
    def setup_data(cls):
        cls.world = World(cls.srv)
        cls.world.build()

    def check_cell(self, row, role, cell):
        answer, scene = self.world.run(row, role, cell)
        if SURVEY:
            sys.stderr.write("SURVEY %-8s %-20s %-16s %-15s %s\n" % (row.family, row.target, row.method, role,
                                                                     answer.effective))
        where = "%s %s as %s: %s" % (row.target, row.method, role, answer.describe())
        self.assertIn(answer.effective, cell.statuses, where)
        if cell.redirect == "login":
            self.assertEqual("/staf/masuk", answer.location, where)
        elif cell.redirect == "done":
            self.assertTrue(answer.location.startswith("/staf/permohonan/"), where)
        if cell.effect:
            try:
                self.world.verify(cell.effect, scene, role, answer, row)
            except AssertionError as e:
                raise AssertionError("%s %s as %s: expected '%s', but %s" % (row.target, row.method, role,
                                                                              M.EFFECTS[cell.effect], e)) from None


def _name(index, row, role):
    slug = re.sub(r"[^a-z0-9]+", "_", ("%s %s" % (row.target, row.method)).lower()).strip("_")
    return "test_%03d_%s_%s" % (index, slug, role)


def _make(row, role, cell):
    def test(self):
        self.check_cell(row, role, cell)
    test.__doc__ = "%s %s as %s%s" % (row.target, row.method, role, " (pending: %s)" % cell.pending
                                      if cell.pending else "")
    return unittest.expectedFailure(test) if cell.pending and not SURVEY else test


for _index, _row in enumerate(M.ROWS):
    for _role, _cell in _row.cells.items():
        setattr(AuthorisationMatrixTest, _name(_index, _row, _role), _make(_row, _role, _cell))


class ReadmeMatchesTableTest(unittest.TestCase):
    """The README's section "## Who may do what" is render_markdown() of the table, exactly."""

    def test_readme_section(self):
        with open(os.path.join(REPO_ROOT, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        heading = "## Who may do what\n"
        self.assertIn(heading, readme, "README.md has no section '## Who may do what': paste the output of "
                      "`python3 tests/security/authz_matrix.py` there")
        start = readme.index(heading)
        following = readme.find("\n## ", start + len(heading))
        section = readme[start:following + 1 if following >= 0 else len(readme)]
        self.assertEqual(M.render_markdown().strip("\n"), section.strip("\n"),
                         "the README's role section differs from the table in tests/security/authz_matrix.py")


if __name__ == "__main__":
    unittest.main()
