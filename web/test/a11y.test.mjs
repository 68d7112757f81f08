// web/test/a11y.test.mjs: every view of the ready-made interface, whatever views the table
// holds (the tab bar's [role=tab] buttons are iterated), for the student and for each child of
// the parent, in light and dark mode: axe-core finds no serious or critical violation at 1280 px
// and with the phone menu open, nothing scrolls sideways at 375 px, and nothing is written to
// the console. A screenshot of every view, light and dark, at 1280 and 375 px goes to
// out/screenshots/ (views-*.png).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { axeScan, horizontalOverflow, logIn, openView, settled, startAll, viewIDs, watchProblems } from "./harness.mjs";

const today = process.env.UI_TEST_DATE || "2026-11-23";
const shots = join(repoRoot, "out/screenshots");
const widths = [["desktop", 1280, 900], ["phone", 375, 812]];
const schemes = ["light", "dark"];

let env;
let page;
const problems = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  env = await startAll(["-profile", "2026", "-encrypt", "-compress", "-now", today]);
  await env.browser.context.clock.setFixedTime(new Date(`${today}T10:00:00+01:00`));
  page = watchProblems(await env.browser.context.newPage(), problems);
  await page.goto(env.pageURL);
});

after(async () => {
  await page?.emulateMedia({ colorScheme: "light" });
  await env?.stop();
});

// checkViews walks every view at both widths in both schemes; found collects the failures as
// "where: what" lines, so that one run reports them all.
async function checkViews(who, found, { screenshots = false } = {}) {
  const ids = await viewIDs(page);
  assert.ok(ids.length >= 3, `views: ${ids}`);
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width, height] of widths) {
      await page.setViewportSize({ width, height });
      for (const id of ids) {
        await openView(page, id);
        const where = `${who}, ${id}, ${scheme}, ${width} px`;
        if (width === 1280) {
          for (const v of await axeScan(page)) found.push(`${where}: ${v}`);
        }
        const over = await horizontalOverflow(page);
        if (over > 0) found.push(`${where}: ${over} px of horizontal scroll`);
        if (screenshots) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(shots, `views-${label}-${scheme}-${id}.png`) });
        }
      }
      if (width === 375) { // the phone menu, open
        await page.getByRole("button", { name: /^Menu/ }).click();
        for (const v of await axeScan(page)) found.push(`${who}, phone menu, ${scheme}: ${v}`);
        await page.keyboard.press("Escape");
      }
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the login screen, light and dark: no serious violation, no sideways scroll on a phone", async () => {
  const found = [];
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width, height] of widths) {
      await page.setViewportSize({ width, height });
      for (const v of await axeScan(page)) found.push(`login, ${scheme}, ${width} px: ${v}`);
      const over = await horizontalOverflow(page);
      if (over > 0) found.push(`login, ${scheme}, ${width} px: ${over} px of horizontal scroll`);
      await page.screenshot({ path: join(shots, `views-${label}-${scheme}-login.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(found, []);
});

test("every view of the student, light and dark, 1280 and 375 px", async () => {
  await logIn(page, env.fake.student);
  await settled(page);
  const found = [];
  await checkViews("student", found, { screenshots: true });
  assert.deepEqual(found, []);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("every view of each child of the parent, light and dark, 1280 and 375 px", async () => {
  await logIn(page, { ...env.fake.parent, parent: true });
  await settled(page);
  const child = page.getByLabel("Enfant");
  const n = await child.locator("option").count();
  assert.ok(n >= 2, `children: ${n}`);
  const found = [];
  for (let i = 0; i < n; i++) {
    await child.selectOption({ index: i });
    await settled(page);
    await checkViews(`child ${i + 1}`, found);
  }
  assert.deepEqual(found, []);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
