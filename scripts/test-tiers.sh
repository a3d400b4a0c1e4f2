#!/usr/bin/env bash
# Runs the test suite in tiers, one pytest process each, and prints one total.
# Sync Playwright keeps an asyncio loop running in its process for as long as it
# lives, which the asyncio tests of another tier cannot share; separate
# processes keep every tier honest. Extra arguments go to every pytest run.
set -u
py=${PY:-.venv/bin/python}
tiers=("tests/unit tests/relay" "tests/desktop" "tests/browser" "tests/runners" "tests/engines")
passed=0 failed=0 skipped=0 status=0

count() { grep -oE "[0-9]+ $1" <<<"$2" | grep -oE '^[0-9]+' || echo 0; }

for tier in "${tiers[@]}"; do
  present=()
  for dir in $tier; do [ -d "$dir" ] && present+=("$dir"); done
  [ ${#present[@]} -eq 0 ] && continue
  echo "=== pytest ${present[*]}"
  log=$(mktemp)
  "$py" -m pytest "${present[@]}" "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  summary=$(grep -E '(passed|failed|error|skipped|no tests ran).* in [0-9.]+s' "$log" | tail -n 1)
  rm -f "$log"
  passed=$((passed + $(count passed "$summary")))
  skipped=$((skipped + $(count skipped "$summary")))
  failed=$((failed + $(count failed "$summary") + $(count error "$summary") + $(count errors "$summary")))
  if [ "$rc" -ne 0 ]; then
    status=1
    [ "$(count failed "$summary")$(count error "$summary")$(count errors "$summary")" = "000" ] && failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
