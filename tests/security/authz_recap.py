"""How each role performs the work report cases of the authorisation matrix:
the page /staf/rekap, its CSV and its JSON (with HTTP Basic, as scripts
fetch them, and with a web session). The period is the current month, in
which the world's requests were submitted. Mixed into authz_world.World."""

import json

from jadwal_requests import credentials

import authz_matrix as M


class RecapCases:
    """Needs from World: web(role), srv and main_code (the request asked of the Bupati)."""

    def case_recap(self, row, role, cell):
        page = self.web(role).get("/staf/rekap")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def recap_file(self, path, role):
        user = M.ROLE_USERS[role]
        return _world().Answer(*self.srv.request("GET", path, user=credentials(user) if user else None))

    def case_recap_csv(self, row, role, cell):
        return self.recap_file("/staf/rekap.csv", role), _world().Scene(self)

    def case_recap_json(self, row, role, cell):
        return self.recap_file("/staf/rekap.json", role), _world().Scene(self)

    def case_recap_json_session(self, row, role, cell):
        page = self.web(role).get("/staf/rekap.json")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_recap_xlsx(self, row, role, cell):
        return self.recap_file("/staf/rekap.xlsx", role), _world().Scene(self)

    def case_recap_xlsx_session(self, row, role, cell):
        page = self.web(role).get("/staf/rekap.xlsx")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    # -- effects: whose requests and leaders the report holds --------------------------------

    def recap_of(self, answer):
        recap = json.loads(answer.body.decode("utf-8"))
        leaders = [leader["user"] for leader in recap["leaders"]]
        activities = [request["activity"] for request in recap["requests"]]
        return recap, leaders, activities

    def effect_recap_all(self, scene, role, answer, row):
        recap, leaders, _ = self.recap_of(answer)
        assert {"bupati", "wabup", "sekda"} <= set(leaders), "leaders %r" % leaders
        codes = [request["code"] for request in recap["requests"]]
        assert self.main_code in codes, "the Bupati's request is missing: %r" % codes

    def effect_recap_bupati(self, scene, role, answer, row):
        recap, leaders, _ = self.recap_of(answer)
        assert leaders == ["bupati"], "leaders %r" % leaders
        assert recap["requests"], "the Bupati's requests are missing"
        assert all(not request["code"] for request in recap["requests"]), "shows tracking codes"
        assert all("bupati" in request["leaders_asked"] or request["assigned_leader"] == "bupati"
                   for request in recap["requests"]), "another leader's request is listed"

    def effect_recap_own(self, scene, role, answer, row):
        recap, leaders, _ = self.recap_of(answer)
        assert leaders == [M.ROLE_USERS[role]], "leaders %r" % leaders
        assert all("bupati" not in request["leaders_asked"] for request in recap["requests"]), \
            "the Bupati's request is listed"
        assert all(not request["code"] for request in recap["requests"]), "shows tracking codes"

    def workbook_of(self, answer):
        """A workbook read with openpyxl: the leaders' sheets, the text of every cell, and each
        request's tracking code and leaders asked."""
        import io
        import openpyxl
        book = openpyxl.load_workbook(io.BytesIO(answer.body))
        texts = [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
                 if cell is not None]
        requests = list(book["Permohonan"].iter_rows(min_row=2, values_only=True))
        asked = [(row[12] or "").split(", ") for row in requests]  # "Pimpinan diminta"
        return book.sheetnames[2:], texts, [row[0] for row in requests], asked

    def effect_recap_xlsx_all(self, scene, role, answer, row):
        sheets, _, codes, _ = self.workbook_of(answer)
        assert {"Agenda Bupati Ogan Ilir", "Agenda Wakil Bupati Ogan Ilir", "Agenda Sekretaris Daerah"} <= set(sheets), \
            "sheets %r" % sheets
        assert self.main_code in codes, "the Bupati's request is missing: %r" % codes

    def effect_recap_xlsx_bupati(self, scene, role, answer, row):
        sheets, texts, codes, _ = self.workbook_of(answer)
        assert sheets == ["Agenda Bupati Ogan Ilir"], "sheets %r" % sheets
        assert codes, "the Bupati's requests are missing"
        assert not any(codes), "shows tracking codes %r" % codes
        assert not _world().codes_in(" ".join(texts).encode("utf-8")), "shows tracking codes"

    def effect_recap_xlsx_own(self, scene, role, answer, row):
        sheets, texts, codes, asked = self.workbook_of(answer)
        own = {"wabup": "Agenda Wakil Bupati Ogan Ilir", "sekda": "Agenda Sekretaris Daerah"}[M.ROLE_USERS[role]]
        assert sheets == [own], "sheets %r" % sheets
        assert not any(codes), "shows tracking codes %r" % codes
        assert not _world().codes_in(" ".join(texts).encode("utf-8")), "shows tracking codes"
        assert all("Bupati Ogan Ilir" not in leaders for leaders in asked), "the Bupati's request is listed"


def _world():
    import authz_world  # the module that mixes this class in
    return authz_world
