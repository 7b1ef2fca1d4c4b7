"""How each role performs the user administration cases of the authorisation
matrix: every /staf/admin URL and method, and a change posted without its
CSRF token. Each cell acts on an aide of its own (made with the command line),
so what one cell changes never touches another's. Mixed into
authz_world.World."""

import authz_matrix as M

ADMIN_ACTIONS = {
    # target: (path after /staf/admin/pengguna/<name>, fields, how the aide is prepared)
    "admin-user": ("", None, None),
    "admin-reset": ("/sandi", [], None),
    "admin-disable": ("/nonaktifkan", [], None),
    "admin-enable": ("/aktifkan", [], "disabled"),
    "admin-edit": ("/ubah", [("peran", "viewer"), ("nama_tampilan", "Diubah Matriks")], None),
    "admin-assign": ("/ajudan", [("pimpinan", "bupati")], None),
    "admin-unassign": ("/ajudan/lepas", [("pimpinan", "bupati")], "assigned"),
    "admin-share": ("/bagi", [("kalender", "bupati/agenda"), ("akses", "tulis")], None),
    "admin-unshare": ("/bagi/hapus", [("kalender", "bupati/agenda")], "shared"),
    "admin-no-csrf": ("/nonaktifkan", None, None),
}


class AdminCases:
    """Needs from World: web(role), srv, db(), fresh(prefix) and Scene."""

    def admin_target(self, prepared):
        """A new aide, prepared as the case needs: its name."""
        name = self.fresh("matriks-ajudan")
        self.srv.add_user(name, "ajudan", "Ajudan Matriks", "rahasia-matriks")
        if prepared == "disabled":
            self.srv.cli("user", "disable", name)
        elif prepared == "assigned":
            self.srv.assign(name, "bupati")
        elif prepared == "shared":
            self.srv.share("bupati/agenda", name, "read")
        return name

    def admin_state(self, name):
        """What the admin pages may change of a user, and the audit rows about them."""
        with self.db() as conn:
            user = conn.execute("SELECT id, role, display_name, password_hash, disabled, must_change_password "
                                "FROM users WHERE name = ?", (name,)).fetchone()
            if user is None:
                return None
            aides = conn.execute("SELECT leader_id FROM aides WHERE aide_id = ? ORDER BY leader_id",
                                 (user[0],)).fetchall()
            shares = conn.execute("SELECT calendar_id, write FROM shares WHERE user_id = ? ORDER BY calendar_id",
                                  (user[0],)).fetchall()
            audit = conn.execute("SELECT actor, action FROM user_audit WHERE target = ? AND actor != ? "
                                 "ORDER BY id", (name, "command line")).fetchall()
        return (user[1:], aides, shares, audit)

    def admin_token(self, role):
        """The role's session CSRF token, read from a page every logged-in role may open."""
        return self.web(role).get("/staf/akun").field("csrf") or ""

    def admin_scene(self, name):
        scene = _world().Scene(self, path=name)
        scene.admin_before = self.admin_state(name)
        return scene

    def admin_case(self, row, role):
        suffix, fields, prepared = ADMIN_ACTIONS[row.target]
        name = self.admin_target(prepared)
        scene = self.admin_scene(name)
        path = "/staf/admin/pengguna/" + name + suffix
        session = self.web(role)
        if row.method == "GET":
            page = session.get(path)
        else:
            pairs = list(fields or [])
            if fields is not None and M.ROLE_USERS[role]:
                pairs.insert(0, ("csrf", self.admin_token(role)))
            page = session.post_form(path, pairs)
        return _world().Answer(page.status, page.headers, page.body), scene

    def case_admin_list(self, row, role, cell):
        page = self.web(role).get("/staf/admin")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_admin_audit(self, row, role, cell):
        page = self.web(role).get("/staf/admin/audit")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def case_admin_create(self, row, role, cell):
        name = self.fresh("matriks-baru")
        scene = _world().Scene(self, path=name)
        pairs = [("nama", name), ("nama_tampilan", "Pengguna Matriks"), ("peran", "viewer")]
        if M.ROLE_USERS[role]:
            pairs.insert(0, ("csrf", self.admin_token(role)))
        page = self.web(role).post_form("/staf/admin/pengguna", pairs)
        return _world().Answer(page.status, page.headers, page.body), scene

    def case_admin_password_page(self, row, role, cell):
        page = self.web(role).get("/staf/sandi-baru")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    def __getattr__(self, name):
        # case_admin_<action>: one method for every action on a user.
        target = name[len("case_"):].replace("_", "-") if name.startswith("case_admin_") else None
        if target in ADMIN_ACTIONS:
            return lambda row, role, cell: self.admin_case(row, role)
        raise AttributeError(name)

    # -- effects -----------------------------------------------------------------------------

    def effect_admin_user_made(self, scene, role, answer, row):
        state = self.admin_state(scene.path)
        assert state is not None, "no user %s" % scene.path
        assert state[0][4] == 1, "the new user is not asked to change the one-time password"
        assert state[3] == [("admin", "create")], "audit %r" % (state[3],)

    def effect_admin_no_user(self, scene, role, answer, row):
        assert self.admin_state(scene.path) is None, "the user %s was made" % scene.path

    def effect_admin_changed(self, scene, role, answer, row):
        after = self.admin_state(scene.path)
        assert after[:3] != scene.admin_before[:3], "nothing changed"
        added = after[3][len(scene.admin_before[3]):]
        assert added and all(actor == "admin" for actor, _ in added), "no audit row by admin: %r" % (after[3],)

    def effect_admin_unchanged(self, scene, role, answer, row):
        assert self.admin_state(scene.path) == scene.admin_before, "the user changed"


def _world():
    import authz_world  # the module that mixes this class in
    return authz_world
