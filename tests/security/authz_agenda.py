"""How each role performs the agenda cases of the authorisation matrix: the
staff agenda with its text and PDF, the public agenda and its data, the
morning mail page, and a request's agenda details. Mixed into
authz_world.World."""

from jadwal_requests import activity_day, credentials

import authz_matrix as M


class AgendaCases:
    """Needs from World: web(role), srv, scene(), csrf(), request_row(), now(), event_etags(),
    last_audit() and user_id()."""

    def case_morning_mail(self, row, role, cell):
        session, path = self.web(role), "/staf/akun/agenda-pagi"
        if row.method == "GET":
            page = session.get(path)
        else:
            form = session.get(path)
            fields = [("csrf", form.csrf(path))] if form.status == 200 else []
            page = session.post_form(path, fields + [("aktif", "1"), ("surel", "matriks@example.go.id")])
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_agenda_details(self, row, role, cell):
        scene = self.scene(row, cell, "disetujui")
        session = self.web(role)
        pairs = [("csrf", self.csrf(session, scene.request_id)),
                 ("versi", str(self.request_row(scene.request_id)["version"])),
                 ("pakaian", "Batik matriks"), ("peran", "Narasumber"), ("narahubung", ""),
                 ("publik", "tidak")]
        page = session.post_form("/staf/permohonan/%d/rincian" % scene.request_id, pairs)
        return _world().Answer(page.status, page.headers, page.body), scene

    # -- the agenda ------------------------------------------------------------------------------

    def agenda_day(self):
        return "tanggal=" + activity_day().isoformat()

    def case_staff_agenda(self, row, role, cell):
        page = self.web(role).get("/staf/agenda?" + self.agenda_day())
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_staff_agenda_leader(self, row, role, cell):
        page = self.web(role).get("/staf/agenda?pimpinan=bupati&" + self.agenda_day())
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_agenda_text(self, row, role, cell):
        user = M.ROLE_USERS[role]
        return _world().Answer(*self.srv.request("GET", "/staf/agenda.txt?" + self.agenda_day(),
                                        user=credentials(user) if user else None)), _world().Scene(self)

    def case_agenda_text_session(self, row, role, cell):
        page = self.web(role).get("/staf/agenda.txt?" + self.agenda_day())
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_agenda_pdf(self, row, role, cell):
        page = self.web(role).get("/staf/agenda.pdf?" + self.agenda_day())
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def public_agenda(self, path, role):
        page = self.web(role).get(path + "?minggu=" + activity_day().isoformat())
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_public_agenda(self, row, role, cell):
        return self.public_agenda("/agenda", role)

    def case_public_agenda_json(self, row, role, cell):
        return self.public_agenda("/agenda.json", role)

    def case_public_agenda_ics(self, row, role, cell):
        return self.public_agenda("/agenda.ics", role)

    def effect_details_set(self, scene, role, answer, row):
        after = self.now(scene)
        assert (after["dress_code"], after["published"]) == ("Batik matriks", 0), _world().diff(scene.before, after)
        assert after["state"] == scene.before["state"], _world().diff(scene.before, after)
        assert self.event_etags(after)["event"] != scene.events["event"], "the leader's event was not rewritten"
        actor = self.last_audit(scene.request_id, "edit-details")
        assert actor and actor[0] == self.user_id(M.ROLE_USERS[role]), "recorded as %r" % (actor,)



def _world():
    import authz_world  # the module that mixes this class in
    return authz_world
