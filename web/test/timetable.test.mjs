// web/test/timetable.test.mjs: the timetable's lesson details (keyboard and mouse), homework
// ticked done and undone (checked on the fake server), a failed tick, the two ends of a moved
// lesson, and lesson texts that are never cut, at 1280 and 375 px, for a student and for a
// parent's two children.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startDemoPage } from "./harness.mjs";

// A Monday of term (dataset.go documents that week): Léa's Monday starts with Mathématiques
// 08h00 (memo "Apporter la calculatrice."), Friday has a room change and Technologie moved
// from 10h00 to 16h00.
const today = "2026-11-23";
const shots = join(repoRoot, "out/screenshots");

let env;
let page;
const problems = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  ({ env, page } = await startDemoPage(today, problems));
});

after(async () => {
  await env?.stop();
});

async function logIn(who, kind = "Élève") {
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByLabel("Identifiant").fill(who.username);
  await page.getByLabel("Mot de passe").fill(who.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
}

/** doneOnServer is the fake server's record of SaisieTAFFaitEleve, by the dataset's ids. */
async function doneOnServer() {
  const r = await fetch(`${env.fake.origin}/__control/homework-done`);
  assert.equal(r.status, 200);
  return r.json();
}

/** focused describes the element that has the keyboard focus. */
const focused = () => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e?.tagName.toLowerCase(), key: e?.dataset?.key ?? "", id: e?.id ?? "", text: e?.innerText ?? "" };
});

const dialog = () => page.locator("dialog.lesson-dialog[open]");

/** overflowing lists the lesson boxes and their parts whose text does not fit (cut or hidden). */
const overflowing = () => page.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll(".lesson, .lesson *")) {
    if (!e.getClientRects().length || getComputedStyle(e).display === "inline") continue;
    if (e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight + 1) {
      out.push(`${e.className} "${e.textContent}" ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
    }
  }
  return out;
});

const pageScrollsSideways = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** checkFit checks every lesson at 1280 px, then every day at 375 px (a phone shows one day). */
async function checkFit(label) {
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.ok((await page.locator(".badge:visible").count()) >= 3, `${label}: the week has its badges`);
  assert.deepEqual(await overflowing(), [], `${label} at 1280 px`);
  assert.equal(await pageScrollsSideways(), false, `${label}: no horizontal scroll at 1280 px`);
  await page.setViewportSize({ width: 375, height: 812 });
  const days = page.locator(".day-btn");
  const n = await days.count();
  assert.ok(n >= 5);
  for (let i = 0; i < n; i++) {
    await days.nth(i).click();
    await page.locator(".tt-day.is-selected").waitFor();
    assert.deepEqual(await overflowing(), [], `${label} at 375 px, day ${i}`);
    assert.equal(await pageScrollsSideways(), false, `${label}: no horizontal scroll at 375 px, day ${i}`);
  }
  await page.screenshot({ path: join(shots, `phone-timetable-${label}.png`) });
  await days.first().click();
  // The details fit a phone too.
  await page.locator(".tt-day.is-selected .lesson").first().click();
  await dialog().locator(".ld-content").waitFor({ timeout: 30000 });
  const fits = await dialog().evaluate((d) => [...d.querySelectorAll("*")].every((e) => e.getBoundingClientRect().right <= d.getBoundingClientRect().right + 0.5)
    && d.scrollWidth <= d.clientWidth && d.getBoundingClientRect().right <= innerWidth);
  assert.ok(fits, `${label}: the details fit 375 px`);
  await page.screenshot({ path: join(shots, `phone-lesson-details-${label}.png`) });
  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a lesson's details by keyboard: Tab, Enter, content, homework and memo, Escape", async () => {
  await logIn(env.fake.student);
  // From the week bar, Tab reaches Monday's first lesson, then the next one of that day.
  await page.getByRole("button", { name: "Semaine suivante" }).focus();
  let f = await focused();
  for (let i = 0; i < 10 && !f.key.startsWith("lesson-"); i++) {
    await page.keyboard.press("Tab");
    f = await focused();
  }
  assert.equal(f.key, "lesson-0-0", `the first lesson reached: ${JSON.stringify(f)}`);
  assert.equal(f.tag, "button");
  assert.match(f.text, /8h00[\s\S]*Mathématiques/);
  await page.keyboard.press("Tab");
  assert.equal((await focused()).key, "lesson-0-1");
  await page.keyboard.press("Shift+Tab");

  await page.keyboard.press("Enter");
  await dialog().waitFor();
  assert.equal((await focused()).id, "pronote-lesson-title", "the focus moves to the dialog's heading");
  assert.equal(await dialog().getAttribute("aria-labelledby"), "pronote-lesson-title");
  assert.equal(await dialog().getByRole("heading", { level: 2 }).innerText(), "Mathématiques");
  assert.match(await dialog().locator(".ld-when").innerText(), /lundi 23 novembre · 8h00 – 9h00/i);
  assert.match(await dialog().locator(".ld-list").innerText(), /Professeur\s+M\. DUPONT[\s\S]*Salle\s+S12/);
  assert.equal(await dialog().locator(".ld-memo p").innerText(), "Apporter la calculatrice.");
  await dialog().locator(".ld-content .ld-part").first().waitFor({ timeout: 30000 });
  assert.match(await dialog().locator(".ld-content").innerText(), /Les fractions[\s\S]*Addition et soustraction de fractions/);
  const given = dialog().locator(".ld-section", { has: page.getByRole("heading", { name: "Donnés pendant ce cours" }) });
  const due = dialog().locator(".ld-section", { has: page.getByRole("heading", { name: "À faire pour ce cours" }) });
  assert.match(await given.innerText(), /Pour lundi 30 novembre[\s\S]*Exercices/);
  assert.match(await due.innerText(), /Pour aujourd'hui/);
  await page.screenshot({ path: join(shots, "desktop-lesson-details.png") });

  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });
  assert.equal((await focused()).key, "lesson-0-0", "the focus is back on the lesson");
});

test("a lesson's details by click, closed with its button; a lesson without content says so", async () => {
  const change = page.locator(".lesson", { has: page.locator(".badge", { hasText: "Changement de salle" }) });
  assert.equal(await change.count(), 1);
  const key = await change.getAttribute("data-key");
  await change.click();
  await dialog().waitFor();
  assert.match(await dialog().locator(".ld-status").innerText(), /Changement de salle/);
  assert.match(await dialog().locator(".ld-list").innerText(), /Salle\s+S30/);
  assert.equal(await dialog().locator(".ld-memo p").innerText(), "Salle changée cette semaine : S30.");
  // Friday is after today: nothing was written in the class book yet.
  await dialog().locator(".ld-content .ld-none").waitFor({ timeout: 30000 });
  assert.equal(await dialog().locator(".ld-content .ld-none").innerText(), "Aucun contenu n'a été saisi pour ce cours.");
  await dialog().getByRole("button", { name: "Fermer" }).click();
  await dialog().waitFor({ state: "detached" });
  assert.equal((await focused()).key, key);
});

test("the details say when they cannot load, and load on Réessayer", async () => {
  await env.fake.control("fault?kind=server&g=21");
  await page.locator('[data-key="lesson-0-2"]').click();
  await dialog().waitFor();
  const alert = dialog().getByRole("alert");
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.innerText(), /Le serveur PRONOTE a renvoyé une erreur/);
  assert.equal(await dialog().locator(".ld-memo").count(), 0, "no memo on this lesson");
  await dialog().getByRole("button", { name: "Réessayer" }).click();
  await dialog().locator(".ld-content .ld-part").first().waitFor({ timeout: 30000 });
  assert.equal(await dialog().getByRole("alert").count(), 0);
  assert.match(await dialog().locator(".ld-content").innerText(), /La Première Guerre mondiale/);
  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });
  assert.equal((await focused()).key, "lesson-0-2");
});

test("a moved lesson's two slots read differently", async () => {
  const away = page.locator(".lesson", { has: page.locator(".badge", { hasText: /^Déplacé au / }) });
  const here = page.locator(".lesson", { has: page.locator(".badge", { hasText: /^Déplacé du / }) });
  assert.equal(await away.count(), 1);
  assert.equal(await here.count(), 1);
  assert.equal(await away.locator(".badge").innerText(), "Déplacé au ven. 27 à 16h00");
  assert.equal(await here.locator(".badge").innerText(), "Déplacé du ven. 27 à 10h00");
  assert.match(await away.getAttribute("class"), /is-cancelled/);
  assert.doesNotMatch(await here.getAttribute("class"), /is-cancelled/);
  assert.match(await away.innerText(), /10h00 – 11h00[\s\S]*Technologie/);
  assert.match(await here.innerText(), /16h00 – 17h00[\s\S]*Technologie/);

  await away.click();
  await dialog().waitFor();
  assert.equal(await dialog().locator(".ld-move").innerText(),
    "Ce cours n'a pas lieu à cet horaire : il est déplacé au vendredi 27 novembre à 16h00.");
  // A future lesson that does not take place: no content, and its homework goes to the new slot.
  await dialog().locator(".ld-none").nth(1).waitFor({ timeout: 30000 });
  assert.deepEqual(await dialog().locator(".ld-none").allInnerTexts(),
    ["Aucun contenu n'a été saisi pour ce cours.", "Aucun devoir n'est lié à ce cours."]);
  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });
  await here.click();
  await dialog().waitFor();
  assert.equal(await dialog().locator(".ld-move").innerText(),
    "Ce cours a lieu à cet horaire à la place du vendredi 27 novembre à 10h00.");
  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });
});

test("no badge or lesson text is cut at 1280 px, no horizontal scroll at 375 px", async () => {
  await checkFit("student");
  await page.screenshot({ path: join(shots, "desktop-timetable-badges.png") });
});

test("homework ticked in the lesson details; the homework tab reads it back from the server", async () => {
  await page.locator('[data-key="lesson-0-0"]').click();
  await dialog().locator(".ld-homework").first().waitFor({ timeout: 30000 });
  const box = dialog().locator(".ld-section", { has: page.getByRole("heading", { name: "À faire pour ce cours" }) })
    .getByRole("checkbox", { name: /Fait/ });
  const before = await box.isChecked();
  await box.click();
  await dialog().locator(".hw-save", { hasText: before ? "Marqué comme à faire." : "Marqué comme fait." }).waitFor();
  assert.equal(await box.isChecked(), !before);
  assert.deepEqual(await doneOnServer(), [{ student: "eleve-lea", homework: "taf:3ème B:2026-11-23:mat-maths", done: !before }]);
  await page.keyboard.press("Escape");
  await dialog().waitFor({ state: "detached" });

  await page.getByRole("tab", { name: "Devoirs" }).click(); // a fresh Homework call
  const card = page.locator(".hw-day", { hasText: "Pour aujourd'hui" }).locator(".hw", { hasText: "Mathématiques" });
  await card.waitFor({ timeout: 30000 });
  assert.equal(await card.getByRole("checkbox").isChecked(), !before);
});

test("homework ticked and unticked in the homework tab: the box changes when the server answers", async () => {
  await env.fake.control("reset");
  const card = page.locator(".hw-day", { hasText: "Pour demain" }).locator(".hw").first();
  const box = card.getByRole("checkbox");
  const subject = await card.locator(".hw-subject").innerText();
  const label = await box.evaluate((b) => b.labels[0].innerText);
  assert.match(label, new RegExp(`^Fait\\s*\\(${subject}\\)$`), "the box is labelled");
  const before = await box.isChecked();

  // The server holds its answer: the box keeps its state until it comes.
  await env.fake.control("fault?kind=hold-reply");
  await box.click();
  await card.locator('.hw-check[aria-busy="true"]').waitFor();
  assert.equal(await box.isChecked(), before, "no change before the server answers");
  assert.equal(await card.locator(".hw-save").innerText(), "Enregistrement…");
  await env.fake.control("release");
  await card.locator(".hw-save", { hasText: before ? "Marqué comme à faire." : "Marqué comme fait." }).waitFor();
  assert.equal(await box.isChecked(), !before);
  const [change] = await doneOnServer();
  assert.equal(change.done, !before);
  assert.match(change.homework, /^taf:3ème B:2026-11-24:/);
  assert.equal(await card.evaluate((c) => c.classList.contains("is-done")), !before);

  // And back.
  await box.press("Space");
  await card.locator(".hw-save", { hasText: before ? "Marqué comme fait." : "Marqué comme à faire." }).waitFor();
  assert.equal(await box.isChecked(), before);
  assert.deepEqual(await doneOnServer(), [{ ...change, done: before }]);
  await page.screenshot({ path: join(shots, "desktop-homework-ticked.png") });
});

test("a failed tick leaves the box as it was and says why; nothing is retried", async () => {
  await env.fake.control("reset");
  const card = page.locator(".hw-day", { hasText: "Pour demain" }).locator(".hw").first();
  const box = card.getByRole("checkbox");
  const before = await box.isChecked();
  const calls = async () => (await (await fetch(`${env.fake.origin}/__control/requests`)).json())
    .filter((r) => r.body?.includes("SaisieTAFFaitEleve")).length;
  await env.fake.control("fault?kind=server&g=21");
  await box.click();
  const alert = card.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.innerText(),
    "Non enregistré. Le serveur PRONOTE a renvoyé une erreur ou est en maintenance. Réessayez plus tard.");
  assert.equal(await box.isChecked(), before, "the box is back to its state");
  assert.deepEqual(await doneOnServer(), []);
  assert.equal(await calls(), 1, "one request, not retried");
  await page.screenshot({ path: join(shots, "desktop-homework-tick-failed.png") });
  // The next click works again.
  await box.click();
  await card.locator(".hw-save", { hasText: before ? "Marqué comme à faire." : "Marqué comme fait." }).waitFor();
  assert.equal(await box.isChecked(), !before);
  assert.equal((await doneOnServer()).length, 1);
  await page.getByRole("tab", { name: "Emploi du temps" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
});

test("a parent's two children: details, ticks and texts that fit for each", async () => {
  await env.fake.control("reset");
  await logIn(env.fake.parent, "Parent");
  const child = page.getByLabel("Enfant");
  for (const [index, id] of [[0, "eleve-lea"], [1, "eleve-hugo"]]) {
    if (index > 0) {
      const first = await page.locator(".tt-day").first().innerText();
      await child.selectOption({ index });
      await page.waitForFunction((b) => {
        const d = document.querySelector(".tt-day");
        return d && d.querySelector(".lesson") && d.innerText !== b;
      }, first, { timeout: 30000 });
    }
    await checkFit(`parent-${id}`);
    // Monday's first lesson that took place (before 10:00 today) has its class book entry.
    const lesson = page.locator(".tt-day").first().locator(".lesson:not(.is-cancelled)").first();
    const key = await lesson.getAttribute("data-key");
    const subject = await lesson.locator(".lesson-subject").innerText();
    await lesson.focus();
    await page.keyboard.press("Enter");
    await dialog().waitFor();
    assert.equal(await dialog().getByRole("heading", { level: 2 }).innerText(), subject);
    await dialog().locator(".ld-content .ld-part").first().waitFor({ timeout: 30000 });
    const box = dialog().getByRole("checkbox").first();
    await box.waitFor();
    const before = await box.isChecked();
    await box.click();
    await dialog().locator(".hw-save", { hasText: before ? "Marqué comme à faire." : "Marqué comme fait." }).waitFor();
    const mine = (await doneOnServer()).filter((c) => c.student === id);
    assert.equal(mine.length, 1, `the tick is recorded for ${id}`);
    assert.equal(mine[0].done, !before);
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    assert.equal((await focused()).key, key);
  }
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
