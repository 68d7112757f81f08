// relay/bench.mjs: the relay's cost in workerd, beside a minimal JavaScript pass-through Worker
// run by the same workerd build in the same run, and beside direct requests to the same local
// upstream. A report, no assertion. Run by relay_bench (relay/build.bash).
//
// CPU is the workerd process's own (the sum of /proc/PID/task/*/schedstat, in ns) over a batch
// of N sequential requests of one kind, divided by N; the three targets take turns request by
// request. Latency is per request, wall clock, from this Node client.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { startWorkerd } from "./testutil/workerd.mjs";
import { startUpstream } from "./testutil/upstream.mjs";

const N = Number(process.env.RELAY_BENCH_N ?? 200);
// Enough warm-up for V8 to tier the Go module up (TurboFan compiles its hot functions in the
// background, on the process's CPU): the figures are the steady state. The first request, which
// starts the Go instance, is reported on its own.
const WARMUP = Number(process.env.RELAY_BENCH_WARMUP ?? 100);

function cpuNs(pid) {
  let total = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    total += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]);
  }
  return total;
}

function rssMiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(m[1]) / 1024;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function once(url, init) {
  const t0 = performance.now();
  const res = await fetch(url, typeof init === "function" ? init() : init);
  await res.arrayBuffer();
  if (res.status >= 500) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

// batch runs N requests on each target in turn and returns, per target, the sorted latencies
// and the CPU per request of its process (pid), if it has one.
async function batch(targets) {
  for (let i = 0; i < WARMUP; i++) for (const t of targets) await once(t.url, t.init);
  const cpu0 = targets.map((t) => (t.pid ? cpuNs(t.pid) : 0));
  const times = targets.map(() => []);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < targets.length; k++) {
      const j = (i + k) % targets.length; // rotate who goes first
      times[j].push(await once(targets[j].url, targets[j].init));
    }
  }
  return targets.map((t, j) => ({
    times: times[j].sort((a, b) => a - b),
    cpuMs: t.pid ? (cpuNs(t.pid) - cpu0[j]) / N / 1e6 : NaN,
  }));
}

async function concurrentMemory(w, base, host) {
  const before = rssMiB(w.pid);
  const reqs = [];
  for (let i = 0; i < 100; i++) {
    reqs.push(i % 2 ? once(`${base}/${host}/pronote/eleve.html?fd=1`, {}) : once(`${base}/${host}/pronote/big?bytes=200000`, {}));
  }
  await Promise.all(reqs);
  return { before, after: rssMiB(w.pid) };
}

const up = await startUpstream();
const relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`] });
const pass = await startWorkerd({ passThrough: true });
try {
  const c0 = cpuNs(relay.pid);
  const firstMs = await once(`${relay.url}/${up.host}/pronote/eleve.html?fd=1`, {});
  const firstCpu = (cpuNs(relay.pid) - c0) / 1e6;
  const payload = JSON.stringify({ session: 1, no: "x", id: "PageEmploiDuTemps", dataSec: "ab".repeat(1000) });
  const post = () => ({ method: "POST", body: payload, headers: { "Content-Type": "application/json" } });
  const rows = [];
  for (const [name, path, init] of [
    ["GET page", "/pronote/eleve.html?fd=1", {}],
    ["POST 2 KB", "/pronote/appelfonction/3/1/x", post],
  ]) {
    const [direct, relayed, passed] = await batch([
      { url: `${up.url}${path}`, init },
      { url: `${relay.url}/${up.host}${path}`, init, pid: relay.pid },
      { url: `${pass.url}/${up.host}${path}`, init, pid: pass.pid },
    ]);
    rows.push({ name, direct, relayed, passed });
  }
  const [refusal] = await batch([{ url: `${relay.url}/evil.example/pronote/x`, init: {}, pid: relay.pid }]);
  const [preflight] = await batch([
    { url: `${relay.url}/${up.host}/pronote/x`, init: { method: "OPTIONS", headers: { Origin: "https://a.example" } }, pid: relay.pid },
  ]);
  const memRelay = await concurrentMemory(relay, relay.url, up.host);
  const memPass = await concurrentMemory(pass, pass.url, up.host);
  const chunked0 = rssMiB(relay.pid);
  const chunkedStatus = (await fetch(`${relay.url}/${up.host}/pronote/chunked?bytes=${48 << 20}`)).status;
  const chunked1 = rssMiB(relay.pid);

  const f = (x, w = 6) => x.toFixed(2).padStart(w);
  console.log(`relay in workerd, ${N} sequential requests per kind and target, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${new Date().toISOString().slice(0, 10)}`);
  console.log(`first request (starts the Go instance): ${f(firstCpu)} ms CPU, ${f(firstMs)} ms`);
  console.log("CPU per request (ms, workerd process):");
  console.log("request      relay  pass-through  ratio");
  for (const r of rows) {
    console.log(`${r.name.padEnd(12)} ${f(r.relayed.cpuMs)}  ${f(r.passed.cpuMs, 12)}  ${f(r.relayed.cpuMs / r.passed.cpuMs, 5)}x`);
  }
  console.log(`${"refusal".padEnd(12)} ${f(refusal.cpuMs)}   (Go, no upstream)`);
  console.log(`${"preflight".padEnd(12)} ${f(preflight.cpuMs)}   (worker.js only)`);
  console.log("latency (ms):  direct p50  p95 | relay p50  p95 | pass p50  p95 | relay added p50  p95");
  for (const r of rows) {
    const q = (s, x) => quantile(s.times, x);
    console.log(
      `${r.name.padEnd(12)} ${f(q(r.direct, 0.5))} ${f(q(r.direct, 0.95))} | ${f(q(r.relayed, 0.5))} ${f(q(r.relayed, 0.95))} |` +
        ` ${f(q(r.passed, 0.5))} ${f(q(r.passed, 0.95))} | ${f(q(r.relayed, 0.5) - q(r.direct, 0.5))} ${f(q(r.relayed, 0.95) - q(r.direct, 0.95))}`,
    );
  }
  console.log(`refusal p50 ${f(quantile(refusal.times, 0.5))}, preflight p50 ${f(quantile(preflight.times, 0.5))}`);
  console.log(`memory (RSS MiB) around 100 concurrent requests (50 pages, 50 bodies of 200 kB):` +
    ` relay ${f(memRelay.before, 0)} -> ${f(memRelay.after, 0)}, pass-through ${f(memPass.before, 0)} -> ${f(memPass.after, 0)}`);
  console.log(`a 48 MiB chunked upstream body: relay answered ${chunkedStatus}, RSS ${f(chunked0, 0)} -> ${f(chunked1, 0)} MiB`);
  console.log("(added = relay quantile minus direct quantile; ratio = relay CPU / pass-through CPU)");
} finally {
  await relay.stop();
  await pass.stop();
  await up.stop();
}
