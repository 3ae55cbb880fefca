#!/usr/bin/env python3
"""Records the create-release cases: for each recipe below, starts the built
github-api-server (the tests' strict GitHub model), writes the files, runs the built
create-release for every earlier run of the recipe and then the case's own run, and
writes the case: `args`, `steps.json` (the server, the earlier runs, the files) and
`expected-outputs.json` (what the tool printed with --json; the server's addresses read
{api}, {uploads} and {downloads}) or `expected-error` (the error line and exit status).
Run after a deliberate change of behaviour:

    swift build && Tests/Fixtures/cases/record-create-release.py "$(swift build --show-bin-path)"
"""
import json, os, re, shutil, subprocess, sys, tempfile

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "create-release")
REPOSITORY = "octo-org/demo"
A = {"dist/app-linux.tar.gz": "linux build\n", "dist/app-macos.tar.gz": "macos build\n"}
UPLOAD = ["--tag", "v1.0.0", "--asset", "dist/*"]

# name: (server, earlier runs [(files, args)], files, args)
RECIPES = {
    "first-run-creates-and-uploads": ({"tags": ["v1.0.0"]}, [], A, UPLOAD + ["--name", "Demo 1.0.0"]),
    "a-rerun-skips-what-is-there": ({"tags": ["v1.0.0"]}, [(A, UPLOAD)], A, UPLOAD),
    "a-changed-asset-is-a-conflict": ({"tags": ["v1.0.0"]}, [(A, UPLOAD)],
                                      {**A, "dist/app-linux.tar.gz": "linux build, rebuilt\n"}, UPLOAD),
    "overwrite-replaces-the-changed-asset": ({"tags": ["v1.0.0"]}, [(A, UPLOAD)],
                                             {**A, "dist/app-linux.tar.gz": "linux build, rebuilt\n"},
                                             UPLOAD + ["--overwrite-assets"]),
    "matrix-drafts-then-one-publish": ({"tags": ["v1.0.0"], "immutable-releases": True},
                                       [({"dist/app-linux.tar.gz": A["dist/app-linux.tar.gz"]}, ["--tag", "v1.0.0", "--draft", "--asset", "dist/app-linux.tar.gz"]),
                                        ({"dist/app-macos.tar.gz": A["dist/app-macos.tar.gz"]}, ["--tag", "v1.0.0", "--draft", "--asset", "dist/app-macos.tar.gz"])],
                                       {}, ["--tag", "v1.0.0", "--publish", "--expect-asset", "app-linux.tar.gz", "--expect-asset", "app-macos.tar.gz"]),
    "publish-refuses-an-incomplete-draft": ({"tags": ["v1.0.0"], "immutable-releases": True},
                                            [({"dist/app-linux.tar.gz": A["dist/app-linux.tar.gz"]}, ["--tag", "v1.0.0", "--draft", "--asset", "dist/app-linux.tar.gz"])],
                                            {}, ["--tag", "v1.0.0", "--publish", "--expect-asset", "app-*.tar.gz", "--expect-asset", "app-windows.zip"]),
    "an-immutable-release-refuses-a-new-asset": ({"tags": ["v1.0.0"], "immutable-releases": True}, [(A, UPLOAD)],
                                                 {**A, "dist/app-windows.zip": "windows build\n"}, UPLOAD),
}


def write(root, files):
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(root, path)), exist_ok=True)
        with open(os.path.join(root, path), "w") as f: f.write(text)


def record(name, server, earlier, files, args):
    root = tempfile.mkdtemp(prefix="cr-case-")
    flags = ["--repository", REPOSITORY] + [a for t in server.get("tags", []) for a in ("--tag", t)]
    if server.get("immutable-releases"): flags += ["--immutable-releases", "true"]
    process = subprocess.Popen([os.path.join(BIN, "github-api-server"), *flags], stdout=subprocess.PIPE, text=True)
    try:
        urls = json.loads(process.stdout.readline())
        env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "GITHUB_TOKEN": "ghs_RECORDING",
               "GITHUB_API_URL": urls["api_url"], "GITHUB_REPOSITORY": REPOSITORY}

        def run(arguments):
            return subprocess.run([os.path.join(BIN, "create-release"), *arguments, "--json"], cwd=root,
                                  capture_output=True, text=True, env=env)
        for before_files, before_args in earlier:
            write(root, before_files)
            done = run(before_args)
            if done.returncode != 0: sys.exit(f"{name}: an earlier run exited {done.returncode}: {done.stderr}")
        write(root, files)
        final = run(args)
        case = os.path.join(HERE, name)
        shutil.rmtree(case, ignore_errors=True)
        os.makedirs(case)
        with open(os.path.join(case, "args"), "w") as f: f.write("\n".join(args) + "\n")
        with open(os.path.join(case, "steps.json"), "w") as f:
            json.dump({"server": server, "runs": [{"files": f_, "args": a} for f_, a in earlier], "files": files},
                      f, indent=1, ensure_ascii=False)
            f.write("\n")
        if final.returncode == 0:
            def normal(text):
                for key, placeholder in (("api_url", "{api}"), ("uploads_url", "{uploads}"), ("downloads_url", "{downloads}")):
                    text = text.replace(urls[key], placeholder)
                return text
            outputs = {k: normal(v) for k, v in json.loads(final.stdout).items()}
            # Asset ids are handed out in upload order, which concurrent uploads do not fix.
            outputs["assets"] = re.sub(r'"id":\d+', '"id":"{asset-id}"', outputs["assets"])
            with open(os.path.join(case, "expected-outputs.json"), "w") as f:
                json.dump(outputs, f, indent=1, ensure_ascii=False, sort_keys=True)
                f.write("\n")
        else:
            errors = [line for line in final.stderr.splitlines() if line.startswith("error: ")]
            if not errors: sys.exit(f"{name}: exited {final.returncode} without an error line: {final.stderr}")
            with open(os.path.join(case, "expected-error"), "w") as f:
                f.write(errors[-1][len("error: "):].split(";")[0] + "\n" + str(final.returncode) + "\n")
        print("recorded", name, "exit", final.returncode)
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(root)


for name, recipe in RECIPES.items():
    record(name, *recipe)
