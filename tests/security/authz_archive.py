"""How each role performs the archive cases of the authorisation matrix: the
archive page /staf/arsip, choosing another leader on it, and finding the
Bupati's request there by its words and by its letter number. Mixed into
authz_world.World."""

import re
import urllib.parse

from jadwal_requests import submit_request, valid_fields

# Words and a letter number that only the archive case's request carries.
ARCHIVE_WORDS = "Arsipmatriks Kunjungan"
ARCHIVE_NUMBER = "ARSIP/MATRIKS/077"


class ArchiveCases:
    """Needs from World: web(role), srv, db() and Scene."""

    def archive_request(self):
        """(code, id) of a request asked of the Bupati alone, made once."""
        if not hasattr(self, "_archive_request"):
            code = submit_request(self.srv, valid_fields(nama_kegiatan=ARCHIVE_WORDS, nomor_surat=ARCHIVE_NUMBER,
                                                         pimpinan=["bupati"]))
            with self.db() as conn:
                request_id = conn.execute("SELECT id FROM requests WHERE code = ?", (code,)).fetchone()[0]
            self._archive_request = (code, request_id)
        return self._archive_request

    def archive(self, role, **fields):
        scene = _world().Scene(self, *self.archive_request())
        page = self.web(role).get("/staf/arsip?" + urllib.parse.urlencode(fields))
        return _world().Answer(page.status, page.headers, page.body), scene

    def case_archive(self, row, role, cell):
        return self.archive(role)

    def case_archive_other_leader(self, row, role, cell):
        return self.archive(role, pimpinan="wabup")

    def case_archive_words(self, row, role, cell):
        return self.archive(role, q=ARCHIVE_WORDS.split()[0].lower())

    def case_archive_number(self, row, role, cell):
        return self.archive(role, nomor=ARCHIVE_NUMBER.lower())

    def listed(self, scene, answer):
        links = re.findall(rb'href="/staf/permohonan/(\d+)"', answer.body)
        return str(scene.request_id).encode() in links

    def effect_archive_found(self, scene, role, answer, row):
        assert self.listed(scene, answer), "the request is not listed"

    def effect_archive_hidden(self, scene, role, answer, row):
        assert not self.listed(scene, answer), "the request is listed"
        assert ARCHIVE_WORDS.encode() not in answer.body, "its activity shows"
        assert re.search(rb'<strong>0</strong>', answer.body), "the count is not 0"


def _world():
    import authz_world  # the module that mixes this class in
    return authz_world
