#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: installs what the tests need when it is
# missing (Debian packages; root or sudo), then builds once and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
# A real IMAP server for the connector and worker tests (each test run starts its own on loopback).
[ -x /usr/sbin/dovecot ] || packages+=(dovecot-imapd)
# A real PostgreSQL for the store's contract tests (each test run starts its own cluster on loopback).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing test dependencies: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The real-world corpora live beside the project (../shared/corpora) unless told otherwise.
if [ -z "${INBOXNET_CORPORA:-}" ] && [ -d ../shared/corpora ]; then
  INBOXNET_CORPORA="$(cd ../shared/corpora && pwd)"
fi
export INBOXNET_CORPORA="${INBOXNET_CORPORA:-}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$(pwd)/tests/TestResults"
rm -rf "$results"
dotnet restore InboxNetworking.sln
dotnet build InboxNetworking.sln --no-restore -c Release -v quiet -nologo
status=0
# A hung test fails the run within minutes and is named (the slowest test takes ~35 s); without
# `--blame-hang-dump-type none` each hang would also write a ~275 MB dump.
dotnet test InboxNetworking.sln --no-build -c Release --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" || status=$?
if [ $status -ne 0 ]; then
  # The blame collector lists what was running when the host was stopped: that is the hung test.
  for sequence in $(find "$results" -name 'Sequence_*.xml' 2>/dev/null); do
    echo "Tests running when the test host was stopped ($sequence):"
    grep -o 'Name="[^"]*"' "$sequence" | tail -n 5
  done
fi

# One plain closing line that any reader of the log understands.
trx=$(find "$results" -name 'results.trx' | head -n 1)
if [ -n "$trx" ]; then
  python3 - "$trx" <<'PY'
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {'t': root.tag[1:].split('}')[0]} if root.tag.startswith('{') else {'t': ''}
q = lambda path: path.replace('t:', 't:' if ns['t'] else '')
# The failures again at the very end: CI logs are often read from their tail.
for result in root.iterfind(q('.//t:UnitTestResult'), ns):
    if result.get('outcome') != 'Failed':
        continue
    message = result.find(q('.//t:ErrorInfo/t:Message'), ns)
    stack = result.find(q('.//t:ErrorInfo/t:StackTrace'), ns)
    print(f"FAILED {result.get('testName')} ({result.get('duration')})")
    for text in (message, stack):
        if text is not None and text.text:
            print('\n'.join('    ' + line for line in text.text.strip().splitlines()[:15]))
counters = root.find(q('.//t:Counters'), ns)
print(f"{counters.get('passed')} passed, {counters.get('failed')} failed, {counters.get('notExecuted')} skipped")
PY
fi
exit $status
