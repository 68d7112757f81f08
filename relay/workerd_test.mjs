// relay/workerd_test.mjs: the relay Worker (worker.js + dist/relay) in the real Workers runtime,
// in front of a local fake PRONOTE. Run by relay_test (relay/build.bash): node --test.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startWorkerd } from "./testutil/workerd.mjs";
import { entLogin, expiresCookie, plainCookie, startUpstream } from "./testutil/upstream.mjs";

const UA = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:73.0) Gecko/20100101 Firefox/73.0  PRONOTE Mobile APP";
const EXPOSE = "X-Pronote-Set-Cookie, X-Pronote-Location, X-Pronote-Status, X-Pronote-Error";

let up, relay, listed, base;

before(async () => {
  up = await startUpstream();
  relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`], vars: { MAX_RESPONSE_BYTES: "100000", UPSTREAM_TIMEOUT_MS: "4000" } });
  listed = await startWorkerd({ upstreamHosts: [`http://${up.host}`], origins: "https://app.example" });
  base = `${relay.url}/${up.host}`;
});

after(async () => {
  await relay?.stop();
  await listed?.stop();
  await up?.stop();
});

async function refused(res, status, code) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("x-pronote-error"), code);
  assert.equal(res.headers.get("x-pronote-status"), null);
  const body = await res.json();
  assert.equal(body.error.code, code);
  assert.ok(body.error.message);
}

describe("forwarding", () => {
  test("GET carries the UA and the cookie; Set-Cookie comes back intact", async () => {
    const n = up.requests.length;
    const res = await fetch(`${base}/pronote/eleve.html?fd=1&login=true`, {
      headers: { "X-Pronote-Cookie": "appliMobile=1; ent=a,b", Origin: "https://x.example" },
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Start \(/);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-expose-headers"), EXPOSE);
    assert.equal(res.headers.get("x-pronote-status"), "200");
    assert.deepEqual(JSON.parse(res.headers.get("x-pronote-set-cookie")), [expiresCookie, plainCookie]);
    const got = up.requests[n];
    assert.equal(got.url, "/pronote/eleve.html?fd=1&login=true");
    assert.equal(got.headers["user-agent"], UA);
    assert.equal(got.headers.cookie, "appliMobile=1; ent=a,b");
    assert.equal(got.headers["content-type"], undefined);
    assert.equal(got.headers.origin, undefined);
  });

  test("POST is sent as JSON with a real Content-Length", async () => {
    const n = up.requests.length;
    const payload = JSON.stringify({ session: 123, no: "abc", id: "Identification", dataSec: { data: { x: "é" } } });
    const res = await fetch(`${base}/pronote/appelfonction/3/123/abc`, {
      method: "POST",
      body: payload,
      headers: { "Content-Type": "text/plain;charset=UTF-8", "X-Pronote-Cookie": "session=1" },
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), payload);
    assert.deepEqual(JSON.parse(res.headers.get("x-pronote-set-cookie")), ["session=2; Path=/pronote/"]);
    const got = up.requests[n];
    assert.equal(got.headers["content-type"], "application/json");
    assert.equal(got.headers["content-length"], String(Buffer.byteLength(payload)));
    assert.equal(got.headers["transfer-encoding"], undefined);
    assert.equal(got.headers["user-agent"], UA);
    assert.equal(got.headers.cookie, "session=1");
    assert.equal(got.body, payload);
  });

  test("a streamed request body still reaches upstream with Content-Length", async () => {
    const n = up.requests.length;
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('{"a":'));
        c.enqueue(new TextEncoder().encode("1}"));
        c.close();
      },
    });
    const res = await fetch(`${base}/pronote/appelfonction/3/1/x`, { method: "POST", body: stream, duplex: "half" });
    assert.equal(res.status, 200);
    assert.equal(up.requests[n].headers["content-length"], "7");
    assert.equal(up.requests[n].headers["transfer-encoding"], undefined);
  });

  test("a redirect is passed back, not followed", async () => {
    const n = up.requests.length;
    const res = await fetch(`${base}/pronote/redirect`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-pronote-status"), "302");
    assert.equal(res.headers.get("x-pronote-location"), entLogin);
    assert.equal(up.requests.length, n + 1);
  });

  test("upstream statuses other than 3xx pass through", async () => {
    const res = await fetch(`${base}/pronote/missing`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-pronote-status"), "404");
  });
});

// stream is a request body of `count` chunks of `size` bytes, made as it is read; made.count
// says how many were made.
function stream(size, count, made = { count: 0 }) {
  return new ReadableStream({
    pull(c) {
      if (made.count === count) return c.close();
      made.count++;
      c.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

describe("limits while streaming", () => {
  // relay: MAX_RESPONSE_BYTES is 100000.
  test("a chunked response within the limit comes whole, with its length", async () => {
    const res = await fetch(`${base}/pronote/chunked?bytes=100000`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), "100000");
    assert.equal((await res.arrayBuffer()).byteLength, 100000);
  });

  test("a body of known length within the limit streams through with its length", async () => {
    const res = await fetch(`${base}/pronote/big?bytes=99999`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-length"), "99999");
    assert.equal(await res.text(), "x".repeat(99999));
  });

  test("a 48 MiB chunked response is cut at the limit, not read whole", async () => {
    const n = up.requests.length;
    await refused(await fetch(`${base}/pronote/chunked?bytes=${48 << 20}`), 502, "RELAY_RESPONSE_TOO_LARGE");
    const got = up.requests[n];
    // The relay cancelled the body: the upstream stopped writing long before the end (what it
    // wrote past the limit sat in socket buffers).
    for (let i = 0; i < 100 && !got.closed; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(got.closed, "the upstream connection is still open");
    assert.ok(got.sent < 16 << 20, `upstream wrote ${got.sent} bytes`);
  });

  test("a streamed request body over the limit is refused without being read whole", async () => {
    const made = { count: 0 };
    const n = up.requests.length;
    const body = stream(64 << 10, 1024, made); // 64 MiB
    let res;
    try {
      res = await fetch(`${base}/pronote/appelfonction/3/1/x`, { method: "POST", body, duplex: "half" });
    } catch {
      // The client may see the connection end before it reads the answer; what matters is below.
    }
    if (res) await refused(res, 413, "RELAY_BODY_TOO_LARGE");
    assert.ok(made.count < 256, `the client made ${made.count} chunks of 64 KiB`);
    assert.equal(up.requests.length, n);
  });

  test("a streamed request body within the limit reaches upstream whole", async () => {
    const n = up.requests.length;
    const res = await fetch(`${base}/pronote/appelfonction/3/1/x`, { method: "POST", body: stream(4 << 10, 16), duplex: "half" });
    assert.equal(res.status, 200);
    assert.equal(up.requests[n].headers["content-length"], String(64 << 10));
    assert.equal((await res.arrayBuffer()).byteLength, 64 << 10);
  });
});

describe("CORS", () => {
  test("preflight, any origin", async () => {
    const res = await fetch(`${base}/pronote/appelfonction/3/1/x`, {
      method: "OPTIONS",
      headers: { Origin: "https://x.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-pronote-cookie" },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-allow-methods"), "GET, POST, OPTIONS");
    assert.equal(res.headers.get("access-control-allow-headers"), "Content-Type, X-Pronote-Cookie");
    assert.equal(res.headers.get("access-control-max-age"), "86400");
  });

  test("preflight and request, listed origin", async () => {
    const url = `${listed.url}/${up.host}/pronote/eleve.html`;
    let res = await fetch(url, { method: "OPTIONS", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "GET" } });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://app.example");
    assert.equal(res.headers.get("vary"), "Origin");
    res = await fetch(url, { headers: { Origin: "https://app.example" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), "https://app.example");
  });

  test("unlisted origin is refused, preflight and request", async () => {
    const url = `${listed.url}/${up.host}/pronote/eleve.html`;
    const n = up.requests.length;
    await refused(await fetch(url, { method: "OPTIONS", headers: { Origin: "https://evil.example" } }), 403, "RELAY_ORIGIN_NOT_ALLOWED");
    await refused(await fetch(url, { headers: { Origin: "https://evil.example" } }), 403, "RELAY_ORIGIN_NOT_ALLOWED");
    assert.equal(up.requests.length, n);
  });
});

describe("refusals", () => {
  const cases = [
    ["host not allowed", () => `${relay.url}/evil.example/pronote/eleve.html`, {}, 403, "RELAY_HOST_NOT_ALLOWED"],
    ["IP literal, port not listed", () => `${relay.url}/127.0.0.1/pronote/eleve.html`, {}, 403, "RELAY_HOST_NOT_ALLOWED"],
    ["IPv6 literal", () => `${relay.url}/[::1]/pronote/eleve.html`, {}, 403, "RELAY_HOST_NOT_ALLOWED"],
    ["localhost", () => `${relay.url}/localhost/pronote/eleve.html`, {}, 403, "RELAY_HOST_NOT_ALLOWED"],
    ["userinfo", () => `${relay.url}/x.index-education.net@${up.host}/pronote/eleve.html`, {}, 403, "RELAY_HOST_NOT_ALLOWED"],
    ["path outside prefixes", () => `${base}/admin/`, {}, 403, "RELAY_PATH_NOT_ALLOWED"],
    ["encoded traversal", () => `${base}/pronote/..%2fadmin`, {}, 403, "RELAY_PATH_NOT_ALLOWED"],
    ["bad method", () => `${base}/pronote/eleve.html`, { method: "PUT", body: "x" }, 405, "RELAY_METHOD_NOT_ALLOWED"],
    ["oversize body", () => `${base}/pronote/appelfonction/3/1/x`, { method: "POST", body: "x".repeat((1 << 20) + 1) }, 413, "RELAY_BODY_TOO_LARGE"],
    ["oversize response", () => `${base}/pronote/big?bytes=200000`, {}, 502, "RELAY_RESPONSE_TOO_LARGE"],
    ["upstream timeout", () => `${base}/pronote/slow?ms=600000`, {}, 504, "RELAY_UPSTREAM_TIMEOUT"],
    ["control characters in query", () => `${base}/pronote/eleve.html?a=%0d%0aX:1`, {}, 400, "RELAY_BAD_REQUEST"],
    ["double encoding", () => `${base}/pronote/%252e%252e/admin`, {}, 403, "RELAY_PATH_NOT_ALLOWED"],
    ["overlong UTF-8 dots", () => `${base}/pronote/%c0%ae%c0%ae/admin`, {}, 403, "RELAY_PATH_NOT_ALLOWED"],
    ["fullwidth dots", () => `${base}/pronote/%EF%BC%8E%EF%BC%8E/admin`, {}, 403, "RELAY_PATH_NOT_ALLOWED"],
    ["invalid escape in the path", () => `${base}/pronote/%zz`, {}, 400, "RELAY_BAD_REQUEST"],
    ["%u escape in the path", () => `${base}/pronote/%u002e%u002e/admin`, {}, 400, "RELAY_BAD_REQUEST"],
    ["invalid escape in the host", () => `${relay.url}/a%zzindex-education.net/pronote/`, {}, 400, "RELAY_BAD_REQUEST"],
    ["%u escape in the host", () => `${relay.url}/a%u002eindex-education.net/pronote/`, {}, 400, "RELAY_BAD_REQUEST"],
    ["invalid escape in the query", () => `${base}/pronote/eleve.html?a=%zz`, {}, 400, "RELAY_BAD_REQUEST"],
    ["oversize chunked response", () => `${base}/pronote/chunked?bytes=200000`, {}, 502, "RELAY_RESPONSE_TOO_LARGE"],
    ["oversize streamed request body", () => `${base}/pronote/appelfonction/3/1/x`, () => ({ method: "POST", body: stream(64 << 10, 17), duplex: "half" }), 413, "RELAY_BODY_TOO_LARGE"],
  ];
  for (const [name, url, init, status, code] of cases) {
    test(name, async () => {
      const n = up.requests.length;
      const res = await fetch(url(), typeof init === "function" ? init() : init);
      await refused(res, status, code);
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      if (!["RELAY_RESPONSE_TOO_LARGE", "RELAY_UPSTREAM_TIMEOUT"].includes(code)) assert.equal(up.requests.length, n);
    });
  }

  test("an unreachable upstream is a 502, never retried", async () => {
    const closed = await startUpstream();
    const host = closed.host;
    await closed.stop();
    const r = await startWorkerd({ upstreamHosts: [`http://${host}`] });
    try {
      await refused(await fetch(`${r.url}/${host}/pronote/eleve.html`), 502, "RELAY_UPSTREAM_ERROR");
    } finally {
      await r.stop();
    }
  });

  test("invalid variables give RELAY_MISCONFIGURED", async () => {
    const r = await startWorkerd({ upstreamHosts: ["*"] });
    try {
      await refused(await fetch(`${r.url}/a.index-education.net/pronote/`), 500, "RELAY_MISCONFIGURED");
    } finally {
      await r.stop();
    }
  });
});

test("the Worker logs no cookie, query, body or session number", async () => {
  await fetch(`${base}/pronote/eleve.html?token=SECRETQUERY`, { headers: { "X-Pronote-Cookie": "sid=SECRETCOOKIE" } });
  await fetch(`${base}/pronote/appelfonction/3/987654321/x?SECRETQUERY`, {
    method: "POST",
    body: '{"p":"SECRETBODY"}',
    headers: { "X-Pronote-Cookie": "sid=SECRETCOOKIE" },
  });
  await fetch(`${base}/etc/987654321?SECRETQUERY`, { headers: { "X-Pronote-Cookie": "sid=SECRETCOOKIE" } });
  await new Promise((r) => setTimeout(r, 100));
  const out = relay.output();
  assert.match(out, /msg=relay/);
  for (const s of ["SECRETQUERY", "SECRETCOOKIE", "SECRETBODY", "987654321"]) {
    assert.ok(!out.includes(s), `workerd output contains ${s}`);
  }
});
