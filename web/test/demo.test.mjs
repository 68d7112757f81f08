// web/test/demo.test.mjs: the static demo in a real browser. Chromium opens index.html (served
// from 127.0.0.1, configured by query parameters), logs into the fake PRONOTE server through the
// relay running in workerd, and walks the views; screenshots go to out/screenshots/.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startAll } from "./harness.mjs";

// The dataset and the page share one date, a Monday of term, so the week is known: the browser's
// clock is set to 10:00 that day and the fake server lays its demo school out around it.
const today = process.env.UI_TEST_DATE || "2026-11-23";
const tomorrow = new Date(Date.parse(today) + 86400e3).toISOString().slice(0, 10);
const shots = join(repoRoot, "out/screenshots");

// A hostile description: none of it may run or survive as markup.
const hostile =
  `<p onclick="window.__pwned=1">Lire la fiche</p><script>window.__pwned=2</script>` +
  `<img src="x" onerror="window.__pwned=3"><a href="javascript:window.__pwned=4">piège</a>` +
  `<a href=" JaVaScRiPt:window.__pwned=5">piège 2</a><iframe src="javascript:parent.__pwned=6"></iframe>` +
  `<svg onload="window.__pwned=7"></svg><a href="https://example.org/fiche" onmouseover="window.__pwned=8">fiche</a>` +
  `<style>body{display:none}</style><form action="https://evil.example/"><input name=q></form>`;

let env;
let page;
const problems = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  env = await startAll(["-profile", "2026", "-encrypt", "-compress", "-now", today]);
  await env.fake.control("homework", { due: tomorrow, html: hostile });
  await env.browser.context.clock.setFixedTime(new Date(`${today}T10:00:00+01:00`));
  page = await env.browser.context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(env.pageURL);
});

after(async () => {
  await env?.stop();
});

async function shoot(name) {
  for (const [label, width] of [["desktop", 1280], ["phone", 375]]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 820 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, `${label}-${name}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function logIn(username, password) {
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

test("the login screen is in French and offers the demo school", async () => {
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  assert.equal(await page.getByLabel("Démonstration", { exact: true }).isChecked(), true);
  assert.match(await page.locator(".demo-hint").innerText(), new RegExp(env.fake.student.username));
  await shoot("login");
});

test("a wrong password shows its message and keeps the form", async () => {
  await logIn(env.fake.student.username, "not-the-password");
  const alert = page.locator(".notice-error");
  await alert.waitFor();
  assert.equal((await alert.innerText()).trim(), "Identifiant ou mot de passe incorrect.");
  assert.equal(await page.getByLabel("Mot de passe").inputValue(), "");
  await env.fake.control("reset"); // forget the failed attempt (and the planted homework)
  await env.fake.control("homework", { due: tomorrow, html: hostile });
});

test("the student sees this week's lessons", async () => {
  await logIn(env.fake.student.username, env.fake.student.password);
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole("tab", { selected: true }).innerText(), "Emploi du temps");
  assert.match(await page.locator(".week-title").innerText(), /^du 23 au 29 novembre 2026$/i);
  const monday = page.locator(".tt-day").first();
  assert.ok((await monday.locator(".lesson").count()) >= 5, "Monday has its lessons");
  assert.match(await monday.locator(".lesson").first().innerText(), /8h00[\s\S]*Mathématiques/);
  assert.equal(await page.locator(".tt-head.is-today").count(), 1);
  await shoot("timetable");
});

test("previous and next week", async () => {
  await page.getByRole("button", { name: "Semaine suivante" }).click();
  await page.getByText(/^du 30 novembre au 6 décembre 2026$/i).waitFor();
  await page.locator(".lesson").first().waitFor();
  await page.getByRole("button", { name: "Aujourd'hui" }).click();
  await page.getByText(/^du 23 au 29 novembre 2026$/i).waitFor();
});

test("grades: subjects with averages, grades out of their scale", async () => {
  await page.getByRole("tab", { name: "Notes" }).click();
  await page.locator(".subject").first().waitFor({ timeout: 30000 });
  assert.ok((await page.locator(".subject").count()) >= 5);
  assert.match(await page.locator(".grade-value").first().innerText(), /^(\d+(,\d+)?\s*\/\s*\d+|[A-Z][a-zé ()0]+)$/);
  assert.ok((await page.locator("#pronote-period option").count()) >= 3);
  await shoot("grades");
});

test("homework: grouped by due date, hostile HTML rendered inert", async () => {
  await page.getByRole("tab", { name: "Devoirs" }).click();
  await page.locator(".hw").first().waitFor({ timeout: 30000 });
  const groups = await page.locator(".hw-due").allInnerTexts();
  assert.ok(groups.includes("Pour demain"), `groups: ${groups}`);
  const planted = page.locator(".hw", { hasText: "Lire la fiche" });
  await planted.waitFor();
  // The description's part of the card (the card also has its own "Fait" checkbox).
  const report = await planted.locator(".rich").evaluate((el) => {
    const all = [...el.querySelectorAll("*")];
    return {
      tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))].sort(),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name)),
      hrefs: [...el.querySelectorAll("[href]")].map((a) => a.getAttribute("href")),
      links: [...el.querySelectorAll("a")].map((a) => `${a.rel}|${a.target}`),
    };
  });
  for (const bad of ["script", "img", "iframe", "svg", "style", "form", "input"]) {
    assert.ok(!report.tags.includes(bad), `<${bad}> rendered: ${report.tags}`);
  }
  assert.deepEqual(report.handlers, []);
  assert.deepEqual(report.hrefs, ["https://example.org/fiche"]);
  assert.deepEqual(report.links, ["noopener noreferrer|_blank"]);
  await planted.locator(".rich p").first().click();
  await planted.locator("a", { hasText: "fiche" }).hover();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await shoot("homework-hostile");
  await env.fake.control("reset"); // the next test's reload shows the homework without it
});

test("a reload keeps the session (never the password) and the open tab", async () => {
  await page.reload();
  await page.locator(".hw").first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole("tab", { selected: true }).innerText(), "Devoirs");
  const saved = await page.evaluate(() => sessionStorage.getItem("pronote.session"));
  assert.ok(saved && !saved.includes(env.fake.student.password), "the saved session holds no password");
  assert.equal(await page.locator(".hw", { hasText: "Lire la fiche" }).count(), 0);
  await shoot("homework");
  await page.getByRole("tab", { name: "Emploi du temps" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
});

test("the language switch", async () => {
  await page.getByRole("button", { name: "Switch to English" }).click();
  await page.getByRole("tab", { name: "Timetable" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.getByRole("button", { name: "Passer en français" }).click();
  await page.getByRole("tab", { name: "Emploi du temps" }).waitFor();
});

test("log out", async () => {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem("pronote.session")), null);
});

test("a parent chooses the child", async () => {
  await page.getByLabel("Parent").check();
  await logIn(env.fake.parent.username, env.fake.parent.password);
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  const child = page.getByLabel("Enfant");
  assert.equal(await child.locator("option").count(), 2);
  const first = await page.locator(".tt-day").first().innerText();
  await child.selectOption({ index: 1 });
  await page.waitForFunction((before) => {
    const d = document.querySelector(".tt-day");
    return d && d.querySelector(".lesson") && d.innerText !== before;
  }, first, { timeout: 30000 });
  await shoot("parent");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
