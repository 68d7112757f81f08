// A Go panic becomes a rejection (INTERNAL_ERROR) and the module keeps working. Uses the module
// built with -tags pronote_testhook (PRONOTE_TEST_WASM, set by wasm_test in wasm/build.bash):
// only that build has _testPanic; dist/pronote.wasm never does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadPronote, rejection, startFake } from "./helpers.mjs";

const hooked = process.env.PRONOTE_TEST_WASM;
let fake;
before(async () => { fake = await startFake("2024.3.9"); });
after(() => fake?.stop());

test("a panic rejects with INTERNAL_ERROR, then the module still works", { skip: !hooked && "PRONOTE_TEST_WASM unset" }, async () => {
  const pronote = await loadPronote(hooked);
  for (const where of ["prepare", "job"]) {
    const err = await rejection(pronote._testPanic(where));
    assert.ok(err instanceof Error);
    assert.equal(err.code, "INTERNAL_ERROR");
    assert.ok(!err.message.includes("test panic"), "the panic value stays inside");
  }
  const s = await pronote.login({ url: fake.student, ...fake.accounts.student });
  assert.ok((await s.timetable({ week: 12 })).length >= 0);
  await s.close();
});

test("release builds have no test hook", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { repoRoot } = await import("./helpers.mjs");
  assert.ok(!readFileSync(join(repoRoot, "dist/pronote.wasm")).includes("_testPanic"));
  assert.ok(!readFileSync(join(repoRoot, "dist/pronote-api.wasm")).includes("_testPanic"));
});
