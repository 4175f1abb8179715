#!/usr/bin/env bash
# Runs the addon's test suite in a fresh database and prints the summary line
# "N passed, N failed". Exit status is non-zero on any failed or erroring test,
# and on any warning or error logged while installing the addon.
source "$(dirname "$0")/lib.sh"
setup_all test

DB="${TEST_DB:-referent_parcours_test}"
LOG="$PARCOURS_HOME/test.log"
HTTP_PORT="${TEST_HTTP_PORT:-8079}"
python3 - "$DB" "${DB_ARGS[@]}" <<'PY'
import sys, psycopg2
db, args = sys.argv[1], sys.argv[2:]
opts = dict(zip(args[::2], args[1::2]))
conn = psycopg2.connect(dbname="postgres", host=opts["--db_host"], port=opts["--db_port"], user=opts["--db_user"],
                        password=opts.get("--db_password"))
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % db)
PY
rm -rf "$PARCOURS_HOME/filestore/filestore/$DB"

say "installing referent_parcours in a fresh database '$DB' and running its tests (log: $LOG)"
set +e
odoo_bin "${ODOO_ARGS[@]}" -d "$DB" -i referent_parcours --test-tags "${TEST_TAGS:-/referent_parcours}" \
    --http-port "$HTTP_PORT" --stop-after-init --log-level=test --max-cron-threads=0 "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e

python3 - "$LOG" "$status" <<'PY'
import re, sys
log, status = open(sys.argv[1], encoding="utf-8", errors="replace").read(), int(sys.argv[2])
m = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database", log)
skipped = len(re.findall(r" INFO \S+ odoo\.addons\.referent_parcours\.\S+: skipped ", log))
# Warnings and errors logged while installing, before the tests start (tests log
# expected database refusals of their own).
install_log = log.split("Starting post tests")[0]
problems = [l for l in install_log.splitlines() if re.search(r"\d \d+ (WARNING|ERROR|CRITICAL) ", l)]
if not m:
    print("The test run did not finish (see the log above).")
    print("0 passed, 1 failed")
    sys.exit(1)
failed, errors, total = map(int, m[-1])
bad = failed + errors
passed = max(total - bad - skipped, 0)
for line in problems:
    print("install/run problem:", line[:300])
# A skipped test is a check that did not run (a browser tour without Chromium, for instance): it fails the run.
if skipped:
    print(f"{skipped} test(s) skipped, counted as failed (see the log: a browser tour without Chromium?)")
print(f"{passed} passed, {bad + len(problems) + skipped} failed")
sys.exit(1 if bad or problems or skipped or status or not total else 0)
PY
