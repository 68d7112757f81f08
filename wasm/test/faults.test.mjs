// The fault matrix through dist/pronote.js and Node's fetch: every transient fault rejects the
// call with its own code and words, and the next call on the same session works; only an
// expired session stays expired.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const pronote = await loadPronote();
let fake;
before(async () => { fake = await startFake("2026", { encrypt: true, compress: true }); });
after(() => fake.stop());
beforeEach(() => fake.reset());

// Only a held reply can take this long; every other request here is answered at once.
const timeout = 4000;
const login = () => pronote.login({ url: fake.student, ...fake.accounts.student, timeout });
const grades = (s) => s.grades({ period: s.periods[0].id });

function assertFault(err, code, words) {
  assert.equal(err.name, "PronoteError");
  assert.equal(err.code, code, `${err.code}: ${err.message}`);
  assert.match(err.message, words);
  assert.ok(!err.message.includes(fake.accounts.student.password), "no password in the message");
  assert.ok(!/appelfonction/.test(err.message), "no URL (session number) in the message");
}

async function deadPort() {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

describe("a transient fault costs one call, not the session", () => {
  for (const [query, code, words] of [
    ["kind=maintenance", "SERVER_ERROR", /maintenance/],
    ["kind=busy", "SERVER_ERROR", /unavailable/],
    ["kind=ip", "IP_SUSPENDED", /suspended/],
    ["kind=not-json", "PROTOCOL_ERROR", /not JSON/],
    ["kind=drop-reply", "NETWORK_ERROR", /request failed/],
    ["kind=cut-reply", "NETWORK_ERROR", /request failed/],
    ["kind=wrong-order", "PROTOCOL_ERROR", /order number/],
    ["kind=hold-reply", "TIMEOUT", /did not answer in time/],
  ]) {
    test(`${query} → ${code}, then the session goes on`, async () => {
      const s = await login();
      await fake.fault(query);
      assertFault(await rejection(grades(s)), code, words);
      await fake.reset(); // lifts the fault; a held reply goes out
      await grades(s);
      await s.timetable({ from: "2026-11-23", to: "2026-11-27" });
      await s.close();
    });
  }

  test("G 21 is SERVER_ERROR with err.g, and the session goes on", async () => {
    const s = await login();
    await fake.fault("kind=server&g=21");
    const err = await rejection(grades(s));
    assertFault(err, "SERVER_ERROR", /server error 21/);
    assert.equal(err.g, 21);
    await grades(s);
    await s.close();
  });

  test("a connection refused keeps the order number: the session resumed at home goes on", async () => {
    const s = await login();
    const state = await s.export();
    await s.close();
    const away = { ...state, url: state.url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${await deadPort()}`) };
    const moved = await pronote.resume(away);
    assertFault(await rejection(grades(moved)), "NETWORK_ERROR", /ECONNREFUSED/);
    const after = await moved.export(); // its order counter after the refused call
    await moved.close();
    assert.equal(after.counter, state.counter, "a request that never left is not counted");
    const home = await pronote.resume({ ...after, url: state.url });
    await grades(home);
    await home.close();
  });

  test("an expired session stays expired", async () => {
    const s = await login();
    await fake.fault("kind=expire");
    assertFault(await rejection(grades(s)), "SESSION_EXPIRED", /session expired/);
    assertFault(await rejection(grades(s)), "SESSION_EXPIRED", /session expired/);
    await s.close();
  });

  test("the timeout option is checked", async () => {
    for (const bad of [-1, 0.5, 600001, "10"]) {
      const err = await rejection(pronote.login({ url: fake.student, ...fake.accounts.student, timeout: bad }));
      assert.equal(err.code, "INVALID_ARGUMENT", `${bad}: ${err.message}`);
      assert.equal(err.argument, "timeout");
    }
  });
});
