// pronote.js: loads pronote.wasm (the PRONOTE client, Go compiled to WebAssembly) and returns
// its namespace. Works in a page, an extension (popup and service worker), a Worker and
// Node >= 20. Types: pronote.d.ts.
//
//   import { load } from "./pronote.js";
//   const pronote = await load();
//   const session = await pronote.login({ url, username, password });
//
// wasm_exec.js is Go's own loader (copied next to this file by ./build.sh build). It is
// imported statically: service workers do not allow import().
import "./wasm_exec.js";

const loading = new Map(); // "api" or "ui" → the Promise of its namespace

/**
 * load instantiates the module once per JavaScript realm and resolves with its namespace:
 * pronote-api.wasm (the API alone, smaller and faster to start) unless options.ui asks for
 * pronote.wasm, the API with the ready-made interface (mount). Later calls for the same build
 * return the same namespace (their other options are ignored). onProgress({loaded, total})
 * reports the module's bytes as they arrive when it is fetched (total: undefined when unknown).
 * @param {{wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module, ui?: boolean,
 *   onProgress?: (p: {loaded: number, total?: number}) => void}} [options]
 */
export function load(options = {}) {
  const build = options.ui ? "ui" : "api";
  if (!loading.has(build)) {
    loading.set(build, instantiate(options, build).catch((err) => {
      loading.delete(build); // a failed load may be retried
      throw err;
    }));
  }
  return loading.get(build);
}

async function instantiate({ wasm, onProgress } = {}, build) {
  const go = new globalThis.Go();
  unrefTimers(go);
  const file = build === "ui" ? "pronote.wasm" : "pronote-api.wasm";
  const instance = await instanceOf(wasm ?? new URL(file, import.meta.url), go.importObject, onProgress);
  const ns = { _host: host }; // the module takes _host (see host below) and deletes it
  globalThis.__pronoteNamespace = ns;
  try {
    go.run(instance); // runs main until it blocks: register(ns) has filled ns by then
  } finally {
    delete globalThis.__pronoteNamespace;
  }
  if (typeof ns.login !== "function") {
    throw new Error(`${file} did not start (is it the module built by ./build.sh build?)`);
  }
  return Object.freeze(ns);
}

// unrefTimers stops the Go runtime's timers from keeping Node alive. The runtime arms a JS
// timeout for its earliest timer (e.g. a request's 60 s deadline) and does not clear it when
// the timer stops, so a script would linger after its last call. The module only waits on
// timers while a fetch is pending, and a pending fetch keeps Node alive by itself. Elsewhere
// setTimeout returns a number and this does nothing.
function unrefTimers(go) {
  const imports = go.importObject.gojs;
  const schedule = imports?.["runtime.scheduleTimeoutEvent"];
  if (typeof schedule !== "function" || !(go._scheduledTimeouts instanceof Map)) return;
  imports["runtime.scheduleTimeoutEvent"] = (sp) => {
    const id = go._nextCallbackTimeoutID;
    schedule(sp);
    go._scheduledTimeouts.get(id)?.unref?.();
  };
}

async function instanceOf(source, imports, onProgress) {
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  const url = new URL(String(source), import.meta.url);
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises"); // Node only: fetch cannot read file:
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  let response = await fetch(url);
  if (!response.ok) {
    throw new Error(`pronote.wasm: HTTP ${response.status} from ${url.pathname}`);
  }
  if (typeof onProgress === "function" && response.body) {
    response = counted(response, onProgress);
  }
  if (WebAssembly.instantiateStreaming && response.headers.get("content-type")?.startsWith("application/wasm")) {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

// counted passes response's body through as it arrives, reporting the bytes received. The total
// is the module's size: Content-Length when the body travels as it is, else (compressed in
// transit, where Content-Length counts the compressed bytes) X-Uncompressed-Length when the
// server sends it (cmd/devserver does), else unknown.
function counted(response, onProgress) {
  const coding = response.headers.get("content-encoding");
  const compressed = coding !== null && coding !== "identity";
  let total = Number(response.headers.get(compressed ? "x-uncompressed-length" : "content-length")) || undefined;
  let loaded = 0;
  const report = () => {
    if (total !== undefined && loaded > total) total = undefined; // a compressed length after all
    try {
      onProgress({ loaded, total });
    } catch {
      // the caller's display failing must not fail the load
    }
  };
  report();
  const body = response.body.pipeThrough(new TransformStream({
    transform(chunk, out) {
      loaded += chunk.byteLength;
      report();
      out.enqueue(chunk);
    },
  }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * isPronoteError tells the module's errors (which carry a stable code) from others.
 * @param {unknown} err
 */
export function isPronoteError(err) {
  return err instanceof Error && err.name === "PronoteError" && typeof err.code === "string";
}

// host is what the module calls JavaScript for, handed over at start in the namespace's _host
// (wasm/fetch_js.go): one crossing per request and one per answer, where building the request
// and reading the response member by member from Go took some sixty (issue 13).
const host = { fetch: hostFetch, abort: hostAbort, method: hostMethod };
const inFlight = new Map(); // request id → its AbortController

/**
 * hostFetch sends one request for the module and calls done(id, status, opaqueRedirect,
 * headers, hasSetCookies, body, bodyLength) once it has the whole body, or
 * done(id, -1, false, errorName, errorCode) when fetch or the body failed. request is
 * "METHOD\nURL\nCREDENTIALS\nname\nvalue\n…" (a header value never holds a line feed);
 * headers comes back the same way ("name\nvalue\n…", names in lower case), then an empty
 * line and each Set-Cookie value on its own line where the platform shows them. It never
 * throws and never follows redirects.
 * @param {number} id @param {string} request @param {Uint8Array | undefined} body @param {Function} done
 */
async function hostFetch(id, request, body, done) {
  const ac = new AbortController();
  inFlight.set(id, ac);
  let answer;
  try {
    const lines = request.split("\n");
    const headers = {};
    for (let i = 3; i + 1 < lines.length; i += 2) headers[lines[i]] = lines[i + 1];
    const res = await fetch(lines[1], { method: lines[0], headers, body, redirect: "manual", cache: "no-store", credentials: lines[2], signal: ac.signal });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let text = "";
    for (const [name, value] of res.headers) text += name + "\n" + value + "\n";
    const cookies = typeof res.headers.getSetCookie === "function" ? res.headers.getSetCookie() : undefined;
    if (cookies) text += "\n" + cookies.join("\n");
    answer = [id, res.status, res.type === "opaqueredirect", text, cookies !== undefined, bytes, bytes.length];
  } catch (err) {
    const name = typeof err?.name === "string" ? err.name : "Error";
    const code = typeof err?.cause?.code === "string" ? err.cause.code : "";
    answer = [id, -1, false, name, code];
  } finally {
    inFlight.delete(id);
  }
  done(...answer);
}

/**
 * hostMethod makes the JavaScript method for one of the module's functions: each call returns
 * a Promise and calls fn(resolve, reject, this, ...args) at once, so the module gets the
 * Promise's functions without a callback of its own. fn never throws.
 * @param {Function} fn
 */
function hostMethod(fn) {
  return function (...args) {
    return new Promise((resolve, reject) => fn(resolve, reject, this, ...args));
  };
}

/** hostAbort aborts the request id, if it is still in flight. @param {number} id */
function hostAbort(id) {
  inFlight.get(id)?.abort();
}
