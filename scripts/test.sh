#!/usr/bin/env bash
# test.sh: the project's test command. Runs every test (unit and integration; `mvn -B verify` with no tag
# filter), then, when ENVTAINER_REQUIRE_TOOLS=1, fails if any test was skipped and lists them: in CI a
# skipped integration test means a tool was missing, which must not pass as green.
# Integration tests need the tools from scripts/setup.sh (run it first, as root).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

# Prints "Class.method: reason" for each skipped test case in the surefire reports.
list_skipped() {
  awk '
    /<testcase / {
      name = $0; sub(/.* name="/, "", name); sub(/".*/, "", name)
      cls = $0; sub(/.* classname="/, "", cls); sub(/".*/, "", cls)
    }
    /<skipped/ {
      why = ""
      if ($0 ~ /message="/) { why = $0; sub(/.*message="/, "", why); sub(/".*/, "", why) }
      else if ($0 ~ /CDATA\[/) { why = $0; sub(/.*CDATA\[/, "", why); sub(/^[A-Za-z0-9_.$]*: /, "", why) }
      print "  " cls "." name ": " why
    }' target/surefire-reports/TEST-*.xml
}

status=0
# Reports of an earlier run must not count (a class renamed since, a run with tools missing).
rm -rf target/surefire-reports
# An empty group filter runs every test, tagged or not (pom.xml defaults to groups=unit).
mvn -B verify -Dgroups= -DexcludedGroups= || status=$?

if [[ ${ENVTAINER_REQUIRE_TOOLS:-} == 1 ]]; then
  if ! compgen -G 'target/surefire-reports/TEST-*.xml' >/dev/null; then
    echo "test.sh: no surefire reports: no test ran" >&2
    exit 1
  fi
  skipped=$(list_skipped)
  if [[ -n $skipped ]]; then
    echo "test.sh: ENVTAINER_REQUIRE_TOOLS=1 and these tests were skipped:" >&2
    echo "$skipped" >&2
    status=1
  fi
fi
exit "$status"
