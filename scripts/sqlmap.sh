#!/usr/bin/env bash
# Runs sqlmap against the search, filter and sort parameters of the main lists (customers,
# contacts, leads, deals, tickets) of a Kith started here on a scratch database, signed in as an
# admin (who sees every row, so a leak has the most to show). Exit status 1 when sqlmap reports
# any parameter injectable.
#
#   scripts/sqlmap.sh                       # PGlite in a temporary directory
#   DATABASE_URL=postgres://… scripts/sqlmap.sh   # a scratch PostgreSQL database you created
#   SQLMAP_LEVEL=5 SQLMAP_RISK=3 scripts/sqlmap.sh   # harder (slower); defaults 3 and 2
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v sqlmap >/dev/null; then
  echo "sqlmap is missing: installing the Debian package"
  if [ "$(id -u)" = 0 ]; then apt-get install -y sqlmap; else sudo apt-get install -y sqlmap; fi
fi

LEVEL="${SQLMAP_LEVEL:-3}"
RISK="${SQLMAP_RISK:-2}"
PORT="${PORT:-$((20000 + RANDOM % 20000))}"
WORK="$(mktemp -d /tmp/kith-sqlmap.XXXXXX)"
BASE="http://127.0.0.1:$PORT/api/v1"
EMAIL="sqlmap-admin@example.com"
PASSWORD="sqlmap-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK/data"
}
trap cleanup EXIT

echo "Kith on port $PORT, work files in $WORK"
PORT="$PORT" HOST=127.0.0.1 KITH_DATA_DIR="$WORK/data" KITH_ADMIN_EMAIL="$EMAIL" KITH_ADMIN_PASSWORD="$PASSWORD" LOG_LEVEL=warn \
  npx tsx src/main.ts >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 2; }
  sleep 1
done

LOGIN="$(curl -fsS -c "$WORK/cookies" -H 'content-type: application/json' -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$BASE/auth/login")"
CSRF="$(node -e 'console.log(JSON.parse(process.argv[1]).csrfToken)' "$LOGIN")"
ADMIN_ID="$(node -e 'console.log(JSON.parse(process.argv[1]).user.id)' "$LOGIN")"
SESSION="$(awk '$6 == "kith_session" { print $7 }' "$WORK/cookies")"
post() { curl -fsS -b "$WORK/cookies" -H "x-csrf-token: $CSRF" -H 'content-type: application/json' -d "$2" "$BASE/$1"; }
id_of() { node -e 'console.log(JSON.parse(process.argv[1]).id)' "$1"; }

# Rows for every list, so a true and a false condition would show as different pages.
CUSTOMER="$(id_of "$(post customers '{"name":"Acme 上海","email":"buyer@acme.cn","industry":"tech","tags":["vip"],"status":"active","type":"company"}')")"
post customers '{"name":"Beta Ltd","industry":"retail","status":"prospect"}' >/dev/null
CONTACT="$(id_of "$(post contacts "{\"customerId\":\"$CUSTOMER\",\"name\":\"Wang Wei\",\"email\":\"wang@acme.cn\"}")")"
post leads '{"name":"Li Na","company":"Gamma","source":"web"}' >/dev/null
post opportunities "{\"name\":\"Acme deal\",\"customerId\":\"$CUSTOMER\",\"amount\":\"1000.00\",\"currency\":\"CNY\",\"expectedCloseDate\":\"2026-12-31\"}" >/dev/null
post tickets "{\"subject\":\"Broken\",\"customerId\":\"$CUSTOMER\",\"contactId\":\"$CONTACT\",\"type\":\"complaint\",\"priority\":\"high\"}" >/dev/null

# list → the query it is tested with (every parameter valid, so the baseline is a 200 with rows) and the parameters sqlmap may inject.
declare -A QUERY PARAMS
QUERY[customers]="q=Acme&sort=name&status=active&type=company&tag=vip&industry=tech&ownerId=$ADMIN_ID&limit=50"
PARAMS[customers]="q,sort,status,type,tag,industry,ownerId,limit"
QUERY[contacts]="q=Wang&sort=name&customerId=$CUSTOMER&limit=50"
PARAMS[contacts]="q,sort,customerId,limit"
QUERY[leads]="q=Li&sort=-createdAt&status=new&source=web&createdFrom=2020-01-01&createdTo=2099-12-31&tz=Asia/Shanghai"
PARAMS[leads]="q,sort,status,source,createdFrom,createdTo,tz"
QUERY[opportunities]="q=Acme&sort=-amount&status=open&currency=CNY&customerId=$CUSTOMER&closeFrom=2020-01-01&closeTo=2099-12-31&stage=qualification"
PARAMS[opportunities]="q,sort,status,currency,customerId,closeFrom,closeTo,stage"
QUERY[tickets]="q=Broken&sort=-createdAt&status=new&priority=high&type=complaint&customerId=$CUSTOMER&createdFrom=2020-01-01"
PARAMS[tickets]="q,sort,status,priority,type,customerId,createdFrom"

RESULT="$WORK/result.txt"
: >"$RESULT"
found=0
for list in customers contacts leads opportunities tickets; do
  url="$BASE/$list?${QUERY[$list]}"
  code="$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/cookies" "$url")"
  echo "== $list: baseline $code; testing ${PARAMS[$list]}"
  started=$(date +%s)
  sqlmap -u "$url" --cookie="kith_session=$SESSION" -p "${PARAMS[$list]}" --dbms=PostgreSQL --technique=BEUSTQ \
    --level="$LEVEL" --risk="$RISK" --batch --flush-session --disable-coloring --output-dir="$WORK/sqlmap" \
    --threads=2 >"$WORK/$list.log" 2>&1 || true
  # sqlmap counts the answers that were no 200 (its payloads mostly get a 400 from validation).
  codes="$(grep -E '^[0-9]{3} \(.*\) - [0-9]+ times' "$WORK/$list.log" | paste -sd ',' - || true)"
  if grep -qiE 'is vulnerable|appears to be .*injectable|might be injectable|sqlmap identified the following injection' "$WORK/$list.log"; then
    verdict="INJECTABLE"
    found=1
  elif grep -q 'all tested parameters do not appear to be injectable' "$WORK/$list.log"; then
    verdict="not injectable"
  else
    verdict="inconclusive (see $WORK/$list.log)"
    found=1
  fi
  echo "$list: $verdict; parameters ${PARAMS[$list]}; $(( $(date +%s) - started )) s${codes:+; replies $codes}" | tee -a "$RESULT"
done
echo "sqlmap $(sqlmap --version 2>/dev/null | head -1), level $LEVEL, risk $RISK; logs in $WORK"
exit "$found"
