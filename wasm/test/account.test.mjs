// account, icalURL and teachers through dist/pronote.js against the fake server: an old and a
// new profile, the student and each child of the parent, and a school without an iCal feed.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const pronote = await loadPronote();

const lea = {
  email: "lea.martin@example.org", phone: "+33612345678", address: ["12 rue des Lilas", "Bâtiment B"],
  postalCode: "75011", city: "PARIS", country: "France", ine: "070123456AB",
};
const hugo = { address: lea.address, postalCode: "75011", city: "PARIS", country: "France", ine: "090654321CD" };

for (const run of [{ profile: "2024.3.9" }, { profile: "2026", encrypt: true, compress: true }]) {
  describe(`account, iCal, teachers ${run.profile}`, () => {
    let fake;
    before(async () => { fake = await startFake(run.profile, run); });
    after(() => fake.stop());

    test("student", async () => {
      const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
      assert.deepEqual(await s.account(), lea);
      const feed = await s.icalURL({ signal: new AbortController().signal });
      assert.ok(feed.startsWith(`${fake.root}ical/mesinformations.ics?icalsecurise=`), "the feed is under the school's root");
      const res = await fetch(feed);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/calendar; charset=utf-8");
      const ics = await res.text();
      assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\n") && ics.includes("SUMMARY:Mathématiques") && ics.includes("DTSTART:20261123T080000"));
      const team = await s.teachers();
      assert.equal(team.length, 10);
      assert.deepEqual(team[0].subjects, ["Mathématiques", "Heure de vie de classe"]);
      assert.equal(team[0].name, "M. DUPONT");
      for (const t of team) assert.ok(typeof t.id === "string" && t.id && t.subjects.length > 0);
      const err = await rejection(s.account({ who: "me" }));
      assert.equal(err.code, "INVALID_ARGUMENT");
      assert.equal(err.argument, "who");
      assert.equal((await rejection(s.teachers("all"))).argument, "query");
      await s.close();
    });

    test("parent: each child's details, feed and team", async () => {
      const s = await pronote.login({ url: fake.parent, ...fake.accounts.parent });
      const got = [];
      for (const child of s.user.children) {
        await s.selectChild(child.id);
        got.push({ account: await s.account(), feed: await s.icalURL(), team: (await s.teachers()).map((t) => t.name) });
      }
      assert.deepEqual(got.map((g) => g.account), [lea, hugo]);
      assert.ok(got[0].feed !== got[1].feed, "each child has a feed of their own");
      assert.ok((await (await fetch(got[1].feed)).text()).includes("SUMMARY:Éducation musicale"), "Hugo's feed is his timetable");
      assert.equal(got[1].team[0], "Mme GIRARD");
      assert.notDeepEqual(got[0].team, got[1].team);
      await s.close();
    });
  });
}

describe("a school without an iCal feed", () => {
  let fake;
  before(async () => { fake = await startFake("2025", { extra: ["-no-ical"] }); });
  after(() => fake.stop());

  test("icalURL resolves with null", async () => {
    const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
    assert.equal(await s.icalURL(), null);
    assert.deepEqual((await s.account()).address, lea.address, "the other calls still work");
    await s.close();
  });
});
