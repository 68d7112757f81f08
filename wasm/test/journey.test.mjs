// The whole journey through dist/pronote.js against the fake server, for every profile:
// login → user/periods → timetable (week and range) → grades → homework → raw call →
// export/resume → close. Run by ./build.sh test (wasm_test in wasm/build.bash).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const runs = [
  { profile: "2023" },
  { profile: "2024.3.9" },
  { profile: "2025", encrypt: true, compress: true },
  { profile: "2026" },
  { profile: "2026", encrypt: true, compress: true },
];

const pronote = await loadPronote();

for (const run of runs) {
  const label = `${run.profile}${run.encrypt ? " encrypted+compressed" : ""}`;
  describe(`journey ${label}`, () => {
    let fake;
    before(async () => { fake = await startFake(run.profile, run); });
    after(() => fake.stop());

    test("student: every method, export and resume", async () => {
      const steps = [];
      const session = await pronote.login({
        url: fake.student, ...fake.accounts.student, deviceUUID: "test-device", onProgress: (s) => steps.push(s),
      });
      assert.deepEqual(steps, ["page", "parameters", "identification", "authentication", "user"]);
      assert.equal(session.kind, "student");
      assert.equal(session.user.name, "MARTIN Léa");
      assert.equal(session.user.kind, "student");
      assert.ok(session.periods.length >= 3);
      for (const p of session.periods) assert.equal(typeof p.id, "string");

      const range = await session.timetable({ from: "2026-11-23", to: "2026-11-29" });
      assert.ok(range.length > 0, "lessons in the range");
      for (const l of range) assert.ok(l.start >= "2026-11-23" && l.start < "2026-11-30", l.start);
      assert.ok(range.every((l, i) => i === 0 || range[i - 1].start <= l.start), "sorted by start");
      const week = await session.timetable({ week: 12 });
      assert.ok(Array.isArray(week));

      const grades = await session.grades({ period: session.periods[0].id });
      assert.equal(grades.period.id, session.periods[0].id);
      assert.ok(grades.grades.length > 0);
      assert.equal(typeof grades.grades[0].grade.kind, "string");

      const homework = await session.homework({ from: "2026-11-23", to: "2026-12-06" });
      assert.ok(homework.length > 0);
      for (const h of homework) assert.ok(h.due >= "2026-11-23" && h.due <= "2026-12-06", h.due);

      const raw = await session.call("PageEmploiDuTemps", {
        ressource: { N: "x", G: 4 }, numeroSemaine: 12, NumeroSemaine: 12,
      }, { onglet: 16 }).catch((err) => err);
      assert.ok(raw instanceof Error ? typeof raw.code === "string" : typeof raw === "object");
      const nav = await session.call("Navigation", { onglet: 7, ongletPrec: 7 }, { onglet: 7 });
      assert.equal(typeof nav, "object");
      await session.keepAlive();

      const state = await session.export();
      const text = JSON.stringify(state);
      assert.ok(!text.includes(fake.accounts.student.password), "no password in the state");
      assert.equal(state.relay, undefined);
      assert.equal(state.username, fake.accounts.student.username);
      const resumed = await pronote.resume(JSON.parse(text));
      assert.deepEqual(resumed.user, session.user);
      assert.ok((await resumed.timetable({ from: "2026-11-23", to: "2026-11-29" })).length === range.length);
      await resumed.close();
      await session.close();
      assert.equal((await rejection(session.grades({ period: session.periods[0].id }))).code, "CLOSED");
    });

    test("parent: children and selectChild", async () => {
      const session = await pronote.login({ url: fake.parent, ...fake.accounts.parent });
      assert.equal(session.kind, "parent");
      assert.equal(session.user.children.length, 2);
      for (const child of session.user.children) {
        await session.selectChild(child.id);
        assert.ok((await session.homework({ from: "2026-11-23", to: "2026-11-29" })).length >= 0);
      }
      const err = await rejection(session.selectChild("nobody"));
      assert.equal(err.code, "INVALID_ARGUMENT");
      assert.equal(err.argument, "child");
      await session.close();
    });

    test("the password never appears in any request", async () => {
      const log = await fake.requests();
      assert.ok(log.length > 0);
      const pw = fake.accounts.student.password;
      for (const r of log) {
        const all = JSON.stringify(r);
        assert.ok(!all.includes(pw), `password in ${r.method} ${r.path.split("?")[0]}`);
        assert.ok(!all.includes(encodeURIComponent(pw)) && !all.includes(Buffer.from(pw).toString("base64")));
      }
    });
  });
}
