// web/test/schoollife.test.mjs: the Vie scolaire, Informations and Cantine tabs in a real
// browser, for the student and for each of the parent's two children, driven by the keyboard
// where it matters. What the tabs show is checked against the fake server's dataset
// (protocol/pronotetest/dataset_attendance.go, dataset_news.go, dataset_menus.go); that
// opening an unread news item marks it read is checked on the server: its count of
// SaisieActualites requests, and the news it sends again after a reload.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startDemoPage } from "./harness.mjs";

const today = process.env.UI_TEST_DATE || "2026-11-23"; // a Monday of term
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

/** calls is how many requests for a PRONOTE function the fake server has received. */
const calls = async (fn) => (await (await fetch(`${env.fake.origin}/__control/count?function=${fn}`)).json()).count;

async function logIn(username, password) {
  await page.getByLabel("Identifiant", { exact: true }).fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("tab", { selected: true }).waitFor({ timeout: 30000 });
}

/** newsTab waits for the Informations tab to be named exactly name (its unread count). */
async function newsTab(name) {
  const tab = page.getByRole("tab", { name, exact: true });
  await tab.waitFor({ timeout: 30000 });
  return tab;
}

/** keyTo moves through the tab bar with the arrow keys until the tab named label is open. */
async function keyTo(label) {
  await page.getByRole("tab", { selected: true }).focus();
  for (let i = 0; i < 12; i++) {
    const name = await page.evaluate(() => document.activeElement?.getAttribute("data-tab") && document.activeElement.textContent);
    if (name?.startsWith(label)) break;
    await page.keyboard.press("ArrowRight");
  }
  const selected = page.getByRole("tab", { selected: true });
  assert.ok((await selected.innerText()).startsWith(label), `the open tab is ${await selected.innerText()}`);
  assert.equal(await selected.evaluate((el) => el === document.activeElement), true, "the tab has the focus");
}

/** tabUntil presses Tab until the focused element matches selector and holds text. */
async function tabUntil(selector, text) {
  for (let i = 0; i < 20; i++) {
    const hit = await page.evaluate(([sel, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(sel) && el.textContent.includes(t);
    }, [selector, text]);
    if (hit) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`no ${selector} with "${text}" reached with Tab`);
}

/** sections lists the school-life headings in order. */
const sections = () => page.locator(".sl-title").allInnerTexts();

async function shoot(name) {
  for (const [label, width] of [["desktop", 1280], ["phone", 375]]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 820 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const overflow = await page.evaluate(() => {
      const p = document.querySelector("#pronote-panel");
      return p.scrollWidth - p.clientWidth;
    });
    assert.ok(overflow <= 0, `${name} at ${width} px: the panel scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: join(shots, `${label}-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the student: the news count is there before the tab is opened", async () => {
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  await logIn(env.fake.student.username, env.fake.student.password);
  await newsTab("Informations 2 non lues"); // an unread information and an unread survey
  assert.equal(await page.locator("#tab-news .tab-count").innerText(), "2");
});

test("the student's Vie scolaire: what to justify and what to do first, then the rest newest first", async () => {
  await keyTo("Vie scolaire");
  await page.locator(".sl-section").first().waitFor({ timeout: 30000 });
  assert.deepEqual(await sections(), [
    "Absences à justifier (1)", "Punitions à faire (1)", "Absences (1)", "Retards (2)", "Observations (2)",
  ]);
  const open = page.locator(".sl-toJustify .sl-item");
  assert.match(await open.innerText(), /Absence[\s\S]*À justifier par les parents[\s\S]*novembre, 1\dh\d\d – \d+h\d\d[\s\S]*de cours manqués[\s\S]*Motif non connu/);
  const retenue = page.locator(".sl-upcoming .sl-item");
  assert.match(await retenue.innerText(), /Retenue[\s\S]*Donnée le \S+ \d+ novembre par [\s\S]*Motif : Travail non fait[\s\S]*Travail à faire : Exercices 1 à 5 page 90\.[\s\S]*À faire le \S+ \d+ \S+ à 17h00 \(1 h\)/);
  assert.match(await page.locator(".sl-absences .sl-item").innerText(), /Justifiée[\s\S]*du \S+ \d+ \S+ au \S+ \d+ \S+[\s\S]*2 jours[\s\S]*Motif : Maladie/i);
  const delays = await page.locator(".sl-delays .sl-what").allInnerTexts();
  assert.deepEqual(delays, ["Retard de 5 min", "Retard de 10 min"], "newest first");
  assert.match(await page.locator(".sl-delays .sl-item").nth(1).innerText(), /Justifié[\s\S]*Retard du bus scolaire/);
  assert.deepEqual(await page.locator(".sl-observations .sl-what").allInnerTexts(), ["Encouragements", "Oubli de matériel"]);
  await shoot("schoollife");
});

test("the student's news: opening an unread item marks it read on the server, once", async () => {
  const saisies = await calls("SaisieActualites");
  await keyTo("Informations");
  await page.locator(".news-item").first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".news-item").count(), 3);
  assert.equal(await page.locator(".news-item.is-unread").count(), 2);
  await page.keyboard.press("Tab");
  await tabUntil(".news-toggle", "Sortie au musée");
  const trip = page.locator(".news-item").first();
  assert.equal(await trip.locator(".news-body").isVisible(), false);
  await page.keyboard.press("Enter");
  await trip.locator(".news-body b", { hasText: "jeudi prochain" }).waitFor();
  await newsTab("Informations 1 non lue");
  assert.equal(await calls("SaisieActualites"), saisies + 1);
  assert.equal(await trip.locator(".news-toggle").getAttribute("aria-expanded"), "true");
  assert.equal(await trip.locator(".badge-unread").count(), 0);
  const file = trip.locator("a.attachment", { hasText: "autorisation-sortie.pdf" });
  assert.match(await file.getAttribute("href"), /^http:\/\/127\.0\.0\.1:\d+\//);
  assert.equal(await file.getAttribute("rel"), "noopener noreferrer");
  // Closed and opened again: already read, nothing is sent.
  await page.keyboard.press("Enter");
  assert.equal(await trip.locator(".news-toggle").getAttribute("aria-expanded"), "false");
  await page.keyboard.press("Enter");
  await trip.locator(".news-body").waitFor();
  // The survey, opened with the space bar: read-only, each question unanswered.
  await tabUntil(".news-toggle", "Ateliers du jeudi midi");
  await page.keyboard.press(" ");
  const survey = page.locator(".news-item", { hasText: "Ateliers du jeudi midi" });
  await survey.locator(".survey-q").first().waitFor();
  assert.match(await survey.locator(".news-readonly").innerText(), /lecture seule/);
  assert.deepEqual(await survey.locator(".survey-title").allInnerTexts(), ["Atelier", "Jours", "Remarques"]);
  assert.deepEqual(await survey.locator(".survey-q .badge").allInnerTexts(), Array(3).fill("Pas encore de réponse"));
  assert.deepEqual(await survey.locator(".survey-choices").first().locator("li").allInnerTexts(), ["Théâtre", "Robotique", "Chorale"]);
  await newsTab("Informations"); // nothing unread: no count
  assert.equal(await page.locator("#tab-news .tab-count").count(), 0);
  // The close toggle re-open above sent nothing: calls are serialised, so the survey's
  // mark is the second SaisieActualites only if none went between.
  assert.equal(await calls("SaisieActualites"), saisies + 2);
  // An item read already sends nothing either.
  await tabUntil(".news-toggle", "Repas de Noël");
  await page.keyboard.press("Enter");
  await page.locator(".news-item", { hasText: "Repas de Noël" }).locator(".rich i").waitFor();
  await shoot("news");
  // The server keeps it: after a reload the news come again from it, all read.
  const reads = await calls("PageActualites");
  await page.reload();
  await page.locator(".news-item").first().waitFor({ timeout: 30000 });
  await newsTab("Informations");
  assert.ok((await calls("PageActualites")) > reads, "the news were read from the server again");
  assert.equal(await page.locator(".news-item.is-unread").count(), 0);
  assert.equal(await page.locator(".news-item .badge-unread").count(), 0);
  assert.equal(await calls("SaisieActualites"), saisies + 2, "opening a read item sent nothing");
});

test("the student's canteen: the week's menus by day and meal, labels as text, week by week with the keyboard", async () => {
  await keyTo("Cantine");
  await page.locator(".menu-day").first().waitFor({ timeout: 30000 });
  assert.match(await page.locator(".view-menus .week-title").innerText(), /^du 23 au 29 novembre 2026$/i);
  const days = page.locator(".menu-day");
  assert.equal(await days.count(), 5);
  const monday = days.first();
  assert.match(await monday.locator(".menu-date").innerText(), /^lundi 23 novembre/i);
  assert.match(await monday.innerText(), /aujourd'hui/);
  assert.deepEqual(await monday.locator(".menu-course").allInnerTexts(), ["Entrée", "Plat", "Accompagnement", "Dessert"]);
  const carrots = monday.locator(".menu-dish", { hasText: "Carottes râpées" });
  assert.deepEqual(await carrots.locator(".badge-label").allInnerTexts(), ["Bio"]);
  assert.deepEqual(await monday.locator(".meal-kind").allInnerTexts(), ["DÉJEUNER"]);
  const tuesday = days.nth(1);
  assert.deepEqual(await tuesday.locator(".meal-kind").allInnerTexts(), ["DÉJEUNER", "DÎNER"]);
  assert.match(await tuesday.locator(".meal-dinner").innerText(), /Gratin de pâtes\s*Végétarien/);
  await shoot("menus");
  // The next week, then one without a menu, then back: all with the keyboard.
  await page.keyboard.press("Tab");
  await tabUntil("[data-key=next]", "›");
  await page.keyboard.press("Enter");
  await page.getByText(/^du 30 novembre au 6 décembre 2026$/i).waitFor();
  await page.locator(".menu-dish", { hasText: "Taboulé" }).waitFor({ timeout: 30000 });
  await page.keyboard.press("Enter"); // the focus stayed on "next"
  await page.getByText("Aucun menu n'est publié pour cette semaine.").waitFor({ timeout: 30000 });
  await tabUntil("[data-key=today]", "Cette semaine");
  await page.keyboard.press("Enter");
  await page.getByText(/^du 23 au 29 novembre 2026$/i).waitFor();
  assert.equal(await page.getByRole("button", { name: "Cette semaine" }).isDisabled(), true);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.key), "next", "the focus is not lost");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
});

/** child switches the parent's view to the child whose name starts with name. */
async function child(name) {
  const sel = page.getByLabel("Enfant");
  const value = await sel.locator("option", { hasText: name }).getAttribute("value");
  await sel.selectOption(value);
}

test("a parent: Vie scolaire follows the child", async () => {
  await page.getByLabel("Parent").check();
  await logIn(env.fake.parent.username, env.fake.parent.password);
  await child("Léa");
  await keyTo("Vie scolaire");
  await page.locator(".sl-section").first().waitFor({ timeout: 30000 });
  assert.equal((await sections())[0], "Absences à justifier (1)");
  assert.match(await page.locator(".view-schoollife").innerText(), /Retenue/);
  await child("Hugo");
  await page.locator(".sl-item", { hasText: "Mesure conservatoire" }).waitFor({ timeout: 30000 });
  assert.deepEqual(await sections(), ["Absences (1)", "Retards (1)", "Punitions (2)", "Observations (1)"]);
  const text = await page.locator(".view-schoollife").innerText();
  assert.doesNotMatch(text, /Retenue|à justifier/i, "nothing of Léa's");
  assert.match(text, /Rendez-vous médical/);
  assert.match(await page.locator(".sl-punishments .sl-item").first().innerText(),
    /Devoir supplémentaire[\s\S]*Travail à faire : Recopier le règlement intérieur\.[\s\S]*Pas de date fixée/);
  assert.match(await page.locator(".sl-item", { hasText: "Mesure conservatoire" }).innerText(),
    /Exclusion[\s\S]*du \S+ \d+ \S+ au \S+ \d+ \S+/i);
  assert.match(await page.locator(".sl-delays .sl-item").innerText(), /Retard de 15 min[\s\S]*Non justifié/);
  await shoot("schoollife-parent");
});

test("a parent: the news and their count follow the child; a read mark is the child's item's", async () => {
  await newsTab("Informations 2 non lues");
  await keyTo("Informations");
  const trip = page.locator(".news-item", { hasText: "Sortie au musée" });
  await trip.waitFor({ timeout: 30000 });
  assert.match(await trip.innerText(), /6ème A/);
  await tabUntil(".news-toggle", "Sortie au musée");
  await page.keyboard.press("Enter");
  await newsTab("Informations 1 non lue");
  const site = trip.locator("a.attachment", { hasText: "Site du musée" });
  assert.equal(await site.getAttribute("href"), "https://www.arts-et-metiers.net/");
  await tabUntil(".news-toggle", "Ateliers du jeudi midi");
  await page.keyboard.press("Enter");
  const badges = page.locator(".news-item", { hasText: "Ateliers" }).locator(".survey-q .badge");
  await badges.first().waitFor();
  assert.deepEqual(await badges.allInnerTexts(), ["Répondu", "Pas encore de réponse", "Pas encore de réponse"]);
  await newsTab("Informations");
  // Léa's news, loaded again for her: her class's items are still unread.
  await child("Léa");
  await newsTab("Informations 2 non lues");
  const leaTrip = page.locator(".news-item.is-unread", { hasText: "Sortie au musée" });
  await leaTrip.waitFor({ timeout: 30000 });
  assert.match(await leaTrip.innerText(), /3ème B/);
  assert.equal(await page.locator("a.attachment", { hasText: "Site du musée" }).count(), 0);
  // And Hugo's, from the server again: read.
  const reads = await calls("PageActualites");
  await child("Hugo");
  await newsTab("Informations");
  await page.locator(".news-item", { hasText: "6ème A" }).first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".news-item.is-unread").count(), 0);
  assert.ok((await calls("PageActualites")) > reads);
});

test("a parent: the canteen for each child (the school's one menu) is asked for that child", async () => {
  await keyTo("Cantine");
  await page.locator(".menu-day").first().waitFor({ timeout: 30000 });
  const hugo = await page.locator(".menu-days").innerText();
  const asked = await calls("PageMenus");
  await child("Léa");
  await page.locator(".menu-day").first().waitFor({ timeout: 30000 });
  assert.ok((await calls("PageMenus")) > asked, "asked again for Léa");
  assert.equal(await page.locator(".menu-days").innerText(), hugo, "the same canteen for both");
  assert.match(hugo, /Poulet rôti\s*Label Rouge/);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
