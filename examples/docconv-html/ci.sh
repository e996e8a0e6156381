#!/usr/bin/env bash
# Prove the third-party plugin path from outside docconv's own package: install this
# plugin, run its tests, use it through the CLI, uninstall it and check it is gone.
# Run with docconv already installed in the active environment (as .ci/run does).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seed="$here/../../seeds/000_23be539ad5687094.txt"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

python -m pip install -q "$here"
(cd "$here" && python -m pytest -q -p no:cacheprovider)

# (Capture before grep: grep -q stops reading early, and pipefail would fail the pipe.)
listing="$(docconv formats)"
grep -Eq '^  html, htm +html +html ' <<<"$listing" || { echo "html missing from docconv formats" >&2; exit 1; }
docconv convert "$seed" -t html -o "$out/seed.html"
grep -q '<html lang="zh-Hant">' "$out/seed.html"
grep -q '<h1>無錫代表團' "$out/seed.html"

python -m pip uninstall -q -y docconv-html
listing="$(docconv formats)"
if grep -Eq '^  html' <<<"$listing"; then echo "html still listed after uninstall" >&2; exit 1; fi
status=0
docconv convert "$seed" -t html -o "$out/gone.html" 2>/dev/null || status=$?
[ "$status" -eq 4 ] || { echo "expected exit 4 (unknown format) after uninstall, got $status" >&2; exit 1; }
echo "docconv-html: installed, tested, used and uninstalled"
