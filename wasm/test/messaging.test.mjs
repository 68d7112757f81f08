// News and messaging through dist/pronote.js against the fake server, on an old and a new
// profile: news, markNewsRead, discussions, messages, reply, recipients, sendMessage, their
// refusals (each with its code and argument), and a parent's two children.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const runs = [
  { profile: "2023" },
  { profile: "2026", encrypt: true, compress: true },
];

const pronote = await loadPronote();

/** calls counts the appelfonction requests of one PRONOTE function the server received. */
async function calls(fake, name) {
  return (await fake.requests()).filter((r) => r.path.includes("appelfonction/") && r.body.includes(`"${name}"`)).length;
}

async function invalid(p, argument) {
  const err = await rejection(p);
  assert.equal(err.code, "INVALID_ARGUMENT", err.message);
  assert.equal(err.argument, argument);
}

for (const run of runs) {
  const label = `${run.profile}${run.encrypt ? " encrypted+compressed" : ""}`;
  describe(`news and messaging ${label}`, () => {
    let fake;
    before(async () => { fake = await startFake(run.profile, run); });
    after(() => fake.stop());

    test("student: news and markNewsRead", async () => {
      const session = await pronote.login({ url: fake.student, ...fake.accounts.student });
      const news = await session.news();
      assert.deepEqual(news.map((n) => [n.survey, n.read]), [[false, false], [true, false], [false, true]]);
      const [info, survey] = news;
      assert.equal(info.category, "Sorties et voyages");
      assert.equal(info.attachments.length, 1);
      assert.equal(info.attachments[0].name, "autorisation-sortie.pdf");
      assert.match(info.html, /<b>jeudi prochain<\/b>/);
      assert.deepEqual(info.questions, []);
      assert.deepEqual(survey.questions.map((q) => q.kind), ["singleChoice", "multipleChoice", "text"]);
      assert.deepEqual(survey.questions[0].choices, ["Théâtre", "Robotique", "Chorale"]);

      assert.equal(await session.markNewsRead(info.id), undefined);
      assert.deepEqual((await session.news()).map((n) => n.read), [true, false, true]);
      await session.markNewsRead(info.id, false, {});
      assert.deepEqual((await session.news()).map((n) => n.read), [false, false, true]);
      assert.equal(await calls(fake, "SaisieActualites"), 2);

      await invalid(session.markNewsRead(""), "id");
      await invalid(session.markNewsRead("8#nope"), "id");
      await invalid(session.markNewsRead(info.id, "yes"), "read");
      assert.equal(await calls(fake, "SaisieActualites"), 2, "a refused write was sent");
      await session.close();
    });

    test("student: discussions, messages, reply, recipients, sendMessage", async () => {
      const session = await pronote.login({ url: fake.student, ...fake.accounts.student });
      const discussions = await session.discussions();
      assert.deepEqual(discussions.map((d) => [d.folder, d.closed]), [["inbox", false], ["inbox", true], ["trash", false]]);
      const [open, closed] = discussions;
      assert.equal(open.unread, 1);

      const messages = await session.messages(open.id);
      assert.equal(messages.length, 2);
      assert.ok(messages[0].date < messages[1].date, "oldest first");
      assert.equal(messages[0].mine, true);
      assert.equal(messages[0].author, "MARTIN Léa");
      assert.equal(messages[0].html, undefined);
      assert.match(messages[1].html, /<i>jointe<\/i>/);
      assert.equal(messages[1].attachments[0].kind, "file");
      assert.equal((await session.discussions())[0].unread, 1, "read without markRead");
      await session.messages(open.id, { markRead: true });
      assert.equal((await session.discussions())[0].unread, 0, "read with markRead");

      await invalid(session.reply(open.id, ""), "text");
      await invalid(session.reply(open.id, "   "), "text");
      await invalid(session.reply("44#nope", "Merci"), "discussionId");
      const denied = await rejection(session.reply(closed.id, "Merci"));
      assert.equal(denied.code, "ACCESS_DENIED");
      assert.equal(await calls(fake, "SaisieMessage"), 0, "a refused reply was sent");
      assert.equal(await session.reply(open.id, "Merci, j'ai compris !"), undefined);
      assert.equal(await calls(fake, "SaisieMessage"), 1);
      const after = await session.messages(open.id);
      assert.equal(after.length, 3);
      assert.deepEqual([after[2].mine, after[2].text], [true, "Merci, j'ai compris !"]);

      const teachers = await session.recipients({ kind: "teachers" });
      const staff = await session.recipients({ kind: "staff" });
      assert.ok(teachers.some((r) => r.name === "M. DUPONT" && r.subjects.includes("Mathématiques")));
      assert.ok(teachers.every((r) => r.kind === "teacher"));
      assert.deepEqual(staff.map((r) => r.kind), ["staff", "staff", "staff"]);
      await invalid(session.recipients({ kind: "students" }), "kind");
      await invalid(session.sendMessage({ subject: "a", text: "", to: [teachers[0].id] }), "text");
      await invalid(session.sendMessage({ subject: "a", text: "b", to: [] }), "to");
      await invalid(session.sendMessage({ subject: "a", text: "b", to: ["3#nope"] }), "to");
      assert.equal(await calls(fake, "SaisieMessage"), 1, "a refused message was sent");
      assert.equal(await session.sendMessage({ subject: "Devoir", text: "Bonjour", to: [teachers[0].id, staff[0].id] }), undefined);
      const now = await session.discussions();
      assert.equal(now.length, 4);
      assert.deepEqual([now[0].subject, now[0].recipients], ["Devoir", `${teachers[0].name}, ${staff[0].name}`]);
      assert.deepEqual((await session.messages(now[0].id)).map((m) => m.text), ["Bonjour"]);
      await session.close();
    });

    test("parent: each child's news and teachers, the parent's own discussions", async () => {
      const session = await pronote.login({ url: fake.parent, ...fake.accounts.parent });
      const seen = [];
      for (const child of session.user.children) {
        await session.selectChild(child.id);
        const news = await session.news();
        const teachers = (await session.recipients({ kind: "teachers" })).map((r) => r.name);
        const discussions = (await session.discussions()).map((d) => d.subject);
        seen.push({ title: news[0].title, teachers, discussions });
      }
      assert.match(seen[0].title, /3ème B/);
      assert.match(seen[1].title, /6ème A/);
      assert.ok(seen[0].teachers.includes("M. DUPONT") && !seen[1].teachers.includes("M. DUPONT"));
      assert.deepEqual(seen[0].discussions, seen[1].discussions);
      assert.ok(seen[0].discussions.includes("Absence de Léa jeudi"));
      await session.close();
    });
  });
}
