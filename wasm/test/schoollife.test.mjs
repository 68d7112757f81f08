// attendance, menus, evaluations and reportCard through dist/pronote.js against the fake server,
// on an old and a new profile, for the student and each child of the parent. The answers must
// be exactly those the Go API gives (protocol/testdata/golden), ids aside.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadPronote, rejection, repoRoot, startFake } from "./helpers.mjs";

const runs = [
  { profile: "2023" },
  { profile: "2026", encrypt: true, compress: true },
];

// The calls as the golden test of protocol/ makes them.
const calls = {
  attendance: (s) => s.attendance(),
  evaluations: (s) => s.evaluations(),
  menus: (s) => s.menus({ from: "2026-11-23", to: "2026-12-06" }),
  reportCard: (s) => s.reportCard({}),
};

/** normalise numbers the session-scoped ids in order of appearance, as golden_test.go does. */
function normalise(answers) {
  const ids = new Map();
  const text = JSON.stringify(answers).replace(/"\d+#[A-Za-z0-9_-]{43}"/g, (id) => {
    if (!ids.has(id)) ids.set(id, `"N${ids.size + 1}"`);
    return ids.get(id);
  });
  return JSON.parse(text);
}

const golden = (name) => JSON.parse(readFileSync(join(repoRoot, "protocol/testdata/golden", `${name}.json`), "utf8"));

const pronote = await loadPronote();

for (const run of runs) {
  const label = `${run.profile}${run.encrypt ? " encrypted+compressed" : ""}`;
  describe(`school life ${label}`, () => {
    let fake, student, parent;
    before(async () => {
      fake = await startFake(run.profile, run);
      student = await pronote.login({ url: fake.student, ...fake.accounts.student });
      parent = await pronote.login({ url: fake.parent, ...fake.accounts.parent });
    });
    after(async () => {
      await student.close();
      await parent.close();
      await fake.stop();
    });

    for (const [name, call] of Object.entries(calls)) {
      test(`${name}: the student and each child, as in Go`, async () => {
        // keys in the order Go writes its map: the parent's children by name, then the student
        const answers = {};
        const kids = [...parent.user.children].sort((a, b) => (a.name < b.name ? -1 : 1));
        for (const child of kids) {
          await parent.selectChild(child.id);
          answers[`parent/${child.name}`] = await call(parent);
        }
        answers.student = await call(student);
        assert.deepEqual(normalise(answers), golden(name));
      });
    }

    test("attendance by period and by days", async () => {
      const t1 = student.periods[0];
      const all = await student.attendance({ period: t1.id });
      assert.deepEqual(all, await student.attendance());
      assert.deepEqual(all.punishments[0].schedule, [{ date: "2026-11-25T17:00:00", duration: 60 }]);
      const week = await student.attendance({ from: "2026-11-16", to: "2026-11-22" });
      assert.deepEqual(week.absences.map((a) => [a.from, a.justified, a.parentsMustJustify]),
        [["2026-11-17T13:00:00", false, true]]);
      assert.deepEqual(week.delays.map((d) => [d.date, d.minutes]), [["2026-11-19T08:00:00", 5]]);
      assert.deepEqual(week.observations, []);
      assert.deepEqual(await student.attendance({ from: "2026-11-24" }),
        { absences: [], delays: [], punishments: [], observations: [] });
    });

    test("the parent's children: their own records and report cards", async () => {
      const [lea, hugo] = parent.user.children;
      await parent.selectChild(hugo.id);
      const measure = (await parent.attendance()).punishments.find((p) => p.nature === "Mesure conservatoire");
      assert.equal(measure.exclusion, true);
      assert.equal((await parent.reportCard()).published, false);
      assert.deepEqual(await parent.reportCard(), { published: false, subjects: [], comments: [] });
      await parent.selectChild(lea.id);
      assert.equal((await parent.attendance()).punishments.some((p) => p.nature === "Mesure conservatoire"), false);
      const card = await parent.reportCard({ period: parent.periods[0].id });
      assert.equal(card.published, true);
      assert.ok(card.subjects.length > 0 && card.subjects.every((s) => s.teachers.length === 1));
      assert.equal((await parent.reportCard({ period: parent.periods[1].id })).published, false);
      const evaluations = await parent.evaluations({ period: parent.periods[0].id });
      assert.ok(evaluations.length > 0 && evaluations.every((e) => e.skills.length > 0 && e.skills.every((k) => k.level)));
    });

    test("menus: by date, the range only", async () => {
      const days = await student.menus({ from: "2026-11-25", to: "2026-12-01" });
      assert.deepEqual(days.map((d) => d.date), ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01"]);
      const labels = new Set(days.flatMap((d) => d.meals.flatMap((m) => m.courses.flatMap((c) => c.dishes.flatMap((x) => x.labels)))));
      assert.ok(labels.has("Bio") && labels.has("Fait maison"), [...labels].join());
      assert.deepEqual(await student.menus({ from: "2026-12-07", to: "2026-12-13" }), []);
    });

    test("INVALID_ARGUMENT names the argument; nothing is sent", async () => {
      const before = (await fake.requests()).length;
      const bad = [
        [() => student.attendance({ period: student.periods[0].id, from: "2026-11-02" }), "period"],
        [() => student.attendance({ to: "2026-11-02" }), "from"],
        [() => student.attendance({ from: "2026-11-31" }), "from"],
        [() => student.attendance({ period: "nope" }), "period"],
        [() => student.attendance({ perod: "x" }), "perod"],
        [() => student.menus(), "from"],
        [() => student.menus({ from: "2026-11-23", to: "2027-03-01" }), "to"],
        [() => student.menus({ from: 20261123 }), "from"],
        [() => student.evaluations({ period: 3 }), "period"],
        [() => student.reportCard({ period: "nope" }), "period"],
        [() => student.reportCard("T1"), "query"],
      ];
      for (const [f, arg] of bad) {
        const err = await rejection(f());
        assert.equal(err.code, "INVALID_ARGUMENT", `${f}: ${err.message}`);
        assert.equal(err.argument, arg, `${f}: ${err.message}`);
      }
      assert.equal((await fake.requests()).length, before, "a refused query sent a request");
    });
  });
}
