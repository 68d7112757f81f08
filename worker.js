// worker.js: the Cloudflare Worker entry of the PRONOTE relay (see relay/README.md).
//
// CORS preflights are answered here, without Go, under the same origin allow-list
// (ALLOWED_ORIGINS) and with the same headers as the Go handler (relay/cors.go). Every other
// request goes to one Go instance per isolate, started from the precompiled relay.wasm
// (dist/relay/, written by relay_build in relay/build.bash) on the first request and reused;
// a fresh one replaces it once it has exited or panicked. Go decides the policy and the headers;
// the bodies stay here (the helpers below), so that a request crosses into Go a few times only.
import "./dist/relay/wasm_exec.js";
import relayWasm from "./dist/relay/relay.wasm";

const ALLOW_METHODS = "GET, POST, OPTIONS";
const ALLOW_HEADERS = "Content-Type, X-Pronote-Cookie";
const EXPOSE_HEADERS = "X-Pronote-Set-Cookie, X-Pronote-Location, X-Pronote-Status, X-Pronote-Error";

// syumai/workers calls globalThis.tryCatch from Go.
globalThis.tryCatch ??= (fn) => {
  try {
    return { result: fn() };
  } catch (error) {
    return { error };
  }
};

// parseOrigins mirrors relay.Config.Origins: a list separated by commas or spaces, "*" or
// scheme://host[:port] entries, "*" when empty. It returns null for an invalid list.
function parseOrigins(value) {
  const list = String(value ?? "").split(/[,\s]+/).filter(Boolean);
  const set = new Set();
  let any = list.length === 0;
  for (const o of list) {
    if (o === "*") any = true;
    else if (/^https?:\/\/[^\s/]+$/i.test(o)) set.add(o.toLowerCase());
    else return null;
  }
  return { any, set };
}

function refusal(status, code, message, headers = {}) {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Pronote-Error": code,
      ...headers,
    },
  });
}

function corsHeaders(origins, origin) {
  if (origins.any) {
    return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": EXPOSE_HEADERS };
  }
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSE_HEADERS, Vary: "Origin" };
}

// allowedCors returns the CORS headers of this worker's own answers: those of the allow-list
// for an allowed origin, none for another one.
function allowedCors(request, env) {
  const origins = parseOrigins(env.ALLOWED_ORIGINS);
  const origin = request.headers.get("Origin") ?? "";
  if (origins === null || (!origins.any && !origins.set.has(origin.toLowerCase()))) return {};
  return corsHeaders(origins, origin);
}

function preflight(request, env) {
  const origins = parseOrigins(env.ALLOWED_ORIGINS);
  if (origins === null) {
    return refusal(500, "RELAY_MISCONFIGURED", "the relay is misconfigured", corsHeaders({ any: true }));
  }
  const origin = request.headers.get("Origin") ?? "";
  if (!origins.any && !origins.set.has(origin.toLowerCase())) {
    return refusal(403, "RELAY_ORIGIN_NOT_ALLOWED", "this origin is not allowed");
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origins, origin),
      "Access-Control-Allow-Methods": ALLOW_METHODS,
      "Access-Control-Allow-Headers": ALLOW_HEADERS,
      "Access-Control-Max-Age": "86400",
      Allow: ALLOW_METHODS,
      "Cache-Control": "no-store",
    },
  });
}

// Headers cross between Go and JavaScript as "name: value" lines, one per value (header values
// hold no newline), so that a Set-Cookie value keeps its commas.
function headersFrom(text) {
  const headers = new Headers();
  for (const line of text.split("\n")) {
    const i = line.indexOf(": ");
    if (i > 0) headers.append(line.slice(0, i), line.slice(i + 2));
  }
  return headers;
}

function headerText(headers) {
  let text = "";
  for (const [name, value] of headers) {
    if (name !== "set-cookie") text += `${name}: ${value}\n`;
  }
  for (const cookie of headers.getSetCookie()) text += `set-cookie: ${cookie}\n`;
  return text;
}

// relayJS is what the Go instance calls (relay/worker/jsbridge_js.go).
const relayJS = {
  // fetch sends one upstream request; the runtime's clock bounds it, body read included.
  async fetch(url, method, headers, body, timeoutMs) {
    const res = await fetch(url, {
      method,
      headers: headersFrom(headers),
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, headers: headerText(res.headers), body: res.body };
  },
  // readUpTo reads a stream whole, chunk by chunk, into one Uint8Array; past limit bytes it
  // cancels the stream and resolves to null, having kept no more than limit bytes.
  async readUpTo(stream, limit) {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        chunks.length = 0;
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  },
  // respond builds the answer Go decided: a body given as a stream (an upstream body of known
  // length, Content-Length set by Go), a Uint8Array or null.
  respond(status, headers, body) {
    if (status === 204 || status === 205 || status === 304) body = null;
    return new Response(body, { status, headers: headersFrom(headers) });
  },
};

// instance is the isolate's Go instance: { binding, ready, dead, retired, inFlight }. No
// promise outlives the request that created it: workerd never settles a promise after its
// request has ended, so the instance's state is read from flags, and each request waits on
// promises of its own.
let instance = null;

function startInstance(env) {
  const go = new Go();
  const inst = { binding: {}, ready: false, dead: false, retired: false, inFlight: new Set() };
  // Go's runtime calls exit when the program ends, a panic outside the handlers included:
  // the requests still in flight on this instance fail, the next ones get a fresh instance.
  go.exit = () => {
    inst.dead = true;
    for (const fail of inst.inFlight) fail(new Error("the Go instance exited"));
    inst.inFlight.clear();
  };
  const wasm = new WebAssembly.Instance(relayWasm, { ...go.importObject, workers: { ready: () => (inst.ready = true) } });
  // main runs synchronously up to workers.Ready(); the promise run returns settles only when
  // Go exits, which go.exit above reports.
  go.run(wasm, { env, binding: inst.binding, relayJS }).catch(() => {});
  if (!inst.ready) inst.dead = true;
  return inst;
}

// serve hands the request to the current instance, starting one if needed.
function serve(request, env) {
  if (instance === null || instance.dead || instance.retired) instance = startInstance(env);
  const inst = instance;
  if (inst.dead) return Promise.reject(new Error("the Go instance did not start"));
  return new Promise((resolve, reject) => {
    inst.inFlight.add(reject);
    inst.binding.serve(request, (response, retire) => {
      inst.inFlight.delete(reject);
      if (retire) inst.retired = true;
      resolve(response);
    });
  });
}

export default {
  async fetch(request, env) {
    if (request.method === "OPTIONS") {
      return preflight(request, env);
    }
    try {
      return await serve(request, env);
    } catch {
      return refusal(502, "RELAY_INTERNAL", "the relay failed", allowedCors(request, env));
    }
  },
};
