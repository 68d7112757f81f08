// wasm/ab.mjs: two or more builds of the module (and pawnote) compared in one Node process,
// journey after journey in turn, so that a busy machine slows them all alike: the medians of
// each one's wall time per step and CPU per journey. For before/after figures of a change
// (copy dist/ aside before it, e.g. cp -r dist out/ab/before). A report, no assertion.
//
//   FAKEPRONOTE=out/fakepronote node --expose-gc wasm/ab.mjs out/ab/before dist
//
// Environment: AB_RUNS (default 40 journeys each), AB_WARMUP (default 50 warm-up journeys: V8
// optimises the module for the first hundred or so), AB_CONC_ROUNDS
// (default 7 batches of 20 concurrent journeys each).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pawnote from "pawnote";
import { startFake } from "./test/helpers.mjs";

const RUNS = Number(process.env.AB_RUNS ?? 40);
const WARMUP = Number(process.env.AB_WARMUP ?? 50);
const CONC_ROUNDS = Number(process.env.AB_CONC_ROUNDS ?? 7);
const range = { from: "2026-11-23", to: "2026-11-29" };
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error("usage: node wasm/ab.mjs DIST_DIR [DIST_DIR…] (each holds pronote.js and pronote-api.wasm)");
  process.exit(2);
}

const fake = await startFake("2025", { encrypt: true, compress: true });
const { username, password } = fake.accounts.student;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const clients = [];
for (const dir of dirs) {
  const d = resolve(dir);
  const p = await (await import(join(d, "pronote.js"))).load({ wasm: readFileSync(join(d, "pronote-api.wasm")) });
  clients.push([dir, {
    login: () => p.login({ url: fake.student, username, password, deviceUUID: "ab" }),
    timetable: (s) => s.timetable(range),
    grades: (s) => s.grades({ period: s.periods[0].id }),
    homework: (s) => s.homework(range),
    close: (s) => s.close(),
  }]);
}
const localDay = (t) => {
  const [y, m, d] = t.split("-").map(Number);
  return new Date(y, m - 1, d);
};
clients.push(["pawnote", {
  login: async () => {
    const h = pawnote.createSessionHandle();
    await pawnote.loginCredentials(h, { url: fake.root, kind: pawnote.AccountKind.STUDENT, username, password, deviceUUID: "ab" });
    return h;
  },
  timetable: (h) => pawnote.timetableFromIntervals(h, localDay(range.from), localDay(range.to)),
  grades: (h) => {
    const tab = h.userResource.tabs.get(pawnote.TabLocation.Grades);
    return pawnote.gradesOverview(h, (tab?.periods.length ? tab.periods : h.instance.periods)[0]);
  },
  homework: (h) => pawnote.assignmentsFromIntervals(h, localDay(range.from), localDay(range.to)),
  close: async () => {},
}]);

async function journey(c) {
  const r = {};
  const cpu0 = cpuMs();
  const t0 = performance.now();
  let t = t0;
  const lap = (k) => {
    const now = performance.now();
    r[k] = now - t;
    t = now;
  };
  const s = await c.login();
  lap("login");
  await c.timetable(s);
  lap("timetable");
  await c.grades(s);
  lap("grades");
  await c.homework(s);
  lap("homework");
  await c.close(s);
  r.journey = performance.now() - t0;
  r.cpu = cpuMs() - cpu0;
  return r;
}

const samples = new Map(clients.map(([name]) => [name, []]));
// The order turns from round to round: the first of a round ran about 5 % slower, whatever it
// was (the same build listed first, then second).
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const [name, c] of [...clients.slice(i % clients.length), ...clients.slice(0, i % clients.length)]) {
    const r = await journey(c);
    if (i >= WARMUP) samples.get(name).push(r);
  }
}
// 20 journeys at once, in turn, the wall time of each batch.
const conc = new Map(clients.map(([name]) => [name, []]));
for (let i = 0; i < CONC_ROUNDS; i++) {
  for (const [name, c] of [...clients.slice(i % clients.length), ...clients.slice(0, i % clients.length)]) {
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => journey(c)));
    conc.get(name).push(performance.now() - t0);
  }
}
await fake.stop();

const keys = ["login", "timetable", "grades", "homework", "journey", "cpu"];
const quartile = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)];
console.log(`${RUNS} journeys each, in turn, medians in ms (cpu: this process's CPU per journey; cpu p25:`);
console.log("its first quartile, less sensitive to other processes on a busy machine):");
console.log("".padEnd(24) + [...keys, "cpu p25", "20 at once"].map((k) => k.padStart(11)).join(""));
for (const [name, rs] of samples) {
  const cols = keys.map((k) => median(rs.map((r) => r[k])));
  cols.push(quartile(rs.map((r) => r.cpu)), median(conc.get(name)));
  console.log(name.slice(-24).padEnd(24) + cols.map((x) => x.toFixed(2).padStart(11)).join(""));
}
