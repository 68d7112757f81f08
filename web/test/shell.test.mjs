// web/test/shell.test.mjs: the shell of the ready-made interface in Chromium. The module's
// loading (progress on a slow link, a retry after a failure), the name and the page title, the
// focus after login, the phone menu by keyboard, the relay's answers said as they are (502,
// 504, 403), Cancel during a login the school holds, the wait after IP_SUSPENDED, and KeepAlive
// sent while the user is active and not when idle (Playwright's clock moves the time; the
// keep-alives are counted on the fake server).
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot, startWorkerd } from "../../relay/testutil/workerd.mjs";
import { logIn, openView, settled, startAll, viewIDs, watchProblems } from "./harness.mjs";

const today = process.env.UI_TEST_DATE || "2026-11-23";
let env;
let relay2; // a second relay: the fake school, a dead port, a short upstream timeout
let deadPort;
let page;
const problems = [];
// The browser reports the relay's refusals as failed resources: expected during the relay test only.
let relayRefusals = false;
const expected = (text) => relayRefusals && /^Failed to load resource: the server responded with a status of (403|502|504)\b/.test(text);

async function freePort() {
  return new Promise((ok) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

before(async () => {
  env = await startAll(["-profile", "2026", "-encrypt", "-compress", "-now", today]);
  deadPort = await freePort();
  relay2 = await startWorkerd({
    upstreamHosts: [`http://${new URL(env.fake.url).host}`, `http://127.0.0.1:${deadPort}`],
    vars: { UPSTREAM_TIMEOUT_MS: "1500" },
  });
  // The clock runs on its own from 10:00 that day; the keep-alive test moves it forward.
  await env.browser.context.clock.install({ time: new Date(`${today}T10:00:00+01:00`) });
  page = watchProblems(await env.browser.context.newPage(), problems, expected);
});

after(async () => {
  await relay2?.stop();
  await env?.stop();
});

// fresh opens url on a new start: no session kept from an earlier test.
async function fresh(url) {
  await page.goto(url);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
}

// until polls cond (on the fake server) until it holds, for 30 s at most.
async function until(cond, what) {
  for (const deadline = Date.now() + 30000; !(await cond());) {
    assert.ok(Date.now() < deadline, `still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const count = async (fn) => (await (await fetch(`${env.fake.origin}/__control/count?function=${fn}`)).json()).count;

test("on a slow link the module's bytes are counted against its real size", async () => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: 1_000_000, uploadThroughput: 1_000_000 });
  await page.goto(env.pageURL);
  const mid = await page.waitForFunction(() => {
    const bar = document.querySelector(".boot-bar");
    return bar && bar.value > 0 && bar.value < bar.max && { max: bar.max, text: document.querySelector(".boot-bytes").textContent };
  }, null, { timeout: 30000 });
  const { max, text } = await mid.jsonValue();
  assert.equal(max, (await stat(join(repoRoot, "dist/pronote.wasm"))).size, "the total is the module's size, not the compressed one");
  assert.match(text, /^\d+,\d Mo sur \d+,\d Mo$/);
  await page.getByRole("heading", { name: "Connexion" }).waitFor({ timeout: 60000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp.detach();
});

test("a module that fails to load offers a retry, and the retry works", async () => {
  const p = watchProblems(await env.browser.context.newPage(), problems, (t) => /Failed to load resource/.test(t));
  let failures = 0;
  await p.route("**/dist/pronote.wasm", (route) => (failures++ === 0 ? route.abort("connectionreset") : route.continue()));
  await p.goto(env.pageURL);
  const alert = p.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Préau n'a pas pu se charger/);
  await p.getByRole("button", { name: "Réessayer" }).click();
  await p.getByRole("heading", { name: "Connexion" }).waitFor({ timeout: 30000 });
  assert.equal(failures, 2);
  await p.close();
});

test("the name, the mark and the title; the focus after login; the title follows the view and the language", async () => {
  await fresh(env.pageURL);
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  assert.equal(await page.title(), "Connexion · Préau");
  assert.match(await page.locator(".login-page").innerText(), /Non affilié à Index Education/);
  assert.equal(await page.locator(".login-top svg.mark").count(), 1);
  assert.equal(await page.getByText("PRONOTE", { exact: true }).count(), 0, "the page does not call itself PRONOTE");
  await logIn(page, env.fake.student);
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("role")), "tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-selected")), "true");
  assert.equal(await page.locator("h1").innerText(), "Emploi du temps");
  assert.equal(await page.title(), "Emploi du temps · Préau");
  assert.match(await page.locator("footer").innerText(), /Non affilié à Index Education/);
  const lang = page.getByRole("button", { name: /switch to English/ });
  assert.ok((await lang.getAttribute("aria-label")).startsWith(await lang.innerText()), "the accessible name starts with the visible text");
  await lang.click();
  await page.getByRole("tab", { name: "Timetable" }).waitFor();
  assert.equal(await page.title(), "Timetable · Préau");
  await page.getByRole("button", { name: /passer en français/ }).click();
  await page.getByRole("tab", { name: "Notes" }).click();
  await settled(page);
  assert.equal(await page.title(), "Notes · Préau");
});

test("the tab bar holds nine views on one row at 1280 px", async () => {
  // The views other branches add, as placeholder buttons in this page only, up to nine tabs.
  const rows = await page.evaluate(() => {
    const list = document.querySelector("[role=tablist]");
    const more = ["Vie scolaire", "Informations", "Messagerie", "Cantine", "Compétences", "Bulletin"];
    while (list.children.length < 9) {
      const b = list.lastElementChild.cloneNode(false);
      b.removeAttribute("id");
      b.dataset.placeholder = "";
      b.textContent = more.shift() ?? "Emploi du temps";
      list.append(b);
    }
    const tops = new Set([...list.children].map((b) => b.getBoundingClientRect().top));
    const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    list.querySelectorAll("[data-placeholder]").forEach((b) => b.remove());
    return { rows: tops.size, over };
  });
  assert.deepEqual(rows, { rows: 1, over: 0 });
});

test("on a phone the views are in a menu, usable by keyboard", async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  assert.equal(await page.getByRole("tablist").isVisible(), false);
  const menu = page.getByRole("button", { name: /^Menu/ });
  await menu.focus();
  await page.keyboard.press("Enter");
  assert.equal(await menu.getAttribute("aria-expanded"), "true");
  const items = page.locator(".views-menu-item");
  assert.equal(await items.count(), (await viewIDs(page)).length, "one item per view");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-current")), "page", "the focus is on the open view");
  await page.keyboard.press("Escape");
  assert.equal(await menu.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.key), "menu", "Escape gives the focus back");
  await page.keyboard.press("Enter");
  await page.locator('.views-menu-item[data-view="homework"]').focus();
  await page.keyboard.press("Enter");
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1");
  assert.equal(await page.locator("h1").innerText(), "Devoirs");
  assert.equal(await page.locator(".views-menu").isVisible(), false);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openView(page, "timetable");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("through a relay: an unreachable school, a school that does not answer, a school the relay does not serve", async () => {
  await fresh(env.pageURL.replace(encodeURIComponent(env.relay.url), encodeURIComponent(relay2.url)));
  relayRefusals = true;
  const alert = page.locator(".notice-error");
  const cases = [
    [`http://127.0.0.1:${deadPort}/pronote/`, /n'a pas pu joindre le serveur PRONOTE de l'établissement/],
    ["https://school.example.org/pronote/", /ne sert pas cet établissement/],
  ];
  for (const [school, want] of cases) {
    await logIn(page, { ...env.fake.student, school });
    await alert.waitFor();
    assert.match(await alert.innerText(), want, school);
  }
  await env.fake.control("fault?kind=hold-reply");
  await logIn(page, { ...env.fake.student, school: env.fake.url });
  await page.getByText(/n'a pas répondu à temps au relais/).waitFor({ timeout: 30000 });
  await env.fake.control("release");
  relayRefusals = false;
});

test("Cancel ends a login the school holds, and the next login works", async () => {
  await fresh(env.pageURL);
  const sent = await count("FonctionParametres");
  await env.fake.control("fault?kind=hold-reply");
  await logIn(page, env.fake.student);
  await until(async () => (await count("FonctionParametres")) > sent, "the login's first call reaches the school, which holds it");
  await page.getByRole("button", { name: "Annuler la connexion" }).click();
  await page.locator(".notice", { hasText: "Demande annulée." }).waitFor();
  assert.equal(await page.locator(".notice-error:visible").count(), 0, "a cancel the user asked for is no error");
  assert.equal(await page.getByRole("button", { name: "Se connecter" }).isEnabled(), true);
  await env.fake.control("release");
  await logIn(page, env.fake.student);
  await settled(page);
});

test("Cancel ends a load the school holds; Réessayer loads it", async () => {
  await env.fake.control("fault?kind=hold-reply");
  const sent = (await (await fetch(`${env.fake.origin}/__control/requests`)).json()).length;
  await page.getByRole("tab", { name: "Notes" }).click();
  await until(async () => (await (await fetch(`${env.fake.origin}/__control/requests`)).json()).length > sent, "the grades request reaches the school");
  await page.locator("#pronote-panel").getByRole("button", { name: "Annuler" }).click();
  await page.locator("#pronote-panel .notice", { hasText: "Demande annulée." }).waitFor();
  await env.fake.control("release");
  await page.locator("#pronote-panel").getByRole("button", { name: "Réessayer" }).click();
  await page.locator(".subject").first().waitFor({ timeout: 30000 }); // the grades, loaded this time
  await openView(page, "timetable");
});

test("a language switch while a tab loads: its answer still shows, in the new language", async () => {
  // Before, the switch drew a new screen that dropped the answer on its way: the tab stayed
  // on "Loading…" for good.
  await fresh(env.pageURL);
  await logIn(page, env.fake.student);
  await settled(page);
  const sent = (await (await fetch(`${env.fake.origin}/__control/requests`)).json()).length;
  await env.fake.control("fault?kind=hold-reply");
  await page.locator('[role=tab][data-tab="grades"]').click();
  await until(async () => (await (await fetch(`${env.fake.origin}/__control/requests`)).json()).length > sent, "the grades request reaches the school");
  await page.getByRole("button", { name: /switch to English/ }).click();
  await page.locator("#pronote-panel h1", { hasText: "Grades" }).waitFor();
  assert.equal(await page.locator("#pronote-panel .loading").count(), 1, "still loading while the school holds the answer");
  await env.fake.control("release");
  await page.locator(".subject").first().waitFor({ timeout: 30000 });
  await settled(page);
  await page.getByRole("button", { name: /passer en français/i }).click();
  await page.locator("#pronote-panel h1", { hasText: "Notes" }).waitFor();
  await openView(page, "timetable");
});

test("KeepAlive every two minutes while the user is active, none when idle; an expired session asks to log in again", async () => {
  if ((await page.locator("#pronote-panel").count()) === 0) { // run alone: log in first
    await fresh(env.pageURL);
    await logIn(page, env.fake.student);
    await settled(page);
  }
  await page.mouse.move(400, 400); // a sign of presence
  const before = await count("Navigation");
  const keepAlives = (n) => until(async () => (await count("Navigation")) - before >= n, `${n} keep-alives`);
  await env.browser.context.clock.runFor(130_000); // 2 min 10 s: one keep-alive
  await keepAlives(1);
  await env.browser.context.clock.runFor(130_000); // still active (the last input 4 min 20 s ago): one more
  await keepAlives(2);
  await env.browser.context.clock.runFor(130_000); // idle for 6 min 30 s: none
  await env.browser.context.clock.runFor(10 * 60_000);
  const calls = await count("PageCahierDeTexte");
  await openView(page, "homework"); // a call after any keep-alive in flight (calls are serialised)
  assert.ok((await count("PageCahierDeTexte")) > calls, "opening the homework made a call");
  assert.equal((await count("Navigation")) - before, 2, "no keep-alive once idle");

  // The user is back: a keep-alive 110 to 120 s after that call, which finds the session
  // forgotten by the server. (runFor stops a few seconds after the keep-alive's tick, well within
  // the request's own deadline while it is on its way.)
  await page.mouse.move(300, 300);
  await env.fake.control("fault?kind=expire");
  await env.browser.context.clock.runFor(125_000);
  await keepAlives(3);
  await page.getByText("Votre session a expiré. Reconnectez-vous.").waitFor({ timeout: 30000 });
});

test("after IP_SUSPENDED the login says how long to wait", async () => {
  await fresh(env.pageURL); // a fresh module: no cool-down yet
  await env.fake.control("fault?kind=ip");
  await logIn(page, env.fake.student);
  const alert = page.locator(".notice-error");
  await alert.waitFor();
  assert.match(await alert.innerText(), /suspendu temporairement cette adresse IP\. Réessayez dans 15 min \(vers \d+h\d\d\)\./);
  await env.fake.control("reset");
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
