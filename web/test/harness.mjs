// web/test/harness.mjs: what the browser tests run against, all on 127.0.0.1: the fake PRONOTE
// server (cmd/fakepronote), the relay in workerd (relay/testutil/workerd.mjs), a static server for
// index.html and dist/, and Debian's Chromium driven by playwright-core with a fresh profile.
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
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

/** startStatic serves the repository's index.html at / and dist/ under /dist/, as a static host would. */
export async function startStatic() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = path === "/" ? join(repoRoot, "index.html") : path.startsWith("/dist/") ? join(repoRoot, normalize(path)) : null;
    if (!file || !file.startsWith(join(repoRoot, "dist")) && path !== "/" || !(await stat(file).catch(() => null))?.isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    createReadStream(file).pipe(res);
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
