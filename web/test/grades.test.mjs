// web/test/grades.test.mjs: the grades tab's charts and period choice, the skills (Compétences)
// and report-card (Bulletin) tabs, in Chromium, for the student and for each of the parent's
// children. The fake school is laid out around Monday 15 March 2027: Trimestre 3 has begun but
// holds no mark yet and no published report card for either child; Léa has no evaluation in
// it either, Hugo two. The figures below are the dataset's for that date
// (protocol/pronotetest/dataset_grades.go, dataset_evaluations.go, dataset_reportcard.go).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startDemoPage } from "./harness.mjs";

const today = "2027-03-15";
const shots = join(repoRoot, "out/screenshots");

// What each child's views must show (Trimestre 2 unless said).
const lea = {
  subjects: 10, skillSubjects: 5, reportSubjects: 10,
  bar: "Français : Élève 16, Classe 12,5",
  trend: ["Trimestre 1 : Élève 13,01, Classe 12,74", "Trimestre 2 : Élève 13,51, Classe 12,74", "Trimestre 3 : Élève —, Classe —"],
  only: "Espagnol LV2", skillsFallback: true,
};
const hugo = {
  subjects: 8, skillSubjects: 2, reportSubjects: 8,
  bar: "Éducation musicale : Élève 10,57, Classe 13,9",
  trend: ["Trimestre 1 : Élève 11,7, Classe 13,44", "Trimestre 2 : Élève 11,32, Classe 13,44", "Trimestre 3 : Élève —, Classe —"],
  only: "Éducation musicale", skillsFallback: false,
};
const levelNames = ["Très bonne maîtrise", "Maîtrise satisfaisante", "Maîtrise fragile", "Maîtrise insuffisante"];

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

async function logIn(who) {
  await page.getByLabel("Identifiant").fill(who.username);
  await page.getByLabel("Mot de passe").fill(who.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
}

// openTab reaches a tab with the keyboard only: focus on the selected tab, arrows to the one
// wanted (the ARIA tabs pattern).
async function openTab(name) {
  await page.getByRole("tab", { selected: true }).focus();
  for (let i = 0; i < 10; i++) {
    if ((await page.getByRole("tab", { selected: true }).innerText()) === name) return;
    await page.keyboard.press("ArrowRight");
  }
  throw new Error(`no tab ${name}`);
}

// fitsAt checks that nothing of the panel sticks out of the window or scrolls sideways, and
// that each chart is drawn within its frame (scaled, not scrolled).
async function fitsAt(width, name) {
  await page.setViewportSize({ width, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  const over = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const all = [...document.querySelectorAll(".pronote-app .panel *")];
    const out = all.filter((e) => e.getBoundingClientRect().right > w + 0.5 || e.getBoundingClientRect().left < -0.5);
    const scrolls = all.filter((e) => !e.closest(".visually-hidden") && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible");
    const charts = [...document.querySelectorAll(".chart")].filter((f) => {
      const svg = f.querySelector("svg.chart-svg").getBoundingClientRect(), box = f.getBoundingClientRect();
      return svg.width < 200 || svg.left < box.left || svg.right > box.right;
    });
    const names = (l) => l.slice(0, 5).map((e) => e.className?.baseVal ?? e.className);
    return { over: names(out), scrolls: names(scrolls), charts: names(charts) };
  });
  assert.deepEqual(over, { over: [], scrolls: [], charts: [] }, `${name} at ${width} px`);
  await page.screenshot({ path: join(shots, `${width === 375 ? "phone" : "desktop"}-${name}.png`), fullPage: true });
}

async function checkGrades(child, name) {
  await openTab("Notes");
  const note = page.locator(".period-note");
  await note.waitFor({ timeout: 30000 });
  assert.equal(await note.innerText(), "Période en cours (Trimestre 3) sans note : voici le Trimestre 2.");
  assert.equal(await page.locator("#pronote-period option:checked").innerText(), "Trimestre 2");
  assert.equal(await page.locator(".subject").count(), child.subjects);
  // The bars: one for the student and one for the class per subject with averages.
  const bars = page.locator(".chart-bars");
  assert.equal(await bars.locator("svg.chart-svg rect.bar-student").count(), child.subjects);
  assert.equal(await bars.locator("svg.chart-svg rect.bar-class").count(), child.subjects);
  assert.equal(await bars.locator("svg.chart-svg").getAttribute("role"), "img");
  const desc = await bars.locator("desc").textContent();
  assert.ok(desc.includes(child.bar), `bars desc: ${desc}`);
  // The trend: one mark per period with an overall average, every period in the figures.
  const trend = page.locator(".chart-trend");
  await trend.waitFor({ timeout: 30000 });
  assert.equal(await trend.locator("svg.chart-svg circle.pt-student").count(), 2);
  assert.equal(await trend.locator("svg.chart-svg rect.pt-class").count(), 2);
  assert.equal(await trend.locator("svg.chart-svg line.line-student").count(), 1);
  const tdesc = await trend.locator("desc").textContent();
  for (const t of child.trend) assert.ok(tdesc.includes(t), `trend desc: ${tdesc}`);
  // The figures as a table, opened with the keyboard.
  const table = trend.locator("table");
  assert.equal(await table.isVisible(), false);
  const toggle = trend.getByRole("button", { name: "Voir les chiffres" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await trend.getByRole("button", { name: "Masquer les chiffres" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Masquer les chiffres");
  assert.equal(await table.locator("tbody tr").count(), 3);
  assert.deepEqual(await table.locator("tbody tr").first().locator("th, td").allInnerTexts(), child.trend[0].match(/^(.*) : Élève (.*), Classe (.*)$/).slice(1));
  await fitsAt(375, name);
  await fitsAt(1280, name);
  await page.keyboard.press("Enter"); // the table closes again
  await trend.getByRole("button", { name: "Voir les chiffres" }).waitFor();
}

async function checkSkills(child, name) {
  await openTab("Compétences");
  await page.locator(".skill-subject").first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".period-note").count(), child.skillsFallback ? 1 : 0);
  assert.equal(await page.locator("#pronote-period option:checked").innerText(), child.skillsFallback ? "Trimestre 2" : "Trimestre 3");
  assert.equal(await page.locator(".skill-subject").count(), child.skillSubjects);
  // Every level reads as words: its abbreviation is shown, its full label is in the text.
  const levels = await page.locator(".skill .level").evaluateAll((els) =>
    els.map((e) => ({ cls: e.className, hidden: e.querySelector(".visually-hidden")?.textContent, shown: e.querySelector("[aria-hidden]")?.textContent })));
  assert.ok(levels.length >= child.skillSubjects * 2);
  for (const l of levels) {
    assert.ok(levelNames.includes(l.hidden), `level label: ${JSON.stringify(l)}`);
    assert.match(l.shown, /^(\+\+|\+|-|--)$/);
    assert.match(l.cls, /level-(good|ok|fragile|weak)/);
  }
  assert.ok((await page.locator(".level-legend li").allInnerTexts()).some((t) => /Maîtrise satisfaisante/.test(t)));
  await fitsAt(375, name);
  await fitsAt(1280, name);
  return levels.map((l) => l.hidden).join(",");
}

async function checkReport(child, name) {
  await openTab("Bulletin");
  await page.locator(".report-subject").first().waitFor({ timeout: 30000 });
  assert.match(await page.locator(".period-note").innerText(), /^Le bulletin de la période en cours \(Trimestre 3\) n'est pas encore publié : voici le dernier publié, le Trimestre 2\.$/);
  assert.equal(await page.locator(".report-subject").count(), child.reportSubjects);
  assert.ok((await page.locator(".report-subjects").innerText()).includes(child.only));
  assert.match(await page.locator(".report-general").innerText(), /Appréciation générale\n/);
  assert.ok((await page.locator(".report-text").count()) >= child.reportSubjects - 1, "teachers' comments");
  await fitsAt(375, name);
  await fitsAt(1280, name);
  // Trimestre 3, chosen with the keyboard, is not published: a sentence says so.
  await page.locator("#pronote-period").focus();
  await page.keyboard.press("ArrowDown");
  const unpublished = page.locator(".report-unpublished");
  await unpublished.waitFor({ timeout: 30000 });
  assert.equal(await unpublished.innerText(), "Le bulletin de la période Trimestre 3 n'est pas encore publié par l'établissement.");
  assert.equal(await page.locator(".report-subject, table, .notice-error").count(), 0);
  await page.locator("#pronote-period").focus();
  await page.keyboard.press("ArrowUp");
  await page.locator(".report-subject").first().waitFor({ timeout: 30000 });
}

test("student: grades fall back to the last period with marks, with their charts", async () => {
  await logIn(env.fake.student);
  await checkGrades(lea, "grades-charts");
});

test("student: skills by subject, each level in words", async () => {
  await checkSkills(lea, "skills");
});

test("student: report card of the last published period; an unpublished one says so", async () => {
  await checkReport(lea, "report");
});

test("student: the sentences and figures in English", async () => {
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.getByRole("tab", { name: "Grades" }).click();
  const note = page.locator(".period-note");
  await note.waitFor({ timeout: 30000 });
  assert.equal(await note.innerText(), "No grades yet in the current period (Trimestre 3): showing Trimestre 2.");
  assert.ok((await page.locator(".chart-bars desc").textContent()).includes("Français: Student 16, Class 12.5"));
  await page.getByRole("tab", { name: "Report card" }).click();
  await page.locator(".report-subject").first().waitFor({ timeout: 30000 });
  // Trimestre 2 was chosen by hand in the last test: no sentence about the period then.
  assert.equal(await page.locator(".period-note").count(), 0);
  assert.equal(await page.locator(".report-general h2").innerText(), "General comments");
  await page.getByRole("button", { name: "Passer en français" }).click();
  await page.getByRole("tab", { name: "Bulletin" }).waitFor();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
});

test("parent: every view follows the child selector", async () => {
  await page.getByLabel("Parent").check();
  await logIn(env.fake.parent);
  const child = page.getByLabel("Enfant");
  assert.match(await child.locator("option:checked").innerText(), /Léa/);
  await checkGrades(lea, "parent-lea-grades");
  const leaLevels = await checkSkills(lea, "parent-lea-skills");
  await checkReport(lea, "parent-lea-report");
  await child.focus();
  await page.keyboard.press("ArrowDown"); // Hugo
  await page.locator(".report-subject").first().waitFor({ timeout: 30000 });
  assert.match(await child.locator("option:checked").innerText(), /Hugo/);
  await checkReport(hugo, "parent-hugo-report");
  const hugoLevels = await checkSkills(hugo, "parent-hugo-skills");
  assert.notEqual(hugoLevels, leaLevels);
  await checkGrades(hugo, "parent-hugo-grades");
  assert.equal(await page.locator(".chart-bars desc").evaluate((d) => d.textContent.includes("Espagnol LV2")), false);
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
