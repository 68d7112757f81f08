// worker.js: the Cloudflare Worker entry of the PRONOTE relay (see relay/README.md).
//
// CORS preflights are answered here, without starting Go, under the same origin allow-list
// (ALLOWED_ORIGINS) and with the same headers as the Go handler (relay/cors.go). Every other
// request starts a fresh Go runtime from the precompiled relay.wasm (dist/relay/, written by
// relay_build in relay/build.bash) and hands the request to github.com/syumai/workers.
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

// runGo starts a Go runtime for one request (a runtime shared across requests would carry
// timers from one request's I/O context into another's) and lets it answer.
async function runGo(request, env, ctx) {
  const go = new Go();
  let ready;
  const isReady = new Promise((resolve) => (ready = resolve));
  const instance = new WebAssembly.Instance(relayWasm, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const binding = {};
  const exited = go.run(instance, { env, ctx, binding }).then(() => {
    throw new Error("go exited before answering");
  });
  await Promise.race([isReady, exited]);
  return await Promise.race([binding.handleRequest(request), exited]);
}

export default {
  async fetch(request, env, ctx) {
    if (request.method === "OPTIONS") {
      return preflight(request, env);
    }
    try {
      return await runGo(request, env, ctx);
    } catch {
      return refusal(502, "RELAY_INTERNAL", "the relay failed", corsHeaders({ any: true }));
    }
  },
};
