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

const app = document.getElementById("app");
try {
  const pronote = await load({ ui: true });
  await pronote.mount(app, { relay: setting("relay"), url: setting("school"), demo: demoSetting(), lang: setting("lang") });
} catch (e) {
  app.textContent = "";
  const p = document.createElement("p");
  p.className = "boot";
  p.textContent = `PRONOTE n'a pas pu démarrer / could not start: ${e?.message ?? e}`;
  app.append(p);
  console.error(e);
}
