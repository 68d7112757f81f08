// relay/testutil/workerd.mjs: run the relay Worker in the real Workers runtime (workerd) on an
// ephemeral 127.0.0.1 port, for tests and benchmarks. The Worker may only reach loopback
// addresses. Needs dist/relay/ (relay_build in relay/build.bash).
//
//   const relay = await startWorkerd({ upstreamHosts: ["http://127.0.0.1:1234"] });
//   await fetch(`${relay.url}/127.0.0.1:1234/pronote/eleve.html?fd=1`);
//   await relay.stop();
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const capnpText = (s) => JSON.stringify(String(s));

async function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function compatibilityDate() {
  const toml = await readFile(join(repoRoot, "wrangler.toml"), "utf8");
  const m = toml.match(/^compatibility_date\s*=\s*"([0-9-]+)"/m);
  if (!m) throw new Error("wrangler.toml has no compatibility_date");
  return m[1];
}

function config({ port, date, vars, passThrough, rateLimit }) {
  const list = Object.entries(vars)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `(name = ${capnpText(k)}, text = ${capnpText(v)})`);
  if (rateLimit !== undefined) {
    list.push(`(name = "LOGIN_RATE_LIMITER", wrapped = (moduleName = "relaytest:ratelimit", innerBindings = [(name = "limit", json = ${capnpText(JSON.stringify(rateLimit))})]))`);
  }
  const bindings = list.join(",\n    ");
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "relay", worker = .relayWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "relay")],
  extensions = [(modules = [(name = "relaytest:ratelimit", esModule = embed "ratelimit.js", internal = true)])],
);
const relayWorker :Workerd.Worker = (
  modules = [
${passThrough ? `    (name = "worker.js", esModule = embed "passthrough.js"),` : `    (name = "worker.js", esModule = embed "worker.js"),
    (name = "dist/relay/wasm_exec.js", esModule = embed "dist/relay/wasm_exec.js"),
    (name = "dist/relay/relay.wasm", wasm = embed "dist/relay/relay.wasm"),`}
  ],
  compatibilityDate = ${capnpText(date)},
  bindings = [
    ${bindings}
  ],
  globalOutbound = "loopback",
);
`;
}

async function waitReady(url, child, output, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(url, { method: "OPTIONS" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`workerd did not start:\n${output()}`);
}

// passThroughWorker is the smallest JavaScript relay, the bench's yardstick: it fetches
// {host}/{path}?{query} over http and returns the upstream status and streamed body.
const passThroughWorker = `export default {
  async fetch(request) {
    const u = new URL(request.url);
    const res = await fetch("http:/" + u.pathname + u.search, { method: request.method, body: request.body, redirect: "manual" });
    return new Response(res.body, { status: res.status, headers: { "Content-Type": res.headers.get("Content-Type") ?? "text/plain" } });
  },
};
`;

// fakeRateLimit stands in for Cloudflare's rate-limiting binding, which workerd does not have:
// limit({key}) resolves to {success}, true for the first \`limit\` calls per key.
const fakeRateLimit = `export default function ({ limit }) {
  const counts = new Map();
  return {
    async limit({ key }) {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return { success: n <= limit };
    },
  };
}
`;

/**
 * startWorkerd starts workerd with the relay Worker (or, with passThrough, the minimal
 * JavaScript pass-through Worker the bench compares it with).
 * @param {object} [options]
 * @param {string[]} [options.upstreamHosts] PRONOTE_HOSTS entries, e.g. "http://127.0.0.1:8080"
 * @param {string} [options.origins] ALLOWED_ORIGINS (default "*")
 * @param {string} [options.pathPrefixes] PATH_PREFIXES (default "/pronote/")
 * @param {Record<string,string>} [options.vars] further Worker variables (MAX_REQUEST_BYTES, …)
 * @param {string} [options.dist] the built dist/relay directory (dist/relay-hooks: the test build)
 * @param {boolean} [options.passThrough] run the minimal pass-through Worker instead
 * @param {number} [options.rateLimit] bind LOGIN_RATE_LIMITER: a stand-in for Cloudflare's
 *   rate-limiting binding that allows this many calls per key
 * @returns {Promise<{url: string, pid: number, stop: () => Promise<void>, output: () => string}>}
 */
export async function startWorkerd({ upstreamHosts = [], origins = "*", pathPrefixes = "/pronote/", vars = {}, dist, passThrough = false, rateLimit } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "relay-workerd-"));
  const from = dist ?? join(repoRoot, "dist/relay");
  await mkdir(join(dir, "dist/relay"), { recursive: true });
  await writeFile(join(dir, "ratelimit.js"), fakeRateLimit);
  if (passThrough) {
    await writeFile(join(dir, "passthrough.js"), passThroughWorker);
  } else {
    await copyFile(join(repoRoot, "worker.js"), join(dir, "worker.js"));
    for (const f of ["wasm_exec.js", "relay.wasm"]) await copyFile(join(from, f), join(dir, "dist/relay", f));
  }
  const all = { PRONOTE_HOSTS: upstreamHosts.join(" ") || undefined, PATH_PREFIXES: pathPrefixes, ALLOWED_ORIGINS: origins, ...vars };
  let port, child, out = "";
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    await writeFile(join(dir, "config.capnp"), config({ port, date: await compatibilityDate(), vars: all, passThrough, rateLimit }));
    child = spawn(join(repoRoot, "node_modules/.bin/workerd"), ["serve", join(dir, "config.capnp")], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    try {
      await waitReady(`http://127.0.0.1:${port}/`, child, () => out, Date.now() + 15000);
      break;
    } catch (e) {
      child.kill("SIGKILL");
      if (attempt >= 2) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
    }
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop, output: () => out };
}
