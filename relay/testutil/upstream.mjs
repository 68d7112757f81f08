// relay/testutil/upstream.mjs: a tiny local stand-in for a PRONOTE server (127.0.0.1 only), for
// the relay's workerd tests and benchmark. It records every request it receives.
//
//   GET  /pronote/eleve.html         an HTML page with Start(...), two Set-Cookie headers
//   POST /pronote/appelfonction/...  echoes the JSON body
//   GET  /pronote/redirect           302 to an ENT login page
//   GET  /pronote/big?bytes=N        N bytes of text
//   GET  /pronote/chunked?bytes=N    N bytes of text, chunked (no Content-Length), 64 KiB a write;
//                                    its record's `sent` counts the bytes written
//   GET  /pronote/slow?ms=N          answers after N ms
//   GET  /pronote/held?id=X          answers "held X" once release(X) is called (see startUpstream)
//   GET  /pronote/fast?id=X          answers "fast X" at once
import { createServer } from "node:http";

export const expiresCookie = "CASTGC=deleted; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/; HttpOnly";
export const plainCookie = "validationAppliMobile=ok; Path=/pronote/";
export const entLogin = "https://ent.example/cas/login?service=https%3A%2F%2Fx";

function handle(req, res, body, held) {
  const url = new URL(req.url, "http://upstream");
  if (req.method === "GET" && url.pathname === "/pronote/eleve.html") {
    res.setHeader("Set-Cookie", [expiresCookie, plainCookie]);
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    return res.end(`<html><body onload="try { Start ({h:'123',a:3}) } catch(e) {}"></body></html>`);
  }
  if (req.method === "GET" && url.pathname === "/pronote/redirect") {
    res.writeHead(302, { Location: entLogin });
    return res.end();
  }
  if (req.method === "GET" && url.pathname === "/pronote/big") {
    res.setHeader("Content-Type", "text/plain");
    return res.end("x".repeat(Number(url.searchParams.get("bytes") ?? 0)));
  }
  if (req.method === "GET" && url.pathname === "/pronote/chunked") {
    res.setHeader("Content-Type", "text/plain");
    let left = Number(url.searchParams.get("bytes") ?? 0);
    const chunk = Buffer.alloc(64 << 10, "x");
    const record = held.requests.at(-1);
    record.sent = 0;
    const write = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        record.sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return res.once("drain", write);
      }
      res.end();
    };
    res.on("close", () => {
      left = 0;
      record.closed = true;
    });
    return write();
  }
  if (req.method === "GET" && url.pathname === "/pronote/fast") {
    res.setHeader("Content-Type", "text/plain");
    return res.end(`fast ${url.searchParams.get("id")}`);
  }
  if (req.method === "GET" && url.pathname === "/pronote/slow") {
    const timer = setTimeout(() => res.end("late"), Number(url.searchParams.get("ms") ?? 0));
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (req.method === "GET" && url.pathname === "/pronote/held") {
    const id = url.searchParams.get("id");
    held.set(id, () => res.end(`held ${id}`));
    held.arrived?.(id);
    return;
  }
  if (req.method === "POST" && url.pathname.startsWith("/pronote/appelfonction/")) {
    res.setHeader("Content-Type", "application/json; charset=UTF-8");
    res.setHeader("Set-Cookie", "session=2; Path=/pronote/");
    return res.end(body);
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
}

/**
 * startUpstream starts the fake PRONOTE on an ephemeral 127.0.0.1 port. held(id) resolves once
 * a /pronote/held?id=… request has arrived; release(id) answers it.
 * @returns {Promise<{host: string, url: string, requests: object[], held: (id: string) => Promise<void>, release: (id: string) => void, stop: () => Promise<void>}>}
 */
export async function startUpstream() {
  const requests = [];
  const held = new Map();
  const waiting = new Map();
  held.arrived = (id) => waiting.get(id)?.();
  held.requests = requests;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders, body });
      handle(req, res, body, held);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const host = `127.0.0.1:${server.address().port}`;
  const stop = () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); });
  const arrival = (id) => (held.has(id) ? Promise.resolve() : new Promise((ok) => waiting.set(id, ok)));
  const release = (id) => held.get(id)();
  return { host, url: `http://${host}`, requests, held: arrival, release, stop };
}
