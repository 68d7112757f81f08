// app.js: the static demo page's bootstrap (index.html). It loads pronote.wasm through
// pronote.js and mounts the ready-made interface. The page is configured by query parameters
// or, failing those, by <meta name="pronote-…"> tags, so the same static files work on any host:
//
//   relay   the relay's address, e.g. https://relay.example.workers.dev
//   school  the school address the login form starts with
//   demo    a demonstration school: its address, or JSON {url, student: {username, password}, parent}
//   lang    "en" to start in English (French by default)
import { load } from "./pronote.js";

function setting(name) {
  const q = new URLSearchParams(location.search).get(name);
  if (q !== null) return q.trim();
  return document.querySelector(`meta[name="pronote-${name}"]`)?.content.trim() ?? "";
}

function demoSetting() {
  const raw = setting("demo");
  if (raw === "") return undefined;
  if (!raw.startsWith("{")) return { url: raw };
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

// The words of the boot screen, before the module (and its texts) are there.
const english = /^en/i.test(setting("lang") || storedLang());
const words = english
  ? { loading: "Loading Préau…", of: "of", received: "received", failed: "Préau could not load:", retry: "Try again", title: "Préau · a free client for PRONOTE" }
  : { loading: "Chargement de Préau…", of: "sur", received: "reçus", failed: "Préau n'a pas pu se charger :", retry: "Réessayer", title: "Préau · un client libre pour PRONOTE" };

function storedLang() {
  try {
    return localStorage.getItem("pronote.lang") ?? "";
  } catch {
    return "";
  }
}

function megabytes(n) {
  return `${(n / 1e6).toLocaleString(english ? "en" : "fr", { minimumFractionDigits: 1, maximumFractionDigits: 1 })}${english ? " MB" : " Mo"}`;
}

function el(tag, props = {}, ...kids) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

const app = document.getElementById("app");

// boot loads the module with a progress bar, then mounts the interface; a failure offers a retry.
async function boot() {
  document.title = words.title;
  document.documentElement.lang = english ? "en" : "fr";
  const bar = el("progress", { className: "boot-bar" });
  const text = el("span", { className: "boot-bytes" });
  const status = el("div", { className: "boot", role: "status" }, el("p", {}, words.loading), bar, el("p", {}, text));
  bar.setAttribute("aria-label", words.loading);
  app.replaceChildren(status);
  let pronote;
  try {
    pronote = await load({
      ui: true,
      onProgress({ loaded, total }) {
        if (total) {
          bar.max = total;
          bar.value = loaded;
          text.textContent = `${megabytes(loaded)} ${words.of} ${megabytes(total)}`;
        } else {
          bar.removeAttribute("value"); // indeterminate: only the bytes received are known
          text.textContent = `${megabytes(loaded)} ${words.received}`;
        }
      },
    });
  } catch (e) {
    const retry = el("button", { type: "button", className: "boot-retry" }, words.retry);
    retry.addEventListener("click", () => boot());
    const alert = el("div", { className: "boot boot-error", role: "alert" }, el("p", {}, `${words.failed} ${e?.message ?? e}`), retry);
    app.replaceChildren(alert);
    retry.focus();
    return;
  }
  try {
    await pronote.mount(app, { relay: setting("relay"), url: setting("school"), demo: demoSetting(), lang: setting("lang") });
  } catch (e) {
    app.replaceChildren(el("p", { className: "boot boot-error", role: "alert" }, `${words.failed} ${e?.message ?? e}`));
    console.error(e);
  }
}

boot();
