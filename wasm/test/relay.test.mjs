// Relay mode: dist/pronote.js through the real relay Worker (workerd, relay/testutil) in front
// of the fake server. Needs dist/relay (relay_build) besides dist/pronote.wasm.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startWorkerd } from "../../relay/testutil/workerd.mjs";
import { loadPronote, rejection, repoRoot, startFake } from "./helpers.mjs";

const ready = existsSync(join(repoRoot, "dist/relay/relay.wasm"));
let fake, relay, host;
before(async () => {
  if (!ready) return;
  fake = await startFake("2026", { encrypt: true, compress: true });
  host = new URL(fake.root).host;
  relay = await startWorkerd({ upstreamHosts: [`http://${host}`] });
});
after(async () => { await relay?.stop(); await fake?.stop(); });

test("login, calls, export and resume through the relay", { skip: !ready && "dist/relay missing" }, async () => {
  const pronote = await loadPronote();
  const s = await pronote.login({ url: fake.student, ...fake.accounts.student, relay: relay.url });
  assert.equal(s.user.name, "MARTIN Léa");
  assert.ok((await s.timetable({ from: "2026-11-23", to: "2026-11-29" })).length > 0);
  const state = await s.export();
  assert.equal(state.relay, relay.url, "the state keeps the mode");
  const resumed = await pronote.resume(state);
  assert.ok((await resumed.grades({ period: resumed.periods[0].id })).grades.length > 0);
  await resumed.close();
  await s.close();
  const log = await fake.requests();
  assert.ok(log.every((r) => (r.header["User-Agent"] ?? [""])[0].includes("PRONOTE Mobile APP")), "the relay set the User-Agent");
  assert.ok(!JSON.stringify(log).includes(fake.accounts.student.password));
});

test("a host the relay does not allow rejects with RELAY_REFUSED", { skip: !ready && "dist/relay missing" }, async () => {
  const pronote = await loadPronote();
  const err = await rejection(pronote.login({ url: "http://127.0.0.2:9/pronote/eleve.html", username: "a", password: "b", relay: relay.url }));
  assert.equal(err.code, "RELAY_REFUSED", err.message);
  assert.equal(err.relayCode, "RELAY_HOST_NOT_ALLOWED");
});

test("the relay's login guard rejects with RATE_LIMITED and relayCode RELAY_RATE_LIMITED", { skip: !ready && "dist/relay missing" }, async () => {
  const guarded = await startWorkerd({ upstreamHosts: [`http://${host}`], vars: { LOGIN_LIMIT: "1" } });
  try {
    const pronote = await loadPronote();
    const wrong = { url: fake.student, username: fake.accounts.student.username, password: "wrong", relay: guarded.url };
    assert.equal((await rejection(pronote.login(wrong))).code, "BAD_CREDENTIALS");
    const err = await rejection(pronote.login(wrong));
    assert.equal(err.code, "RATE_LIMITED", err.message);
    assert.equal(err.relayCode, "RELAY_RATE_LIMITED");
  } finally {
    await guarded.stop();
  }
});

test("attendance, menus, evaluations and reportCard through the relay, for each child", { skip: !ready && "dist/relay missing" }, async () => {
  const pronote = await loadPronote();
  const s = await pronote.login({ url: fake.parent, ...fake.accounts.parent, relay: relay.url });
  const published = {};
  for (const child of s.user.children) {
    await s.selectChild(child.id);
    const a = await s.attendance();
    assert.ok(a.absences.length > 0 && a.delays.length > 0 && a.punishments.length > 0, child.name);
    assert.equal((await s.menus({ from: "2026-11-23", to: "2026-12-06" })).length, 10);
    assert.ok((await s.evaluations()).length > 0);
    published[child.name] = (await s.reportCard()).published;
  }
  assert.deepEqual(published, { "MARTIN Léa": true, "MARTIN Hugo": false });
  await s.close();
});

test("news, messaging, the class book, the account and homework done through the relay, for each child", { skip: !ready && "dist/relay missing" }, async () => {
  const pronote = await loadPronote();
  const s = await pronote.login({ url: fake.parent, ...fake.accounts.parent, relay: relay.url });
  for (const child of s.user.children) {
    await s.selectChild(child.id);
    const news = await s.news();
    assert.ok(news.length > 0, child.name);
    await s.markNewsRead(news[0].id, !news[0].read);
    assert.equal((await s.news()).find((n) => n.id === news[0].id)?.read, !news[0].read, "the write went through");
    assert.ok((await s.lessonContents({ from: "2026-11-16", to: "2026-11-24" })).length > 0);
    assert.ok(Array.isArray((await s.account()).address));
    assert.match(await s.icalURL() ?? "", /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.ok((await s.teachers()).length > 0);
    const [hw] = await s.homework({ from: "2026-11-23", to: "2026-12-06" });
    await s.setHomeworkDone(hw.id, !hw.done);
    assert.equal((await s.homework({ from: "2026-11-23", to: "2026-12-06" })).find((h) => h.id === hw.id)?.done, !hw.done);
    await s.setHomeworkDone(hw.id, hw.done);
  }
  const open = (await s.discussions()).find((d) => !d.closed && d.folder === "inbox");
  assert.ok(open, "an open discussion");
  const text = `Réponse par le relais ${Date.now()}`;
  await s.reply(open.id, text);
  assert.ok((await s.messages(open.id)).some((m) => m.mine && m.text === text), "the reply is held by the server");
  const [teacher] = await s.recipients({ kind: "teachers" });
  assert.ok((await s.recipients({ kind: "staff" })).length > 0);
  await s.sendMessage({ subject: "Par le relais", text: "Bonjour", to: [teacher.id] });
  assert.ok((await s.discussions()).some((d) => d.subject === "Par le relais"), "the new discussion is held by the server");
  await s.close();
  assert.ok(!JSON.stringify(await fake.requests()).includes(fake.accounts.parent.password));
});
