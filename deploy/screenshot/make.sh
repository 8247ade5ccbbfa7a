#!/usr/bin/env bash
# Remakes deploy/screenshot/report.png, the picture of the report in the README, from the demo mailbox:
# `inboxnet demo` writes last month's HTML report, headless Chromium photographs its first screens.
# Needs Chromium (apt-get install chromium); run from anywhere: bash deploy/screenshot/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chmod 755 "$work" # Chromium's own user must be able to read the page
dotnet run -c Release --project src/InboxNetworking.Worker -- demo --data-dir "$work/data" --out "$work/out" >/dev/null
report="$(ls "$work"/out/report-*.html | head -n 1)"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=900,2400 --screenshot="$work/report.png" "file://$report" </dev/null >/dev/null 2>&1
cp "$work/report.png" deploy/screenshot/report.png
echo "deploy/screenshot/report.png: $(stat -c %s deploy/screenshot/report.png) bytes from $(basename "$report")"
