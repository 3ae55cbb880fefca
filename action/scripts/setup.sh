#!/usr/bin/env bash
# The setup logic of the ReleaseKit actions: puts the six tools on PATH, from a directory
# of binaries, a prebuilt release archive (SHA-256 verified before anything in it runs),
# or a build from source.
#
#   setup.sh plan      decide the source; print the cache key and directory for a build
#   setup.sh install   install, append the directory to GITHUB_PATH, write the outputs
#
# Inputs (environment; the action maps its inputs here):
#   RELEASEKIT_VERSION            the toolkit version; empty = this action's (action/VERSION)
#   RELEASEKIT_BUILD_FROM_SOURCE  true|false
#   RELEASEKIT_BIN_DIR            use the binaries already in this directory
#   RELEASEKIT_REPOSITORY         OWNER/REPO the releases come from; empty = this action's
#   RELEASEKIT_DOWNLOAD_URL       base URL of the release downloads, the archive being at
#                                 BASE/v<version>/<archive> (default: the repository's
#                                 https://github.com/OWNER/REPO/releases/download)
#   RELEASEKIT_INSTALL_ROOT       where archives and builds go (default: RUNNER_TOOL_CACHE,
#                                 else RUNNER_TEMP, else the temp directory)
# Outputs (GITHUB_OUTPUT, else stdout): path, version, source (bin-dir|prebuilt|built), and
# for `plan`: cache-key, cache-path.
set -euo pipefail

action_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=(guard-loop parse-tag bump-version render-changelog verify-artifacts create-release)

fail() { printf '::error title=ReleaseKit setup::%s\n' "$1" >&2; exit "${2:-1}"; }
note() { printf '%s\n' "$*" >&2; }

output() {
  if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  else
    printf '%s=%s\n' "$1" "$2"
  fi
}

# A path input may not carry what a shell or YAML would expand or split.
check_path_input() {
  local name=$1 value=$2
  if [[ $value == *$'\n'* || $value == *'$'* || $value == '~'* || $value == *'`'* ]]; then
    fail "$name must be a plain path (no newline, \$, backquote or leading ~)" 2
  fi
}

own_version=$(tr -d '[:space:]' <"$action_root/VERSION")
version=${RELEASEKIT_VERSION:-}
version=${version#v}
[[ -z $version ]] && version=$own_version
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
  fail "version must be a ReleaseKit version such as 0.1.0 or v0.1.0" 2

build_from_source=${RELEASEKIT_BUILD_FROM_SOURCE:-false}
case $build_from_source in true | false) ;; '') build_from_source=false ;;
  *) fail "build-from-source must be true or false" 2 ;; esac

bin_dir=${RELEASEKIT_BIN_DIR:-}
check_path_input bin-dir "$bin_dir"

case ${RUNNER_OS:-$(uname -s)} in
  Linux) os=linux ;;
  macOS | Darwin) os=macos ;;
  *) os=unsupported ;;
esac
case ${RUNNER_ARCH:-$(uname -m)} in
  X64 | x86_64 | amd64) arch=x86_64 ;;
  ARM64 | aarch64 | arm64) arch=aarch64 ;;
  *) arch=unsupported ;;
esac
archive=releasekit-$version-$os-$arch.tar.gz

install_root=${RELEASEKIT_INSTALL_ROOT:-${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}}
check_path_input install-root "$install_root"
install_root=$install_root/releasekit/$version/$os-$arch
built_dir=$install_root/built

# Which source applies: bin-dir, a previous setup in this job (RELEASEKIT_PATH from
# GITHUB_ENV, same version), a prebuilt archive for this platform, else a build.
choose_source() {
  if [[ -n $bin_dir ]]; then echo bin-dir; return; fi
  if [[ $build_from_source == false && -n ${RELEASEKIT_PATH:-} && ${RELEASEKIT_INSTALLED_VERSION:-} == "$version" &&
        -x ${RELEASEKIT_PATH}/parse-tag ]]; then
    echo reuse; return
  fi
  if [[ $build_from_source == true ]]; then echo built; return; fi
  case $os-$arch in
    linux-x86_64 | linux-aarch64 | macos-aarch64) echo prebuilt ;;
    *) echo built ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# The hex digest listed for $2 in checksum file $1 (GNU "hex  name" / "hex *name" lines).
listed_digest() {
  awk -v name="$2" '!/^#/ && NF == 2 { file = $2; sub(/^\*/, "", file); if (file == name) { print tolower($1); exit } }' "$1"
}

repository() {
  local repo=${RELEASEKIT_REPOSITORY:-}
  if [[ -z $repo ]]; then
    # Actions check out `uses: OWNER/REPO/action@REF` under _actions/OWNER/REPO/REF/.
    local path=${GITHUB_ACTION_PATH:-$action_root}
    if [[ $path =~ /_actions/([^/]+)/([^/]+)/[^/]+/ ]]; then repo=${BASH_REMATCH[1]}/${BASH_REMATCH[2]}; fi
  fi
  [[ $repo =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] ||
    fail "cannot tell which repository the ReleaseKit releases come from; set RELEASEKIT_REPOSITORY=OWNER/REPO" 2
  echo "$repo"
}

download_base() {
  if [[ -n ${RELEASEKIT_DOWNLOAD_URL:-} ]]; then echo "${RELEASEKIT_DOWNLOAD_URL%/}"
  else echo "https://github.com/$(repository)/releases/download"; fi
}

# curl with retries; https only, except plain http to this machine (tests).
fetch() {
  local url=$1 destination=$2 protocols='=https'
  [[ $url =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?/ ]] && protocols='=http,https'
  curl --proto "$protocols" --tlsv1.2 --fail --silent --show-error --location \
    --retry 5 --retry-delay 2 --retry-connrefused --connect-timeout 20 --max-time 300 \
    --output "$destination" "$url"
}

tools_present() {
  local dir=$1 tool
  for tool in "${tools[@]}"; do [[ -x $dir/$tool ]] || return 1; done
}

install_prebuilt() {
  local base url staging expected actual
  base=$(download_base)/v$version
  staging=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/releasekit-download.XXXXXX")
  trap 'rm -rf "$staging"' RETURN
  url=$base/$archive
  note "downloading $url"
  fetch "$url" "$staging/$archive" || fail "could not download $url (after retries); check the version, or set build-from-source: true"

  expected=$(listed_digest "$action_root/SHA256SUMS" "$archive")
  if [[ -n $expected ]]; then
    note "verifying against the checksums this action carries (action/SHA256SUMS)"
  else
    fetch "$base/SHA256SUMS" "$staging/SHA256SUMS" || fail "could not download $base/SHA256SUMS to verify $archive"
    expected=$(listed_digest "$staging/SHA256SUMS" "$archive")
    [[ -n $expected ]] || fail "$base/SHA256SUMS does not list $archive; refusing an unverified archive"
    note "verifying against the release's SHA256SUMS"
  fi
  actual=$(sha256_of "$staging/$archive")
  [[ $actual == "$expected" ]] ||
    fail "SHA-256 of $archive is $actual, expected $expected: refusing to install it"

  # Only the archive's own top directory; no absolute paths, no `..`.
  local top=releasekit-$version-$os-$arch entry
  while IFS= read -r entry; do
    [[ $entry == "$top" || $entry == "$top/"* ]] && [[ $entry != *..* ]] ||
      fail "$archive holds an unexpected entry ($entry); refusing it"
  done < <(tar -tzf "$staging/$archive")
  tar -xzf "$staging/$archive" -C "$staging"
  tools_present "$staging/$top/bin" || fail "$archive does not hold the six tools under $top/bin"
  rm -rf "$install_root/prebuilt"
  mkdir -p "$install_root"
  mv "$staging/$top" "$install_root/prebuilt"
  installed=$install_root/prebuilt/bin
}

# The sources to build: this action's own repository for its own version, else a clone of
# the version's tag.
source_dir() {
  if [[ $version == "$own_version" && -f $action_root/../Package.swift ]]; then
    (cd "$action_root/.." && pwd)
  else
    echo "$install_root/src"
  fi
}

install_built() {
  if tools_present "$built_dir" && [[ -f $built_dir/.sources-key && $(cat "$built_dir/.sources-key") == "$(cache_key)" ]]; then
    note "using the build restored from the cache ($built_dir)"
    installed=$built_dir; return
  fi
  local src
  src=$(source_dir)
  if [[ $src == "$install_root/src" && ! -d $src ]]; then
    git clone --quiet --depth 1 --branch "v$version" "https://github.com/$(repository)" "$src"
  fi
  local command=(swift build -c release --package-path "$src" --product releasekit)
  if [[ -n ${RELEASEKIT_DRY_BUILD:-} ]]; then
    # Tests: show the build command instead of running it.
    printf 'would run:'; printf ' %q' "${command[@]}"; printf '\n'
    exit 0
  fi
  note "building from source: ${command[*]}"
  "${command[@]}" >&2
  local bin
  bin=$(swift build -c release --package-path "$src" --show-bin-path)
  link_tools "$bin/releasekit" "$built_dir"
  cache_key >"$built_dir/.sources-key"
  installed=$built_dir
}

# Installs the multi-call binary and the six names (hard links; copies across devices).
link_tools() {
  local binary=$1 dir=$2 tool
  rm -rf "$dir"; mkdir -p "$dir"
  cp "$binary" "$dir/releasekit"
  for tool in "${tools[@]}"; do ln "$dir/releasekit" "$dir/$tool" 2>/dev/null || cp "$dir/releasekit" "$dir/$tool"; done
}

swift_version() {
  if command -v swift >/dev/null; then swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9.]*\).*/\1/p' | head -1
  else echo none; fi
}

sources_hash() {
  local src
  src=$(source_dir)
  if [[ -d $src/Sources ]]; then
    (cd "$src" && find Package.swift Sources -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256_of /dev/stdin)
  else
    echo "v$version"
  fi
}

cache_key() {
  echo "releasekit-$version-$os-$arch-swift$(swift_version)-$(sources_hash)"
}

finish() {
  local dir=$1 source=$2
  tools_present "$dir" || fail "$dir does not hold the six ReleaseKit tools (${tools[*]})"
  dir=$(cd "$dir" && pwd)
  [[ -n ${GITHUB_PATH:-} ]] && echo "$dir" >>"$GITHUB_PATH"
  if [[ -n ${GITHUB_ENV:-} ]]; then
    printf 'RELEASEKIT_PATH=%s\nRELEASEKIT_INSTALLED_VERSION=%s\nRELEASEKIT_INSTALLED_SOURCE=%s\n' "$dir" "$version" "$source" >>"$GITHUB_ENV"
  fi
  output path "$dir"
  output version "$version"
  output source "$source"
  note "ReleaseKit $version ($source): $dir"
}

case ${1:-} in
  plan)
    source=$(choose_source)
    output source "$source"
    output version "$version"
    if [[ $source == built ]]; then
      output cache-key "$(cache_key)"
      output cache-path "$built_dir"
    fi
    ;;
  install)
    installed=
    source=$(choose_source)
    case $source in
      bin-dir) finish "$bin_dir" bin-dir ;;
      reuse) finish "$RELEASEKIT_PATH" "${RELEASEKIT_INSTALLED_SOURCE:-bin-dir}" ;;
      prebuilt) install_prebuilt; finish "$installed" prebuilt ;;
      built) install_built; finish "$installed" built ;;
    esac
    ;;
  *) fail "usage: setup.sh plan|install" 2 ;;
esac
