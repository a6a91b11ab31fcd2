#!/usr/bin/env bash
# The README's two commands on a clone with nothing beside it, as a newcomer runs them: no reference-data folder
# beside the clone, no IPO_REFERENCE_DATA, only Node.js and npm.
#   1. `npm start`: waits for /health, files one trademark through the API, checks the Nice edition the office says
#      it uses (the one shipped with the project), then stops the server with SIGTERM.
#   2. `npm test`: the whole unit and embedded-database suite passes (tests of absent data skip, naming what they lack).
# Usage: bash scripts/check-bare-clone.sh [commit-ish]   (default HEAD of this repository)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:-HEAD}"
port="${IPO_BARE_CLONE_PORT:-3391}"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM -- "-$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A folder holding only the clone: nothing named shared/ beside it.
git clone --quiet --no-local "$repo" "$work/ipoffice"
git -C "$work/ipoffice" checkout --quiet "$(git -C "$repo" rev-parse "$rev")"
cd "$work/ipoffice"
ls -A "$work" | grep -qvx ipoffice && { echo "bare clone: unexpected files beside the clone"; exit 1; }
# The variables an earlier step or a developer's shell may have set must not reach the newcomer's commands. CI is
# among them: in CI, tests that lack reference data fail rather than skip, and a newcomer has none.
unset CI IPO_REFERENCE_DATA IPO_TEST_DATABASE_URL DATABASE_URL IPO_DATA_DIR IPO_OFFICE_CONFIG

echo "--- bare clone: npm start (port $port)"
# Its own process group, so SIGTERM reaches npm, pnpm and the server alike.
PORT="$port" LOG_LEVEL=warn setsid npm start >"$work/start.log" 2>&1 &
server=$!
up=""
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then up=1; break; fi
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 1
done
if [ -z "$up" ]; then
  echo "bare clone: the office did not answer /health; its log:"
  tail -n 60 "$work/start.log"
  exit 1
fi
echo "bare clone: /health answered"

# Filing through the API takes an API token: the demo made one for this data directory (and its staff accounts),
# in a file only its owner reads.
credentials="$work/ipoffice/apps/reference-office/data/demo-credentials.json"
if [ ! -f "$credentials" ]; then
  echo "bare clone: the demo wrote no credentials file ($credentials)"
  exit 1
fi
token=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).token)' "$credentials")
anonymous=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/applications" \
  -H 'content-type: application/json' --data '{}')
if [ "$anonymous" != "401" ]; then
  echo "bare clone: filing without a token answered $anonymous, not 401"
  exit 1
fi
filed=$(curl -sS -o "$work/filed.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/applications" \
  -H 'content-type: application/json' -H "authorization: Bearer $token" \
  --data '{"kind":"trademark","mark":{"text":"BARE CLONE","type":"word"},"owners":[{"name":"Nizwa Crafts SAOC","country":"OM"}],"goodsAndServices":[{"classNumber":25,"terms":["clothing","footwear"]}]}')
if [ "$filed" != "201" ]; then
  echo "bare clone: filing a trademark answered $filed:"
  cat "$work/filed.json"
  exit 1
fi
echo "bare clone: filed $(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(r.applicationNumber)' "$work/filed.json")"

edition=$(curl -fsS "http://127.0.0.1:$port/api/v1/nice/classes?lang=en")
node -e '
  const body = JSON.parse(process.argv[1]);
  const e = body.edition ?? {};
  if (e.id !== "10-2015") { console.error("bare clone: expected the shipped Nice edition 10-2015, got", JSON.stringify(e)); process.exit(1); }
  console.log(`bare clone: Nice edition ${e.id} (${e.licence ?? "licence not stated"})`);
' "$edition"

kill -TERM -- "-$server"
for _ in $(seq 1 30); do kill -0 "$server" 2>/dev/null || break; sleep 1; done
if kill -0 "$server" 2>/dev/null; then
  echo "bare clone: the office did not stop within 30 s of SIGTERM"
  exit 1
fi
server=""
echo "bare clone: stopped"

echo "--- bare clone: npm test"
npm test
