// web/test/messaging.test.mjs: the Messagerie tab in a real browser, through the relay in
// workerd: the discussions with their unread counts, reading one (which marks it read on the
// server), replying, a new message to people picked in the recipient list, a closed discussion,
// the checks made before sending, the keyboard alone, a parent and each child, and a phone.
// What the interface sends is checked on the fake server (GET /__control/mailbox).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../../relay/testutil/workerd.mjs";
import { startDemoPage } from "./harness.mjs";

const today = process.env.UI_TEST_DATE || "2026-11-23";
const shots = join(repoRoot, "out/screenshots");
const open = "Question sur l'exercice 14";
const closed = "Conseil de classe du 1er trimestre";

let env;
let page;
const problems = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  ({ env, page } = await startDemoPage(today, problems));
});

after(async () => {
  await env?.stop();
});

const control = (path, method = "GET") => fetch(`${env.fake.origin}/__control/${path}`, { method });
/** mailbox is the account's discussions as the fake server holds them. */
const mailbox = async (kind) => {
  const username = kind === "parent" ? env.fake.parent.username : env.fake.student.username;
  const r = await control(`mailbox?kind=${kind}&username=${encodeURIComponent(username)}`);
  assert.equal(r.status, 200);
  return r.json();
};
const sent = async () => (await (await control("count?function=SaisieMessage")).json()).count;

async function logIn(user) {
  await page.getByRole("heading", { name: "Connexion" }).waitFor();
  await page.getByLabel(user === env.fake.parent ? "Parent" : "Élève", { exact: true }).check();
  await page.getByLabel("Identifiant", { exact: true }).fill(user.username);
  await page.getByLabel("Mot de passe").fill(user.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.locator(".lesson").first().waitFor({ timeout: 30000 });
}

async function openMessaging() {
  await page.getByRole("tab", { name: "Messagerie" }).click();
  await page.locator(".msg-disc").first().waitFor({ timeout: 30000 });
}

const discussion = (subject) => page.locator(".msg-disc", { hasText: subject });
const replyBox = () => page.getByLabel("Votre réponse");

async function shoot(name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** waitFor polls a condition of the fake server until it holds (the test's timeout bounds it). */
async function waitFor(check) {
  while (!(await check())) await new Promise((ok) => setTimeout(ok, 50));
}

/** tabTo presses Tab until the focused element fits check (at most 60 times). */
async function tabTo(check, shift = false) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
    if (await page.evaluate(check)) return;
  }
  throw new Error(`tabTo: never reached ${check}`);
}

const focused = () => page.evaluate(() => {
  const e = document.activeElement;
  return { tag: e.tagName.toLowerCase(), text: e.innerText ?? "", id: e.id, label: e.labels?.[0]?.innerText ?? "" };
});

test("the student sees the discussions, unread counts in words", async () => {
  await logIn(env.fake.student);
  await openMessaging();
  assert.equal(await page.locator(".msg-side > .msg-discs .msg-disc").count(), 2, "the inbox holds two discussions");
  assert.match(await page.locator(".msg-summary").innerText(), /^3 discussions, 1 avec des messages non lus$/);
  // The accessible name carries the subject, the participants, the date and the unread count.
  const unread = page.getByRole("button", { name: /Question sur l'exercice 14.*22 nov\. 2026.*De Léa MARTIN à M\. DUPONT.*1 message non lu/s });
  await unread.waitFor();
  assert.match(await discussion(closed).innerText(), /Fermée/);
  assert.doesNotMatch(await discussion(closed).innerText(), /non lu/);
  assert.equal(await page.locator(".msg-folder summary").innerText(), "Corbeille (1)");
  await shoot("desktop-messages");
});

test("opening a discussion shows its messages in order and marks it read on the server", async () => {
  assert.equal((await mailbox("student")).find((d) => d.subject === open).unread, 1);
  await discussion(open).click();
  await page.locator(".msg-item").nth(1).waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole("heading", { level: 2, name: open }).count(), 1);
  const authors = await page.locator(".msg-author").allInnerTexts();
  assert.deepEqual(authors, ["Léa MARTIN (vous)", "M. DUPONT"]);
  const dates = await page.locator(".msg-date").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.deepEqual(dates, ["2026-11-21T17:42:00", "2026-11-22T08:10:00"]);
  assert.match(await page.locator(".msg-date").first().innerText(), /^samedi 21 novembre 2026, 17h42$/);
  const second = page.locator(".msg-item").nth(1);
  assert.equal(await second.locator(".rich i").innerText(), "jointe", "the server's HTML, sanitised");
  const link = second.locator(".attachments a", { hasText: "correction-ex14.pdf" });
  assert.match(await link.getAttribute("href"), /^http:\/\/127\.0\.0\.1:\d+\/pronote\/FichiersExternes\//);
  assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
  await page.waitForFunction(() => !document.querySelector(".msg-disc.is-open .badge-unread"));
  assert.match(await page.locator(".msg-summary").innerText(), /Tout est lu/);
  assert.equal((await mailbox("student")).find((d) => d.subject === open).unread, 0);
});

test("an empty reply is refused before anything is sent", async () => {
  const before = await sent();
  await replyBox().fill("   ");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByText("Écrivez votre réponse avant de l'envoyer.").waitFor();
  assert.equal(await replyBox().getAttribute("aria-invalid"), "true");
  assert.equal(await focused().then((f) => f.id), "msg-reply-text");
  assert.equal(await sent(), before);
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("Bon");
  assert.equal(await replyBox().inputValue(), "Bon   ", "the caret stayed put through the redraw");
  assert.equal(await replyBox().getAttribute("aria-invalid"), null);
});

test("a failed reply keeps the text; sent again, the server holds it and the thread shows it", async () => {
  const text = "Merci, j'ai compris !\nJe refais la question b).";
  await replyBox().fill(text);
  const before = await sent();
  assert.equal((await control("fault?kind=server&g=21", "POST")).status, 200);
  await page.getByRole("button", { name: "Envoyer" }).click();
  const alert = page.locator("#msg-reply-error");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Votre texte est conservé/);
  assert.equal(await replyBox().inputValue(), text);
  assert.equal(await sent(), before, "nothing was sent, and nothing is sent again on its own");

  // While the server holds its answer, the button is disabled and the text cannot change.
  assert.equal((await control("fault?kind=hold-reply", "POST")).status, 200);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByRole("button", { name: "Envoi…" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Envoi…" }).isDisabled(), true);
  assert.equal(await replyBox().getAttribute("readonly"), "");
  assert.equal((await control("release", "POST")).status, 200);
  await page.getByText("Réponse envoyée.").waitFor({ timeout: 30000 });
  await page.locator(".msg-item").nth(2).waitFor();
  assert.equal(await page.locator(".msg-item").nth(2).locator(".msg-text").innerText(), text);
  assert.equal(await replyBox().inputValue(), "");
  assert.equal(await sent(), before + 1);
  const held = (await mailbox("student")).find((d) => d.subject === open);
  const last = held.messages.at(-1);
  assert.deepEqual([held.messages.length, last.content, last.mine], [3, text, true]);
  await page.waitForFunction(() => document.querySelector(".msg-disc.is-open")?.innerText.includes("3 messages"));
});

test("a reply sent while the language switches: still sending, then shown, sent once", async () => {
  const text = "Une réponse pendant le changement de langue";
  await replyBox().fill(text);
  const before = await sent();
  assert.equal((await control("fault?kind=hold-reply", "POST")).status, 200);
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByRole("button", { name: "Envoi…" }).waitFor();
  await page.getByRole("button", { name: "Switch to English" }).click();
  // The same screen in English: the reply is still on its way, its text kept meanwhile.
  await page.getByRole("button", { name: "Sending…" }).waitFor();
  assert.equal(await page.getByLabel("Your reply").inputValue(), text);
  assert.equal((await control("release", "POST")).status, 200);
  await waitFor(async () => (await sent()) === before + 1);
  await page.locator(".msg-item").nth(3).waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".msg-item").nth(3).locator(".msg-text").innerText(), text);
  assert.equal(await page.getByLabel("Your reply").inputValue(), "", "a reply PRONOTE took is no longer in the box");
  assert.equal(await sent(), before + 1, "sent once, never again");
  await page.getByRole("button", { name: "Passer en français" }).click();
});

test("a closed discussion has no reply form and says why", async () => {
  await discussion(closed).click();
  await page.locator(".msg-item").first().waitFor({ timeout: 30000 });
  await page.getByText("Cette discussion est fermée : on ne peut plus y répondre.").waitFor();
  assert.equal(await replyBox().count(), 0);
  assert.equal(await page.locator(".msg-pane form").count(), 0);
});

test("a new message: checks first, then to two people picked in the list; the server holds it", async () => {
  await page.getByRole("button", { name: "Nouveau message" }).click();
  await page.getByRole("heading", { name: "Nouveau message" }).waitFor();
  await page.getByLabel("M. DUPONT").waitFor({ timeout: 30000 });
  const before = await sent();
  await page.getByRole("button", { name: "Envoyer" }).click();
  const problemsBox = page.locator("#msg-compose-problems");
  await problemsBox.waitFor();
  assert.deepEqual(await problemsBox.locator("li").allInnerTexts(),
    ["Choisissez au moins un destinataire.", "Indiquez l'objet du message.", "Écrivez le message avant de l'envoyer."]);
  assert.equal(await page.getByLabel("Objet").getAttribute("aria-invalid"), "true");
  assert.equal(await sent(), before);

  const filter = page.getByLabel("Rechercher un nom, une matière ou une fonction");
  await filter.fill("dupont");
  assert.equal(await page.locator(".msg-people li:not([hidden])").count(), 1);
  const dupont = page.locator(".msg-people li", { hasText: "M. DUPONT" });
  assert.match(await dupont.innerText(), /Professeur[\s\S]*Mathématiques/);
  await page.getByLabel(/M\. DUPONT/).check();
  // A problem solved leaves the list at once; the focus stays on the box just ticked.
  await page.waitForFunction(() => document.querySelectorAll("#msg-compose-problems li").length === 2);
  assert.equal(await page.locator(".msg-to .field-error").count(), 0);
  assert.match((await focused()).label, /^M\. DUPONT/);
  await filter.fill("noel");
  assert.match(await page.locator(".msg-people li", { hasText: "Mme NOËL" }).innerText(), /Personnel[\s\S]*Conseillère principale/);
  assert.equal(await page.locator(".msg-people li:not([hidden])").count(), 2, "a chosen person stays in sight");
  await page.getByLabel(/Mme NOËL/).check();
  await filter.fill("zzz");
  await page.getByText("Aucune personne ne correspond à cette recherche.").waitFor();
  assert.equal(await page.locator("#msg-chosen").innerText(), "Destinataires choisis : M. DUPONT, Mme NOËL.");
  await shoot("desktop-messages-compose");
  // Typed key by key: the redraw that drops the problem keeps the caret where it is.
  await page.getByLabel("Objet").focus();
  await page.keyboard.type("Sortie au musée");
  assert.equal(await page.getByLabel("Objet").inputValue(), "Sortie au musée");
  assert.equal(await page.getByLabel("Objet").getAttribute("aria-invalid"), null);
  assert.deepEqual(await problemsBox.locator("li").allInnerTexts(), ["Écrivez le message avant de l'envoyer."]);
  await page.getByLabel("Message", { exact: true }).fill("Bonjour, à quelle heure part le car ?");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByRole("heading", { level: 2, name: "Sortie au musée" }).waitFor({ timeout: 30000 });
  await page.getByText("Message envoyé.").waitFor();
  await page.locator(".msg-item .msg-text", { hasText: "à quelle heure part le car" }).waitFor();
  assert.equal(await sent(), before + 1);
  const held = (await mailbox("student"))[0];
  assert.equal(held.subject, "Sortie au musée");
  assert.deepEqual(held.to, ["prof:M. DUPONT", "staff-noel"]);
  assert.equal(held.messages[0].content, "Bonjour, à quelle heure part le car ?");
});

test("the keyboard alone: open, reply, back, and a new message", async () => {
  await env.fake.control("reset");
  await page.getByRole("button", { name: "Actualiser" }).click();
  await page.waitForFunction(() => document.querySelectorAll(".msg-disc").length === 3);
  await page.getByRole("tab", { name: "Messagerie" }).focus();
  await tabTo(() => document.activeElement.classList.contains("msg-disc") && document.activeElement.innerText.includes("exercice 14"));
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.id === "msg-thread-title");
  await page.locator(".msg-item").nth(1).waitFor({ timeout: 30000 });
  await tabTo(() => document.activeElement.id === "msg-reply-text");
  await page.keyboard.type("Réponse au clavier");
  await tabTo(() => document.activeElement.innerText === "Envoyer");
  await page.keyboard.press("Enter");
  await page.getByText("Réponse envoyée.").waitFor({ timeout: 30000 });
  assert.equal((await mailbox("student")).find((d) => d.subject === open).messages.at(-1).content, "Réponse au clavier");
  // Ctrl+Enter in the text area sends too.
  await tabTo(() => document.activeElement.id === "msg-reply-text", true);
  await page.keyboard.type("Et avec Ctrl+Entrée");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => [...document.querySelectorAll(".msg-text")].some((t) => t.innerText === "Et avec Ctrl+Entrée"), null, { timeout: 30000 });

  await tabTo(() => document.activeElement.classList.contains("msg-back"), true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.classList.contains("msg-disc") && document.activeElement.innerText.includes("exercice 14"));
  await tabTo(() => document.activeElement.innerText === "Nouveau message", true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.id === "msg-compose-title");
  await page.locator("#msg-filter").waitFor({ timeout: 30000 });
  await tabTo(() => document.activeElement.id === "msg-filter");
  await page.keyboard.type("leroy");
  await page.keyboard.press("Tab");
  const box = await focused();
  assert.ok(box.tag === "input" && box.label.startsWith("Mme LEROY"), `focused ${JSON.stringify(box)}`);
  await page.keyboard.press("Space");
  await tabTo(() => document.activeElement.id === "msg-subject");
  await page.keyboard.type("Au clavier");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Bonjour Madame");
  await page.keyboard.press("Tab");
  assert.equal((await focused()).text, "Envoyer");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 2, name: "Au clavier" }).waitFor({ timeout: 30000 });
  const held = (await mailbox("student"))[0];
  assert.deepEqual([held.subject, held.to, held.messages[0].content], ["Au clavier", ["prof:Mme LEROY"], "Bonjour Madame"]);
});

test("a phone: the list, then the discussion alone with a way back", async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.locator(".msg-back").click();
  await discussion(open).waitFor();
  assert.equal(await page.locator(".msg-pane").isVisible(), false);
  // Nothing of the tab is wider than the phone. (The page as a whole is the tab bar's business:
  // with a fourth tab it is wider than 375 px until the phone menu of the shell lands.)
  const noScroll = () => page.evaluate(() => {
    const view = document.querySelector(".msg");
    const parts = [view, ...view.querySelectorAll("*")].filter((e) => e.getClientRects().length > 0);
    return parts.every((e) => e.getBoundingClientRect().right <= window.innerWidth && e.scrollWidth <= Math.max(e.clientWidth, e.getBoundingClientRect().width) + 1);
  });
  assert.equal(await noScroll(), true, "no horizontal scroll on the list");
  await shoot("phone-messages");
  await discussion(open).click();
  await page.locator(".msg-item").first().waitFor({ timeout: 30000 });
  assert.equal(await page.locator(".msg-side").isVisible(), false);
  assert.equal(await noScroll(), true, "no horizontal scroll on a discussion");
  await shoot("phone-messages-thread");
  await page.getByRole("button", { name: "← Toutes les discussions" }).click();
  await discussion(open).waitFor();
  await page.getByRole("button", { name: "Nouveau message" }).click();
  await page.locator(".msg-people li").first().waitFor({ timeout: 30000 });
  assert.equal(await noScroll(), true, "no horizontal scroll on the new message form");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("a parent: the parent's discussions whichever child; each child's teachers to write to", async () => {
  await env.fake.control("reset");
  await logIn(env.fake.parent);
  await openMessaging();
  await discussion("Absence de Léa jeudi").waitFor();
  assert.match(await discussion("Absence de Léa jeudi").innerText(), /1 message non lu/);
  assert.match(await discussion("Réunion parents-professeurs 6ème A").innerText(), /Fermée/);
  const subjects = () => page.locator(".msg-disc-subject").allTextContents();
  const first = await subjects();

  const teachersOf = async () => {
    await page.getByRole("button", { name: "Nouveau message" }).click();
    await page.locator(".msg-people li").first().waitFor({ timeout: 30000 });
    return page.locator(".msg-person").allInnerTexts();
  };
  const lea = await teachersOf();
  assert.ok(lea.includes("M. DUPONT") && !lea.includes("Mme GIRARD"), `Léa's: ${lea}`);
  await page.getByLabel(/Mme NOËL/).check();
  await page.getByLabel(/M\. DUPONT/).check();
  await page.getByLabel("Objet").fill("Sortie du jeudi");

  await page.getByLabel("Enfant").selectOption({ index: 1 });
  await page.locator(".msg-people li").first().waitFor({ timeout: 30000 });
  const hugo = await page.locator(".msg-person").allInnerTexts();
  assert.ok(hugo.includes("Mme GIRARD") && !hugo.includes("M. DUPONT"), `Hugo's: ${hugo}`);
  assert.equal(await page.getByLabel("Objet").inputValue(), "Sortie du jeudi", "the typed subject stays");
  assert.equal(await page.locator("#msg-chosen").innerText(), "Destinataires choisis : Mme NOËL.", "the other child's teacher is dropped");
  await page.getByLabel(/Mme GIRARD/).check();
  await page.getByLabel("Message", { exact: true }).fill("Bonjour, Hugo pourra-t-il partir à 16h ?");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await page.getByRole("heading", { level: 2, name: "Sortie du jeudi" }).waitFor({ timeout: 30000 });
  const held = (await mailbox("parent"))[0];
  assert.deepEqual([held.subject, held.to], ["Sortie du jeudi", ["staff-noel", "prof:Mme GIRARD"]]);
  assert.deepEqual(await subjects(), ["Sortie du jeudi", ...first], "the same discussions for the other child");
  await shoot("desktop-messages-parent");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
});

test("no console errors, no request off 127.0.0.1", () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(env.browser.offsite, []);
});
