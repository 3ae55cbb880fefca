#!/usr/bin/env python3
"""Checks that each action/<tool>/action.yml has exactly one input per flag the built tool
accepts (from its --help), plus the positional TAG of parse-tag, token/api-url for the
API tools and the releasekit-* setup inputs, and one output per output README.md lists.

    Tests/Action/inputs-match-flags.py BIN_DIR
"""
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOOLS = ["guard-loop", "parse-tag", "bump-version", "render-changelog", "verify-artifacts", "create-release"]
SETUP = {"releasekit-version", "releasekit-build-from-source", "releasekit-bin-dir"}
POSITIONAL = {"parse-tag": {"tag"}}
API = {"verify-artifacts", "create-release"}


def readme_outputs(tool):
    text = open(os.path.join(ROOT, "README.md")).read()
    section = text.split(f"\n## {tool}\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    in_table = False
    for line in section.splitlines():
        if line.startswith("| output |"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                in_table = False
                continue
            names.update(re.findall(r"`([a-z][a-z0-9-]*)`", line.split("|")[1]))
    return names


def main():
    bin_dir = sys.argv[1]
    failures = 0
    for tool in TOOLS:
        help_text = subprocess.run([os.path.join(bin_dir, tool), "--help"], capture_output=True, text=True, check=True).stdout
        flags = set(re.findall(r"(?<![\w-])--([a-z][a-z0-9-]*)", help_text)) - {"help", "version"}
        if tool == "verify-artifacts":
            flags.add("version")  # --version V is its release version
        action = yaml.safe_load(open(os.path.join(ROOT, "action", tool, "action.yml")))
        inputs = set(action["inputs"]) - SETUP - POSITIONAL.get(tool, set())
        if tool in API:
            inputs -= {"token"}
            if tool == "verify-artifacts":
                inputs -= {"api-url"}
        outputs = set(action["outputs"])
        expected_outputs = readme_outputs(tool)
        ok = True
        for label, have, want in (("inputs", inputs, flags), ("outputs", outputs, expected_outputs)):
            if have != want:
                failures += 1
                ok = False
                print(f"FAIL {tool} {label}: missing {sorted(want - have)}, extra {sorted(have - want)}")
        if ok:
            print(f"ok   {tool}: {len(inputs)} inputs for its flags, {len(outputs)} outputs as README.md lists")
    sys.exit(1 if failures else 0)


main()
