#!/usr/bin/env bash
# The interactive page in a real browser (headless Chromium): its self-test
# mode (#selftest=LABEL) searches, clicks the first edge of the match and
# writes what the page showed into <pre id="selftest">, which we read from
# the DOM Chromium dumps. Also: a search that finds nothing says so, a
# screenshot is not empty, no script error, and a document whose names and
# sentences are markup (<script>, <img onerror>) shows them as text and runs
# nothing.
# Usage: KGREP=path/to/kgrep html_page.sh FIXTURE.txt RULES.yaml
# Exits 77 (skipped) without /usr/bin/chromium.
set -u
fixture=$1
rules=$2
chromium=/usr/bin/chromium
[ -x "$chromium" ] || { echo "skipped: $chromium not installed (Debian package chromium)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAILED: $*"; fail=1; }

browse() {  # NAME URL [extra chromium flags]: DOM to $tmp/NAME.dom, log to $tmp/NAME.log
  local name=$1 url=$2
  shift 2
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$(mktemp -d -p "$tmp")" --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 "$@" "$url" >"$tmp/$name.dom" 2>"$tmp/$name.log" ||
    problem "$name: chromium failed: $(tail -3 "$tmp/$name.log")"
  if grep -E 'Uncaught|:CONSOLE\(' "$tmp/$name.log"; then
    problem "$name: the page logged an error"
  fi
}

selftest() {  # NAME: the <pre id="selftest"> of the dumped DOM
  sed -n '/<pre id="selftest"/,/<\/pre>/p' "$tmp/$1.dom"
}

expect() {  # NAME TEXT: the self-test output contains TEXT
  selftest "$1" | grep -qF -- "$2" || problem "$1: self-test output lacks '$2'"
}

# --- the fixture ---------------------------------------------------------------
"$KGREP" extract -o "$tmp/fixture.html" "$fixture" || { echo "FAILED: kgrep extract"; exit 1; }
page="file://$tmp/fixture.html"

browse found "$page#selftest=Weber" --dump-dom
selftest found
expect found "search: 1 match, showing 1: Ingrid Weber"
expect found "hit: n"
expect found "clicked: e"
expect found "Ingrid Weber → represents → Germany"
expect found "Evidence (1)"
expect found ", rule speaker-represents"
expect found "I am honored to represent Germany here today."
selftest found | grep -qE ', bytes [0-9]+–[0-9]+, rule ' || problem "found: no byte range"

browse alias "$page#selftest=okafor" --dump-dom
expect alias "showing 1: Okafor"

browse none "$page#selftest=Nobody%20Here" --dump-dom
expect none "search: no node matches “Nobody Here”"

browse shot "$page" --window-size=1280,800 --screenshot="$tmp/shot.png"
[ -s "$tmp/shot.png" ] || problem "no screenshot"
[ "$(head -c 4 "$tmp/shot.png" | tail -c 3)" = "PNG" ] || problem "the screenshot is not a PNG"
[ "$(wc -c <"$tmp/shot.png")" -gt 5000 ] || problem "the screenshot is nearly empty"

# --- markup in names and sentences --------------------------------------------
cat >"$tmp/markup.yaml" <<'EOF'
pack: markup
entities:
  - id: script-person
    type: Person
    priority: 50
    pattern: 'Minister (?P<name><script>alert\(1\)</script> Bello)'
EOF
cat >"$tmp/markup.txt" <<'EOF'
PRIME MINISTER OKAFOR: Good afternoon. It is a great pleasure to welcome
Chancellor Ingrid Weber to Abuja. I also want to welcome my colleague,
Foreign Minister <script>alert(1)</script> Bello. <img src=x onerror="document.documentElement.setAttribute('data-xss','1')"> </script><b>bold</b>

CHANCELLOR WEBER: Thank you very much, Prime Minister Okafor.
EOF
"$KGREP" extract --rules "$rules" --rules "$tmp/markup.yaml" -o "$tmp/markup.html" \
  "$tmp/markup.txt" || { echo "FAILED: kgrep extract (markup)"; exit 1; }
browse markup "file://$tmp/markup.html#selftest=%3Cscript%3Ealert(1)" --dump-dom
selftest markup
expect markup "hit: n"
expect markup "&lt;script&gt;alert(1)&lt;/script&gt; Bello"
expect markup "&lt;img src=x onerror=\"document.documentElement.setAttribute('data-xss','1')\"&gt;"
[ "$(grep -o '<script' "$tmp/markup.dom" | wc -l)" -eq 2 ] ||
  problem "markup: the DOM has other <script> elements than the page's two"
if grep -q '<img\|<b>bold\|data-xss="1"' "$tmp/markup.dom"; then
  problem "markup: document text became markup or ran"
fi

[ $fail -eq 0 ] && echo "ok: the page searches, shows evidence and keeps document text inert"
exit $fail
