// popup.js: the toolbar popup. It mounts the ready-made interface (pronote.wasm, the UI build)
// over the service worker's session: mount(el, {backend}) sends every login and data call
// through a chrome.runtime Port, so the popup holds no session of its own.
import { load } from "./pronote.js";
import { K, originPattern, schoolRoot } from "./common.js";

let port = null;
let next = 0;
const pending = new Map();

/** connect opens the Port to the service worker (again, after the worker was stopped). */
function connect() {
  port = chrome.runtime.connect({ name: "preau" });
  port.onMessage.addListener((m) => {
    const p = pending.get(m.id);
    if (!p) return;
    if ("progress" in m) return void p.progress?.(m.progress);
    pending.delete(m.id);
    if (m.ok) p.ok(m.value);
    else p.fail(Object.assign(new Error(m.error.message), { code: m.error.code }));
  });
  port.onDisconnect.addListener(() => {
    port = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.fail(Object.assign(new Error("the extension's service worker stopped during the call"), { code: "NETWORK_ERROR" }));
    }
  });
}

/** request runs one operation in the service worker. */
function request(op, args = [], progress) {
  if (!port) connect();
  const id = ++next;
  return new Promise((ok, fail) => {
    pending.set(id, { ok, fail, progress });
    port.postMessage({ id, op, args });
  });
}

const $ = (id) => document.getElementById(id);

/** showENT shows the ENT login when nobody is logged in and the school is set. */
function showENT(on) {
  $("ent").hidden = !on || !school;
}

const backend = {
  attach: async () => {
    const v = await request("attach");
    showENT(!v);
    return v;
  },
  login: async (options, onProgress) => {
    const v = await request("login", [options], onProgress);
    showENT(false);
    return v;
  },
  call: (name, query, child) => request("call", [name, query, child ?? ""]),
  logout: async () => {
    await request("logout");
    showENT(true);
  },
};

let school = null;

async function main() {
  $("open-options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  school = schoolRoot((await chrome.storage.local.get(K.school))[K.school]);
  const granted = school && (await chrome.permissions.contains({ origins: [originPattern(school)] }));
  if (!granted) school = null;
  const status = await request("status");
  void request("seen"); // the popup is open: the badge's news are seen
  if (status.stopped) {
    $("stopped").textContent = "Les notifications sont arrêtées : la connexion a expiré. Reconnectez-vous pour les recevoir à nouveau.";
    $("stopped").hidden = false;
  }
  if (!granted && !status.logged) {
    $("setup").hidden = false;
    return;
  }
  $("ent-login").addEventListener("click", async () => {
    $("ent-error").hidden = true;
    const kind = document.querySelector('input[name="ent-kind"]:checked').value;
    try {
      await request("ent", [school, kind, $("ent-remember").checked]);
    } catch (err) {
      $("ent-error").textContent = "La connexion par l'ENT n'a pas pu commencer (" + (err.code ?? "erreur") + ").";
      $("ent-error").hidden = false;
    }
  });
  const pronote = await load({ ui: true });
  await pronote.mount($("app"), { url: school ?? "", backend });
}

main().catch((err) => {
  $("app").textContent = "Préau n'a pas pu démarrer (" + (err?.code ?? "erreur") + ").";
});
