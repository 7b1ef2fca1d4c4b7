"""jadwald export / import refusals: an existing file without --force, a
database that is not empty (and --replace-all, which replaces it), and damaged
archives (a changed byte, a truncated file, a wrong sum in the manifest, an
unknown format version, a missing member, a wrong count): each refused with a
clear message, the database untouched."""

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

import export_data
from jadwal_requests import RequestTestCase

TABLES = ("users", "calendars", "objects", "requests", "request_files", "blobs", "audit")


class ArchiveRefusalTest(RequestTestCase):

    @classmethod
    def setup_data(cls):
        cls.tmp = tempfile.mkdtemp(prefix="jadwal-archive-")
        case = cls("_helper")
        fields, files = export_data.with_pictures(7)
        case.submit(fields, files)
        case.new_request("disetujui")
        cls.archive = os.path.join(cls.tmp, "good.tar")
        cls.srv.cli("export", cls.archive)
        cls.members = export_data.read_archive(cls.archive)
        cls.fresh_number = 0

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def _helper(self):
        pass

    def jadwald(self, config, *args):
        return subprocess.run([self.srv.binary, "--config", config] + list(args), capture_output=True, text=True,
                              timeout=60)

    def fresh(self):
        """A config naming a new, empty database."""
        type(self).fresh_number += 1
        db = os.path.join(self.tmp, "fresh-%d.db" % self.fresh_number)
        return export_data.config_for(self.srv, db, db + ".ini"), db

    def refused(self, archive, message):
        config, db = self.fresh()
        result = self.jadwald(config, "import", archive)
        self.assertEqual(1, result.returncode, result.stdout + result.stderr)
        self.assertIn(message, result.stderr)
        self.assertIn("the database was not changed", result.stderr)
        self.assertEqual({t: 0 for t in TABLES}, export_data.count_rows(db, TABLES), "nothing restored")
        return result

    def damaged(self, name, change):
        members = dict(self.members)
        change(members)
        path = os.path.join(self.tmp, name + ".tar")
        export_data.write_archive(path, members)
        return path

    def test_existing_file_needs_force(self):
        path = os.path.join(self.tmp, "twice.tar")
        self.srv.cli("export", path)
        before = os.stat(path).st_mtime_ns
        again = self.srv.cli("export", path, check=False)
        self.assertEqual(1, again.returncode)
        self.assertIn("exists; give --force", again.stderr)
        self.assertEqual(before, os.stat(path).st_mtime_ns)
        self.srv.cli("export", path, "--force")
        self.assertEqual(0o600, os.stat(path).st_mode & 0o777)

    def restored(self):
        """A fresh database holding the good archive, and its config."""
        config, db = self.fresh()
        result = self.jadwald(config, "import", self.archive)
        self.assertEqual(0, result.returncode, result.stderr)
        return config, db

    def test_a_stale_temporary_file_needs_force(self):
        path = os.path.join(self.tmp, "stale.tar")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write("not ours")
        refused = self.srv.cli("export", path, check=False)
        self.assertEqual(1, refused.returncode)
        self.assertIn(".tmp exists", refused.stderr)
        with open(path + ".tmp", encoding="utf-8") as f:
            self.assertEqual("not ours", f.read(), "a file the export did not make is kept")
        self.assertFalse(os.path.exists(path))
        self.srv.cli("export", path, "--force")
        self.assertFalse(os.path.exists(path + ".tmp"))
        self.assertIn("manifest.json", export_data.read_archive(path))

    def test_a_table_the_build_does_not_know_is_refused(self):
        config, db = self.restored()
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE stray (id INTEGER PRIMARY KEY, note TEXT)")
        out = os.path.join(self.tmp, "stray.tar")
        result = self.jadwald(config, "export", out)
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn("does not know how to export: stray", result.stderr)
        self.assertFalse(os.path.exists(out))

    def test_names_too_long_for_a_tar_header_are_exported_by_id(self):
        config, db = self.restored()
        slug = "s" * 95  # with a 64-character owner, what a 64-character slug reaches
        with sqlite3.connect(db) as conn:
            owner, name = conn.execute("SELECT id, name FROM users ORDER BY id LIMIT 1").fetchone()
            conn.execute("INSERT INTO calendars (owner_id, slug, display_name, created_at) "
                         "VALUES (?, ?, ?, 0)", (owner, slug, "Baris\nX-INJECT:1, dua"))
            calendar_id = conn.execute("SELECT id FROM calendars WHERE slug = ?", (slug,)).fetchone()[0]
        out = os.path.join(self.tmp, "long.tar")
        result = self.jadwald(config, "export", out)
        self.assertEqual(0, result.returncode, result.stderr)
        members = export_data.read_archive(out)
        ics = members["calendars/%d.ics" % calendar_id].decode()
        self.assertIn("X-WR-CALNAME:Baris\\nX-INJECT:1\\, dua\r\n", ics)
        self.assertNotIn("\nX-INJECT", ics)

    def test_hostile_member_names_are_shown_escaped(self):
        path = self.damaged("control", lambda m: m.__setitem__("jahat\x1b[2Jnama", b"x"))
        result = self.refused(path, "jahat\\x1b[2Jnama is not in the manifest")
        self.assertNotIn("\x1b", result.stderr)

    def test_a_member_with_a_long_name_prefix_is_refused(self):
        path = self.damaged("prefix", lambda m: m.__setitem__("d" * 60 + "/" + "e" * 60, b"x"))
        self.refused(path, "long-name prefix")

    def test_a_database_with_data_is_refused(self):
        before = export_data.count_rows(self.srv.db_path, TABLES)
        result = self.srv.cli("import", self.archive, check=False)
        self.assertEqual(1, result.returncode)
        self.assertIn("the database is not empty", result.stderr)
        self.assertIn("--replace-all", result.stderr)
        self.assertEqual(before, export_data.count_rows(self.srv.db_path, TABLES))

    def test_replace_all_replaces_everything(self):
        config, db = self.fresh()
        made = subprocess.run([self.srv.binary, "--config", config, "user", "add", "lain", "--role", "admin"],
                              input="sandi-yang-lain\n", capture_output=True, text=True, timeout=60)
        self.assertEqual(0, made.returncode, made.stderr)
        refused = self.jadwald(config, "import", self.archive)
        self.assertEqual(1, refused.returncode)
        self.assertIn("users 1", refused.stderr)
        result = self.jadwald(config, "import", self.archive, "--replace-all")
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("replacing all data", result.stdout)
        manifest = export_data.manifest_of(self.members)
        self.assertEqual({t: manifest["counts"][t] for t in TABLES}, export_data.count_rows(db, TABLES))
        with sqlite3.connect(db) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM users")}
        self.assertNotIn("lain", names)
        with sqlite3.connect(db) as conn:
            with self.assertRaises(sqlite3.DatabaseError, msg="the audit trail is append-only again"):
                conn.execute("DELETE FROM audit")

    def test_a_changed_byte(self):
        def flip(members):
            data = bytearray(members["requests.jsonl"])
            data[len(data) // 2] ^= 0x01
            members["requests.jsonl"] = bytes(data)
        self.refused(self.damaged("flipped", flip), "requests.jsonl does not match its SHA-256")

    def test_a_changed_letter(self):
        def change(members):
            name = next(n for n in members if n.startswith("files/"))
            members[name] = members[name] + b" "
        self.refused(self.damaged("letter", change), "has the wrong size")

    def test_a_truncated_file(self):
        with open(self.archive, "rb") as f:
            data = f.read()
        for cut in (len(data) // 2, len(data) - 1024, 700):
            with self.subTest(cut=cut):
                path = os.path.join(self.tmp, "cut-%d.tar" % cut)
                with open(path, "wb") as f:
                    f.write(data[:cut])
                self.refused(path, "truncated")

    def test_not_an_archive(self):
        path = os.path.join(self.tmp, "notes.tar")
        with open(path, "wb") as f:
            f.write(b"just some notes\n" * 100)
        self.refused(path, "")

    def manifest_changed(self, name, change):
        def edit(members):
            manifest = json.loads(members["manifest.json"])
            change(manifest)
            members["manifest.json"] = json.dumps(manifest).encode("utf-8")
        return self.damaged(name, edit)

    def test_a_wrong_sum_in_the_manifest(self):
        def wrong(manifest):
            entry = next(m for m in manifest["members"] if m["name"] == "audit.jsonl")
            entry["sha256"] = "0" * 64
        self.refused(self.manifest_changed("wrong-sum", wrong), "audit.jsonl does not match its SHA-256")

    def test_an_unknown_format_version(self):
        def newer(manifest):
            manifest["format_version"] = 99
        self.refused(self.manifest_changed("v99", newer), "format version 99 is not known")

    def test_another_schema_version(self):
        def older(manifest):
            manifest["schema_version"] = 3
        self.refused(self.manifest_changed("schema3", older), "schema version 3")

    def test_a_wrong_count(self):
        def more(manifest):
            manifest["counts"]["requests"] += 1
        self.refused(self.manifest_changed("count", more), "the manifest counts")

    def test_a_missing_member(self):
        def drop(members):
            del members["audit.jsonl"]
        self.refused(self.damaged("missing", drop), "member audit.jsonl is missing")

    def test_an_extra_member(self):
        def extra(members):
            members["extra.txt"] = b"x"
        self.refused(self.damaged("extra", extra), "member extra.txt is not in the manifest")

    def test_no_manifest(self):
        def drop(members):
            del members["manifest.json"]
        self.refused(self.damaged("no-manifest", drop), "no manifest.json")


if __name__ == "__main__":
    unittest.main()
