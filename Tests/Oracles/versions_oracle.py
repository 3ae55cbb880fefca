#!/usr/bin/env python3
"""Reference answers for ReleaseKit's version parsers.

Usage: versions_oracle.py CORPUS

CORPUS holds one candidate version per line (UTF-8, lines split on "\\n" only,
so other whitespace survives). Prints one JSON document:

  pep440         per line: packaging's canonical string, or null when invalid
  semver         per line: true when semver.Version.parse accepts it
  pep440_sorted  indices of the PEP 440-valid lines, sorted by packaging
  pep440_rank    per line: dense rank in that order (equal versions share one), or null
  semver_sorted, semver_rank: the same for semver

Needs `pip install packaging semver` (semver 3.x). Exits 3 when either is missing.
"""

import json
import sys

try:
    from packaging.version import Version as PEP440Version
    import semver
except ImportError as error:  # pragma: no cover - reported to the caller
    print(f"missing Python module: {error.name}; install with: pip install packaging semver", file=sys.stderr)
    sys.exit(3)

if not semver.__version__.startswith("3."):
    print(f"semver {semver.__version__} found; the oracle needs semver 3.x: pip install 'semver>=3,<4'", file=sys.stderr)
    sys.exit(3)


def dense_ranks(indices, versions, count):
    ordered = sorted(indices, key=lambda i: versions[i])
    ranks = [None] * count
    rank = -1
    previous = None
    for index in ordered:
        if previous is None or versions[index] != versions[previous]:
            rank += 1
        ranks[index] = rank
        previous = index
    return ordered, ranks


def main():
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    pep440 = {}
    semvers = {}
    for index, line in enumerate(lines):
        try:
            pep440[index] = PEP440Version(line)
        except ValueError:  # InvalidVersion, or int() refusing a huge number
            pass
        try:
            semvers[index] = semver.Version.parse(line)
        except ValueError:
            pass

    pep440_sorted, pep440_rank = dense_ranks(list(pep440), pep440, len(lines))
    semver_sorted, semver_rank = dense_ranks(list(semvers), semvers, len(lines))
    json.dump(
        {
            "pep440": [str(pep440[i]) if i in pep440 else None for i in range(len(lines))],
            "semver": [i in semvers for i in range(len(lines))],
            "pep440_sorted": pep440_sorted,
            "pep440_rank": pep440_rank,
            "semver_sorted": semver_sorted,
            "semver_rank": semver_rank,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
