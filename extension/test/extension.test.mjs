// extension/test/extension.test.mjs: the browser extension (dist/extension/) loaded unpacked
// into Debian's Chromium (headless, playwright-core), against the fake PRONOTE server with its
// fake ENT, all on 127.0.0.1. The steps run in order and share one browser: install, options,
// login, popup openings, a stopped service worker, logout, the ENT login, a notification.
//
// One thing is not the user's path: no one can click Chromium's permission prompt in headless
// mode (chrome.permissions.request stays pending), so the test's copy of the extension lists
// http://127.0.0.1/* in host_permissions (granted at install) and the options page's request
// then resolves at once. The shipped manifest asks for no host at install (checked below).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startFake } from "../../web/test/harness.mjs";

const today = new Date().toISOString().slice(0, 10);
const dist = join(repoRoot, "dist/extension");
let fake, context, profile, extDir, id, sw;

/** control posts to the fake server's control endpoints. */
const control = (path, body) => fake.control(path, body);
const requests = async () => (await fetch(`${fake.origin}/__control/requests`)).json();
/** logins counts the space pages the server served: one per login (password, token, ENT). */
const logins = async () => (await requests()).filter((r) => r.method === "GET" && /\/pronote\/[a-z.]*\.html/.test(r.path)).length;

/** until waits for cond() to hold (no timing: it polls until the test's own timeout). */
async function until(cond, what) {
  if (what && process.env.PREAU_DEBUG) console.error("waiting for", what);
  for (;;) {
    const v = await cond().catch(() => false);
    if (v) return v;
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** worker returns the extension's live service worker, waking it through an extension page. */
async function worker() {
  const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`));
  if (live) return live;
  const wake = context.waitForEvent("serviceworker");
  const p = await context.newPage();
  await p.goto(`chrome-extension://${id}/options.html`);
  await p.evaluate(() => chrome.runtime.connect({ name: "preau" })); // a Port wakes the worker
  const w = await wake;
  await p.close();
  return w;
}

/** dump is everything the extension keeps: both storage areas and the browser's cookies. */
async function dump() {
  const w = await worker();
  const stores = await w.evaluate(async () => JSON.stringify({
    local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null),
    cookies: await chrome.cookies.getAll({}),
  }));
  return { ...JSON.parse(stores), browserCookies: await context.cookies() };
}

/** openPopup opens the popup as a page and records the requests it makes itself. */
async function openPopup() {
  const page = await context.newPage();
  const own = [];
  page.on("request", (r) => own.push(r.url()));
  page.on("pageerror", (e) => assert.fail("popup error: " + e.message));
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(`chrome-extension://${id}/popup.html`);
  return { page, own };
}

/** showsWeek waits for the timetable of the week with its lessons. */
async function showsWeek(page) {
  await page.locator(".topbar").waitFor();
  await page.getByText("Mathématiques").filter({ visible: true }).first().waitFor();
  assert.match(await page.locator(".topbar").innerText(), /Léa/);
}

before(async () => {
  fake = await startFake(["-profile", "2026", "-encrypt", "-compress", "-now", today, "-ent"]);
  extDir = await mkdtemp(join(tmpdir(), "preau-ext-"));
  await cp(dist, extDir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(extDir, "manifest.json"), "utf8"));
  manifest.host_permissions = ["http://127.0.0.1/*"]; // see the top of this file
  await writeFile(join(extDir, "manifest.json"), JSON.stringify(manifest));
  profile = await mkdtemp(join(tmpdir(), "preau-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true, // Chromium 132+: --headless is the new headless mode, which loads extensions
    ignoreDefaultArgs: ["--disable-extensions"],
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
      // Off the network: every name but 127.0.0.1 fails to resolve (context.route would also
      // intercept the extension's own chrome-extension:// pages).
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  sw = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  id = new URL(sw.url()).host;
});

after(async () => {
  await context?.close();
  await fake?.stop();
  await rm(profile, { recursive: true, force: true });
  await rm(extDir, { recursive: true, force: true });
});

test("the shipped manifest asks for no site at install, and only the school's origin at run time", { timeout: 60_000 }, async () => {
  const m = JSON.parse(await readFile(join(dist, "manifest.json"), "utf8"));
  assert.equal(m.manifest_version, 3);
  assert.equal(m.host_permissions, undefined, "no host permission at install");
  assert.deepEqual(m.permissions.sort(), ["alarms", "cookies", "notifications", "scripting", "storage"]);
  assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  assert.doesNotMatch(m.content_security_policy.extension_pages, /'unsafe-eval'/);
  assert.match(m.name, /^Préau/);
  assert.match(m.description, /non affilié à Index Education/i);
  const granted = await sw.evaluate(() => chrome.permissions.getAll());
  assert.deepEqual(granted.origins, ["http://127.0.0.1/*"]);
});

test("options: the school's address is checked, kept, and its origin granted", { timeout: 60_000 }, async () => {
  const page = await context.newPage();
  page.on("pageerror", (e) => assert.fail("options error: " + e.message));
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.fill("#school", "javascript:alert(1)");
  await page.click("#school-form button[type=submit]");
  await until(async () => /pas une adresse web valide/.test(await page.textContent("#school-status")));
  await page.fill("#school", fake.url + "eleve.html");
  await page.click("#school-form button[type=submit]");
  await until(async () => /Enregistré/.test(await page.textContent("#school-status")));
  const kept = await page.evaluate(() => chrome.storage.local.get("preau.school"));
  assert.equal(kept["preau.school"], fake.url, "the root, without the space page");
  await page.close();
});

let popup;

test("login in the popup: the service worker logs in and the popup shows the week", { timeout: 60_000 }, async () => {
  const before = await logins();
  popup = await openPopup();
  const { page } = popup;
  await page.locator("#pronote-username").waitFor();
  assert.equal(await page.locator("#ent").isVisible(), true, "the ENT login is offered");
  await page.fill("#pronote-username", fake.student.username);
  await page.fill("#pronote-password", fake.student.password);
  await page.click(".login-form button[type=submit]");
  await showsWeek(page);
  assert.equal(await page.locator("#ent").isVisible(), false);
  assert.equal(await logins(), before + 1, "one login");
  const fromPopup = popup.own.filter((u) => u.startsWith(fake.origin));
  assert.deepEqual(fromPopup, [], "the popup itself never calls PRONOTE: the service worker does");
  const { session } = await dump();
  assert.ok(session["preau.state"]?.state, "the exported state is in chrome.storage.session");
  await page.screenshot({ path: join(repoRoot, "out/screenshots/extension-popup.png") });
});

test("closing and reopening the popup keeps the session (no second login)", { timeout: 60_000 }, async () => {
  const before = await logins();
  const posts = (await requests()).length;
  await popup.page.close();
  popup = await openPopup();
  await showsWeek(popup.page);
  assert.equal(await logins(), before, "no new login");
  assert.ok((await requests()).length > posts, "the week was asked again, through the same session");
});

test("a stopped service worker resumes from chrome.storage.session", { timeout: 60_000 }, async () => {
  const before = await logins();
  await popup.page.close();
  await (await worker()).evaluate(() => { globalThis.preauTestMarker = true; });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`); // a CDP session in the extension's partition
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise((ok) => cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
    if (versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${id}/`) && v.runningStatus === "stopped")) ok();
  }));
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await stopped;
  await page.close();
  popup = await openPopup();
  await showsWeek(popup.page);
  const marker = await (await worker()).evaluate(() => globalThis.preauTestMarker ?? false);
  assert.equal(marker, false, "a new instance of the worker answered (the old one's globals are gone)");
  assert.equal(await logins(), before, "resumed without a login");
});

test("logout clears the session from the device", { timeout: 60_000 }, async () => {
  await popup.page.click('[data-key="logout"]');
  await popup.page.locator("#pronote-username").waitFor();
  await until(async () => !(await dump()).session["preau.state"]);
  const { local, session } = await dump();
  assert.deepEqual(Object.keys(session), []);
  assert.deepEqual(Object.keys(local).sort(), ["preau.device", "preau.school"]);
  await popup.page.close();
});

test("ENT login: the handshake in a tab ends in a token login; no password is kept anywhere", { timeout: 60_000 }, async () => {
  const before = await logins();
  popup = await openPopup();
  const { page } = popup;
  await page.locator("#ent-login").waitFor();
  await page.check("#ent-remember");
  const tab = context.waitForEvent("page");
  await page.click("#ent-login");
  const ent = await tab;
  await ent.locator('input[name="username"]').waitFor(); // the fake ENT's own login page
  assert.match(ent.url(), /\/cas\/login/);
  await ent.fill('input[name="username"]', fake.student.username);
  await ent.fill('input[name="password"]', fake.student.password);
  await ent.click('button[type="submit"]');
  await until(async () => ent.isClosed(), "the extension closes the ENT tab");
  const kept = await until(async () => (await dump()).local["preau.remember"]);
  assert.equal(kept.username, fake.student.username);
  assert.ok(kept.token && kept.token !== fake.student.password, "a token, not the password");
  // The tab's mobile page twice (sent to the ENT, then back with loginState), then the token login.
  assert.equal(await logins(), before + 3, "the tab's pages, then one token login");
  await page.close();
  popup = await openPopup();
  await showsWeek(popup.page);
  const everything = JSON.stringify(await dump());
  assert.equal(everything.includes(fake.student.password), false, "the password is in no storage and no cookie");
  assert.equal(everything.includes("validationAppliMobile"), false, "the handshake's cookies are gone");
});

test("an alarm finds a new grade: badge and notification; logout clears them", { timeout: 60_000 }, async () => {
  const w = await worker();
  await until(async () => (await dump()).local["preau.seen"]?.grades, "the login's baseline");
  // No quiet hours and no holiday pause: the test runs whatever the time and date.
  const opts = await context.newPage();
  await opts.goto(`chrome-extension://${id}/options.html`);
  await opts.fill("#quiet-from", "0");
  await opts.fill("#quiet-to", "0");
  await opts.uncheck("#holidays");
  await opts.click("#notify-form button[type=submit]");
  await until(async () => /enregistrés/.test(await opts.textContent("#notify-status")));
  await opts.close();
  await until(async () => (await w.evaluate(() => chrome.alarms.get("preau.check")))?.periodInMinutes === 30, "the settings' alarm");
  // Dated in the period the grades call gets by default (the session's default period).
  const { state } = (await dump()).session["preau.state"];
  const period = (state.gradePeriods ?? state.periods).find((p) => p.id === state.defaultPeriod) ?? state.periods[0];
  await control("grade", { date: period.start, value: "18,5", outOf: 20, comment: "Exposé" });
  await popup.page.close();
  await w.evaluate(() => chrome.alarms.create("preau.check", { when: Date.now() + 200 }));
  const badge = await until(async () => (await w.evaluate(() => chrome.action.getBadgeText({}))) || false, "the badge");
  assert.equal(badge, "1");
  const notes = await w.evaluate(() => chrome.notifications.getAll());
  const ids = Object.keys(notes).filter((k) => k.startsWith("preau:grades:"));
  assert.equal(ids.length, 1, "one notification, for the new grade");
  assert.match(ids[0], /18\.5/);
  const seen = (await dump()).local["preau.seen"].grades;
  assert.ok(seen.some((k) => k.includes("18.5")), "the grade is kept as seen");

  popup = await openPopup();
  await showsWeek(popup.page);
  await until(async () => (await w.evaluate(() => chrome.action.getBadgeText({}))) === "", "opening the popup clears the badge");
  await popup.page.click('[data-key="logout"]');
  await popup.page.locator("#pronote-username").waitFor();
  await until(async () => !(await dump()).local["preau.remember"]);
  const { local, session } = await dump();
  assert.deepEqual(Object.keys(session), []);
  assert.deepEqual(Object.keys(local).sort(), ["preau.device", "preau.school", "preau.settings"]);
  assert.deepEqual(await w.evaluate(() => chrome.notifications.getAll()), {});
  assert.equal(await w.evaluate(() => chrome.alarms.get("preau.check")), undefined, "no more checks");
});
