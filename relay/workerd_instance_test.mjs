// relay/workerd_instance_test.mjs: the relay's one Go instance per isolate, in workerd:
// concurrent requests, panics and fresh instances, and the login guard. Run by relay_test
// (relay/build.bash) with the hooks build in dist/relay-hooks (relay_build_hooks).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { join } from "node:path";
import { repoRoot, startWorkerd } from "./testutil/workerd.mjs";
import { startUpstream } from "./testutil/upstream.mjs";

const hooksDist = join(repoRoot, "dist/relay-hooks");

let up;

before(async () => {
  up = await startUpstream();
});

after(async () => {
  await up?.stop();
});

async function refused(res, status, code) {
  assert.equal(res.status, status);
  assert.equal(res.headers.get("x-pronote-error"), code);
  assert.equal((await res.json()).error.code, code);
}

describe("one instance, many requests", () => {
  let relay;
  before(async () => {
    relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`], vars: { UPSTREAM_TIMEOUT_MS: "8000" } });
  });
  after(() => relay?.stop());

  // 100 concurrent requests: 40 fast, 30 held by the upstream until every fast one has been
  // answered, then released in reverse order, and 30 held until their own deadline passes.
  test("100 concurrent requests, slow and fast mixed, each get their own answer", { timeout: 60000 }, async () => {
    const base = `${relay.url}/${up.host}/pronote`;
    const get = async (path) => {
      const res = await fetch(`${base}/${path}`);
      return { status: res.status, code: res.headers.get("x-pronote-error"), body: await res.text() };
    };
    const kinds = Array.from({ length: 100 }, (_, i) => (i % 10 < 4 ? "fast" : i % 10 < 7 ? "held" : "late"));
    const ids = kinds.map((k, i) => `${k}${i}`);
    const answers = kinds.map((k, i) => get(k === "fast" ? `fast?id=${ids[i]}` : `held?id=${ids[i]}`));
    const fast = await Promise.all(answers.filter((_, i) => kinds[i] === "fast"));
    assert.deepEqual(
      fast.map((a) => a.body),
      ids.filter((_, i) => kinds[i] === "fast").map((id) => `fast ${id}`),
    );
    // Every held request reached the upstream, none answered yet: the slow ones delayed none
    // of the fast ones.
    const held = ids.filter((_, i) => kinds[i] !== "fast");
    await Promise.all(held.map((id) => up.held(id)));
    for (const id of ids.filter((_, i) => kinds[i] === "held").reverse()) up.release(id);
    const all = await Promise.all(answers);
    all.forEach((a, i) => {
      if (kinds[i] === "late") {
        assert.equal(a.status, 504, ids[i]);
        assert.equal(a.code, "RELAY_UPSTREAM_TIMEOUT", ids[i]);
      } else {
        assert.equal(a.status, 200, `${ids[i]}: ${a.body}`);
        assert.equal(a.body, `${kinds[i]} ${ids[i]}`);
      }
    });
  });
});

describe("panics", () => {
  let relay, listed;
  before(async () => {
    relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`], dist: hooksDist });
    listed = await startWorkerd({ upstreamHosts: [`http://${up.host}`], dist: hooksDist, origins: "https://app.example" });
  });
  after(async () => {
    await relay?.stop();
    await listed?.stop();
  });

  const instanceID = async (r = relay) => {
    const res = await fetch(`${r.url}/_hooks/instance`, { headers: { Origin: "https://app.example" } });
    assert.equal(res.status, 200);
    return await res.text();
  };

  test("a recovered panic answers RELAY_INTERNAL; the next request gets a fresh instance", async () => {
    const first = await instanceID();
    assert.equal(await instanceID(), first, "requests share one instance");
    await refused(await fetch(`${relay.url}/_hooks/panic`), 502, "RELAY_INTERNAL");
    const second = await instanceID();
    assert.notEqual(second, first);
    const res = await fetch(`${relay.url}/${up.host}/pronote/eleve.html`);
    assert.equal(res.status, 200);
    assert.equal(await instanceID(), second);
  });

  test("a request in flight on a panicked instance still gets its answer", async () => {
    const pending = fetch(`${relay.url}/${up.host}/pronote/held?id=inflight-recovered`);
    await up.held("inflight-recovered");
    await refused(await fetch(`${relay.url}/_hooks/panic`), 502, "RELAY_INTERNAL");
    up.release("inflight-recovered");
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "held inflight-recovered");
  });

  test("an answer JavaScript refuses is RELAY_INTERNAL, and ends no request in flight", async () => {
    const first = await instanceID();
    const pending = fetch(`${relay.url}/${up.host}/pronote/held?id=inflight-bad-header`);
    await up.held("inflight-bad-header");
    await refused(await fetch(`${relay.url}/_hooks/bad-header`), 502, "RELAY_INTERNAL");
    up.release("inflight-bad-header");
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "held inflight-bad-header");
    assert.notEqual(await instanceID(), first, "the instance was retired");
  });

  test("a panic that ends the instance fails its requests in flight; a fresh one serves the next", async () => {
    const first = await instanceID();
    const pending = fetch(`${relay.url}/${up.host}/pronote/held?id=inflight-crash`);
    await up.held("inflight-crash");
    await refused(await fetch(`${relay.url}/_hooks/crash`), 502, "RELAY_INTERNAL");
    await refused(await pending, 502, "RELAY_INTERNAL");
    up.release("inflight-crash");
    assert.notEqual(await instanceID(), first);
    const res = await fetch(`${relay.url}/${up.host}/pronote/eleve.html`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Start \(/);
  });

  // workerd does not cancel an upstream fetch when the client goes away: the request's
  // goroutine lives until the upstream answers or the timeout fires, never longer.
  test("requests the client abandons leave no goroutine behind once their deadline passes", async () => {
    const short = await startWorkerd({ upstreamHosts: [`http://${up.host}`], dist: hooksDist, vars: { UPSTREAM_TIMEOUT_MS: "4000" } });
    try {
      const goroutines = async () => Number(await (await fetch(`${short.url}/_hooks/goroutines`)).text());
      const before = await goroutines();
      const ctrls = Array.from({ length: 20 }, () => new AbortController());
      const pending = ctrls.map((c, i) => fetch(`${short.url}/${up.host}/pronote/held?id=abandoned${i}`, { signal: c.signal }).catch(() => {}));
      await Promise.all(ctrls.map((_, i) => up.held(`abandoned${i}`)));
      assert.equal(await goroutines(), before + 20);
      for (const c of ctrls) c.abort();
      await Promise.all(pending);
      let now = await goroutines();
      for (let i = 0; i < 200 && now !== before; i++) {
        await new Promise((r) => setTimeout(r, 50));
        now = await goroutines();
      }
      assert.equal(now, before);
    } finally {
      await short.stop();
    }
  });

  test("worker.js's own error answers follow the origin allow-list", async () => {
    let res = await fetch(`${listed.url}/_hooks/crash`, { headers: { Origin: "https://app.example" } });
    await refused(res, 502, "RELAY_INTERNAL");
    assert.equal(res.headers.get("access-control-allow-origin"), "https://app.example");
    assert.equal(res.headers.get("vary"), "Origin");
    res = await fetch(`${listed.url}/_hooks/crash`, { headers: { Origin: "https://evil.example" } });
    await refused(res, 502, "RELAY_INTERNAL");
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    res = await fetch(`${relay.url}/_hooks/crash`, { headers: { Origin: "https://x.example" } });
    await refused(res, 502, "RELAY_INTERNAL");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
  });
});

describe("login guard", () => {
  let relay, bound;
  before(async () => {
    relay = await startWorkerd({ upstreamHosts: [`http://${up.host}`], vars: { LOGIN_LIMIT: "3", LOGIN_WINDOW_SECONDS: "600" } });
    bound = await startWorkerd({ upstreamHosts: [`http://${up.host}`], vars: { LOGIN_LIMIT: "100" }, rateLimit: 2 });
  });
  after(async () => {
    await relay?.stop();
    await bound?.stop();
  });

  const login = (ip, name = "Identification", r = relay) =>
    fetch(`${r.url}/${up.host}/pronote/appelfonction/3/1/x`, {
      method: "POST",
      headers: { "CF-Connecting-IP": ip },
      body: JSON.stringify({ session: 1, no: "ab", id: name, dataSec: "00ff" }),
    });

  test("a flood of Identification requests stops at the limit, before the school", async () => {
    const n = up.requests.length;
    for (let i = 0; i < 3; i++) assert.equal((await login("192.0.2.1")).status, 200);
    for (let i = 0; i < 20; i++) await refused(await login("192.0.2.1"), 429, "RELAY_RATE_LIMITED");
    assert.equal(up.requests.length, n + 3, "refused attempts reached the school");
    assert.equal((await login("192.0.2.1", "Navigation")).status, 200, "other functions go on");
    assert.equal((await login("192.0.2.2")).status, 200, "another client has its own count");
    assert.equal(up.requests.length, n + 5);
  });

  test("with a rate-limiting binding, the binding counts", async () => {
    const n = up.requests.length;
    for (let i = 0; i < 2; i++) assert.equal((await login("192.0.2.9", "Identification", bound)).status, 200);
    await refused(await login("192.0.2.9", "Identification", bound), 429, "RELAY_RATE_LIMITED");
    assert.equal((await login("192.0.2.10", "Identification", bound)).status, 200);
    assert.equal(up.requests.length, n + 3);
  });

  test("the guard logs neither the client's address nor the body", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await login("198.51.100.77")).status, 200);
    await refused(await login("198.51.100.77"), 429, "RELAY_RATE_LIMITED");
    await new Promise((r) => setTimeout(r, 100));
    const out = relay.output();
    assert.match(out, /code=RELAY_RATE_LIMITED/);
    for (const s of ["198.51.100.77", "192.0.2.1", "00ff"]) assert.ok(!out.includes(s), `workerd output contains ${s}`);
  });
});
