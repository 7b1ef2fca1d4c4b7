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


def _world():
    import authz_world  # the module that mixes this class in
    return authz_world
