#!/usr/bin/env bash
# Tests of action/scripts/setup.sh (the setup action's three modes) and
# action/scripts/run-tool.sh (inputs to argv), run by .ci/run. Archives are served from
# 127.0.0.1 by serve.py; the "tools" in them are small shell scripts, since these tests
# are about installing, verifying and refusing, not about the tools (the act workflows
# run the real ones).
#
#   Tests/Action/setup-tests.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tools=(guard-loop parse-tag bump-version render-changelog verify-artifacts create-release)
version=$(tr -d '[:space:]' <"$root/action/VERSION")

work=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [[ -n ${2:-} ]] && sed 's/^/     | /' <<<"$2"; return 0; }

# A runner-like environment for one setup.sh call: fresh output/path/env files.
run_setup() {
  local name=$1; shift
  local dir=$work/$name
  mkdir -p "$dir/tool-cache" "$dir/temp"
  : >"$dir/output"; : >"$dir/path"; : >"$dir/env"
  set +e
  env -i PATH="$PATH" HOME="$HOME" RUNNER_OS=Linux RUNNER_ARCH=X64 \
    RUNNER_TOOL_CACHE="$dir/tool-cache" RUNNER_TEMP="$dir/temp" \
    GITHUB_OUTPUT="$dir/output" GITHUB_PATH="$dir/path" GITHUB_ENV="$dir/env" \
    "$@" >"$dir/stdout" 2>"$dir/stderr"
  echo $? >"$dir/status"
  set -e
}
status_of() { cat "$work/$1/status"; }
output_of() { sed -n "s/^$2=//p" "$work/$1/output"; }
log_of() { cat "$work/$1/stdout" "$work/$1/stderr"; }

# A directory of fake tools: each prints its name and arguments.
fake_tools() {
  local dir=$1
  mkdir -p "$dir"
  printf '#!/bin/sh\necho "$(basename "$0") $*"\n' >"$dir/releasekit"
  chmod +x "$dir/releasekit"
  for tool in "${tools[@]}"; do ln -sf releasekit "$dir/$tool"; done
}

# A release archive laid out as scripts/package lays it out, under DOWNLOADS/v<version>/.
make_release() {
  local downloads=$1 platform=$2
  local name=releasekit-$version-$platform
  local staging=$work/staging-$platform
  fake_tools "$staging/$name/bin"
  mkdir -p "$downloads/v$version"
  tar -C "$staging" -czf "$downloads/v$version/$name.tar.gz" "$name"
  (cd "$downloads/v$version" && sha256sum "$name.tar.gz" >>SHA256SUMS)
}

# --- the action's version ------------------------------------------------------------
toolkit=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' "$root/Sources/ReleaseKitCore/Support/ToolkitVersion.swift")
if [[ $version == "$toolkit" ]]; then pass "action/VERSION is the toolkit version ($toolkit)"
else fail "action/VERSION is $version, the toolkit is $toolkit: bump them together"; fi

# --- bin-dir -------------------------------------------------------------------------
fake_tools "$work/prebuilt-bin"
run_setup bin-dir RELEASEKIT_BIN_DIR="$work/prebuilt-bin" bash "$root/action/scripts/setup.sh" install
if [[ $(status_of bin-dir) == 0 && $(output_of bin-dir source) == bin-dir && $(output_of bin-dir path) == "$work/prebuilt-bin" &&
      $(output_of bin-dir version) == "$version" && $(cat "$work/bin-dir/path") == "$work/prebuilt-bin" ]] &&
   grep -qx "RELEASEKIT_PATH=$work/prebuilt-bin" "$work/bin-dir/env"; then
  pass "bin-dir: outputs path, version, source=bin-dir and appends the directory to GITHUB_PATH"
else fail "bin-dir" "$(log_of bin-dir; cat "$work/bin-dir/output")"; fi

mkdir -p "$work/empty-bin"
run_setup bin-dir-empty RELEASEKIT_BIN_DIR="$work/empty-bin" bash "$root/action/scripts/setup.sh" install
if [[ $(status_of bin-dir-empty) != 0 && ! -s $work/bin-dir-empty/path ]] && log_of bin-dir-empty | grep -q "does not hold the six"; then
  pass "bin-dir without the tools is refused"
else fail "bin-dir-empty" "$(log_of bin-dir-empty)"; fi

run_setup bin-dir-dollar RELEASEKIT_BIN_DIR='$HOME/bin' bash "$root/action/scripts/setup.sh" install
if [[ $(status_of bin-dir-dollar) == 2 ]]; then pass "bin-dir holding \$ is refused (exit 2)"
else fail "bin-dir-dollar" "$(log_of bin-dir-dollar)"; fi

run_setup bad-version RELEASEKIT_VERSION='1.0; rm -rf /' bash "$root/action/scripts/setup.sh" install
if [[ $(status_of bad-version) == 2 ]]; then pass "a version that is not a version is refused (exit 2)"
else fail "bad-version" "$(log_of bad-version)"; fi

# --- prebuilt ------------------------------------------------------------------------
downloads=$work/downloads
make_release "$downloads" linux-x86_64
python3 "$here/serve.py" "$downloads" >"$work/server-url" &
server_pid=$!
for _ in $(seq 50); do [[ -s $work/server-url ]] && break; sleep 0.1; done
base=$(head -1 "$work/server-url")

run_setup prebuilt RELEASEKIT_DOWNLOAD_URL="$base" bash "$root/action/scripts/setup.sh" install
installed=$(output_of prebuilt path)
if [[ $(status_of prebuilt) == 0 && $(output_of prebuilt source) == prebuilt && $installed == "$work/prebuilt/tool-cache/releasekit/$version/linux-x86_64/prebuilt/bin" &&
      $("$installed/parse-tag" v1.2.3) == "parse-tag v1.2.3" && $(cat "$work/prebuilt/path") == "$installed" ]]; then
  pass "prebuilt: downloads the archive, verifies it against the release's SHA256SUMS, installs the six tools"
else fail "prebuilt" "$(log_of prebuilt; cat "$work/prebuilt/output")"; fi

run_setup plan-prebuilt RELEASEKIT_DOWNLOAD_URL="$base" bash "$root/action/scripts/setup.sh" plan
if [[ $(output_of plan-prebuilt source) == prebuilt && -z $(output_of plan-prebuilt cache-key) ]]; then
  pass "plan: prebuilt needs no cache"
else fail "plan-prebuilt" "$(log_of plan-prebuilt; cat "$work/plan-prebuilt/output")"; fi

# A release whose SHA256SUMS lists a wrong digest.
bad_downloads=$work/bad-downloads
mkdir -p "$bad_downloads"
cp -r "$downloads/v$version" "$bad_downloads/"
sed -i 's/^[0-9a-f]\{64\}/0000000000000000000000000000000000000000000000000000000000000000/' "$bad_downloads/v$version/SHA256SUMS"
ln -s "$bad_downloads" "$downloads/bad"
run_setup wrong-checksum RELEASEKIT_DOWNLOAD_URL="$base/bad" bash "$root/action/scripts/setup.sh" install
if [[ $(status_of wrong-checksum) != 0 && ! -s $work/wrong-checksum/path && ! -e $work/wrong-checksum/tool-cache/releasekit/$version/linux-x86_64/prebuilt ]] &&
   log_of wrong-checksum | grep -q "refusing to install"; then
  pass "prebuilt: a wrong checksum is refused and nothing is installed"
else fail "wrong-checksum" "$(log_of wrong-checksum)"; fi

# The checksums the action carries win over the release's.
carried=$work/carried-action
cp -r "$root/action" "$carried"
grep -v '^#' "$downloads/v$version/SHA256SUMS" >>"$carried/SHA256SUMS"
run_setup carried RELEASEKIT_DOWNLOAD_URL="$base/bad" bash "$carried/scripts/setup.sh" install
if [[ $(status_of carried) == 0 && $(output_of carried source) == prebuilt ]] && log_of carried | grep -q "checksums this action carries"; then
  pass "prebuilt: verified against the checksums the action carries (the release's SHA256SUMS is not used)"
else fail "carried" "$(log_of carried)"; fi

cp -r "$root/action" "$work/carried-wrong"
echo "1111111111111111111111111111111111111111111111111111111111111111  releasekit-$version-linux-x86_64.tar.gz" >>"$work/carried-wrong/SHA256SUMS"
run_setup carried-wrong RELEASEKIT_DOWNLOAD_URL="$base" bash "$work/carried-wrong/scripts/setup.sh" install
if [[ $(status_of carried-wrong) != 0 ]] && log_of carried-wrong | grep -q "refusing to install"; then
  pass "prebuilt: a carried checksum that differs is refused even when the release's SHA256SUMS agrees"
else fail "carried-wrong" "$(log_of carried-wrong)"; fi

run_setup missing-archive RUNNER_ARCH=ARM64 RELEASEKIT_DOWNLOAD_URL="$base" bash "$root/action/scripts/setup.sh" install
if [[ $(status_of missing-archive) != 0 ]] && log_of missing-archive | grep -q "could not download"; then
  pass "prebuilt: a missing archive fails naming the URL and build-from-source"
else fail "missing-archive" "$(log_of missing-archive)"; fi

# An archive with an entry outside its top directory.
evil=$work/evil
mkdir -p "$evil/v$version" "$work/evil-staging/releasekit-$version-linux-x86_64/bin"
fake_tools "$work/evil-staging/releasekit-$version-linux-x86_64/bin"
echo x >"$work/evil-staging/outside"
tar -C "$work/evil-staging" -czf "$evil/v$version/releasekit-$version-linux-x86_64.tar.gz" "releasekit-$version-linux-x86_64" outside
(cd "$evil/v$version" && sha256sum "releasekit-$version-linux-x86_64.tar.gz" >SHA256SUMS)
ln -s "$evil" "$downloads/evil"
run_setup evil RELEASEKIT_DOWNLOAD_URL="$base/evil" bash "$root/action/scripts/setup.sh" install
if [[ $(status_of evil) != 0 ]] && log_of evil | grep -q "unexpected entry"; then
  pass "prebuilt: an archive with entries outside its directory is refused"
else fail "evil" "$(log_of evil)"; fi

# A second setup in the same job (a per-tool action after the setup action) reuses it.
run_setup reuse RELEASEKIT_PATH="$installed" RELEASEKIT_INSTALLED_VERSION="$version" RELEASEKIT_INSTALLED_SOURCE=prebuilt \
  RELEASEKIT_DOWNLOAD_URL=http://127.0.0.1:9/unreachable bash "$root/action/scripts/setup.sh" install
if [[ $(status_of reuse) == 0 && $(output_of reuse path) == "$installed" && $(output_of reuse source) == prebuilt ]]; then
  pass "a later setup step in the job reuses the installed tools (no download)"
else fail "reuse" "$(log_of reuse)"; fi

# --- build from source ---------------------------------------------------------------
# A real build takes minutes; these tests check the plan (cache key and path) and the
# exact command setup.sh would run (RELEASEKIT_DRY_BUILD).
run_setup plan-built RELEASEKIT_BUILD_FROM_SOURCE=true bash "$root/action/scripts/setup.sh" plan
key=$(output_of plan-built cache-key)
if [[ $(output_of plan-built source) == built && $key =~ ^releasekit-$version-linux-x86_64-swift[0-9.]+-[0-9a-f]{64}$ &&
      $(output_of plan-built cache-path) == "$work/plan-built/tool-cache/releasekit/$version/linux-x86_64/built" ]]; then
  pass "plan: build-from-source keys the cache on version, OS, arch, Swift version and the sources' hash"
else fail "plan-built" "$(log_of plan-built; cat "$work/plan-built/output")"; fi

run_setup built RELEASEKIT_BUILD_FROM_SOURCE=true RELEASEKIT_DRY_BUILD=1 bash "$root/action/scripts/setup.sh" install
if [[ $(status_of built) == 0 ]] && grep -qxF "would run: swift build -c release --package-path $root --product releasekit" "$work/built/stdout"; then
  pass "build-from-source: runs swift build -c release on the action's own sources"
else fail "built" "$(log_of built)"; fi

# A cache hit: the built directory restored by actions/cache with its key is used as is.
cache_dir=$work/cached/tool-cache/releasekit/$version/linux-x86_64/built
fake_tools "$cache_dir"
for tool in "${tools[@]}"; do cp --remove-destination "$cache_dir/releasekit" "$cache_dir/$tool"; done
echo "$key" >"$cache_dir/.sources-key"
run_setup cached RELEASEKIT_BUILD_FROM_SOURCE=true RELEASEKIT_DRY_BUILD=1 bash "$root/action/scripts/setup.sh" install
if [[ $(status_of cached) == 0 && $(output_of cached source) == built && $(output_of cached path) == "$cache_dir" ]] && ! grep -q "would run" "$work/cached/stdout"; then
  pass "build-from-source: a build restored from the cache is used without building"
else fail "cached" "$(log_of cached)"; fi

run_setup unsupported RUNNER_OS=Windows RELEASEKIT_DRY_BUILD=1 bash "$root/action/scripts/setup.sh" plan
if [[ $(output_of unsupported source) == built ]]; then pass "a platform without a prebuilt archive builds from source"
else fail "unsupported" "$(log_of unsupported)"; fi

# --- run-tool.sh ---------------------------------------------------------------------
expected=$(printf '%s\n' guard-loop --deny-bots --branch main --branch 'release/1.x' --release-commit-pattern '^chore: $(x)' -- 'v1.2.3; echo')
actual=$(env -i PATH="$PATH" RELEASEKIT_DRY_ECHO=1 RK_FLAG_deny_bots=true RK_FLAG_fail_on_skip=false \
  RK_LIST_branch=$'main\n\n  \nrelease/1.x\n' RK_OPT_release_commit_pattern='^chore: $(x)' RK_OPT_event='' \
  RK_ARG_tag='v1.2.3; echo' bash "$root/action/scripts/run-tool.sh" guard-loop)
if [[ $actual == "$expected" ]]; then pass "run-tool.sh: options, repeated list lines, true flags and positionals, each one argument"
else fail "run-tool argv" "$(diff <(echo "$expected") <(echo "$actual"))"; fi

if ! env -i PATH="$PATH" RELEASEKIT_DRY_ECHO=1 RK_FLAG_draft=yes bash "$root/action/scripts/run-tool.sh" create-release >/dev/null 2>&1; then
  pass "run-tool.sh: a boolean input other than true/false is refused"
else fail "run-tool boolean"; fi

echo "setup tests: $passed passed, $failed failed"
((failed == 0))
