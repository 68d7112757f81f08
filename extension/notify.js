// notify.js: the periodic check for new grades, homework, messages and news (chrome.alarms),
// the badge and one notification per new item. What was already seen is kept in
// chrome.storage.local as keys made of each item's content (PRONOTE's ids are numbers of one
// session: a new session renumbers them), so only new items notify.
import { K, defaultSettings } from "./common.js";

const local = chrome.storage.local;

/** The kinds checked: the call each needs, the items of its answer and what a notification says. */
const kinds = {
  grades: {
    fetch: (s) => s.grades({}),
    items: (r) => r.grades ?? [],
    key: (g) => [g.subject, g.date, JSON.stringify(g.grade), g.outOf, g.comment ?? ""].join("|"),
    text: (g) => ["Nouvelle note", `${g.subject} : ${markText(g.grade)}${g.outOf ? "/" + g.outOf : ""}`],
  },
  homework: {
    fetch: (s) => s.homework({ from: isoDate(new Date()), to: isoDate(new Date(Date.now() + 14 * 864e5)) }),
    items: (r) => r ?? [],
    key: (h) => [h.subject, h.due, h.text].join("|"),
    text: (h) => ["Nouveau travail à faire", `${h.subject}, pour le ${h.due} : ${clip(h.text)}`],
  },
  messages: {
    fetch: (s) => s.discussions({}),
    items: (r) => (r ?? []).filter((d) => d.unread > 0 && d.folder === "inbox"),
    key: (d) => [d.subject, d.creator ?? "", d.messages].join("|"),
    text: (d) => ["Nouveau message", `${d.creator ? d.creator + " : " : ""}${clip(d.subject)}`],
  },
  news: {
    fetch: (s) => s.news({}),
    items: (r) => (r ?? []).filter((n) => !n.read),
    key: (n) => [n.title, n.created ?? n.start ?? "", n.author ?? ""].join("|"),
    text: (n) => ["Nouvelle information", clip(n.title)],
  },
};

function markText(m) {
  if (m == null) return "";
  if (typeof m !== "object") return String(m);
  if (typeof m.value === "number") return String(m.value).replace(".", ",");
  return { absent: "absent", exempted: "dispensé" }[m.kind] ?? String(m.kind ?? "");
}

function clip(text) {
  const t = String(text ?? "").replace(/\s+/g, " ").trim();
  return t.length > 120 ? t.slice(0, 119) + "…" : t;
}

function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function settings() {
  return { ...defaultSettings, ...(await local.get(K.settings))[K.settings] };
}

/** quiet tells whether now is in the quiet hours (the night by default). */
export function quiet(st, now = new Date()) {
  const from = Number(st.quietFrom), to = Number(st.quietTo), h = now.getHours();
  if (from === to) return false;
  return from < to ? h >= from && h < to : h >= from || h < to;
}

/** account names the logged-in account in the seen record: another account starts afresh. */
async function account(s) {
  const st = await s.export();
  return st.url + "|" + st.username + "|" + (st.child ?? "");
}

/**
 * run fetches each enabled kind and returns the new items; with record only it marks what is
 * there as seen (after a login). A kind never seen for this account is recorded, not notified.
 */
async function run(deps, s, record) {
  const st = await settings();
  const acct = await account(s);
  const prev = (await local.get(K.seen))[K.seen];
  const seen = prev?.account === acct ? prev : { account: acct };
  const fresh = [];
  for (const [name, kind] of Object.entries(kinds)) {
    if (!st[name]) continue;
    const items = kind.items(await kind.fetch(s));
    const keys = items.map(kind.key);
    if (!record && seen[name]) {
      const old = new Set(seen[name]);
      items.forEach((it, i) => old.has(keys[i]) || fresh.push({ name, key: keys[i], item: it }));
    }
    seen[name] = [...new Set([...(seen[name] ?? []), ...keys])].slice(-500);
  }
  await local.set({ [K.seen]: seen });
  await deps.save();
  return fresh;
}

/** baseline records what the account has now, without notifying (after a login). */
export async function baseline(deps) {
  const s = deps.session();
  if (!s) return;
  const prev = (await local.get(K.seen))[K.seen];
  if (prev?.account === (await account(s))) return; // the same account logged in again
  await run(deps, s, true).catch(() => {});
}

/** holiday tells whether the school is off today: no lesson in the coming week (one call a day). */
async function holiday(s) {
  const today = isoDate(new Date());
  const memo = (await chrome.storage.session.get("preau.holiday"))["preau.holiday"];
  if (memo?.day === today) return memo.off;
  const lessons = await s.timetable({ from: today, to: isoDate(new Date(Date.now() + 6 * 864e5)) });
  const off = !lessons.some((l) => !l.cancelled);
  await chrome.storage.session.set({ "preau.holiday": { day: today, off } });
  return off;
}

/**
 * checkNow is one check (the alarm's): nothing in the quiet hours or once stopped; the saved
 * session, or one token login when it expired (the module's autoRelogin, once); a refused
 * login stops the checks and says so.
 */
export function checkNow(deps) {
  return deps.serial(async () => {
    const st = await settings();
    if (!st.notify || (await local.get(K.stopped))[K.stopped] || quiet(st)) return [];
    let s;
    try {
      s = await deps.restore();
      if (!s) return [];
      if (st.holidays && (await holiday(s))) return [];
      const fresh = await run(deps, s, false);
      await announce(deps, fresh);
      return fresh.map((f) => f.name);
    } catch (err) {
      if (err?.code === "BAD_CREDENTIALS" || err?.code === "SESSION_EXPIRED") {
        await stopChecks(deps, err.code);
        if (err.code === "SESSION_EXPIRED") await deps.dropSession();
      }
      return [];
    }
  });
}

/** announce raises the badge by the new items and shows a notification for each. */
async function announce(deps, fresh) {
  if (fresh.length === 0) return;
  const count = ((await local.get(K.unseen))[K.unseen] ?? 0) + fresh.length;
  await local.set({ [K.unseen]: count });
  await chrome.action.setBadgeBackgroundColor({ color: "#1d4ed8" });
  await chrome.action.setBadgeText({ text: count > 99 ? "99+" : String(count) });
  for (const f of fresh) {
    const [title, message] = kinds[f.name].text(f.item);
    await deps.notice(`preau:${f.name}:${f.key}`.slice(0, 500), title, message);
  }
}

/** stopChecks ends the checks after a refused login and tells the user. */
export async function stopChecks(deps, code) {
  await local.set({ [K.stopped]: code });
  await chrome.alarms.clear("preau.check");
  await chrome.action.setBadgeBackgroundColor({ color: "#b91c1c" });
  await chrome.action.setBadgeText({ text: "!" });
  await deps.notice("preau:stopped", "Préau : reconnexion nécessaire",
    "La connexion a expiré ou n'est plus acceptée. Ouvrez Préau et reconnectez-vous pour recevoir à nouveau les notifications.");
}

/** clearNotices removes the badge and this extension's notifications (logout). */
export async function clearNotices() {
  await chrome.action.setBadgeText({ text: "" });
  const all = await chrome.notifications.getAll();
  for (const id of Object.keys(all)) await chrome.notifications.clear(id);
}
