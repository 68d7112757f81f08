// Every way to log in through dist/pronote.js, for every profile: remember → session.token and
// onToken, token login and rotation (the old token refused), QR code (text and object; a wrong
// PIN sends nothing), double authentication (onTwoFactor mid-login, pin + deviceName up front,
// TWO_FACTOR_REQUIRED with err.need), PASSWORD_CHANGE_REQUIRED, prepareENT, autoRelogin (one
// login on expiry, counted by the fake server) and the cool-down after IP_SUSPENDED.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const pronote = await loadPronote();
const deviceUUID = "js-login-device";

function assertNoSecret(err, secrets) {
  for (const s of secrets) if (s) assert.ok(!err.message.includes(s), `a secret (${s.length} chars) in the message`);
}

for (const run of [
  { profile: "2023" }, { profile: "2024.3.9", encrypt: true }, { profile: "2025", encrypt: true, compress: true }, { profile: "2026", compress: true },
]) {
  describe(`login kinds ${run.profile}`, () => {
    let fake;
    before(async () => { fake = await startFake(run.profile, { ...run, extra: ["-ent"] }); });
    after(() => fake.stop());

    for (const kind of ["student", "parent"]) {
      test(`${kind}: remember, token rotation, QR code`, async () => {
        const acct = fake.accounts[kind];
        const url = fake[kind];
        const told = [];
        const s = await pronote.login({ url, ...acct, remember: true, deviceUUID, onToken: (t) => told.push(t) });
        assert.equal(typeof s.token, "string");
        assert.ok(s.token.length > 0);
        assert.deepEqual(told, [s.token]);
        const state = await s.export();
        assert.equal(state.token, s.token);
        assert.ok(!JSON.stringify(state).includes(acct.password));
        const first = s.token;

        const t = await pronote.login({ url, username: s.username, token: first, deviceUUID, onToken: (x) => told.push(x) });
        assert.notEqual(t.token, first);
        assert.equal(told.at(-1), t.token);
        assert.ok((await t.timetable({ from: "2026-11-23", to: "2026-11-27" })).length > 0);
        const old = await rejection(pronote.login({ url, username: s.username, token: first, deviceUUID }));
        assert.equal(old.code, "BAD_CREDENTIALS");
        assertNoSecret(old, [first, t.token]);

        const text = await fake.qr(kind, acct.username, "1234");
        const q = await pronote.login({ qr: { data: text, pin: "1234" }, deviceUUID });
        assert.equal(q.kind, kind);
        assert.ok(q.token);
        const obj = JSON.parse(await fake.qr(kind, acct.username, "5678"));
        const q2 = await pronote.login({ qr: { data: obj, pin: "5678" }, deviceUUID });
        assert.equal(q2.user.name, q.user.name);
        for (const x of [s, t, q, q2]) await x.close();
      });
    }

    test("QR code with a wrong PIN: BAD_CREDENTIALS, nothing sent", async () => {
      const text = await fake.qr("student", fake.accounts.student.username, "1234");
      const before = (await fake.requests()).length;
      const err = await rejection(pronote.login({ qr: { data: text, pin: "9876" }, deviceUUID }));
      assert.equal(err.code, "BAD_CREDENTIALS");
      assert.match(err.message, /PIN/);
      assertNoSecret(err, ["9876", "1234"]);
      assert.equal((await fake.requests()).length, before);
    });

    test("double authentication: TWO_FACTOR_REQUIRED, then onTwoFactor mid-login, then a known device", async () => {
      const acct = fake.accounts.twoFactor;
      const err = await rejection(pronote.login({ url: fake.student, ...acct, deviceUUID: `${deviceUUID}-2fa` }));
      assert.equal(err.code, "TWO_FACTOR_REQUIRED");
      assert.equal(err.need.pin, true);
      assert.equal(err.need.deviceName, true);
      assertNoSecret(err, [acct.password]);

      const needs = [];
      const steps = [];
      const s = await pronote.login({
        url: fake.student, ...acct, remember: true, deviceUUID: `${deviceUUID}-2fa`,
        onProgress: (x) => steps.push(x),
        onTwoFactor: async (need) => { needs.push(need); return { pin: fake.twoFactorPIN, deviceName: "Node test" }; },
      });
      assert.equal(needs.length, 1);
      assert.ok(steps.includes("twoFactor"));
      assert.ok(s.token && s.identifiantNav);
      const again = await pronote.login({
        url: fake.student, ...acct, identifiantNav: s.identifiantNav,
        onTwoFactor: () => { throw new Error("asked again"); },
      });
      assert.equal(again.user.name, s.user.name);
      const byToken = await pronote.login({ url: fake.student, username: s.username, token: s.token, deviceUUID: `${deviceUUID}-2fa` });
      assert.ok(byToken.token);
      for (const x of [s, again, byToken]) await x.close();
    });

    test("double authentication: pin and deviceName up front; a wrong PIN is BAD_CREDENTIALS, sent once", async () => {
      const acct = fake.accounts.twoFactor;
      const s = await pronote.login({ url: fake.student, ...acct, pin: fake.twoFactorPIN, deviceName: "Up front", deviceUUID: `${deviceUUID}-up` });
      await s.close();
      const before = await fake.count("SecurisationCompteDoubleAuth");
      let asked = 0;
      const err = await rejection(pronote.login({
        url: fake.student, ...acct, deviceUUID: `${deviceUUID}-wrong`, onTwoFactor: async () => { asked++; return { pin: "0000" }; },
      }));
      assert.equal(err.code, "BAD_CREDENTIALS");
      assert.equal(asked, 1);
      assert.equal(await fake.count("SecurisationCompteDoubleAuth") - before, 1);
      assertNoSecret(err, ["0000", fake.twoFactorPIN]);
      const null2fa = await rejection(pronote.login({ url: fake.student, ...acct, deviceUUID: `${deviceUUID}-null`, onTwoFactor: async () => null }));
      assert.equal(null2fa.code, "TWO_FACTOR_REQUIRED");
    });

    test("PASSWORD_CHANGE_REQUIRED, then newPassword", async () => {
      const acct = fake.accounts.passwordChange;
      const err = await rejection(pronote.login({ url: fake.student, ...acct }));
      assert.equal(err.code, "PASSWORD_CHANGE_REQUIRED");
      assert.equal(err.need.newPassword, true);
      const fresh = `Nouveau-${run.profile}-secret`;
      const s = await pronote.login({ url: fake.student, ...acct, newPassword: fresh });
      await s.close();
      const again = await pronote.login({ url: fake.student, username: acct.username, password: fresh });
      await again.close();
    });

    test("prepareENT gives the handshake's page and cookies", async () => {
      const h = await pronote.prepareENT({ url: fake.student, deviceUUID });
      assert.equal(h.cas, true);
      assert.ok(h.page.endsWith("/mobile.eleve.html?fd=1"), h.page);
      assert.deepEqual(h.cookies.map((c) => c.name), ["validationAppliMobile", "uuidAppliMobile", "ielang"]);
      assert.equal(h.cookies[1].value, deviceUUID);
      const err = await rejection(pronote.prepareENT({ url: fake.student }));
      assert.equal(err.code, "INVALID_ARGUMENT");
      assert.equal(err.argument, "deviceUUID");
    });

    test("autoRelogin: exactly one login on expiry; none without it", async () => {
      const told = [];
      const s = await pronote.login({ url: fake.student, ...fake.accounts.student, remember: true, autoRelogin: true, deviceUUID: `${deviceUUID}-auto`, onToken: (t) => told.push(t) });
      const plain = await pronote.login({ url: fake.student, ...fake.accounts.student, remember: true, deviceUUID: `${deviceUUID}-plain` });
      const logins = await fake.count("Authentification");
      await fake.fault("kind=expire");
      const g = await s.grades({ period: s.periods[0].id });
      assert.ok(g.grades.length > 0);
      assert.equal(await fake.count("Authentification") - logins, 1);
      assert.equal(told.length, 2);
      assert.equal(s.token, told[1]);
      await fake.fault("kind=expire");
      const err = await rejection(plain.grades({ period: plain.periods[0].id }));
      assert.equal(err.code, "SESSION_EXPIRED");
      assert.equal(await fake.count("Authentification") - logins, 1);
      await s.close();
      await plain.close();
    });
  });
}

test("after IP_SUSPENDED, logins to that school reject at once for a cool-down", async () => {
  const fake = await startFake("2025");
  try {
    await fake.fault("kind=ip");
    const first = await rejection(pronote.login({ url: fake.student, ...fake.accounts.student }));
    assert.equal(first.code, "IP_SUSPENDED");
    await fake.reset();
    const again = await rejection(pronote.login({ url: fake.student, ...fake.accounts.student }));
    assert.equal(again.code, "IP_SUSPENDED");
    assert.match(again.message, /cool-down/);
    assert.equal((await fake.requests()).length, 0, "nothing sent during the cool-down");
  } finally {
    await fake.stop();
  }
});

describe("login arguments", () => {
  const cases = [
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", password: "b", token: "c" }, "token"],
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", token: "c" }, "deviceUUID"],
    [{ qr: { data: "{}", pin: "1" }, deviceUUID }, "qr"],
    [{ qr: { data: 5, pin: "1" }, deviceUUID }, "qr"],
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", password: "b", remember: true }, "deviceUUID"],
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", password: "b", deviceName: "x".repeat(31) }, "deviceName"],
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", password: "b", onTwoFactor: 3 }, "onTwoFactor"],
    [{ url: "http://127.0.0.1:1/pronote/eleve.html", username: "a", password: "b", onToken: "x" }, "onToken"],
  ];
  for (const [opts, argument] of cases) {
    test(`INVALID_ARGUMENT ${argument}`, async () => {
      const err = await rejection(pronote.login(opts));
      assert.equal(err.code, "INVALID_ARGUMENT", err.message);
      assert.equal(err.argument, argument);
    });
  }
});

describe("resume with autoRelogin, and the ENT handshake end to end", () => {
  let fake;
  before(async () => { fake = await startFake("2026", { encrypt: true, extra: ["-ent"] }); });
  after(() => fake.stop());

  test("a resumed session with autoRelogin logs in once on expiry and reports the token", async () => {
    const s = await pronote.login({ url: fake.student, ...fake.accounts.student, remember: true, deviceUUID });
    const state = await s.export();
    await s.close();
    const told = [];
    const r = await pronote.resume(state, { autoRelogin: true, onToken: (t) => told.push(t) });
    assert.equal(r.token, state.token);
    const logins = await fake.count("Authentification");
    await fake.fault("kind=expire");
    assert.ok((await r.homework({ from: "2026-11-23", to: "2026-11-29" })).length > 0);
    assert.equal(await fake.count("Authentification") - logins, 1);
    assert.equal(told.length, 1);
    assert.equal(r.token, told[0]);
    await r.close();
  });

  test("prepareENT, the tab's ENT login, window.loginState, then a token login", async () => {
    const h = await pronote.prepareENT({ url: fake.student, deviceUUID });
    // The user's tab, played with fetch and a hand-kept cookie header.
    const jar = new Map(h.cookies.map((c) => [c.name, c.value]));
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (res) => {
      for (const sc of res.headers.getSetCookie()) {
        const [pair, ...attrs] = sc.split(";");
        const [k, v] = pair.split("=");
        if (attrs.some((a) => /max-age=0|max-age=-/i.test(a.trim())) || v === "") jar.delete(k.trim());
        else jar.set(k.trim(), v);
      }
    };
    let res = await fetch(h.page, { headers: { cookie: cookie() }, redirect: "manual" });
    assert.equal(res.status, 302);
    const cas = new URL(res.headers.get("location"));
    res = await fetch(cas, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ service: cas.searchParams.get("service"), ...fake.accounts.student }) });
    keep(res);
    res = await fetch(res.headers.get("location"), { headers: { cookie: cookie() } });
    keep(res);
    const html = await res.text();
    const state = JSON.parse(/window\.loginState = (\{.*?\});<\/script>/.exec(html)[1]);
    assert.equal(state.status, 0);
    assert.ok(!jar.has("validationAppliMobile"), "the page clears validationAppliMobile");
    const s = await pronote.login({ url: fake.student, username: state.login, token: state.mdp, deviceUUID });
    assert.equal(s.user.name, "MARTIN Léa");
    assert.notEqual(s.token, state.mdp);
    await s.close();
  });
});
