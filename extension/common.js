// common.js: what the service worker, the popup and the options page share: where things are
// kept and how a school's address is read.

/** Keys in chrome.storage.local (kept on the device) and chrome.storage.session (memory only). */
export const K = {
  school: "preau.school", // local: the school's PRONOTE root, e.g. "https://x.index-education.net/pronote/"
  device: "preau.device", // local: this installation's device UUID (tokens are bound to it)
  remember: "preau.remember", // local: {url, username, token} — only with "Rester connecté"
  settings: "preau.settings", // local: the notification settings
  seen: "preau.seen", // local: the ids already seen, by kind, for the notifications
  unseen: "preau.unseen", // local: the badge's count
  stopped: "preau.stopped", // local: why the checks stopped (a refused login), or absent
  state: "preau.state", // session: {state: session.export(), child}
  ent: "preau.ent", // session: the ENT login waiting in a tab {tabId, origin, url, remember}
};

/** The notification settings' defaults. quietFrom === quietTo means no quiet hours. */
export const defaultSettings = {
  notify: true, minutes: 30, quietFrom: 21, quietTo: 7, holidays: true, // holidays: pause during school holidays
  grades: true, homework: true, messages: true, news: true,
};

/** The checks are never more frequent than this (minutes). */
export const minMinutes = 15;

/**
 * schoolRoot reads what a user typed as the school's address into the PRONOTE root (ending
 * in "/"), or null: "x.index-education.net/pronote/eleve.html" → "https://x.index-education.net/pronote/".
 */
export function schoolRoot(input) {
  let text = String(input ?? "").trim();
  if (!text) return null;
  if (!text.includes("://")) text = "https://" + text;
  let u;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && !(u.protocol === "http:" && ["127.0.0.1", "localhost"].includes(u.hostname))) return null;
  let dir = u.pathname;
  if (dir.toLowerCase().endsWith(".html")) dir = dir.slice(0, dir.lastIndexOf("/") + 1);
  if (!dir.endsWith("/")) dir += "/";
  if (dir === "/") dir = "/pronote/";
  return u.origin + dir;
}

/** originPattern is the host permission a school's root needs: "https://host/*". */
export function originPattern(root) {
  const u = new URL(root);
  return `${u.protocol}//${u.hostname}/*`;
}

/** spacePage is the space page of kind ("student" or "parent") under a school's root. */
export function spacePage(root, kind) {
  return root + (kind === "parent" ? "parent.html" : "eleve.html");
}

/** errorOf turns a module error into a plain object that crosses chrome.runtime messaging. */
export function errorOf(err) {
  return { code: typeof err?.code === "string" ? err.code : "INTERNAL_ERROR", message: String(err?.message ?? "unknown error") };
}
