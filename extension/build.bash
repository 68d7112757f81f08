# extension/build.bash: the browser extension's build and Chromium tests. Sourced by build.sh
# after wasm/build.bash and web/build.bash (it takes dist/ as they wrote it).

# ext_build assembles dist/extension/ (the unpacked extension: extension/*, the module, its
# loader, Go's wasm_exec.js, the interface's CSS, icons) and dist/extension.zip from it.
ext_build() {
  printf '\n== extension: dist/extension/, dist/extension.zip\n' >&2
  rm -rf dist/extension dist/extension.zip
  mkdir -p dist/extension
  cp extension/manifest.json extension/*.html extension/*.js extension/*.css dist/extension/
  cp dist/pronote.js dist/wasm_exec.js dist/pronote.wasm dist/pronote-api.wasm dist/pronote.css dist/extension/
  # The extension's pages allow no eval: fail the build if a script needs it.
  if grep -lE '\beval\(|new Function\(' dist/extension/*.js; then
    echo "ext_build: the scripts above call eval or new Function (refused by the extension's CSP)" >&2
    return 1
  fi
  go run ./internal/extzip dist/extension dist/extension.zip
}

# ext_test loads dist/extension/ into Debian's Chromium (playwright-core) against the fake
# PRONOTE server on 127.0.0.1: install, options, login, popup openings, a stopped service
# worker, the ENT handshake, a notification, logout.
ext_test() {
  ui_chromium
  fakepronote_build
  printf '\n== extension: Chromium tests (playwright-core)\n' >&2
  mkdir -p out/screenshots
  CHROMIUM="$UI_CHROMIUM" node --test --test-concurrency=1 --test-reporter=spec extension/test/*.test.mjs
}
