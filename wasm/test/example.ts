// Type-checked by ./build.sh test (tsc --strict --noEmit): uses every type pronote.d.ts exports.
import {
  load, isPronoteError,
  type AccountKind, type Attachment, type CallOptions, type Child, type DateString, type DateTimeString,
  type ErrorCode, type Grade, type GradeKind, type Grades, type GradesQuery, type Homework, type HomeworkQuery,
  type Lesson, type LoadOptions, type LoginOptions, type LoginStep, type Mark, type Period, type Pronote,
  type PronoteError, type RawCallOptions, type ResumeOptions, type Session, type SessionState,
  type SubjectAverage, type TimetableQuery, type User,
  type PasswordLogin, type TokenLogin, type QRLogin, type ENTCookiesLogin, type TwoFactorNeed, type TwoFactorAnswer,
  type PrepareENTOptions, type ENTHandshake,
} from "../../web/pronote.js";
import {
  type Absence, type Attendance, type AttendanceQuery, type Delay, type Evaluation, type EvaluationsQuery,
  type MenuDay, type MenusQuery, type Observation, type Punishment, type ReportCard, type ReportCardQuery,
} from "../../web/pronote.js";

// The other ways to log in, typed.
export async function otherLogins(pronote: Pronote, qrText: string): Promise<string | null> {
  const remember: PasswordLogin = {
    url: "http://127.0.0.1:8080/pronote/eleve.html", username: "double", password: "pronotevs", remember: true,
    deviceUUID: "0f8e…", autoRelogin: true, onToken: (t: string) => localStorage.setItem("token", t),
    onTwoFactor: async (need: TwoFactorNeed): Promise<TwoFactorAnswer> => (need.pin ? { pin: "1234", deviceName: "Mon PC" } : null),
  };
  const s = await pronote.login(remember);
  const byToken: TokenLogin = { url: "http://127.0.0.1:8080/pronote/eleve.html", username: s.username ?? "", token: s.token ?? "", deviceUUID: "0f8e…" };
  const qr: QRLogin = { qr: { data: qrText, pin: "1234" }, deviceUUID: "0f8e…", pin: "1234", deviceName: "Mon PC" };
  const ent: ENTCookiesLogin = { url: "https://x.index-education.net/pronote/eleve.html", entCookies: ["a=b"] };
  const prep: PrepareENTOptions = { url: "https://x.index-education.net/pronote/eleve.html", deviceUUID: "0f8e…" };
  const h: ENTHandshake = await pronote.prepareENT(prep);
  console.log(h.page, h.cookies.map((c) => c.name), s.identifiantNav);
  for (const o of [byToken, qr, ent]) await (await pronote.login(o)).close();
  return s.token;
}

export async function example(bytes: ArrayBuffer): Promise<void> {
  const loadOptions: LoadOptions = { wasm: bytes };
  const pronote: Pronote = await load(loadOptions);
  const ac = new AbortController();
  const steps: LoginStep[] = [];
  const options: LoginOptions = {
    url: "http://127.0.0.1:8080/pronote/eleve.html", username: "demonstration", password: "pronotevs",
    deviceUUID: "0f8e…", onProgress: (step) => steps.push(step), signal: ac.signal,
  };
  let session: Session;
  try {
    session = await pronote.login(options);
  } catch (err) {
    if (isPronoteError(err)) {
      const e: PronoteError = err;
      const code: ErrorCode = e.code;
      console.log(code, e.message, e.argument ?? "", e.relayCode ?? "");
    }
    return;
  }
  const user: User = session.user;
  const kind: AccountKind = user.kind;
  const children: Child[] = user.children ?? [];
  if (children.length > 0) await session.selectChild(children[0].id);
  const periods: Period[] = session.periods;
  const from: DateString = "2026-11-23";
  const week: TimetableQuery = { week: 12 };
  const range: TimetableQuery = { from, to: "2026-11-29", signal: ac.signal };
  const lessons: Lesson[] = [...(await session.timetable(week)), ...(await session.timetable(range))];
  const start: DateTimeString | undefined = lessons[0]?.start;
  const gq: GradesQuery = { period: periods[0].id };
  const grades: Grades = await session.grades(gq);
  const first: Grade | undefined = grades.grades[0];
  const mark: Mark | undefined = first?.grade;
  const gk: GradeKind | undefined = mark?.kind;
  const avg: SubjectAverage | undefined = grades.averages[0];
  const hq: HomeworkQuery = { from, to: "2026-12-06" };
  const homework: Homework[] = await session.homework(hq);
  const files: Attachment[] = homework.flatMap((h) => h.attachments ?? []);
  const raw: RawCallOptions = { onglet: 16 };
  const data = await session.call("PageEmploiDuTemps", { numeroSemaine: 12 }, raw);
  const co: CallOptions = {};
  await session.keepAlive(co);
  const state: SessionState = await session.export();
  const ro: ResumeOptions = { relay: state.relay };
  const again: Session = await pronote.resume(JSON.parse(JSON.stringify(state)) as SessionState, ro);
  await again.close();
  await session.close();
  console.log(kind, start, gk, avg?.subject, files.length, Object.keys(data).length, steps);
}

// News and messaging.
import type {
  Discussion, Message, MessagesOptions, News, NewsQuestion, Recipient, RecipientsQuery, SendMessageQuery,
} from "../../web/pronote.js";

export async function exampleMessaging(session: Session): Promise<void> {
  const news: News[] = await session.news();
  const questions: NewsQuestion[] = news.flatMap((n) => n.questions);
  if (news.length > 0) await session.markNewsRead(news[0].id);
  if (news.length > 1) await session.markNewsRead(news[1].id, false, { signal: AbortSignal.timeout(5000) });
  const discussions: Discussion[] = await session.discussions();
  const mo: MessagesOptions = { markRead: true };
  const open = discussions.find((d) => !d.closed && d.folder === "inbox");
  const messages: Message[] = open ? await session.messages(open.id, mo) : [];
  if (open) await session.reply(open.id, "Merci !");
  const rq: RecipientsQuery = { kind: "teachers" };
  const teachers: Recipient[] = await session.recipients(rq);
  const sq: SendMessageQuery = { subject: "Question", text: "Bonjour", to: teachers.slice(0, 1).map((t) => t.id) };
  await session.sendMessage(sq);
  console.log(questions.length, messages.map((m) => m.html ?? m.text), (await session.recipients({ kind: "staff" })).length);
}

export async function exampleSchoolLife(session: Session, period: string): Promise<void> {
  const byPeriod: AttendanceQuery = { period };
  const byDays: AttendanceQuery = { from: "2026-11-01", to: "2026-11-30" };
  const record: Attendance = await session.attendance(byPeriod);
  const absences: Absence[] = (await session.attendance(byDays)).absences;
  const delay: Delay | undefined = record.delays[0];
  const punishment: Punishment | undefined = record.punishments[0];
  const observation: Observation | undefined = record.observations[0];
  const mq: MenusQuery = { from: "2026-11-23", to: "2026-12-06" };
  const menus: MenuDay[] = await session.menus(mq);
  const labels: string[] = menus.flatMap((d) => d.meals.flatMap((m) => m.courses.flatMap((c) => c.dishes.flatMap((x) => x.labels))));
  const eq: EvaluationsQuery = { period };
  const evaluations: Evaluation[] = await session.evaluations(eq);
  const rq: ReportCardQuery = { period };
  const card: ReportCard = await session.reportCard(rq);
  console.log(absences.length, delay?.minutes, punishment?.schedule[0]?.date, observation?.kind, labels.length,
    evaluations[0]?.skills[0]?.level, card.published, card.subjects[0]?.average?.value);
}

// data-c: lesson contents, homework done, account, iCal, teachers, download.
import type {
  Account, DownloadedFile, LessonContent, LessonContentItem, LessonContentsQuery, Teacher,
} from "../../web/pronote.js";

export async function exampleDataC(session: Session, hw: Homework): Promise<void> {
  const q: LessonContentsQuery = { from: "2026-11-16", to: "2026-11-22" };
  const contents: LessonContent[] = await session.lessonContents(q);
  const parts: LessonContentItem[] = contents.flatMap((c) => c.contents);
  await session.setHomeworkDone(hw.id, !hw.done);
  const account: Account = await session.account();
  const feed: string | null = await session.icalURL({ signal: AbortSignal.timeout(5000) });
  const team: Teacher[] = await session.teachers();
  const file: Attachment | undefined = parts.flatMap((p) => p.attachments)[0];
  if (file) {
    const got: DownloadedFile = await session.download(file, { signal: AbortSignal.timeout(30000) });
    const head: number[] = Array.from(got.bytes.subarray(0, 4));
    console.log(got.name, got.type, got.bytes.byteLength, head);
  }
  console.log(account.address.join(", "), feed ?? "no feed", team.map((t) => t.name));
}
