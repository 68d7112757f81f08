// load() takes the API-only module unless asked for the interface; both builds are one API.
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "./helpers.mjs";

const { load } = await import(join(repoRoot, "dist/pronote.js"));

test("load() is the API alone, smaller; load({ ui: true }) adds mount", async () => {
  const api = await load();
  assert.equal(await load(), api, "the same namespace for the same build");
  const err = await api.mount({}).then(() => null, (e) => e);
  assert.equal(err?.code, "INVALID_ARGUMENT");
  assert.equal(err.argument, "ui");
  assert.match(err.message, /load\(\{ ui: true \}\)/);
  const full = await load({ ui: true });
  assert.notEqual(full, api);
  assert.equal(typeof full.mount, "function");
  for (const ns of [api, full]) assert.equal(typeof ns.login, "function");
  const size = (f) => statSync(join(repoRoot, "dist", f)).size;
  assert.ok(size("pronote-api.wasm") < size("pronote.wasm"), "the API alone is the smaller file");
});
