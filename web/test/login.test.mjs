// web/test/login.test.mjs: the other ways in, in a real browser, through the relay in workerd:
// a QR code pasted with its PIN, double authentication asked in the middle of the login (and
// once per device), and "Rester connecté" surviving a reload and a new tab without the
// password, forgotten by "Se déconnecter". Logins are counted on the fake server.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startAll } from "./harness.mjs";

const today = process.env.UI_TEST_DATE || "2026-11-23";
let env;
let page;
const problems = [];

before(async () => {
  // The school sits behind an ENT (-ent): its pages without login=true redirect to the ENT,
  // and a QR code still logs in from the static page.
  env = await startAll(["-profile", "2025", "-encrypt", "-compress", "-ent", "-now", today]);
  await env.browser.context.clock.setFixedTime(new Date(`${today}T10:00:00+01:00`));
  page = await newTab();
  await page.goto(env.pageURL);
});

after(async () => {
  await env?.stop();
});

async function newTab() {
  const p = await env.browser.context.newPage();
  p.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  p.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return p;
}

const control = (path, method = "GET") => fetch(`${env.fake.origin}/__control/${path}`, { method });
const logins = async () => (await (await control("count?function=Authentification")).json()).logins;
const requests = async () => (await (await control("requests")).json()).length;

async function logIn(p, username, password) {
  await p.getByLabel("Identifiant", { exact: true }).fill(username);
  await p.getByLabel("Mot de passe").fill(password);
  await p.getByRole("button", { name: "Se connecter" }).click();
}

async function logOut(p) {
  await p.getByRole("button", { name: "Se déconnecter" }).click();
  await p.getByRole("heading", { name: "Connexion" }).waitFor();
}

test("QR code: a wrong PIN sends nothing; the right one logs in", async () => {
  const qr = await (await control(`qr?kind=student&username=${env.fake.student.username}&pin=1234`, "POST")).text();
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  await page.getByLabel("Code QR", { exact: true }).check();
  assert.equal(await page.getByLabel("Identifiant", { exact: true }).isVisible(), false);
  await page.getByLabel("Texte du code QR").fill(qr);
  await page.getByLabel("Code à 4 chiffres du code QR").fill("4321");
  const before = await requests();
  await page.getByRole("button", { name: "Se connecter" }).click();
  const alert = page.locator(".notice-error");
  await alert.waitFor();
  assert.match(await alert.innerText(), /code à 4 chiffres ne correspond pas/);
  assert.equal(await requests(), before, "nothing sent with a wrong PIN");
  await page.getByLabel("Code QR", { exact: true }).check();
  await page.getByLabel("Texte du code QR").fill(qr);
  await page.getByLabel("Code à 4 chiffres du code QR").fill("1234");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  assert.equal(await page.evaluate(() => localStorage.getItem("pronote.remember")), null, "no token kept without Rester connecté");
  await logOut(page);
  await page.getByText("Compte PRONOTE", { exact: true }).click(); // the label: the radios overlap
});

test("double authentication: the PIN is asked mid-login, then never again on this device", async () => {
  const { username, password } = env.fake.twoFactor;
  await logIn(page, username, password);
  await page.getByLabel("Code PIN").fill(env.fake.twoFactorPIN);
  assert.equal(await page.getByLabel("Nom de cet appareil").inputValue(), "Navigateur (pronote.js)");
  await page.getByLabel("Code PIN").press("Enter"); // the same as Valider
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  await logOut(page);
  await logIn(page, username, password);
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  assert.equal(await page.getByLabel("Code PIN").count(), 0, "a registered device is not asked");
  await logOut(page);
});

test("Rester connecté: off by default; a reload and a new tab need no password; log out forgets", async () => {
  const box = page.getByLabel("Rester connecté");
  assert.equal(await box.isChecked(), false);
  await box.check();
  await logIn(page, env.fake.student.username, env.fake.student.password);
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  const kept = await page.evaluate(() => localStorage.getItem("pronote.remember"));
  assert.ok(kept && JSON.parse(kept).token, "a token is kept");
  assert.ok(!kept.includes(env.fake.student.password), "never the password");

  const n = await logins();
  await page.reload(); // the tab's saved session: no login at all
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
  assert.equal(await logins(), n);

  const tab = await newTab(); // a new tab has no session of its own: one token login
  await tab.goto(env.pageURL);
  await tab.locator(".lesson").first().waitFor({ timeout: 30000 });
  assert.equal(await logins(), n + 1);
  const rotated = JSON.parse(await tab.evaluate(() => localStorage.getItem("pronote.remember"))).token;
  assert.notEqual(rotated, JSON.parse(kept).token, "the rotated token is stored at once");

  await logOut(tab);
  assert.equal(await tab.evaluate(() => localStorage.getItem("pronote.remember")), null);
  const third = await newTab();
  await third.goto(env.pageURL);
  await third.getByRole("heading", { name: "Connexion" }).waitFor();
  assert.equal(await logins(), n + 1, "no login after log out");
  await third.close();
  await tab.close();
  await logOut(page);
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
