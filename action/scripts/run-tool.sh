#!/usr/bin/env bash
# Runs one ReleaseKit tool with its arguments built from environment variables, so a
# per-tool action maps inputs to `env:` and nothing from `${{ }}` ever reaches a shell
# line. Usage: run-tool.sh TOOL. Variables, read in name order:
#   RK_OPT_<name>=value   --<name> value, when the value is not empty
#   RK_LIST_<name>=lines  --<name> line, once per non-blank line (a repeatable flag)
#   RK_FLAG_<name>=bool   --<name> when `true`; nothing when `false` or empty
#   RK_ARG_<name>=value   a positional argument (after `--`), when not empty
# <name> is the flag with `-` written as `_` (RK_OPT_release_commit_pattern is
# --release-commit-pattern). RELEASEKIT_API_URL, when set, becomes GITHUB_API_URL.
# RELEASEKIT_TOOLS_DIR, when set, is where the tool is (the setup step's `path`);
# otherwise it is looked up on PATH.
set -euo pipefail

tool=${1:?usage: run-tool.sh TOOL}
case $tool in
  guard-loop | parse-tag | bump-version | render-changelog | verify-artifacts | create-release) ;;
  *) echo "::error::run-tool.sh: unknown tool '$tool'" >&2; exit 2 ;;
esac

args=()
positionals=()
while IFS= read -r variable; do
  value=${!variable}
  kind=${variable#RK_}; kind=${kind%%_*}
  name=${variable#RK_"$kind"_}
  flag=--${name//_/-}
  case $kind in
    OPT)
      [[ -n $value ]] && args+=("$flag" "$value") ;;
    LIST)
      while IFS= read -r line || [[ -n $line ]]; do
        line=${line%$'\r'}
        [[ -z ${line//[[:space:]]/} ]] && continue
        args+=("$flag" "$line")
      done <<<"$value" ;;
    FLAG)
      case $value in
        true) args+=("$flag") ;;
        false | '') ;;
        *) echo "::error::input ${name//_/-} must be true or false, got a different value" >&2; exit 2 ;;
      esac ;;
    ARG)
      [[ -n $value ]] && positionals+=("$value") ;;
    *)
      echo "::error::run-tool.sh: unknown variable kind in $variable (expected RK_OPT_, RK_LIST_, RK_FLAG_ or RK_ARG_)" >&2; exit 2 ;;
  esac
done < <(compgen -e | grep '^RK_[A-Z]*_' | LC_ALL=C sort)

if [[ -n ${RELEASEKIT_API_URL:-} ]]; then
  export GITHUB_API_URL=$RELEASEKIT_API_URL
fi
# The token stays in the environment (the step's env: maps it), never in argv.
if ((${#positionals[@]})); then
  args+=(-- "${positionals[@]}")
fi
if [[ -n ${RELEASEKIT_DRY_ECHO:-} ]]; then
  # Tests: print the argv, one argument per line, instead of running the tool.
  printf '%s\n' "$tool" ${args[@]+"${args[@]}"}
  exit 0
fi
if [[ -n ${RELEASEKIT_TOOLS_DIR:-} ]]; then
  exec "$RELEASEKIT_TOOLS_DIR/$tool" ${args[@]+"${args[@]}"}
fi
exec "$tool" ${args[@]+"${args[@]}"}
