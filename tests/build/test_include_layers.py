"""No source file includes a layer above its own.

The layers come from cmake/layers.cmake (JADWAL_LAYERS, lowest first, passed
in by CTest). Every #include of every file under a layer folder is resolved
the way the compiler would (a quoted path next to the file first, then from
the source root), so "../workflow/x.h" is caught as well as "workflow/x.h".
The include directories themselves are checked too: through a library's
directory the preprocessor finds the layers below it and not those above.
"""

import os
import re
import subprocess
import tempfile
import unittest

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc", ".inc", ".ipp")


def layer_of(path, layers):
    """The layer (index, folder) a root-relative path lies in, the deepest folder winning."""
    best = None
    for index, folder in enumerate(layers):
        if path == folder or path.startswith(folder + "/"):
            if best is None or len(folder) > len(best[1]):
                best = (index, folder)
    return best


def resolve(root, source, kind, name, layers):
    """The root-relative path an include names, or None for system and generated headers."""
    if kind == '"':
        beside = os.path.normpath(os.path.join(os.path.dirname(os.path.join(root, source)), name))
        if os.path.exists(beside):
            return os.path.relpath(beside, root)
    if layer_of(os.path.normpath(name), layers):
        return os.path.normpath(name)
    return None


def violations(root, layers):
    found = []
    for folder in layers:
        top = os.path.join(root, folder)
        for directory, _dirs, files in os.walk(top):
            for file in sorted(files):
                if not file.endswith(SOURCE_SUFFIXES):
                    continue
                source = os.path.relpath(os.path.join(directory, file), root)
                own = layer_of(source, layers)
                if own[1] != folder:
                    continue  # a nested layer's file, checked as that layer
                with open(os.path.join(root, source), encoding="utf-8", errors="replace") as text:
                    content = text.read()
                for match in INCLUDE.finditer(content):
                    target = resolve(root, source, match.group(1), match.group(2), layers)
                    if target is None:
                        continue
                    if target.startswith(".."):
                        found.append(f"{source}: {match.group(0).strip()} reaches outside the source tree")
                        continue
                    theirs = layer_of(target, layers)
                    if theirs is None:
                        found.append(f"{source}: {match.group(0).strip()} is in no layer")
                    elif theirs[0] > own[0]:
                        found.append(f"{source} ({own[1]}): {match.group(0).strip()} is the higher layer {theirs[1]}")
    return found


class IncludeLayers(unittest.TestCase):
    def setUp(self):
        self.root = os.environ["JADWAL_SOURCE_DIR"]
        self.layers = [layer for layer in os.environ["JADWAL_LAYERS"].split(",") if layer]
        self.assertGreaterEqual(len(self.layers), 2, "JADWAL_LAYERS lists the layers, lowest first")

    def test_no_file_includes_a_higher_layer(self):
        self.assertEqual(violations(self.root, self.layers), [])

    def test_the_checker_catches_direct_and_relative_includes(self):
        with tempfile.TemporaryDirectory() as root:
            for folder in ("sql", "caldav", "workflow"):
                os.makedirs(os.path.join(root, folder))
            with open(os.path.join(root, "workflow", "state.h"), "w") as header:
                header.write("#pragma once\n")
            with open(os.path.join(root, "sql", "store.h"), "w") as header:
                header.write("#pragma once\n")
            with open(os.path.join(root, "caldav", "put.cpp"), "w") as source:
                source.write('#include "sql/store.h"\n#include <vector>\n#include "workflow/state.h"\n'
                             '#  include "../workflow/state.h"\n#include "../sql/store.h"\n')
            found = violations(root, ["sql", "caldav", "workflow"])
        self.assertEqual(len(found), 2, found)
        self.assertTrue(all("higher layer workflow" in line for line in found), found)

    def test_a_library_include_path_holds_only_its_layers(self):
        build = os.environ["JADWAL_BUILD_DIR"]
        compiler = os.environ.get("JADWAL_CXX", "c++")
        lowest, highest = self.layers[0], self.layers[-1]
        below = os.path.join(build, "layers", "jadwal_" + os.path.basename(self.layers[1]))
        self.assertTrue(os.path.isdir(below), below)
        header = next(f for f in sorted(os.listdir(os.path.join(self.root, lowest))) if f.endswith(".h"))
        above = next(f for f in sorted(os.listdir(os.path.join(self.root, highest))) if f.endswith(".h"))

        def preprocess(include):
            return subprocess.run([compiler, "-std=c++20", "-E", "-I", below, "-x", "c++", "-", "-o", os.devnull],
                                  input=f'#include "{include}"\n', capture_output=True, text=True, timeout=120)

        self.assertEqual(preprocess(f"{lowest}/{header}").returncode, 0)
        refused = preprocess(f"{highest}/{above}")
        self.assertNotEqual(refused.returncode, 0, f"{highest}/{above} was reachable from {below}")
        self.assertIn("No such file", refused.stderr)


if __name__ == "__main__":
    unittest.main()
