// relay/bench.mjs: the relay's added latency in workerd, next to direct requests to the same
// local upstream. A report, no assertion. Run by relay_bench (relay/build.bash).
import { startWorkerd } from "./testutil/workerd.mjs";
import { startUpstream } from "./testutil/upstream.mjs";

const N = Number(process.env.RELAY_BENCH_N ?? 300);
const WARMUP = 20;

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function measure(url, init) {
  const times = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const t0 = performance.now();
    const res = await fetch(url, typeof init === "function" ? init() : init);
    await res.arrayBuffer();
    if (!res.ok && res.status !== 403) throw new Error(`${url}: ${res.status}`);
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const up = await startUpstream();
const relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`] });
try {
  const payload = JSON.stringify({ session: 1, no: "x", id: "PageEmploiDuTemps", dataSec: { data: { x: "y".repeat(2000) } } });
  const post = () => ({ method: "POST", body: payload, headers: { "Content-Type": "application/json" } });
  const rows = [];
  for (const [name, path, init] of [
    ["GET page", "/pronote/eleve.html?fd=1", {}],
    ["POST 2 KB", "/pronote/appelfonction/3/1/x", post],
  ]) {
    const direct = await measure(`${up.url}${path}`, init);
    const relayed = await measure(`${relay.url}/${up.host}${path}`, init);
    const added = (q) => quantile(relayed, q) - quantile(direct, q);
    rows.push({ name, direct, relayed, added });
  }
  const preflight = await measure(`${relay.url}/${up.host}/pronote/x`, { method: "OPTIONS", headers: { Origin: "https://a.example" } });
  const refusal = await measure(`${relay.url}/evil.example/pronote/x`, {});
  const f = (x) => x.toFixed(2).padStart(7);
  console.log(`relay latency in workerd, ${N} sequential requests each (ms; one Go runtime per request):`);
  console.log("request      direct p50  p95 | relayed p50  p95 | added p50  p95");
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(12)} ${f(quantile(r.direct, 0.5))} ${f(quantile(r.direct, 0.95))} |` +
        ` ${f(quantile(r.relayed, 0.5))} ${f(quantile(r.relayed, 0.95))} | ${f(r.added(0.5))} ${f(r.added(0.95))}`,
    );
  }
  console.log(`preflight (worker.js only, no Go): p50 ${f(quantile(preflight, 0.5))}  p95 ${f(quantile(preflight, 0.95))}`);
  console.log(`refusal (Go runtime, no upstream): p50 ${f(quantile(refusal, 0.5))}  p95 ${f(quantile(refusal, 0.95))}`);
  console.log("(added = relayed quantile minus direct quantile)");
} finally {
  await relay.stop();
  await up.stop();
}
