#!/usr/bin/env python3
"""Records the render-changelog cases: for each recipe below, builds a real git
repository (fixed authors and dates), runs the built render-changelog in it, and
writes the case: `args`, `steps.json` (the history and tags as git reports them,
the environment, the day) and `expected-outputs.json` (what the tool printed with
--json). Run after a deliberate change of behaviour:

    swift build && Tests/Fixtures/cases/record-render-changelog.py "$(swift build --show-bin-path)"
"""
import json, os, subprocess, sys, tempfile, shutil

BIN = sys.argv[1] if len(sys.argv) > 1 else ".build/debug"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "render-changelog")
ENV = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "octo-org/demo"}

# Each step: ("commit", message) | ("tag", name) | ("branch", name) | ("checkout", name)
# | ("merge", branch, message).
RECIPES = {
    "latest-final-after-rcs": (["--latest"], [
        ("commit", "feat: first"), ("tag", "v1.0.0"),
        ("commit", "feat(api): search"), ("commit", "fix: crash on empty input"), ("tag", "v1.1.0-rc.1"),
        ("commit", "fix(api): paging"), ("tag", "v1.1.0-rc.2"),
        ("commit", "docs: usage"), ("commit", "chore(release): 1.1.0"), ("tag", "v1.1.0"),
    ]),
    "all-json-with-a-breaking-change": (["--all", "--format", "json"], [
        ("commit", "feat: first"), ("tag", "v1.0.0"),
        ("commit", "feat!: drop the old flag\n\nBREAKING CHANGE: --old is gone; use --new."),
        ("commit", "fix: typo"), ("tag", "v2.0.0"),
        ("commit", "perf: faster parse"), ("tag", "v2.1.0"),
    ]),
    "unreleased-github-body-with-merge": (["--unreleased", "--format", "github"], [
        ("commit", "feat: first"), ("tag", "v0.1.0"),
        ("branch", "topic"), ("commit", "feat(cli): --dry-run"), ("commit", "not conventional at all"),
        ("checkout", "main"), ("commit", "fix: race in lock"),
        ("merge", "topic", "Merge branch 'topic'"),
    ]),
    "monorepo-component-pep440": (["--component", "aetherflow-core", "--latest"], [
        ("commit", "feat(core): scheduler hooks"), ("tag", "aetherflow-core-v0.1.0"),
        ("commit", "feat(core): retries"), ("tag", "aetherflow-v1.0.0"),
        ("commit", "fix(core): retry jitter"), ("tag", "aetherflow-core-v0.2.0rc1"),
        ("commit", "fix(core): backoff cap"), ("tag", "aetherflow-core-v0.2.0"),
    ]),
}


def git(repo, *args, env=None, tick=[0]):
    tick[0] += 1
    date = f"2026-03-{1 + tick[0] // 24:02d}T{tick[0] % 24:02d}:00:00Z"
    e = dict(os.environ, GIT_AUTHOR_NAME="Dev", GIT_AUTHOR_EMAIL="dev@example.com",
             GIT_COMMITTER_NAME="Dev", GIT_COMMITTER_EMAIL="dev@example.com",
             GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True, env=e).stdout


def record(name, args, steps):
    repo = tempfile.mkdtemp(prefix="rc-case-")
    try:
        git(repo, "init", "-q", "-b", "main")
        for step in steps:
            if step[0] == "commit": git(repo, "commit", "-q", "--allow-empty", "-m", step[1])
            elif step[0] == "tag": git(repo, "tag", step[1])
            elif step[0] == "branch": git(repo, "checkout", "-q", "-b", step[1])
            elif step[0] == "checkout": git(repo, "checkout", "-q", step[1])
            elif step[0] == "merge": git(repo, "merge", "-q", "--no-ff", "-m", step[2], step[1])
        log = git(repo, "log", "--topo-order", "-z", "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%ad%x1f%B", "--date=short", "--all")
        commits = []
        for record in log.split("\0"):
            record = record.lstrip("\n")
            if not record: continue
            sha, parents, an, ae, ad, message = record.split("\x1f", 5)
            commits.append({"sha": sha, "parents": parents.split(), "author": an, "email": ae, "date": ad,
                            "message": message})
        tags = []
        for line in git(repo, "for-each-ref", "refs/tags", "--format=%(refname:strip=2)%09%(objectname)%09%(creatordate:short)").splitlines():
            tag, sha, date = line.split("\t")
            tags.append({"name": tag, "commit": sha, "date": date})
        head = git(repo, "rev-parse", "HEAD").strip()
        run = subprocess.run([os.path.join(BIN, "render-changelog"), *args, "--output", "notes.md", "--json"],
                             cwd=repo, capture_output=True, text=True,
                             env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **ENV})
        if run.returncode != 0:
            sys.exit(f"{name}: render-changelog exited {run.returncode}: {run.stderr}")
        outputs = json.loads(run.stdout)
        outputs["notes-file"] = outputs["notes-file"].replace(os.path.realpath(repo), "/repo").replace(repo, "/repo")
        case = os.path.join(HERE, name)
        os.makedirs(case, exist_ok=True)
        with open(os.path.join(case, "args"), "w") as f: f.write("\n".join(args) + "\n--output\nnotes.md\n")
        with open(os.path.join(case, "steps.json"), "w") as f:
            json.dump({"env": ENV, "head": head, "today": subprocess.run(["date", "-u", "+%Y-%m-%d"], capture_output=True, text=True).stdout.strip(),
                       "tags": tags, "commits": commits}, f, indent=1, ensure_ascii=False)
            f.write("\n")
        with open(os.path.join(case, "expected-outputs.json"), "w") as f:
            json.dump(outputs, f, indent=1, ensure_ascii=False, sort_keys=True)
            f.write("\n")
        print("recorded", name)
    finally:
        shutil.rmtree(repo)


for name, (args, steps) in RECIPES.items():
    record(name, args, steps)
