#!/usr/bin/env bash
# `make test`: `swift test` in two processes, one after the other, each running its tests in parallel.
#
# The suites that talk to the local Scenario server (every suite in a file that uses ScenarioTestServer or
# ScenarioHarness) run apart from the rest: the server answers on Swift's concurrency threads (one per core),
# which the media tests hold while they decode, so side by side in one process the server would answer late.
set -uo pipefail
cd "$(dirname "$0")/.."

suites=$(grep -l -E 'ScenarioTestServer\b|ScenarioHarness' Tests/*Tests/*.swift \
  | xargs grep -h -o -E '^(@Suite.* )?(struct|final class|class) [A-Za-z0-9_]+' | awk '{print $NF}' | sort -u | paste -sd'|' -)
server="\\.(${suites})/"

swift build --build-tests || exit 1
status=0
echo "== the suites that use the local Scenario server"
swift test --skip-build --filter "$server" || status=1
echo "== the other suites"
swift test --skip-build --skip "$server" || status=1
exit $status
