// wasm/test/helpers.mjs: start the fake PRONOTE server (cmd/fakepronote) as a native process on
// an ephemeral 127.0.0.1 port, and load dist/pronote.js. ./build.sh test sets FAKEPRONOTE to a
// prebuilt binary; without it the binary is built once into a temporary directory.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The dataset date every test uses, so weeks and periods are stable. */
export const today = "2026-11-23";

let binary = process.env.FAKEPRONOTE;

function fakeBinary() {
  if (!binary || !existsSync(binary)) {
    binary = join(mkdtempSync(join(tmpdir(), "fakepronote-")), "fakepronote");
    execFileSync("go", ["build", "-o", binary, "./cmd/fakepronote"], { cwd: repoRoot, stdio: "inherit" });
  }
  return binary;
}

/**
 * startFake runs the fake server with a profile ("2023", "2024.3.9", "2025", "2026") and flags.
 * @returns {Promise<{root: string, student: string, parent: string, accounts: object, twoFactorPIN: string, qr: Function, count: Function, fault: Function, reset: Function, requests: Function, stop: Function}>}
 */
export async function startFake(profile, { encrypt = false, compress = false, extra = [] } = {}) {
  const args = ["-profile", profile, "-now", today, ...extra];
  if (encrypt) args.push("-encrypt");
  if (compress) args.push("-compress");
  const child = spawn(fakeBinary(), args, { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise((ok, fail) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) ok(buf.slice(0, nl));
    });
    child.on("exit", (code) => fail(new Error(`fakepronote exited (${code})`)));
  });
  const info = JSON.parse(line);
  const control = async (path, method = "POST") => {
    const res = await fetch(new URL(`/__control/${path}`, info.url), { method });
    if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    root: info.url,
    student: info.url + "eleve.html",
    parent: info.url + "parent.html",
    accounts: { student: info.student, parent: info.parent, twoFactor: info.twoFactor, passwordChange: info.passwordChange },
    twoFactorPIN: info.twoFactorPIN,
    /** qr makes a QR code for an account and returns its JSON text (control qr). */
    qr: async (kind, username, pin) => {
      const res = await fetch(new URL(`/__control/qr?kind=${kind}&username=${username}&pin=${pin}`, info.url), { method: "POST" });
      if (!res.ok) throw new Error(`control qr: HTTP ${res.status}`);
      return res.text();
    },
    /** count returns how many calls of a PRONOTE function the server received. */
    count: async (fn) => (await control(`count?function=${fn}`, "GET")).count,
    fault: (query) => control(`fault?${query}`),
    reset: () => control("reset"),
    requests: () => control("requests", "GET"),
    stop: () => new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      child.once("exit", ok);
      child.kill("SIGTERM");
    }),
  };
}

/** loadPronote loads dist/pronote.js with dist/pronote.wasm, or with the given module bytes. */
export async function loadPronote(wasmPath) {
  const { load } = await import(join(repoRoot, "dist/pronote.js"));
  return wasmPath ? load({ wasm: readFileSync(wasmPath) }) : load();
}

/** rejection awaits p and returns its rejection, failing when it resolves. */
export async function rejection(p) {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection, the promise resolved");
}
