// options.js: the school's address (and its host permission, asked for at run time) and the
// notification settings.
import { K, defaultSettings, minMinutes, originPattern, schoolRoot } from "./common.js";

const $ = (id) => document.getElementById(id);
const local = chrome.storage.local;

/** grantSchool asks for the permission of the school's origin only, then keeps the address. */
export async function grantSchool(input) {
  const root = schoolRoot(input);
  if (!root) return { ok: false, text: "Cette adresse n'est pas une adresse web valide (https://…)." };
  const granted = await chrome.permissions.request({ origins: [originPattern(root)] });
  if (!granted) return { ok: false, text: "Sans cette autorisation, Préau ne peut pas joindre PRONOTE." };
  await local.set({ [K.school]: root });
  return { ok: true, text: "Enregistré : " + root };
}

async function main() {
  const root = (await local.get(K.school))[K.school];
  if (root) $("school").value = root;
  $("school-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const r = await grantSchool($("school").value);
    $("school-status").textContent = r.text;
  });
  const st = { ...defaultSettings, ...(await local.get(K.settings))[K.settings] };
  $("notify").checked = st.notify;
  $("minutes").value = st.minutes;
  $("quiet-from").value = st.quietFrom;
  $("quiet-to").value = st.quietTo;
  for (const k of ["holidays", "grades", "homework", "messages", "news"]) $(k).checked = st[k];
  $("notify-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const hour = (id, d) => {
      const v = Math.round(Number($(id).value));
      return $(id).value !== "" && v >= 0 && v <= 23 ? v : d;
    };
    const next = {
      notify: $("notify").checked,
      minutes: Math.max(minMinutes, Math.round(Number($("minutes").value)) || defaultSettings.minutes),
      quietFrom: hour("quiet-from", defaultSettings.quietFrom), quietTo: hour("quiet-to", defaultSettings.quietTo),
      holidays: $("holidays").checked,
      grades: $("grades").checked, homework: $("homework").checked, messages: $("messages").checked, news: $("news").checked,
    };
    await local.set({ [K.settings]: next });
    $("minutes").value = next.minutes;
    $("notify-status").textContent = "Réglages enregistrés.";
  });
}

void main();
