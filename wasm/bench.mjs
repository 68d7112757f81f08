// wasm/bench.mjs: this module and pawnote (an independent JavaScript client, installed as a test
// tool) side by side in one Node process, against one fake PRONOTE server on 127.0.0.1
// (profile 2025, encrypted and compressed), runs interleaved, medians after a warm-up. Also
// load() split into its phases, memory after 1, 20 and
// 100 logins, and the module's sizes. A report, no assertion: run by ./build.sh bench (which
// also runs the native Go client's benchmarks, protocol/bench_test.go).
//
// Environment: BENCH_RUNS (default 40), BENCH_WARMUP (default 50: V8 keeps optimising the
// module's hot functions on its worker threads for the first hundred journeys or so), PRONOTE_DIST (default dist/: the loader and module to
// measure, e.g. a copy of an earlier build for an A/B comparison), PRONOTE_WASM_LIB (default
// $PRONOTE_DIST/pronote-api.wasm), BENCH_ONLY=warm (skip the fresh-process, memory and size
// parts), FAKEPRONOTE.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as pawnote from "pawnote";
import { repoRoot, startFake } from "./test/helpers.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const range = { from: "2026-11-23", to: "2026-11-29" };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const fake = await startFake("2025", { encrypt: true, compress: true });
const { username, password } = fake.accounts.student;

// --- the two clients, each step timed ---------------------------------------------------------

const dist = process.env.PRONOTE_DIST ?? join(repoRoot, "dist");
const wasmPath = process.env.PRONOTE_WASM_LIB ?? join(dist, "pronote-api.wasm");
const loadStart = performance.now();
const pronote = await (await import(join(dist, "pronote.js"))).load({ wasm: readFileSync(wasmPath) });
const firstLoad = performance.now() - loadStart;

const ours = {
  login: () => pronote.login({ url: fake.student, username, password, deviceUUID: "bench" }),
  timetable: (s) => s.timetable(range),
  grades: (s) => s.grades({ period: s.periods[0].id }),
  homework: (s) => s.homework(range),
  close: (s) => s.close(),
};

const localDay = (t) => {
  const [y, m, d] = t.split("-").map(Number);
  return new Date(y, m - 1, d);
};
const theirs = {
  login: async () => {
    const h = pawnote.createSessionHandle();
    await pawnote.loginCredentials(h, { url: fake.root, kind: pawnote.AccountKind.STUDENT, username, password, deviceUUID: "bench" });
    return h;
  },
  timetable: (h) => pawnote.timetableFromIntervals(h, localDay(range.from), localDay(range.to)),
  grades: (h) => {
    const tab = h.userResource.tabs.get(pawnote.TabLocation.Grades);
    return pawnote.gradesOverview(h, (tab?.periods.length ? tab.periods : h.instance.periods)[0]);
  },
  homework: (h) => pawnote.assignmentsFromIntervals(h, localDay(range.from), localDay(range.to)),
  close: async () => {},
};

async function timed(f) {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

// journey: login → timetable → grades → homework → close, each step timed, and the CPU.
async function journey(c) {
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const [login, s] = await timed(c.login);
  const [timetable] = await timed(() => c.timetable(s));
  const [grades] = await timed(() => c.grades(s));
  const [homework] = await timed(() => c.homework(s));
  await c.close(s);
  return { login, timetable, grades, homework, journey: performance.now() - t0, cpu: cpuMs() - cpu0 };
}

// Which client goes first alternates from round to round: the first of a round ran about 5 %
// slower (in wasm/ab.mjs, the same build listed first and then second), whatever it was.
const samples = { ours: [], theirs: [] };
for (let i = 0; i < WARMUP + RUNS; i++) {
  const order = [["ours", ours], ["theirs", theirs]];
  if (i % 2) order.reverse();
  for (const [name, c] of order) {
    const r = await journey(c);
    if (i >= WARMUP) samples[name].push(r);
  }
}

async function concurrent(c, n) {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => journey(c)));
  return performance.now() - t0;
}
const conc = { ours: [], theirs: [] };
for (let i = 0; i < 8; i++) {
  if (i % 2) conc.theirs.push(await concurrent(theirs, 20));
  conc.ours.push(await concurrent(ours, 20));
  if (i % 2 === 0) conc.theirs.push(await concurrent(theirs, 20));
}

// --- report -------------------------------------------------------------------------------------

const row = (label, a, b) => {
  const ratio = b > 0 ? (a / b).toFixed(2) : "—";
  console.log(`${label.padEnd(40)} ${ms(a).padStart(10)} ${b === undefined ? "".padStart(10) : ms(b).padStart(10)}  ${b === undefined ? "" : ratio}`);
};
const med = (side, key) => median(samples[side].map((r) => r[key]));
console.log(`\nthis module and pawnote ${pawnoteVersion()}, Node ${process.version}, one fake server (2025, encrypted + compressed),`);
console.log(`${RUNS} interleaved runs after ${WARMUP} warm-up ones, medians:\n`);
console.log(`${"".padEnd(40)} ${"module".padStart(10)} ${"pawnote".padStart(10)}  ratio`);
row("login, warm", med("ours", "login"), med("theirs", "login"));
for (const k of ["timetable", "grades", "homework"]) row(`${k}`, med("ours", k), med("theirs", k));
row("journey (login → 3 calls → close)", med("ours", "journey"), med("theirs", "journey"));
row("CPU per journey", med("ours", "cpu"), med("theirs", "cpu"));
// The first quartile moves less when other processes share the machine.
const q1 = (side) => [...samples[side].map((r) => r.cpu)].sort((a, b) => a - b)[Math.floor(RUNS / 4)];
row("  its first quartile", q1("ours"), q1("theirs"));
row("20 concurrent journeys", median(conc.ours), median(conc.theirs));

if (process.env.BENCH_ONLY === "warm") {
  await fake.stop();
  process.exit(0);
}

// --- a fresh process to a first session --------------------------------------------------------

const fresh = (which) => {
  const script = which === "ours"
    ? `const t0=performance.now();const {load}=await import(${JSON.stringify(join(dist, "pronote.js"))});` +
      `const fs=await import("node:fs");const p=await load({wasm:fs.readFileSync(${JSON.stringify(wasmPath)})});` +
      `await p.login({url:${JSON.stringify(fake.student)},username:${JSON.stringify(username)},password:process.env.PW,deviceUUID:"bench"});` +
      `console.log(performance.now()-t0);process.exit(0)`
    : `const t0=performance.now();const p=await import("pawnote");const h=p.createSessionHandle();` +
      `await p.loginCredentials(h,{url:${JSON.stringify(fake.root)},kind:p.AccountKind.STUDENT,username:${JSON.stringify(username)},password:process.env.PW,deviceUUID:"bench"});` +
      `console.log(performance.now()-t0);process.exit(0)`;
  const t0 = performance.now();
  const inner = Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, env: { ...process.env, PW: password } }).toString().trim());
  return [performance.now() - t0, inner];
};
const freshRuns = { ours: [], theirs: [] };
for (let i = 0; i < 7; i++) {
  if (i % 2) freshRuns.theirs.push(fresh("theirs"));
  freshRuns.ours.push(fresh("ours"));
  if (i % 2 === 0) freshRuns.theirs.push(fresh("theirs"));
}
row("fresh process to a first session", median(freshRuns.ours.map((r) => r[0])), median(freshRuns.theirs.map((r) => r[0])));
row("  of which inside the process", median(freshRuns.ours.map((r) => r[1])), median(freshRuns.theirs.map((r) => r[1])));

// --- load() phases, each in a fresh process -----------------------------------------------------

const phaseScript = `
  const t = [performance.now()];
  await import(${JSON.stringify(join(dist, "wasm_exec.js"))});
  const fs = await import("node:fs");
  const b = fs.readFileSync(${JSON.stringify(wasmPath)}); t.push(performance.now());
  const mod = await WebAssembly.compile(b); t.push(performance.now());
  const go = new globalThis.Go();
  const inst = await WebAssembly.instantiate(mod, go.importObject); t.push(performance.now());
  const ns = {}; globalThis.__pronoteNamespace = ns; go.run(inst); t.push(performance.now());
  if (typeof ns.login !== "function") throw new Error("no namespace");
  console.log(JSON.stringify(t.slice(1).map((x, i) => x - t[i])));
  process.exit(0);`;
const phases = [[], [], [], []];
for (let i = 0; i < 7; i++) {
  const got = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", phaseScript], { cwd: repoRoot }).toString());
  got.forEach((v, k) => phases[k].push(v));
}
const [read, compile, inst, start] = phases.map(median);
console.log(`\nload() in a fresh process (medians of 7): read ${ms(read)}, compile ${ms(compile)}, instantiate ${ms(inst)}, Go start ${ms(start)}; total ${ms(read + compile + inst + start)}`);
console.log(`  (the first load() of this process, with its module cache warm: ${ms(firstLoad)})`);

// --- memory after 1, 20, 100 logins -------------------------------------------------------------

const mem = [];
let done = 0;
for (const n of [1, 20, 100]) {
  for (; done < n; done++) {
    const s = await ours.login();
    await s.close();
  }
  globalThis.gc?.();
  mem.push([n, process.memoryUsage()]);
}
console.log(`\nmemory after N logins (each closed) in this process${globalThis.gc ? " (after gc)" : " (run node with --expose-gc for a forced gc)"}:`);
for (const [n, m] of mem) {
  console.log(`  ${String(n).padStart(3)}: rss ${(m.rss / 1048576).toFixed(1)} MiB, heap ${(m.heapUsed / 1048576).toFixed(1)} MiB, wasm+external ${(m.external / 1048576).toFixed(1)} MiB, arrayBuffers ${(m.arrayBuffers / 1048576).toFixed(1)} MiB`);
}

// --- sizes --------------------------------------------------------------------------------------

console.log("\nsizes (bytes):");
for (const [label, p] of [["API alone", wasmPath], ["API + UI (dist/pronote.wasm)", join(dist, "pronote.wasm")]]) {
  const b = readFileSync(p);
  const gz = gzipSync(b, { level: 9 }).length;
  const br = brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
  console.log(`  ${label.padEnd(30)} raw ${statSync(p).size}, gzip ${gz}, brotli ${br}`);
}

await fake.stop();

function pawnoteVersion() {
  return JSON.parse(readFileSync(join(repoRoot, "node_modules/pawnote/package.json"), "utf8")).version;
}
