// web/test/harness.mjs: what the browser tests run against, all on 127.0.0.1: the fake PRONOTE
// server (cmd/fakepronote), the relay in workerd (relay/testutil/workerd.mjs), a static server for
// index.html and dist/, and Debian's Chromium driven by playwright-core with a fresh profile.
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";
import { repoRoot, startWorkerd } from "../../relay/testutil/workerd.mjs";

/** startFake runs cmd/fakepronote (built by ui_test, path in $FAKEPRONOTE) and reads its JSON line. */
export async function startFake(args) {
  const bin = process.env.FAKEPRONOTE;
  if (!bin) throw new Error("FAKEPRONOTE is not set: run these tests through ./build.sh test");
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((ok, fail) => {
    child.once("exit", (code) => fail(new Error(`fakepronote exited (${code})`)));
    createInterface({ input: child.stdout }).once("line", ok);
  });
  const info = JSON.parse(line);
  const origin = new URL(info.url).origin;
  return {
    ...info,
    origin,
    control: (path, body) =>
      fetch(`${origin}/__control/${path}`, { method: "POST", body: body && JSON.stringify(body) }).then((r) => {
        if (!r.ok) throw new Error(`control ${path}: HTTP ${r.status}`);
      }),
    stop: () => new Promise((ok) => (child.exitCode !== null ? ok() : (child.once("exit", ok), child.kill("SIGTERM")))),
  };
}

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

/**
 * startStatic serves the repository's index.html at / and dist/ under /dist/, as a static host
 * would; a module goes out as its precompressed .br twin (written by ./build.sh build) when the
 * browser accepts brotli, with X-Uncompressed-Length, as the README asks of static hosts.
 */
export async function startStatic() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = path === "/" ? join(repoRoot, "index.html") : path.startsWith("/dist/") ? join(repoRoot, normalize(path)) : null;
    if (!file || !file.startsWith(join(repoRoot, "dist")) && path !== "/" || !(await stat(file).catch(() => null))?.isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    const headers = { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" };
    let body = file;
    const twin = file.endsWith(".wasm") && /\bbr\b/.test(req.headers["accept-encoding"] ?? "") && (await stat(`${file}.br`).catch(() => null));
    const raw = twin && (await stat(file));
    if (twin && twin.mtimeMs >= raw.mtimeMs) { // never the twin of an older build
      Object.assign(headers, { "Content-Encoding": "br", Vary: "Accept-Encoding", "X-Uncompressed-Length": String(raw.size) });
      body = `${file}.br`;
    }
    res.writeHead(200, headers);
    createReadStream(body).pipe(res);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((ok) => server.close(ok)) };
}

/** The flags that keep Chromium off the network; Playwright adds --headless and its own. */
export const chromiumFlags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** startBrowser launches Chromium with a fresh profile; every request off 127.0.0.1 is aborted. */
export async function startBrowser() {
  const profile = await mkdtemp(join(tmpdir(), "pronote-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 900 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const offsite = [];
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === "127.0.0.1") return route.continue();
    offsite.push(u.origin);
    return route.abort();
  });
  return {
    context,
    offsite,
    stop: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** startAll starts the fake school, the relay in workerd, the static server and the browser. */
export async function startAll(fakeArgs) {
  const fake = await startFake(fakeArgs);
  const relay = await startWorkerd({ upstreamHosts: [`http://${new URL(fake.url).host}`] });
  const site = await startStatic();
  const browser = await startBrowser();
  const demo = { url: fake.url, student: fake.student, parent: fake.parent };
  const pageURL = `${site.url}/?relay=${encodeURIComponent(relay.url)}&demo=${encodeURIComponent(JSON.stringify(demo))}`;
  return {
    fake, relay, site, browser, pageURL,
    stop: async () => {
      await browser.stop();
      await site.stop();
      await relay.stop();
      await fake.stop();
    },
  };
}

/** logIn fills the login form (the demo school, or the address typed in "Mon établissement") and submits it. */
export async function logIn(page, { username, password, parent = false, school } = {}) {
  await page.getByRole("heading", { name: /^(Connexion|Log in)$/ }).waitFor();
  if (school !== undefined) {
    await page.getByText("Mon établissement", { exact: true }).click();
    await page.getByLabel("Adresse PRONOTE de l'établissement").fill(school);
  } else if (await page.getByLabel("Démonstration", { exact: true }).count()) {
    await page.getByText("Démonstration", { exact: true }).click();
  }
  await page.getByText(parent ? "Parent" : "Élève", { exact: true }).click();
  await page.getByLabel("Identifiant", { exact: true }).fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** viewIDs lists the views of the logged-in screen, in the order of the tab bar (its [role=tab] buttons). */
export async function viewIDs(page) {
  return page.locator("[role=tab]").evaluateAll((tabs) => tabs.map((t) => t.dataset.tab));
}

/**
 * openView opens view id the way a user would at the current width: its tab, or on a phone the
 * "Menu" button and the view's item; then waits for its heading and for its loading to end.
 */
export async function openView(page, id) {
  const tab = page.locator(`[role=tab][data-tab="${id}"]`);
  if (await tab.isVisible()) {
    await tab.click();
  } else {
    await page.getByRole("button", { name: /^(Menu)/ }).click();
    await page.locator(`.views-menu-item[data-view="${id}"]`).click();
  }
  await settled(page);
}

/** settled waits until the open view shows its heading and no loading box. */
export async function settled(page) {
  await page.waitForFunction(() => {
    const panel = document.querySelector("#pronote-panel");
    return panel?.querySelector("h1") && !panel.querySelector(".loading");
  }, null, { timeout: 30000 });
}

const axeSource = readFile(join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");

/**
 * axeScan runs axe-core (pinned in package.json) on the page and returns its serious and
 * critical violations as "rule: selector" lines (empty when there is none). It is evaluated
 * through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeScan(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(await axeSource);
  }
  const violations = await page.evaluate(async () => {
    // Colours still in transition (after a change of colour scheme) are not the page's own.
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => {})));
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.targets.slice(0, 5).join(", ")}`);
}

/** horizontalOverflow returns by how many pixels the page is wider than the viewport (0: no horizontal scroll). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/** watchProblems collects a page's console errors and uncaught exceptions into problems. */
/**
 * startDemoPage starts everything (startAll) for the 2026 profile, encrypted and compressed, on
 * the given day: the browser's clock fixed at 10:00 that day, one page watched for console
 * errors (into problems) and opened on the demo. It resolves with { env, page }.
 */
export async function startDemoPage(today, problems) {
  const env = await startAll(["-profile", "2026", "-encrypt", "-compress", "-now", today]);
  await env.browser.context.clock.setFixedTime(new Date(`${today}T10:00:00+01:00`));
  const page = watchProblems(await env.browser.context.newPage(), problems);
  await page.goto(env.pageURL);
  return { env, page };
}

export function watchProblems(page, problems, ignore = () => false) {
  page.on("console", (m) => m.type() === "error" && !ignore(m.text()) && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return page;
}
