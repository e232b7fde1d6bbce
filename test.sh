#!/usr/bin/env bash
# The test command: installs what the tests need (as root, when missing), builds, runs every test project,
# and ends with one line "N passed, N failed[, N skipped]". Exit status is non-zero when a test failed.
set -uo pipefail
cd "$(dirname "$0")"

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]]; then
    echo "Installing test prerequisites: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
      echo "apt-get install ${missing[*]} failed"; exit 1; }
  else
    echo "Missing test prerequisites (run as root to install them): ${missing[*]}"
  fi
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build CrmHost.sln -c Debug -nologo -v:q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  grep -q "<IsTestProject>true</IsTestProject>" "$project" || continue
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Debug --no-build -nologo --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=normal" || status=1
done

read -r passed failed skipped < <(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
  END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if (( status != 0 && failed == 0 )); then failed=1; fi   # a test host that crashed leaves no counters
line="$passed passed, $failed failed"
(( skipped > 0 )) && line+=", $skipped skipped"
echo "$line"
exit $status
