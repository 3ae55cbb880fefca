#!/usr/bin/env python3
"""Records the verify-artifacts cases: for each recipe below, writes its files into a
scratch directory, runs the built verify-artifacts there, and writes the case: `args`,
`steps.json` (the files), `expected-outputs.json` (what the tool printed with --json;
the scratch directory reads /case, and a failing run adds "exit-status") and, for every
file the run wrote, `expected/<path>`. Run after a deliberate change of behaviour:

    swift build && Tests/Fixtures/cases/record-verify-artifacts.py "$(swift build --show-bin-path)"
"""
import json, os, shutil, subprocess, sys, tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verify-artifacts")

DIST = {
    "dist/inferflux-1.4.0-linux-x86_64.tar.gz": "not really gzip, but the name says so\n",
    "dist/inferflux-1.4.0-darwin-arm64.tar.gz": "another payload\n",
    "dist/inferflux-1.4.0.tar.gz": "the source distribution\n",
}
FORMULA = """class Inferflux < Formula
  version "{version}"
  url "{url:inferflux-{version}-darwin-arm64.tar.gz}"
  sha256 "{sha256:inferflux-{version}-darwin-arm64.tar.gz}"
end
"""

RECIPES = {
    "expected-files-and-written-checksums": (
        ["--dir", "dist", "--version", "1.4.0", "--expect", "inferflux-{version}-linux-x86_64.tar.gz",
         "--expect", "inferflux-{version}-darwin-*.tar.gz", "--expect", "inferflux-{version}.tar.gz",
         "--strict", "--write-checksums", "dist/SHA256SUMS"], DIST),
    "a-missing-pattern-fails-and-writes-nothing": (
        ["--dir", "dist", "--version", "1.4.0", "--expect", "inferflux-{version}-windows-*.zip",
         "--expect", "inferflux-{version}.tar.gz", "--write-checksums", "dist/SHA256SUMS"], DIST),
    "strict-names-the-unexpected-file": (
        ["--dir", "dist", "--version", "1.4.0", "--expect", "inferflux-{version}-*.tar.gz", "--strict"], DIST),
    "a-checksum-that-differs": (
        ["--dir", "dist", "--checksums", "dist/SHA256SUMS"],
        {**DIST, "dist/SHA256SUMS":
            "0000000000000000000000000000000000000000000000000000000000000000  inferflux-1.4.0.tar.gz\n"}),
    "homebrew-formula-rendered": (
        ["--dir", "dist", "--version", "1.4.0", "--expect", "inferflux-{version}-darwin-arm64.tar.gz",
         "--base-url", "https://github.com/octo-org/inferflux/releases/download/v1.4.0/",
         "--render", "Formula/inferflux.rb.in=dist/inferflux.rb"],
        {**DIST, "Formula/inferflux.rb.in": FORMULA}),
}


def record(name, args, files):
    root = tempfile.mkdtemp(prefix="va-case-")
    try:
        for path, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
            with open(os.path.join(root, path), "w") as f: f.write(text)
        run = subprocess.run([os.path.join(BIN, "verify-artifacts"), *args, "--json"], cwd=root,
                             capture_output=True, text=True,
                             env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")})
        if run.returncode not in (0, 1) or not run.stdout.strip():
            sys.exit(f"{name}: verify-artifacts exited {run.returncode}: {run.stderr}")
        real = os.path.realpath(root)
        outputs = {k: v.replace(real, "/case").replace(root, "/case") for k, v in json.loads(run.stdout).items()}
        if run.returncode == 1: outputs["exit-status"] = "1"
        case = os.path.join(HERE, name)
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(case)
        with open(os.path.join(case, "args"), "w") as f: f.write("\n".join(args) + "\n")
        with open(os.path.join(case, "steps.json"), "w") as f:
            json.dump({"files": files}, f, indent=1, ensure_ascii=False)
            f.write("\n")
        with open(os.path.join(case, "expected-outputs.json"), "w") as f:
            json.dump(outputs, f, indent=1, ensure_ascii=False, sort_keys=True)
            f.write("\n")
        for directory, _, names in os.walk(root):
            for file in names:
                path = os.path.relpath(os.path.join(directory, file), root)
                if path in files: continue
                os.makedirs(os.path.dirname(os.path.join(case, "expected", path)), exist_ok=True)
                shutil.copyfile(os.path.join(root, path), os.path.join(case, "expected", path))
        print("recorded", name, "exit", run.returncode)
    finally:
        shutil.rmtree(root)


for name, (args, files) in RECIPES.items():
    record(name, args, files)
