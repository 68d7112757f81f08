// Interop driver: an independent PRONOTE client (the npm package pawnote, pinned
// in /work/main/package.json) logs in to a PRONOTE space and reads a timetable,
// grades, attendance, menus and skill evaluations. Run against protocol/pronotetest's fake server, it proves that the fake
// speaks the real protocol, since pawnote was written against live servers and
// shares no code with this repository. pawnote is used as an installed test tool
// only (it is GPL); nothing of it is copied here.
//
// Usage:
//   node protocol/pronotetest/interop/pawnote.mjs --url http://127.0.0.1:PORT/pronote/ \
//     --username U --password P [--kind student|parent] [--uuid ID] [--child 0] \
//     [--from YYYY-MM-DD [--to YYYY-MM-DD]] [--period "Trimestre 1"] [--timeout 30] [--more]
//     [--mode credentials|token|qr] [--token T] [--qr '<QR JSON>' --pin 1234]
//   --mode token logs in with --username and --token (and --uuid), --mode qr with the QR
//   code's JSON text and its PIN (the URL comes from the QR code); the result then says
//   whether a token came back (gotToken) and whether it differs from --token (newToken).
//
// --more also reads the class book, the account and its iCal feed, marks one assignment done
// and fetches a file, over the --from/--to days, and reports them under "more".
//
// Prints ONE line of JSON on stdout and exits 0 on success:
//   {"ok":true,"user":"…","resource":"…","version":[2025,2,6],"lessons":N,
//    "subjects":[…],"firstLesson":{…},"periods":[…],"period":"…","grades":N,
//    "averages":N,"overall":15.5,"schoolLife":{"absences":N,…},"calls":["GET /pronote/mobile.eleve.html",
//    "FonctionParametres","Identification",…]}
// or {"ok":false,"error":"<ErrorName>: <message>","calls":[…]} and exits 1.
//
// Safety: every HTTP request pawnote makes goes through a fetcher that refuses any
// origin other than the one of --url, and --url must be a loopback address.
// pawnote works over plain http:// (it uses Node's global fetch).

import { parseArgs } from "node:util";
import * as pawnote from "pawnote";

let opt = {};
const argv = () => parseArgs({
  options: {
    url: { type: "string" },
    username: { type: "string" },
    password: { type: "string" },
    kind: { type: "string", default: "student" },
    uuid: { type: "string", default: "pronotetest-interop-device" },
    child: { type: "string", default: "0" },
    from: { type: "string" },
    to: { type: "string" },
    period: { type: "string" },
    timeout: { type: "string", default: "30" },
    mode: { type: "string", default: "credentials" }, // credentials | token | qr
    token: { type: "string" },
    qr: { type: "string" }, // the QR code's JSON text
    pin: { type: "string" },
    messaging: { type: "boolean", default: false },
    more: { type: "boolean", default: false },
  },
}).values;

const calls = [];

function finish(result, code) {
  process.stdout.write(JSON.stringify({ ...result, calls }) + "\n");
  process.exit(code);
}

function fail(err) {
  let text = err instanceof Error ? `${err.name}: ${err.message}` : `Error: ${String(err)}`;
  if (err?.cause) text += ` (${err.cause.code ?? err.cause.message})`; // e.g. "fetch failed (ECONNREFUSED)"
  for (const secret of [opt.password, opt.token, opt.pin]) {
    if (secret?.length >= 4) text = text.split(secret).join("***");
  }
  finish({ ok: false, error: text }, 1);
}

// "YYYY-MM-DD" -> local midnight (pawnote encodes dates in local time).
function localDate(text, flag) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!m) throw new Error(`--${flag} must be YYYY-MM-DD`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const pad = (n) => String(n).padStart(2, "0");
const stamp = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

// Reads a grade value ({kind, points}) as a number, or null.
const points = (v) => (v && typeof v.points === "number" && !Number.isNaN(v.points) ? v.points : null);

async function main() {
  const needed = { credentials: ["url", "username", "password"], token: ["url", "username", "token"], qr: ["qr", "pin"] }[opt.mode];
  if (!needed) throw new Error("--mode must be credentials, token or qr");
  for (const flag of needed) {
    if (!opt[flag]) throw new Error(`missing --${flag}`);
  }
  const kinds = { student: pawnote.AccountKind.STUDENT, parent: pawnote.AccountKind.PARENT };
  if (!(opt.kind in kinds)) throw new Error("--kind must be student or parent");

  const target = new URL(opt.mode === "qr" ? JSON.parse(opt.qr).url : opt.url);
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(target.hostname);
  if (!loopback) throw new Error(`refusing non-loopback host ${target.hostname}`);

  // Only ever talk to the given origin; record the function name of each call.
  const fetcher = async (req) => {
    if (req.url.origin !== target.origin) throw new Error(`refusing request to ${req.url.origin}`);
    if (req.method === "POST") {
      try {
        const body = JSON.parse(req.content);
        calls.push(body.id ?? body.nom ?? "?");
      } catch {
        calls.push("?");
      }
    } else {
      calls.push(`GET ${req.url.pathname}`);
    }
    return defaultFetch(req);
  };

  const session = pawnote.createSessionHandle(fetcher);
  let refresh;
  if (opt.mode === "token") {
    refresh = await pawnote.loginToken(session, {
      url: opt.url, kind: kinds[opt.kind], username: opt.username, token: opt.token, deviceUUID: opt.uuid,
    });
  } else if (opt.mode === "qr") {
    refresh = await pawnote.loginQrCode(session, { qr: JSON.parse(opt.qr), pin: opt.pin, deviceUUID: opt.uuid });
  } else {
    refresh = await pawnote.loginCredentials(session, {
      url: opt.url, kind: kinds[opt.kind], username: opt.username, password: opt.password, deviceUUID: opt.uuid,
    });
  }

  if (opt.kind === "parent") pawnote.use(session, Number(opt.child));
  const resource = session.userResource;
  if (!resource) throw new Error(`no resource (child) number ${opt.child}`);

  // Timetable: the given date range, or the current week.
  const timetable = opt.from
    ? await pawnote.timetableFromIntervals(session, localDate(opt.from, "from"), opt.to ? localDate(opt.to, "to") : undefined)
    : await pawnote.timetableFromWeek(session, pawnote.translateToWeekNumber(new Date(), session.instance.firstMonday));
  const lessons = timetable.classes.filter((c) => c.is === "lesson");
  const subjects = [...new Set(lessons.map((c) => c.subject?.name).filter(Boolean))];
  const first = timetable.classes[0];

  // Grades: the named period, else the grades tab's first period, else the first
  // period of the instance.
  const gradesTab = resource.tabs.get(pawnote.TabLocation.Grades);
  const periods = gradesTab?.periods.length ? gradesTab.periods : session.instance.periods;
  const period = opt.period ? periods.find((p) => p.name === opt.period || p.id === opt.period) : periods[0];
  if (!period) throw new Error(`no grade period${opt.period ? ` named ${opt.period}` : ""}`);
  const grades = await pawnote.gradesOverview(session, period);
  const messaging = opt.messaging ? await newsAndMessaging(session) : undefined;
  const schoolLife = await readSchoolLife(session, period);
  const more = opt.more ? await moreCalls(session, target, localDate(opt.from, "from"), localDate(opt.to ?? opt.from, "to")) : undefined;

  return {
    messaging,
    ok: true,
    // Whether the login returned a token, and a new one: the token itself is never printed.
    gotToken: typeof refresh?.token === "string" && refresh.token.length > 0,
    newToken: typeof refresh?.token === "string" && refresh.token.length > 0 && refresh.token !== opt.token,
    user: session.user.name,
    resource: resource.name,
    version: session.instance.version,
    lessons: timetable.classes.length,
    subjects: subjects.slice(0, 5),
    firstLesson: first && {
      start: stamp(first.startDate),
      end: stamp(first.endDate),
      subject: first.subject?.name ?? null,
    },
    periods: periods.map((p) => p.name),
    period: period.name,
    grades: grades.grades.length,
    averages: grades.subjectsAverages.length,
    overall: points(grades.overallAverage),
    schoolLife,
    more,
  };
}

// fetchSameOrigin GETs url, which must be on the origin of --url (files, the iCal feed).
async function fetchSameOrigin(target, url) {
  if (new URL(url).origin !== target.origin) throw new Error("refusing a request to another origin");
  calls.push(`GET ${new URL(url).pathname.split("/").slice(0, 3).join("/")}`);
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get("content-type"), body: Buffer.from(await res.arrayBuffer()) };
}

// moreCalls: the class book, the account and its iCal feed, one assignment marked done and
// the first file, as pawnote sees them, for the days from..to (both included).
async function moreCalls(session, target, from, to) {
  const end = new Date(to.getTime() + 86399000); // pawnote keeps what ends by this instant
  const resources = await pawnote.resourcesFromIntervals(session, from, end);
  const account = await pawnote.account(session);
  let ical = null;
  if (account.iCalToken) {
    const feed = await fetchSameOrigin(target, pawnote.timetableICalURL(session, account.iCalToken));
    ical = { status: feed.status, type: feed.type, calendar: feed.body.toString().startsWith("BEGIN:VCALENDAR") };
  }
  const before = await pawnote.assignmentsFromIntervals(session, from, end);
  const item = before.find((a) => !a.done);
  let marked = null;
  if (item) {
    await pawnote.assignmentStatus(session, item.id, true);
    const after = await pawnote.assignmentsFromIntervals(session, from, end);
    const changed = after.filter((a) => a.done !== before.find((b) => b.id === a.id)?.done).map((a) => a.id);
    marked = { done: after.find((a) => a.id === item.id)?.done ?? null, changed: changed.length };
  }
  const files = [...resources.flatMap((r) => r.contents.flatMap((c) => c.files)), ...before.flatMap((a) => a.attachments)]
    .filter((f) => f.kind === pawnote.AttachmentKind.File);
  let file = null;
  if (files.length > 0) {
    const got = await fetchSameOrigin(target, files[0].url);
    file = { name: files[0].name, status: got.status, type: got.type, pdf: got.body.subarray(0, 5).toString() === "%PDF-" };
  }
  return {
    resources: resources.length,
    linked: resources.filter((r) => r.haveAssignment).length,
    contents: resources.reduce((n, r) => n + r.contents.length, 0),
    account: { city: account.city, email: account.email ?? "", ine: account.INE },
    ical, marked, file,
  };
}

// Attendance (notebook) and skills of the period, the menus of the --from week (or this one):
// how many of each pawnote read.
async function readSchoolLife(session, period) {
  const notebook = await pawnote.notebook(session, period);
  const week = await pawnote.menus(session, opt.from ? localDate(opt.from, "from") : new Date());
  const evaluations = await pawnote.evaluations(session, period);
  return {
    absences: notebook.absences.length,
    delays: notebook.delays.length,
    punishments: notebook.punishments.length,
    observations: notebook.observations.length,
    measures: notebook.precautionaryMeasures.length,
    menuDays: week.days.length,
    evaluations: evaluations.length,
    skills: evaluations.reduce((n, e) => n + e.skills.length, 0),
  };
}

// With --messaging: the news, marking the first one read, the discussions, the first one's
// messages, a reply to it and the teachers one can write to, as pawnote reads and writes them.
async function newsAndMessaging(session) {
  // pawnote updates the objects it is given after a write: keep the figures before it.
  const news = await pawnote.news(session);
  const firstRead = [news.items[0].read];
  await pawnote.newsRead(session, news.items[0], true);
  firstRead.push((await pawnote.news(session)).items[0].read);
  const { items } = await pawnote.discussions(session);
  const messages = [(await pawnote.discussionMessages(session, items[0])).sents.length];
  await pawnote.discussionSendMessage(session, items[0], "Merci (pawnote)");
  messages.push((await pawnote.discussionMessages(session, items[0])).sents.length);
  const teachers = await pawnote.newDiscussionRecipients(session, pawnote.EntityKind.Teacher);
  return { news: news.items.length, firstRead, discussions: items.length, messages, teachers: teachers.length };
}

// Same behaviour as pawnote's own default fetcher (Node's fetch), which it does not export.
async function defaultFetch(req) {
  const response = await fetch(req.url.href, {
    redirect: req.redirect ?? "follow",
    headers: req.headers ?? {},
    method: req.method ?? "GET",
    body: req.content,
  });
  return { status: response.status, content: await response.text(), headers: response.headers };
}

try {
  opt = argv();
} catch (err) {
  fail(err);
}
setTimeout(() => fail(new Error(`timed out after ${opt.timeout}s`)), Number(opt.timeout) * 1000).unref();
main().then((result) => finish(result, 0), fail);
