// Failures through dist/pronote.js: every code the fake server's faults produce, bad
// arguments, network errors, abort, close, 50 concurrent calls, resume of an expired session.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const pronote = await loadPronote();
let fake;
before(async () => { fake = await startFake("2025", { encrypt: true, compress: true }); });
after(() => fake.stop());
beforeEach(() => fake.reset());

const login = (extra = {}) => pronote.login({ url: fake.student, ...fake.accounts.student, ...extra });

function assertError(err, code) {
  assert.ok(err instanceof Error, "an Error");
  assert.equal(err.name, "PronoteError");
  assert.equal(err.code, code, `${err.code}: ${err.message}`);
  assert.ok(err.message.length > 0);
  assert.ok(!err.message.includes(fake.accounts.student.password), "no password in the message");
  assert.ok(!/\/appelfonction\//.test(err.message), "no URL (session number) in the message");
}

describe("server faults", () => {
  test("BAD_CREDENTIALS", async () => {
    assertError(await rejection(login({ password: "wrong" })), "BAD_CREDENTIALS");
  });
  // A ban (IP_SUSPENDED, RATE_LIMITED) starts the module's cool-down for that school, so
  // those cases run on a fake server of their own (another port is another school).
  const bans = new Set(["kind=ip", "kind=server&g=25&title=Trop"]);
  const onFake = async (query, fn) => {
    if (!bans.has(query)) return fn(fake, login);
    const own = await startFake("2025", { encrypt: true, compress: true });
    try {
      return await fn(own, (extra = {}) => pronote.login({ url: own.student, ...own.accounts.student, ...extra }));
    } finally {
      await own.stop();
    }
  };
  for (const [query, code] of [
    ["kind=ip", "IP_SUSPENDED"], ["kind=maintenance", "SERVER_ERROR"], ["kind=busy", "SERVER_ERROR"],
    ["kind=unavailable", "SERVER_ERROR"],
  ]) {
    test(`${query} at login → ${code}`, () => onFake(query, async (f, login) => {
      await f.fault(query);
      assertError(await rejection(login()), code);
    }));
  }
  for (const [query, code] of [
    ["kind=expire", "SESSION_EXPIRED"], ["kind=server&g=25&title=Trop", "RATE_LIMITED"],
    ["kind=server&g=3&title=Erreur", "SERVER_ERROR"], ["kind=wrong-order", "PROTOCOL_ERROR"],
    ["kind=ip", "IP_SUSPENDED"],
  ]) {
    test(`${query} on a call → ${code}`, () => onFake(query, async (f, login) => {
      const s = await login();
      await f.fault(query);
      assertError(await rejection(s.timetable({ week: 12 })), code);
      await s.close();
    }));
  }
  test("a resumed session the server expired rejects with SESSION_EXPIRED", async () => {
    const s = await login();
    const state = await s.export();
    await s.close();
    await fake.fault("kind=expire");
    const resumed = await pronote.resume(state);
    assertError(await rejection(resumed.grades({ period: resumed.periods[0].id })), "SESSION_EXPIRED");
    assertError(await rejection(resumed.grades({ period: resumed.periods[0].id })), "SESSION_EXPIRED");
  });
});

test("NETWORK_ERROR on a closed port", async () => {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  const port = srv.address().port;
  await new Promise((ok) => srv.close(ok));
  const err = await rejection(pronote.login({ url: `http://127.0.0.1:${port}/pronote/eleve.html`, username: "a", password: "b" }));
  assertError(err, "NETWORK_ERROR");
});

describe("INVALID_ARGUMENT names the argument", () => {
  const cases = [
    ["login()", () => pronote.login(), "options"],
    ["login(string)", () => pronote.login("x"), "options"],
    ["no url", () => pronote.login({ username: "a", password: "b" }), "url"],
    ["bad url", () => pronote.login({ url: "ftp://x/eleve.html", username: "a", password: "b" }), "url"],
    ["not a space page", () => pronote.login({ url: "https://x.test/pronote/", username: "a", password: "b" }), "url"],
    ["no username", () => pronote.login({ url: fake.student, password: "b" }), "username"],
    ["username number", () => pronote.login({ url: fake.student, username: 5, password: "b" }), "username"],
    ["no password", () => pronote.login({ url: fake.student, username: "a" }), "password"],
    ["bad relay", () => login({ relay: "not a url" }), "relay"],
    ["bad onProgress", () => login({ onProgress: 3 }), "onProgress"],
    ["bad signal", () => login({ signal: {} }), "signal"],
    ["BigInt", () => login({ deviceUUID: 1n }), "options"],
    ["resume()", () => pronote.resume(), "state"],
    ["resume({})", () => pronote.resume({}), "state"],
    ["resume(junk)", () => pronote.resume("{not json"), "state"],
  ];
  for (const [name, f, arg] of cases) {
    test(name, async () => {
      const err = await rejection(f());
      assertError(err, "INVALID_ARGUMENT");
      assert.equal(err.argument, arg, err.message);
    });
  }
  test("session methods", async () => {
    const s = await login();
    const bad = [
      [() => s.timetable(), "query"], [() => s.timetable({ week: 1.5 }), "week"], [() => s.timetable({ week: 99 }), "week"],
      [() => s.timetable({ from: "2026-13-01", to: "2026-11-01" }), "from"], [() => s.grades({ periode: "x" }), "periode"],
      [() => s.grades({ period: "nope" }), "period"], [() => s.homework({ from: "2026-11-23", week: 3 }), "week"],
      [() => s.homework({ from: "2026-11-23", to: "2026-11-01" }), "to"], [() => s.homework({}), "from"],
      [() => s.call(), "name"], [() => s.call("Page", [1]), "data"], [() => s.call("Page", null, { onglet: "x" }), "onglet"],
      [() => s.call("Page", null, { onglet: -1 }), "onglet"], [() => s.selectChild(3), "child"],
      [() => s.timetable.call({}, { week: 3 }), "this"],
      [() => s.grades({ period: { "secret-value": 1 } }), "period"], [() => s.grades({ period: ["x"] }), "period"],
      [() => s.download({ name: 5, kind: "file" }), "attachment.name"],
      [() => s.download({ name: "a", kind: "file", bogus: "secret" }), "attachment.bogus"],
      [() => s.download([]), "attachment"], [() => s.markNewsRead(3), "id"],
      [() => s.markNewsRead("n1", "yes"), "read"], [() => s.markNewsRead("n1", true, { id: "n2", extra: 1 }), "extra"],
      [() => s.homework({ from: "2026-11-23", to: 20261129 }), "to"],
    ];
    for (const [f, arg] of bad) {
      const err = await rejection(f());
      assertError(err, "INVALID_ARGUMENT");
      assert.equal(err.argument, arg, `${f}: ${err.message}`);
      assert.doesNotMatch(err.message, /secret|20261129/, "an error never quotes the value");
    }
    // What JSON.stringify would leave out is not an unknown option: a signal, a function, an
    // undefined member; null, NaN and Infinity read as absent; a Date reads as its toJSON.
    const week = { from: "2026-11-23", to: "2026-11-29" };
    const ac = new AbortController();
    const hw = await s.homework({ ...week, signal: ac.signal, onWhatever() {}, extra: undefined });
    assert.ok(Array.isArray(hw));
    assert.deepEqual(await s.homework({ ...week, to: null }), await s.homework({ from: week.from }));
    assert.deepEqual(await s.timetable({ ...week, week: NaN }), await s.timetable(week));
    const date = { toJSON: () => "2026-11-23" };
    assert.deepEqual(await s.homework({ from: date, to: week.to }), hw);
    await s.close();
  });
});

describe("lifecycle", () => {
  test("50 concurrent calls on one session all resolve", async () => {
    const s = await login();
    const [from, to] = ["2026-11-23", "2026-11-29"];
    const want = await s.timetable({ from, to });
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? s.timetable({ from, to }) : s.homework({ from, to }));
    const got = await Promise.all(calls);
    got.forEach((r, i) => { if (i % 2) assert.deepEqual(r, want); else assert.ok(Array.isArray(r)); });
    await s.close();
  });

  test("an aborted call rejects ABORTED and the session stays usable", async () => {
    const s = await login();
    const ac = new AbortController();
    const p = s.timetable({ week: 12, signal: ac.signal });
    ac.abort();
    assertError(await rejection(p), "ABORTED");
    const already = new AbortController();
    already.abort();
    assertError(await rejection(s.grades({ period: s.periods[0].id, signal: already.signal })), "ABORTED");
    assert.ok(Array.isArray(await s.timetable({ week: 12 })));
    assert.ok((await s.grades({ period: s.periods[0].id })).grades.length > 0);
    await s.close();
  });

  test("an aborted login rejects ABORTED", async () => {
    const ac = new AbortController();
    const p = login({ signal: ac.signal });
    ac.abort();
    assertError(await rejection(p), "ABORTED");
  });

  test("calls after close() reject CLOSED; calls before it settle", async () => {
    const s = await login();
    const before = s.timetable({ week: 12 });
    const closing = s.close();
    assertError(await rejection(s.timetable({ week: 12 })), "CLOSED");
    assertError(await rejection(s.export()), "CLOSED");
    assert.ok(Array.isArray(await before));
    await closing;
    await s.close(); // twice is fine
  });
});
