# web/build.bash: build, test and serve hooks for the static demo (the UI of web/ui, index.html,
# web/app.js, web/pronote.css). Sourced by build.sh; expects the repository root as the working
# directory. Uses wasm/build.bash (wasm_build, wasm_sizes, wasm_report) and relay/build.bash
# (relay_build).

# The full module (API + UI) must stay within this many bytes of gzip -9 (2 MiB). The API
# alone has its own budget, checked by wasm_size_check (wasm/build.bash): library users, who
# bundle pronote-api.wasm, do not pay for the interface. The budget was 1.8 MiB for three tabs;
# the nine tabs of the everyday client took it to 1.86 MiB (1.34 MiB brotli, as served).
UI_BUDGET_GZIP=$((2097152))

# The Chromium the browser tests drive: Debian's (ui_chromium installs it when missing).
UI_CHROMIUM=${UI_CHROMIUM:-/usr/bin/chromium}

ui_need() {
  declare -F wasm_build >/dev/null || source wasm/build.bash
  declare -F relay_build >/dev/null || source relay/build.bash
}

# ui_build writes dist/ with the module (wasm_build), then the page (ui_page).
ui_build() {
  ui_need
  wasm_build
  ui_page
}

# ui_precompress writes FILE.br (brotli, quality 11, through Node's zlib) and FILE.gz (gzip -9)
# beside each module, for servers that send them with Content-Encoding (cmd/devserver does;
# README: static hosts). Skipped when the compressed files are newer than the module.
ui_precompress() {
  local f
  for f in dist/pronote.wasm dist/pronote-api.wasm; do
    [ -f "$f" ] || continue
    if [ "$f.br" -nt "$f" ] && [ "$f.gz" -nt "$f" ]; then continue; fi
    gzip -9 -n -c "$f" >"$f.gz"
    node -e '
      const z = require("node:zlib"), fs = require("node:fs"), b = fs.readFileSync(process.argv[1]);
      fs.writeFileSync(process.argv[1] + ".br", z.brotliCompressSync(b, { params: {
        [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }));' "$f"
  done
}

# ui_page writes the page into dist/: index.html (the root index.html with its dist/ prefixes
# removed), app.js and pronote.css (web/pronote.css, then each view's web/css/*.css in name
# order), and the precompressed modules (ui_precompress).
ui_page() {
  mkdir -p dist
  printf '\n== ui: dist/index.html, app.js, pronote.css\n' >&2
  cp web/app.js dist/
  local parts=(web/pronote.css) f
  for f in web/css/*.css; do
    [ -e "$f" ] && parts+=("$f")
  done
  cat "${parts[@]}" >dist/pronote.css
  sed -e 's#"dist/#"#g' index.html >dist/index.html
  if grep -q '"dist/' dist/index.html; then
    echo "ui_build: dist/index.html still refers to dist/" >&2
    return 1
  fi
  printf '== ui: dist/*.wasm.br, *.wasm.gz\n' >&2
  ui_precompress
}

# ui_size_check fails when the full module (API + UI) exceeds its gzip budget.
ui_size_check() {
  local gz
  gz=$(wasm_sizes dist/pronote.wasm | cut -d' ' -f2)
  if [ "$gz" -gt "$UI_BUDGET_GZIP" ]; then
    echo "ui_size_check: pronote.wasm (API + UI) is $gz bytes gzip, over its budget of $UI_BUDGET_GZIP (2 MiB)" >&2
    echo "  find the weight: build without -s -w and list the code section by function" >&2
    return 1
  fi
  echo "ui_size_check: pronote.wasm (API + UI) $gz <= $UI_BUDGET_GZIP bytes gzip" >&2
}

# ui_chromium installs Debian's Chromium when it is missing.
ui_chromium() {
  [ -x "$UI_CHROMIUM" ] && return 0
  printf '\n== ui: installing chromium (apt-get)\n' >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$UI_CHROMIUM" ] || { echo "ui_chromium: $UI_CHROMIUM is still missing" >&2; return 1; }
}

# ui_test takes dist/ as the build wrote it (module, page, relay Worker), checks the size budget
# (the API alone is wasm_test's), then drives Chromium through the demo: the page served from
# 127.0.0.1, the relay in workerd, the fake PRONOTE server. Screenshots go to out/screenshots/.
ui_test() {
  local status=0
  ui_need
  ui_size_check
  ui_chromium
  fakepronote_build
  printf '\n== ui: browser tests (Chromium, playwright-core)\n' >&2
  mkdir -p out/screenshots
  CHROMIUM="$UI_CHROMIUM" \
    node --test --test-concurrency=1 --test-reporter=spec web/test/*.test.mjs || status=$?
  return "$status"
}

# serve builds dist/ and runs the local demo (cmd/devserver): page, relay and demo school on one
# 127.0.0.1 port. Ctrl-C stops it.
serve() {
  ui_build
  mkdir -p out
  go build -o out/devserver ./cmd/devserver
  exec out/devserver -dir . "$@"
}
