#!/usr/bin/env bash
# The action and workflow checks .ci/run runs: every action.yml against GitHub's action
# metadata schema, every workflow against the workflow schema (check-jsonschema's built-in
# copies: no network), zizmor with no findings on action/ and .github/, and the per-tool
# actions and README's output and action tables in step with the built tools
# (scripts/generate-actions: flags from --experimental-dump-help, outputs from
# releasekit --describe-outputs).
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in check-jsonschema zizmor; do
  if ! command -v "$tool" >/dev/null; then
    if [[ -n ${CI:-} ]]; then echo "lint: $tool is not installed (pip install -r Tests/requirements.txt)" >&2; exit 1; fi
    echo "lint: skipped, $tool is not installed" >&2; exit 0
  fi
done

mapfile -t actions < <(find action -name action.yml | sort)
mapfile -t workflows < <(find .github/workflows Tests/Action/workflows -name '*.yml' | sort)
check-jsonschema --builtin-schema vendor.github-actions "${actions[@]}"
check-jsonschema --builtin-schema vendor.github-workflows "${workflows[@]}"
zizmor --offline --no-progress action/ .github/
scripts/generate-actions --check
echo "lint: ${#actions[@]} actions and ${#workflows[@]} workflows valid, zizmor clean, per-tool actions up to date"
