// wasm/profile.mjs: where the module's time goes. Runs journeys (login → timetable → grades →
// homework → close) of the module alone against the fake server under V8's CPU profiler (the
// inspector, started after the warm-up), then prints the self time of the heaviest functions
// and the inclusive time of the module's main stages. A report for the README's performance
// section, no assertion.
//
//   ./build.sh build && go build -o out/fakepronote ./cmd/fakepronote
//   GOOS=js GOARCH=wasm go build -trimpath -tags noui -o out/prof.wasm ./wasm   # keeps the names
//   FAKEPRONOTE=out/fakepronote PRONOTE_WASM_LIB=out/prof.wasm node wasm/profile.mjs
//
// Environment: PROFILE_CLIENT=pawnote (profile pawnote's journey instead), PROFILE_RUNS (default 200 journeys), PROFILE_TOP (default 30 rows), PRONOTE_DIST
// (default dist/), PRONOTE_WASM_LIB (default $PRONOTE_DIST/pronote-api.wasm; a module built
// without -ldflags=-s keeps its function names), PROFILE_OUT (write the .cpuprofile there too).
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { repoRoot, startFake } from "./test/helpers.mjs";

const RUNS = Number(process.env.PROFILE_RUNS ?? 200);
const TOP = Number(process.env.PROFILE_TOP ?? 30);
const dist = process.env.PRONOTE_DIST ?? join(repoRoot, "dist");
const wasmPath = process.env.PRONOTE_WASM_LIB ?? join(dist, "pronote-api.wasm");
const range = { from: "2026-11-23", to: "2026-11-29" };

const fake = await startFake("2025", { encrypt: true, compress: true });
const { username, password } = fake.accounts.student;

let journey;
if (process.env.PROFILE_CLIENT === "pawnote") { // the same journey by pawnote, for comparison
  const pawnote = await import("pawnote");
  const day = (t) => new Date(...t.split("-").map((x, i) => Number(x) - (i === 1 ? 1 : 0)));
  journey = async () => {
    const h = pawnote.createSessionHandle();
    await pawnote.loginCredentials(h, { url: fake.root, kind: pawnote.AccountKind.STUDENT, username, password, deviceUUID: "profile" });
    await pawnote.timetableFromIntervals(h, day(range.from), day(range.to));
    const tab = h.userResource.tabs.get(pawnote.TabLocation.Grades);
    await pawnote.gradesOverview(h, (tab?.periods.length ? tab.periods : h.instance.periods)[0]);
    await pawnote.assignmentsFromIntervals(h, day(range.from), day(range.to));
  };
} else {
  const pronote = await (await import(join(dist, "pronote.js"))).load({ wasm: readFileSync(wasmPath) });
  journey = async () => {
    const s = await pronote.login({ url: fake.student, username, password, deviceUUID: "profile" });
    await s.timetable(range);
    await s.grades({ period: s.periods[0].id });
    await s.homework(range);
    await s.close();
  };
}

for (let i = 0; i < 10; i++) await journey();
const inspector = new Session();
inspector.connect();
await inspector.post("Profiler.enable");
await inspector.post("Profiler.setSamplingInterval", { interval: 100 });
await inspector.post("Profiler.start");
const t0 = performance.now();
for (let i = 0; i < RUNS; i++) await journey();
const wall = performance.now() - t0;
const { profile } = await inspector.post("Profiler.stop");
inspector.disconnect();
await fake.stop();
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

// --- the report -------------------------------------------------------------------------------

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); // node id → µs
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const nameOf = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber})`;
const idle = [...self].filter(([id]) => ["(idle)", "(program)"].includes(nameOf(nodes.get(id)))).reduce((a, [, t]) => a + t, 0);

const bySelf = new Map();
for (const [id, t] of self) bySelf.set(nameOf(nodes.get(id)), (bySelf.get(nameOf(nodes.get(id))) ?? 0) + t);

// Inclusive time of a function: the samples with it anywhere on their stack, counted once.
const inclusive = (match) => {
  let t = 0;
  for (const [id, dt] of self) {
    for (let n = id; n !== undefined; n = parent.get(n)) {
      if (match(nameOf(nodes.get(n)))) { t += dt; break; }
    }
  }
  return t;
};

const pct = (t) => `${((100 * t) / (total - idle)).toFixed(1).padStart(5)} %`;
const perJourney = (t) => `${(t / 1000 / RUNS).toFixed(2).padStart(6)} ms`;
console.log(`${RUNS} journeys in ${(wall / RUNS).toFixed(2)} ms each (wall); profiled busy time ${perJourney(total - idle)} per journey`);
console.log(`\nself time, heaviest ${TOP} (share of the busy time, per journey):`);
for (const [name, t] of [...bySelf].filter(([n]) => !["(idle)", "(program)"].includes(n)).sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
  console.log(`  ${pct(t)} ${perJourney(t)}  ${name}`);
}
// Go's functions appear under their wasm names: "main.__fetchTransport_.Do" for
// main.(*fetchTransport).Do, "encoding_json." for encoding/json.
const stages = [
  ["fetch bridge, Go side (fetchTransport.Do)", (n) => n.startsWith("main.__fetchTransport_.")],
  ["fetch bridge, JS side (pronote.js fetch helper)", (n) => n.startsWith("hostFetch")],
  ["fetch itself (Node's undici, all of it)", (n) => n === "fetch"],
  ["results to JavaScript (jsonJob, newObject)", (n) => n.startsWith("main.jsonJob") || n.startsWith("main.__sessionTable_.newObject")],
  ["arguments from JavaScript (toJSON, decodeQuery)", (n) => n.startsWith("main.toJSON") || n.startsWith("main.decodeQuery") || n.startsWith("main.decodeOptions")],
  ["protocol: decodeReply (envelope, AES, inflate, parse)", (n) => n.includes("protocol.__Session_.decodeReply")],
  ["protocol: buildRequest (JSON, deflate, AES)", (n) => n.includes("protocol.__Session_.buildRequest")],
  ["AES (crypto/)", (n) => n.startsWith("crypto_")],
  ["inflate/deflate (compress/flate)", (n) => n.startsWith("compress_flate.")],
  ["encoding/json", (n) => n.startsWith("encoding_json.")],
  ["Go GC (gcBgMarkWorker, bgsweep, gcStart)", (n) => n.startsWith("runtime.gcBgMarkWorker") || n.startsWith("runtime.bgsweep") || n.startsWith("runtime.gcStart") || n.startsWith("runtime.gcAssist")],
  ["Go allocation (runtime.mallocgc)", (n) => n.startsWith("runtime.mallocgc")],
  ["Go finalizers of js.Values (SetFinalizer, finalizeRef)", (n) => n.startsWith("runtime.SetFinalizer") || n.startsWith("syscall_js.finalizeRef") || n.startsWith("runtime.addfinalizer") || n.startsWith("runtime.runfinq")],
  ["syscall/js (every crossing, both sides)", (n) => n.startsWith("syscall_js.")],
];
console.log("\ninclusive time of the stages (they overlap; share of the busy time, per journey):");
for (const [label, match] of stages) {
  const t = inclusive(match);
  console.log(`  ${pct(t)} ${perJourney(t)}  ${label}`);
}

// Self time by where the code is: Go (wasm), Go's loader (wasm_exec.js), pronote.js, Node.
const where = new Map();
for (const [id, t] of self) {
  const f = nodes.get(id).callFrame;
  const name = nameOf(nodes.get(id));
  if (name === "(idle)" || name === "(program)") continue;
  const k = f.url.startsWith("wasm://") ? "Go code (wasm)"
    : f.url.endsWith("wasm_exec.js") ? "Go's loader (wasm_exec.js: the crossings' JS side)"
    : f.url.endsWith("pronote.js") ? "pronote.js"
    : name === "(garbage collector)" ? "V8's garbage collector"
    : f.url.includes("undici") ? "Node's fetch (undici)"
    : f.url.includes("/node_modules/") ? "pawnote and its libraries (node_modules)"
    : "Node, other (streams, sockets, timers, natives)";
  where.set(k, (where.get(k) ?? 0) + t);
}
console.log("\nself time by where the code is:");
for (const [k, t] of [...where].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(t)} ${perJourney(t)}  ${k}`);
