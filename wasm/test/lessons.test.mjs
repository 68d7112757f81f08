// lessonContents, setHomeworkDone and download through dist/pronote.js against the fake server:
// an old and a new profile, the student and each child of the parent, and download through
// the real relay Worker (workerd) too.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { startWorkerd } from "../../relay/testutil/workerd.mjs";
import { loadPronote, rejection, repoRoot, startFake } from "./helpers.mjs";

const pronote = await loadPronote();
const lastWeek = { from: "2026-11-16", to: "2026-11-22" };
const thisWeek = { from: "2026-11-23", to: "2026-11-29" };

/** The first file attached to homework due on the anchor's Monday (the dataset puts one there). */
async function mondayFile(session) {
  const hw = await session.homework({ from: "2026-11-23" });
  const file = hw.flatMap((h) => h.attachments ?? []).find((a) => a.kind === "file");
  assert.ok(file, "a file attachment on Monday");
  return file;
}

function assertPDF(f, name) {
  assert.equal(f.name, name);
  assert.equal(f.type, "application/pdf");
  assert.ok(f.bytes instanceof Uint8Array, "bytes is a Uint8Array");
  assert.equal(Buffer.from(f.bytes.subarray(0, 9)).toString(), "%PDF-1.4\n");
  assert.ok(Buffer.from(f.bytes).toString().endsWith("%%EOF\n"));
}

for (const run of [{ profile: "2023" }, { profile: "2026", encrypt: true, compress: true }]) {
  describe(`lesson contents, homework done, download ${run.profile}`, () => {
    let fake;
    before(async () => { fake = await startFake(run.profile, run); });
    after(() => fake.stop());

    test("student: lessonContents linked to the timetable and homework", async () => {
      const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
      const contents = await s.lessonContents(lastWeek);
      assert.ok(contents.length >= 20, `${contents.length} entries`);
      assert.ok(contents.every((c, i) => i === 0 || contents[i - 1].start <= c.start), "sorted by start");
      const lessons = await s.timetable(lastWeek);
      const homework = await s.homework(thisWeek);
      let linked = 0;
      for (const c of contents) {
        assert.ok(c.start >= "2026-11-16" && c.start < "2026-11-23", c.start);
        assert.ok(Array.isArray(c.teachers) && Array.isArray(c.groups) && c.contents.length > 0);
        const lesson = lessons.find((l) => l.id === c.lessonId);
        assert.ok(lesson && lesson.start === c.start && lesson.subject === c.subject, `lesson ${c.lessonId}`);
        for (const part of c.contents) {
          assert.equal(typeof part.html, "string");
          assert.ok(!part.text.includes("<"), part.text);
          assert.ok(Array.isArray(part.attachments));
        }
        if (c.homeworkDue) {
          linked++;
          assert.ok(homework.some((h) => h.subject === c.subject && h.due === c.homeworkDue && h.given === c.start.slice(0, 10)),
            `${c.subject} ${c.start}: homework due ${c.homeworkDue}`);
        }
      }
      assert.ok(linked > 0, "some lessons have homework");
      assert.deepEqual(await s.lessonContents({ from: "2026-12-01", to: "2026-12-04" }), [], "nothing written ahead");
      const err = await rejection(s.lessonContents({ from: "2026-11-23", to: "2026-11-01" }));
      assert.equal(err.code, "INVALID_ARGUMENT");
      assert.equal(err.argument, "to");
      assert.equal((await rejection(s.lessonContents({}))).argument, "from");
      await s.close();
    });

    test("student: setHomeworkDone changes exactly the named item, with one request", async () => {
      const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
      const before = await s.homework(thisWeek);
      const item = before.find((h) => !h.done);
      assert.ok(item, "an item not done yet");
      const sent = (await fake.requests()).length;
      assert.equal(await s.setHomeworkDone(item.id, true), undefined);
      const log = await fake.requests();
      assert.equal(log.length - sent, 1, "one request, never retried");
      assert.equal(log.at(-1).method, "POST");
      const after = await s.homework(thisWeek);
      for (const h of before) {
        assert.equal(after.find((a) => a.id === h.id).done, h.id === item.id ? true : h.done, h.id);
      }
      await s.setHomeworkDone(item.id, false, { signal: new AbortController().signal });
      assert.equal((await s.homework(thisWeek)).find((h) => h.id === item.id).done, false);

      const quiet = (await fake.requests()).length;
      for (const [args, argument] of [[[item.id], "done"], [[undefined, true], "id"], [[item.id, "yes"], "done"], [["", true], "id"]]) {
        const err = await rejection(s.setHomeworkDone(...args));
        assert.equal(err.code, "INVALID_ARGUMENT", err.message);
        assert.equal(err.argument, argument);
      }
      assert.equal((await fake.requests()).length, quiet, "nothing sent for an invalid write");
      const refused = await rejection(s.setHomeworkDone("88#unknown", true));
      assert.equal(refused.code, "SERVER_ERROR");
      assert.equal(refused.g, 22);
      await s.close();
    });

    test("student: download a file and a link; refuse other addresses", async () => {
      const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
      assertPDF(await s.download(await mondayFile(s)), "exercices.pdf");
      const tuesday = await s.lessonContents({ from: "2026-11-17" });
      const file = tuesday.flatMap((c) => c.contents.flatMap((p) => p.attachments)).find((a) => a.kind === "file");
      assertPDF(await s.download(file), "cours.pdf");
      const feed = await s.icalURL();
      const link = await s.download({ name: "Agenda", kind: "link", url: feed });
      assert.equal(link.type, "text/calendar; charset=utf-8");
      assert.ok(Buffer.from(link.bytes).toString().startsWith("BEGIN:VCALENDAR"));
      const sent = (await fake.requests()).length;
      for (const a of [
        { name: "x", kind: "link", url: "javascript:alert(1)" },
        { name: "x", kind: "link", url: "data:text/html,x" },
        { name: "x", kind: "link" },
        { name: "x", kind: "file", url: "http://127.0.0.2:1/pronote/FichiersExternes/00/x.pdf" },
        { name: "x", kind: "other", url: feed },
      ]) {
        const err = await rejection(s.download(a));
        assert.equal(err.code, "INVALID_ARGUMENT", `${a.name} (${a.kind}): ${err.message}`);
        assert.equal(err.argument, "attachment");
      }
      assert.equal((await rejection(s.download("exercices.pdf"))).argument, "attachment");
      assert.equal((await fake.requests()).length, sent, "nothing requested for a refused attachment");
      await s.close();
    });

    test("parent: each child's contents, homework and files", async () => {
      const s = await pronote.login({ url: fake.parent, ...fake.accounts.parent });
      const [lea, hugo] = s.user.children;
      const seen = {};
      for (const child of [lea, hugo]) {
        await s.selectChild(child.id);
        const contents = await s.lessonContents({ from: "2026-11-23" });
        seen[child.id] = { subjects: contents.map((c) => `${c.subject} ${c.start}`), homework: await s.homework(thisWeek) };
        assert.ok(contents.length > 0);
        seen[child.id].file = await s.download(await mondayFile(s));
        assertPDF(seen[child.id].file, "exercices.pdf");
      }
      assert.notDeepEqual(seen[lea.id].subjects, seen[hugo.id].subjects, "the children's class books differ");
      assert.notDeepEqual(seen[lea.id].file.bytes, seen[hugo.id].file.bytes, "the children's files differ");
      await s.selectChild(hugo.id);
      const item = seen[hugo.id].homework.find((h) => !h.done);
      await s.setHomeworkDone(item.id, true);
      assert.ok((await s.homework(thisWeek)).find((h) => h.id === item.id).done);
      await s.selectChild(lea.id);
      assert.deepEqual((await s.homework(thisWeek)).map((h) => h.done), seen[lea.id].homework.map((h) => h.done), "Léa's homework unchanged");
      const err = await rejection(s.setHomeworkDone(item.id, false));
      assert.equal(err.code, "SERVER_ERROR", "Hugo's item while Léa is selected");
      await s.close();
      await fake.reset();
    });
  });
}

const relayReady = existsSync(join(repoRoot, "dist/relay/relay.wasm"));
describe("download through the relay", { skip: !relayReady && "dist/relay missing" }, () => {
  let fake, relay;
  before(async () => {
    fake = await startFake("2026", { encrypt: true, compress: true });
    relay = await startWorkerd({ upstreamHosts: [`http://${new URL(fake.root).host}`] });
  });
  after(async () => { await relay?.stop(); await fake?.stop(); });

  test("a file and a link come back as through direct fetch", async () => {
    const direct = await pronote.login({ url: fake.student, ...fake.accounts.student });
    const want = await direct.download(await mondayFile(direct));
    await direct.close();
    const s = await pronote.login({ url: fake.student, ...fake.accounts.student, relay: relay.url });
    const got = await s.download(await mondayFile(s));
    assertPDF(got, "exercices.pdf");
    assert.deepEqual(got.bytes, want.bytes);
    const link = await s.download({ name: "Agenda", kind: "link", url: await s.icalURL() });
    assert.ok(Buffer.from(link.bytes).toString().startsWith("BEGIN:VCALENDAR"));
    const log = await fake.requests();
    const gets = log.filter((r) => r.method === "GET" && !r.path.includes(".html"));
    assert.equal(gets.length, 3, "three downloads reached the school");
    assert.ok(gets.every((r) => (r.header["User-Agent"] ?? [""])[0].includes("PRONOTE Mobile APP")), "the relay set the User-Agent");
    assert.ok(gets.at(-1).header.Cookie === undefined, "the link went without the session's cookies");
    const away = await rejection(s.download({ name: "x", kind: "link", url: "https://example.org/x" }));
    assert.equal(away.code, "RELAY_REFUSED", "the relay serves only its schools");
    await s.close();
  });
});
