// sw.js: the extension's service worker. It owns the one PRONOTE session (its order counter
// cannot be shared by two module instances): every popup opening reaches it through a
// chrome.runtime Port, the ENT login and the notification checks run here. After every call
// the session's state goes to chrome.storage.session, so a stopped worker resumes where it was.
import { load } from "./pronote.js"; // static: service workers forbid import()
import { K, defaultSettings, errorOf, minMinutes, spacePage } from "./common.js";
import { checkNow, baseline, clearNotices, stopChecks } from "./notify.js";

const pronote = load(); // the API alone (pronote-api.wasm): the popup draws the interface

let session = null; // the live session object of the module, or null
let child = ""; // the child the session is on (parent accounts)
let queue = Promise.resolve(); // one operation at a time: the session's calls are serialized

/** serial runs op after the operations already queued. */
function serial(op) {
  const run = queue.then(op, op);
  queue = run.catch(() => {});
  return run;
}

const local = chrome.storage.local;
const memory = chrome.storage.session; // memory only, this browser session, extension pages only

/** deviceUUID is this installation's id, made once. */
async function deviceUUID() {
  const got = (await local.get(K.device))[K.device];
  if (got) return got;
  const id = crypto.randomUUID();
  await local.set({ [K.device]: id });
  return id;
}

/** keepToken writes a rotated token into the kept record ("Rester connecté" only). */
async function keepToken(token) {
  const r = (await local.get(K.remember))[K.remember];
  if (r && token) await local.set({ [K.remember]: { ...r, token } });
}

/** save exports the session's state to chrome.storage.session. */
async function save() {
  if (!session) return;
  const state = await session.export();
  await memory.set({ [K.state]: { state, child } });
}

/** drop forgets the live session and its saved state (not the kept token). */
async function drop() {
  const s = session;
  session = null;
  child = "";
  await memory.remove(K.state);
  if (s) await s.close().catch(() => {});
}

/** hooks are the options that keep a remembered token current and log in again on expiry. */
async function hooks() {
  const r = (await local.get(K.remember))[K.remember];
  return r ? { autoRelogin: true, onToken: (t) => void keepToken(t) } : {};
}

/**
 * restore makes sure a session is live: the one in memory, else the saved state (a stopped
 * worker), else — with "Rester connecté" — a token login. It returns the session or null.
 */
async function restore() {
  if (session) return session;
  const api = await pronote;
  const saved = (await memory.get(K.state))[K.state];
  if (saved?.state) {
    try {
      session = await api.resume(saved.state, await hooks());
      child = saved.child ?? "";
      return session;
    } catch {
      await memory.remove(K.state);
    }
  }
  const r = (await local.get(K.remember))[K.remember];
  if (!r) return null;
  try {
    await tokenLogin(r.url, r.username, r.token, true);
  } catch (err) {
    if (err?.code === "BAD_CREDENTIALS") await local.remove(K.remember); // refused: forget it
    throw err;
  }
  return session;
}

/** tokenLogin logs in with a token (a kept one, or the ENT handshake's). */
async function tokenLogin(url, username, token, remember, onProgress) {
  const api = await pronote;
  const s = await api.login({
    url, username, token, deviceUUID: await deviceUUID(), onProgress,
    ...(remember ? { autoRelogin: true, onToken: (t) => void keepToken(t) } : {}),
  });
  await adopt(s, remember);
  return s;
}

/** adopt makes s the session, saves it, keeps its token when asked and sets the checks up. */
async function adopt(s, remember) {
  if (session && session !== s) await session.close().catch(() => {});
  session = s;
  child = s.user.children?.[0]?.id ?? "";
  await save();
  if (remember && s.token) {
    const st = await s.export();
    await local.set({ [K.remember]: { url: st.url, username: st.username, token: s.token } });
  } else if (!remember) {
    await local.remove(K.remember);
  }
  await local.remove(K.stopped);
  await schedule();
  void serial(() => baseline(checkDeps)); // after this login's answer: what is there now is not news
}

/** info is what the popup's interface needs of the session (ui.remoteInfo). */
async function info() {
  const st = await session.export();
  return JSON.stringify({
    user: session.user, periods: session.periods, url: st.url, username: st.username,
    identifiantNav: session.identifiantNav ?? undefined, child,
  });
}

// The positional arguments of the session methods that have some (the query object carries
// their values by name, so they are passed as undefined).
const positional = { markNewsRead: 2, messages: 1, reply: 2, setHomeworkDone: 2, download: 1 };
const methods = new Set(["timetable", "grades", "homework", "setHomeworkDone", "lessonContents", "attendance",
  "news", "markNewsRead", "discussions", "messages", "reply", "recipients", "sendMessage", "menus",
  "evaluations", "reportCard", "teachers", "download", "keepAlive"]);

/** call runs session[name](query) on the child asked for and saves the state after it. */
async function call(name, query, forChild) {
  if (!methods.has(name)) throw Object.assign(new Error("unknown method"), { code: "INVALID_ARGUMENT" });
  const s = await restore();
  if (!s) throw Object.assign(new Error("not logged in"), { code: "CLOSED" });
  try {
    if (forChild && forChild !== child) {
      await s.selectChild(forChild);
      child = forChild;
    }
    let r = await s[name](...new Array(positional[name] ?? 0).fill(undefined), JSON.parse(query || "{}"));
    if (name === "download") r = { name: r.name, type: r.type, bytes: base64(r.bytes) };
    return r === undefined ? undefined : JSON.stringify(r);
  } catch (err) {
    if (err?.code === "SESSION_EXPIRED" || err?.code === "CLOSED") await drop();
    throw err;
  } finally {
    if (session === s) await save().catch(() => {});
  }
}

function base64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** login is the popup's login form: a password (or QR code) login done here. */
async function login(text, onProgress) {
  const o = JSON.parse(text);
  const api = await pronote;
  const remember = !!o.remember && !o.qr;
  const s = await api.login({
    ...o, remember, deviceUUID: await deviceUUID(), onProgress,
    ...(remember ? { autoRelogin: true, onToken: (t) => void keepToken(t) } : {}),
  });
  await adopt(s, remember);
  return info();
}

/** logout ends the session and forgets everything this account left on the device. */
async function logout() {
  await drop();
  await local.remove([K.remember, K.seen, K.unseen, K.stopped]);
  await memory.remove(K.ent);
  await chrome.alarms.clear("preau.check");
  await clearNotices();
}

// The ENT login of protocol.md §12.1: the user logs in through the school's ENT in a real
// tab; the page then hands a mobile token (window.loginState), read by a main-world script
// on the PRONOTE origin only. The ENT password is typed only into the ENT's page.

/** startENT prepares the handshake, sets its cookies and opens the mobile page in a tab. */
async function startENT(root, kind, remember) {
  const api = await pronote;
  const url = spacePage(root, kind);
  const h = await api.prepareENT({ url, deviceUUID: await deviceUUID() });
  const origin = new URL(h.page).origin;
  for (const c of h.cookies) {
    await chrome.cookies.set({ url: origin + c.path, name: c.name, value: c.value, path: c.path });
  }
  const tab = await chrome.tabs.create({ url: h.page, active: true });
  await memory.set({ [K.ent]: { tabId: tab.id, origin, url, remember: !!remember } });
}

/** readENT looks for window.loginState in the ENT tab once a page of the school has loaded. */
async function readENT(tabId, pageURL) {
  const ent = (await memory.get(K.ent))[K.ent];
  if (!ent || ent.tabId !== tabId || !pageURL?.startsWith(ent.origin + "/")) return;
  let state;
  try {
    const [res] = await chrome.scripting.executeScript({
      target: { tabId }, world: "MAIN", func: () => (window.loginState ? JSON.stringify(window.loginState) : null),
    });
    state = res?.result ? JSON.parse(res.result) : null;
  } catch {
    return; // the tab left the school's origin, or is gone
  }
  if (!state) return; // not logged in yet: the user is on the way
  await memory.remove(K.ent);
  await chrome.tabs.remove(tabId).catch(() => {});
  for (const name of ["validationAppliMobile", "uuidAppliMobile", "appliMobile"]) {
    await chrome.cookies.remove({ url: ent.origin + "/", name }).catch(() => {});
  }
  if (state.status !== 0 || !state.login || !state.mdp) {
    await notice("preau:ent", "Connexion par l'ENT", "La connexion n'a pas abouti. Réessayez depuis Préau.");
    return;
  }
  try {
    await serial(() => tokenLogin(ent.url, state.login, state.mdp, ent.remember));
    await notice("preau:ent", "Préau", "Vous êtes connecté·e. Ouvrez Préau depuis la barre d'outils.");
  } catch (err) {
    await notice("preau:ent", "Connexion par l'ENT", "La connexion n'a pas abouti (" + errorOf(err).code + ").");
  }
}

chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === "complete") void readENT(tabId, tab.url);
});
chrome.tabs.onRemoved.addListener(async (tabId) => {
  const ent = (await memory.get(K.ent))[K.ent];
  if (ent?.tabId === tabId) await memory.remove(K.ent);
});

/** notice shows one notification. */
function notice(id, title, message) {
  return chrome.notifications.create(id, { type: "basic", iconUrl: "icon-128.png", title, message, priority: 0 });
}

// Notifications (notify.js): what the checks need from here.
const checkDeps = {
  session: () => session,
  restore,
  save,
  serial,
  notice,
  dropSession: drop,
};

/** schedule sets the check alarm from the settings (off when notifications are off). */
async function schedule() {
  const st = { ...defaultSettings, ...(await local.get(K.settings))[K.settings] };
  await chrome.alarms.clear("preau.check");
  const stopped = (await local.get(K.stopped))[K.stopped];
  if (!st.notify || stopped) return;
  const minutes = Math.max(minMinutes, Number(st.minutes) || defaultSettings.minutes);
  await chrome.alarms.create("preau.check", { delayInMinutes: minutes, periodInMinutes: minutes });
}

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === "preau.check") void checkNow(checkDeps);
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes[K.settings]) void schedule();
});

// The popup's Port: {id, op, args} in; {id, ok, value} or {id, ok: false, error}, and
// {id, progress} during a login, out.
const ops = {
  attach: () => serial(async () => ((await restore().catch(() => null)) ? info() : null)),
  login: (port, id, text) => serial(() => login(text, (step) => port.postMessage({ id, progress: step }))),
  call: (port, id, name, query, forChild) => serial(() => call(name, query, forChild)),
  logout: () => serial(logout),
  ent: (port, id, root, kind, remember) => startENT(root, kind, remember),
  seen: async () => {
    await local.set({ [K.unseen]: 0 });
    await chrome.action.setBadgeText({ text: "" });
  },
  status: async () => ({ stopped: (await local.get(K.stopped))[K.stopped] ?? null, logged: !!session || !!(await memory.get(K.state))[K.state] }),
};

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== "preau" || port.sender?.id !== chrome.runtime.id || !port.sender?.url?.startsWith(chrome.runtime.getURL(""))) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener(async ({ id, op, args }) => {
    const f = ops[op];
    try {
      if (!f) throw Object.assign(new Error("unknown operation"), { code: "INVALID_ARGUMENT" });
      const value = await (op === "attach" || op === "logout" || op === "seen" || op === "status" ? f() : f(port, id, ...(args ?? [])));
      port.postMessage({ id, ok: true, value });
    } catch (err) {
      try {
        port.postMessage({ id, ok: false, error: errorOf(err) });
      } catch {
        // the popup closed meanwhile
      }
    }
  });
});

chrome.runtime.onInstalled.addListener(() => void schedule());
