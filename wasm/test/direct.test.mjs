// The module started by Go's wasm_exec.js alone, without pronote.js: it registers
// globalThis.pronote and drives fetch itself (wasm/fetch_direct_js.go) instead of through
// pronote.js's request helper (wasm/fetch_js.go). Both ways give the same answers and the same
// faults.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadPronote, rejection, repoRoot, startFake } from "./helpers.mjs";

await import(join(repoRoot, "dist/wasm_exec.js"));
const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(readFileSync(join(repoRoot, "dist/pronote-api.wasm")), go.importObject);
go.run(instance);
const direct = globalThis.pronote;
const viaHelper = await loadPronote();

let fake;
before(async () => { fake = await startFake("2026", { encrypt: true, compress: true }); });
after(() => fake.stop());

const timeout = 4000; // only a held reply takes this long
const week = { from: "2026-11-23", to: "2026-11-27" };

test("without pronote.js the module registers globalThis.pronote; with it, the namespace shows no helper", () => {
  assert.equal(typeof direct?.login, "function");
  assert.ok(!("_host" in viaHelper), "load() takes its _host away from the namespace");
  assert.deepEqual(Object.keys(direct).sort(), Object.keys(viaHelper).sort());
});

// Ids are made per session ("12#…"): only their presence is compared.
const withoutIds = (v) => JSON.parse(JSON.stringify(v, (k, x) => (typeof x === "string" && /^\d+#/.test(x) ? "(id)" : x)));

test("both ways log in and answer the same", async () => {
  const got = [];
  for (const p of [direct, viaHelper]) {
    const s = await p.login({ url: fake.student, ...fake.accounts.student, timeout });
    got.push(withoutIds({ user: s.user, grades: await s.grades({ period: s.periods[0].id }), timetable: await s.timetable(week), export: Object.keys(await s.export()).sort() }));
    await s.close();
  }
  assert.deepEqual(got[0], got[1]);
  assert.ok(got[0].timetable.length > 0, "the week has lessons");
});

test("both ways: a held reply is TIMEOUT, a dropped one NETWORK_ERROR, an abort ABORTED, and the session goes on", async () => {
  for (const p of [direct, viaHelper]) {
    await fake.reset();
    const s = await p.login({ url: fake.student, ...fake.accounts.student, timeout: 1000 });
    await fake.fault("kind=hold-reply");
    assert.equal((await rejection(s.grades({ period: s.periods[0].id }))).code, "TIMEOUT");
    await fake.reset();
    await fake.fault("kind=drop-reply");
    assert.equal((await rejection(s.grades({ period: s.periods[0].id }))).code, "NETWORK_ERROR");
    await fake.reset();
    const ac = new AbortController();
    await fake.fault("kind=hold-reply");
    const held = s.grades({ period: s.periods[0].id, signal: ac.signal });
    ac.abort();
    assert.equal((await rejection(held)).code, "ABORTED");
    await fake.reset(); // the held reply goes out
    await s.grades({ period: s.periods[0].id });
    await s.close();
  }
});

test("both ways: a connection refused is not counted (the request never left)", async () => {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  for (const p of [direct, viaHelper]) {
    await fake.reset();
    const s = await p.login({ url: fake.student, ...fake.accounts.student, timeout });
    const state = await s.export();
    await s.close();
    const moved = await p.resume({ ...state, url: state.url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`) });
    const err = await rejection(moved.grades({ period: moved.periods[0].id }));
    assert.equal(err.code, "NETWORK_ERROR");
    assert.match(err.message, /ECONNREFUSED/);
    assert.equal((await moved.export()).counter, state.counter);
    await moved.close();
  }
});
