// Types of pronote.js: the PRONOTE client compiled to WebAssembly.

/**
 * Loads the module once per realm and resolves with the namespace: pronote-api.wasm (the API
 * alone) by default, pronote.wasm (the API and the interface) with { ui: true }.
 */
export function load(options?: LoadOptions): Promise<Pronote>;

export interface LoadOptions {
  /** The module as a URL (default: next to pronote.js), bytes, or a compiled module. */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
  /** Load pronote.wasm, the build with mount(); without it, pronote-api.wasm (smaller, faster to start). */
  ui?: boolean;
  /**
   * Called as the module's bytes arrive when it is fetched from a URL (not for bytes or a
   * compiled module): `loaded` bytes so far and the module's size in `total`, or undefined when
   * unknown. With compression in transit the size is known only from an X-Uncompressed-Length
   * header (Content-Length then counts the compressed bytes); a load that fails may be retried
   * by calling load() again.
   */
  onProgress?: (progress: { loaded: number; total?: number }) => void;
}

/** The namespace load() resolves with. */
export interface Pronote {
  /** Opens a session on a space page and logs in. Never retried: repeated failures get an IP suspended. */
  login(options: LoginOptions): Promise<Session>;
  /** Continues an exported session without a new login. */
  resume(state: SessionState | string, options?: ResumeOptions): Promise<Session>;
  /**
   * The ENT login of protocol.md §12.1, for an extension: reads the school's InfoMobileApp.json and
   * returns the cookies to set on the PRONOTE origin and the page to open in a normal tab. Once the
   * user has logged in there (through the ENT), read window.loginState from the page and call
   * login({ url, username: loginState.login, token: loginState.mdp, deviceUUID }) with the same UUID.
   */
  prepareENT(options: PrepareENTOptions): Promise<ENTHandshake>;
  /**
   * Draws the ready-made interface (login, timetable, grades, homework) into element; style it
   * with pronote.css. Needs load({ ui: true }): the API-only module rejects with
   * INVALID_ARGUMENT (argument "ui").
   */
  mount(element: Element, options?: MountOptions): Promise<void>;
}

export interface MountOptions {
  /** The relay's address; omit to fetch PRONOTE directly (extensions). */
  relay?: string;
  /** The school address the login form starts with (a PRONOTE root or space page). */
  url?: string;
  /** A demonstration school the login form offers first, with its public credentials. */
  demo?: { url: string; student?: { username: string; password: string }; parent?: { username: string; password: string } };
  /** "fr" (default) or "en"; a choice the user made on this device wins. */
  lang?: "fr" | "en";
  /**
   * A session held elsewhere (a browser extension's service worker): the interface logs in,
   * resumes and calls through it instead of holding a session of its own.
   */
  backend?: MountBackend;
}

/** What mount's backend does; every method returns a Promise, rejecting with an Error and its code. */
export interface MountBackend {
  /** The session the backend holds: the JSON text of { user, periods, url, username, identifiantNav?, child? }, or null. */
  attach(): Promise<string | null>;
  /** Logs in with login's JSON options (url, username, password, remember, qr, identifiantNav); resolves as attach. */
  login(options: string, onProgress?: (step: LoginStep) => void): Promise<string>;
  /** Runs session[name] with the query's JSON text, for the child given (parents); resolves with the result's JSON text. */
  call(name: string, query: string, child?: string): Promise<string | undefined>;
  /** Ends the session the backend holds. */
  logout(): Promise<void>;
}

/** The login steps reported to onProgress, in order ("twoFactor" only when the server asks for it). */
export type LoginStep = "page" | "parameters" | "identification" | "authentication" | "twoFactor" | "user";

/** How to log in: a password, a token from an earlier login, or a QR code. */
export type LoginOptions = PasswordLogin | TokenLogin | QRLogin | ENTCookiesLogin;

export interface PasswordLogin extends CommonLoginOptions {
  /** A space page: https://…/pronote/eleve.html, parent.html, mobile.eleve.html, … (kind inferred). */
  url: string;
  username: string;
  /** Used in the module to derive the login key; never sent, stored or exported. */
  password: string;
  /** "Stay logged in": asks the server for a token (session.token, onToken); needs deviceUUID. The token is kept, never the password. */
  remember?: boolean;
  token?: undefined;
  qr?: undefined;
}

export interface TokenLogin extends CommonLoginOptions {
  url: string;
  /** session.username of the login that gave the token. */
  username: string;
  /** The latest token (session.token): each login rotates it and the previous one stops working. Keep it like a password. */
  token: string;
  /** The same UUID the token was issued for (a new UUID invalidates the token). */
  deviceUUID: string;
  password?: undefined;
  qr?: undefined;
}

export interface QRLogin extends CommonLoginOptions {
  /** The QR code PRONOTE shows for the mobile app: its JSON text (as scanned) or the parsed object, and the 4-digit PIN chosen for it. A wrong PIN rejects with BAD_CREDENTIALS before anything is sent. */
  qr: { data: string | { jeton: string; login: string; url: string; [key: string]: unknown }; pin: string };
  /** Bound to the token the QR login returns: keep it for later token logins. */
  deviceUUID: string;
  url?: string;
  username?: undefined;
  password?: undefined;
  token?: undefined;
}

/** For extensions: the cookies of an ENT (CAS) login made elsewhere; the page is opened with them, without login=true (protocol.md §6.9). */
export interface ENTCookiesLogin extends CommonLoginOptions {
  url: string;
  /** "name=value" pairs of the PRONOTE origin. */
  entCookies: string[];
  username?: undefined;
  password?: undefined;
  token?: undefined;
  qr?: undefined;
}

/** What double authentication asks for (err.need, onTwoFactor's argument). */
export interface TwoFactorNeed {
  /** The account's PIN. */
  pin: boolean;
  /** A name for this device (at most 30 characters). */
  deviceName: boolean;
  /** A forced password change. */
  newPassword: boolean;
  /** The server also asks for something this module cannot do (choose a strategy or a new PIN, reset the PIN). */
  unsupported?: boolean;
  /** actionsDoubleAuth as the server sent it. */
  actions: number[];
  passwordMin?: number;
  passwordMax?: number;
}

/** What onTwoFactor resolves with; null gives up (TWO_FACTOR_REQUIRED or PASSWORD_CHANGE_REQUIRED). */
export type TwoFactorAnswer = { pin: string; deviceName?: string } | { deviceName: string } | { newPassword: string } | null;

interface CommonLoginOptions {
  /** Identifies this installation; keep it stable: tokens and registered devices are bound to it. */
  deviceUUID?: string;
  /** The identifiantNav an earlier session with this server returned (state.identifiantNav). */
  identifiantNav?: string;
  /** The relay's address (https://relay.example.workers.dev); omit to fetch PRONOTE directly (extensions, Node). */
  relay?: string;
  /**
   * Milliseconds each request may take (default 60000, at most 600000). Past it the call
   * rejects with TIMEOUT and the session stays usable.
   */
  timeout?: number;
  onProgress?: (step: LoginStep) => void;
  /** Called with every new token (each login and device registration rotates it): store it at once. */
  onToken?: (token: string) => void;
  /**
   * Asked in the middle of the login when the server wants double authentication or a new
   * password. A wrong PIN rejects with BAD_CREDENTIALS once the server said so; it is never retried.
   */
  onTwoFactor?: (need: TwoFactorNeed) => TwoFactorAnswer | Promise<TwoFactorAnswer>;
  /** The PIN, given up front instead of through onTwoFactor. */
  pin?: string;
  /** This device's name for double authentication (default "Navigateur (pronote.js)"; at most 30 characters). */
  deviceName?: string;
  /** The new password, when the server forces a change. */
  newPassword?: string;
  /**
   * With a token (remember, token or qr): a call that meets SESSION_EXPIRED logs in once again with the
   * current token and is sent once more. If that login fails, the call rejects and no automatic login
   * happens again on this session. Never after BAD_CREDENTIALS, RATE_LIMITED or IP_SUSPENDED. Off by default.
   */
  autoRelogin?: boolean;
  signal?: AbortSignal;
}

export interface ResumeOptions {
  /** Overrides the relay the state was exported with ("" for direct). */
  relay?: string;
  /** As in login(): uses the state's token. */
  autoRelogin?: boolean;
  onToken?: (token: string) => void;
  /** Milliseconds each request may take, as in LoginOptions.timeout. */
  timeout?: number;
  signal?: AbortSignal;
}

export interface PrepareENTOptions {
  /** Any space page of the school. */
  url: string;
  /** The UUID the token of the handshake will be bound to: use the same for the token login. */
  deviceUUID: string;
  relay?: string;
  signal?: AbortSignal;
}

/** The mobile-validation handshake of protocol.md §12.1. */
export interface ENTHandshake {
  /** The mobile space page to open in a normal tab once the cookies are set. */
  page: string;
  /** To set on the PRONOTE origin: validationAppliMobile, uuidAppliMobile, ielang. */
  cookies: { name: string; value: string; path: string }[];
  cas: boolean;
  casURL?: string;
  school?: string;
  version?: number[];
  spaces?: { name: string; url: string; genreEspace: number }[];
}

/** Options every session method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface RawCallOptions extends CallOptions {
  /** The PRONOTE tab number (onglet), 0 or absent for none. */
  onglet?: number;
}

/** A week by its PRONOTE number, or a range of days (both ends included, at most 8 weeks). */
export type TimetableQuery =
  | ({ week: number; from?: undefined; to?: undefined } & CallOptions)
  | ({ from: DateString; to?: DateString; week?: undefined } & CallOptions);

export interface GradesQuery extends CallOptions {
  /** A period id from session.periods; absent for the account's default period. */
  period?: string;
}

/** Homework due from `from` to `to`, both included (at most 62 weeks); `to` defaults to `from`. */
export interface HomeworkQuery extends CallOptions {
  from: DateString;
  to?: DateString;
}
/** Lesson contents of the days from `from` to `to`, both included (at most 62 weeks); `to` defaults to `from`. */
export interface LessonContentsQuery extends CallOptions {
  from: DateString;
  to?: DateString;
}


/**
 * A grading period by its id (from session.periods; absent for the account's default period),
 * or a range of days, both ends included (`to` defaults to `from`). Not both.
 */
export type AttendanceQuery =
  | ({ period?: string; from?: undefined; to?: undefined } & CallOptions)
  | ({ from: DateString; to?: DateString; period?: undefined } & CallOptions);

/** Menus of the days from `from` to `to`, both included (at most 8 weeks); `to` defaults to `from`. */
export interface MenusQuery extends CallOptions {
  from: DateString;
  to?: DateString;
}

export interface EvaluationsQuery extends CallOptions {
  /** A period id from session.periods; absent for the account's default period. */
  period?: string;
}

export interface ReportCardQuery extends CallOptions {
  /** A period id from session.periods; absent for the account's default period. */
  period?: string;
}

/** "YYYY-MM-DD". */
export type DateString = string;
/** "YYYY-MM-DDTHH:MM:SS" in the school's local time (no offset). */
export type DateTimeString = string;

export type AccountKind = "student" | "parent" | "teacher" | "staff" | "management" | "companion" | "company" | "other";

/** A logged-in session. Methods reject with a PronoteError; after close() they reject with CLOSED. */
export interface Session {
  readonly user: User;
  /** The grading periods grades() accepts. */
  readonly periods: Period[];
  readonly kind: AccountKind;
  /** The current token, null when the login asked for none; it changes with every login (see onToken). Keep it like a password. */
  readonly token: string | null;
  /** The username later token logins need (the server's canonical login). */
  readonly username: string | null;
  /** Pass it back as identifiantNav: a device registered for double authentication is known by it. */
  readonly identifiantNav: string | null;
  /** A raw call: name is the PRONOTE function, data its data object; resolves with the reply's data object. */
  call(name: string, data?: Record<string, unknown> | null, options?: RawCallOptions): Promise<Record<string, unknown>>;
  timetable(query: TimetableQuery): Promise<Lesson[]>;
  grades(query?: GradesQuery): Promise<Grades>;
  homework(query: HomeworkQuery): Promise<Homework[]>;
  // News and messaging.
  /** The informations and surveys of the news tab, in PRONOTE's order. */
  news(options?: CallOptions): Promise<News[]>;
  /** Marks one news item read (or unread with read false); an id not among news() is INVALID_ARGUMENT. Never retried. */
  markNewsRead(id: string, read?: boolean, options?: CallOptions): Promise<void>;
  /** The account's discussions (a parent's own, whichever child is selected). */
  discussions(options?: CallOptions): Promise<Discussion[]>;
  /** A discussion's messages, oldest first; markRead marks them read on the server. */
  messages(discussionId: string, options?: MessagesOptions): Promise<Message[]>;
  /**
   * Answers a discussion with plain text. Rejects before sending anything with INVALID_ARGUMENT
   * on an empty text and ACCESS_DENIED on a closed discussion. Never retried.
   */
  reply(discussionId: string, text: string, options?: CallOptions): Promise<void>;
  /** The teachers (a parent: the selected child's) or the staff one can write to. */
  recipients(query: RecipientsQuery): Promise<Recipient[]>;
  /**
   * Starts a discussion with recipients' ids from recipients(). Rejects before sending anything
   * with INVALID_ARGUMENT on an empty text, no recipient or an unknown id. Never retried.
   */
  sendMessage(query: SendMessageQuery): Promise<void>;
  // Attendance, canteen, skills, report cards.
  /** Absences, delays, punishments and register observations of a period or a range of days, each list by date. */
  attendance(query?: AttendanceQuery): Promise<Attendance>;
  /** The canteen's menus, by date (one request per week). */
  menus(query: MenusQuery): Promise<MenuDay[]>;
  /** A period's skill evaluations, by date. */
  evaluations(query?: EvaluationsQuery): Promise<Evaluation[]>;
  /** A period's report card; one the school has not published yet resolves with `published: false`. */
  reportCard(query?: ReportCardQuery): Promise<ReportCard>;
  // data-c: lesson contents, homework done, account, iCal, teachers, download
  /** The class book (cahier de textes) of the lessons in a range of days, sorted by start. */
  lessonContents(query: LessonContentsQuery): Promise<LessonContent[]>;
  /**
   * Marks one homework item (an id from homework()) done or not done; nothing else changes.
   * Sent once, never retried: after a failure, read the homework again to know.
   */
  setHomeworkDone(id: string, done: boolean, options?: CallOptions): Promise<void>;
  /** The contact details PRONOTE holds (for a parent: the selected child's). */
  account(options?: CallOptions): Promise<Account>;
  /**
   * The absolute address of the timetable's iCalendar feed, which calendar applications read
   * without a session (keep it private), or null when the school publishes none.
   */
  icalURL(options?: CallOptions): Promise<string | null>;
  /** The student's teaching team, in PRONOTE's order. */
  teachers(options?: CallOptions): Promise<Teacher[]>;
  /**
   * Fetches an attachment (from homework, lessonContents, …): a file from the session's own
   * server with its cookies (through the relay when the session uses one), a link from its
   * http(s) address without them. INVALID_ARGUMENT (argument "attachment") for a link whose
   * address is not http(s) or a file of another server.
   */
  download(attachment: Attachment, options?: CallOptions): Promise<DownloadedFile>;
  /** Parent accounts: which child later calls are about (an id from user.children). */
  selectChild(id: string): Promise<void>;
  /** Tells the server the session is in use; send it about every two minutes of idleness while the user is active. */
  keepAlive(options?: CallOptions): Promise<void>;
  /** The state resume() accepts: JSON-serialisable, holds the session key (keep it like a password) but never the password. */
  export(options?: CallOptions): Promise<SessionState>;
  /** Ends the session: new calls reject with CLOSED at once; resolves once calls already started have settled. */
  close(): Promise<void>;
}

export interface User {
  id: string;
  name: string;
  kind: AccountKind;
  establishment?: string;
  className?: string;
  /** Parent accounts. */
  children?: Child[];
}

export interface Child {
  id: string;
  name: string;
  className?: string;
  establishment?: string;
}

export interface Period {
  id: string;
  name: string;
  kind: "trimester" | "semester" | "year" | "other";
  start?: DateString;
  end?: DateString;
}

export interface Lesson {
  id: string;
  subject?: string;
  teachers: string[];
  rooms: string[];
  groups: string[];
  start: DateTimeString;
  end: DateTimeString;
  /** PRONOTE's status text, e.g. "Prof. absent". */
  status?: string;
  cancelled: boolean;
  exempted?: boolean;
  /** "#RRGGBB". */
  color?: string;
  memo?: string;
}

export type GradeKind =
  | "grade" | "absent" | "exempted" | "notGraded" | "unfit" | "notReturned"
  | "absentZero" | "notReturnedZero" | "congratulations" | "other" | "";

/** A number with its kind; value is meaningful for "grade" and the zero-counting kinds. */
export interface Mark {
  value: number | null;
  kind: GradeKind;
}

export interface Grade {
  id: string;
  subject: string;
  date: DateString;
  grade: Mark;
  outOf: number;
  defaultOutOf?: number;
  coefficient: number;
  classAverage?: Mark;
  min?: Mark;
  max?: Mark;
  comment?: string;
  bonus?: boolean;
  optional?: boolean;
}

export interface SubjectAverage {
  id: string;
  subject: string;
  color?: string;
  student?: Mark;
  outOf?: number;
  classAverage?: Mark;
  min?: Mark;
  max?: Mark;
}

export interface Grades {
  period: Period;
  grades: Grade[];
  averages: SubjectAverage[];
  overall?: Mark;
  classOverall?: Mark;
  overallOutOf?: number;
}

export interface Homework {
  id: string;
  subject: string;
  due: DateString;
  given?: DateString;
  /** PRONOTE's HTML as sent: sanitise before display. */
  html: string;
  text: string;
  done: boolean;
  color?: string;
  attachments: Attachment[];
}

export interface Attachment {
  name: string;
  /** Absent for a link whose address is not an absolute http(s) URL (javascript:, data:, …). */
  url?: string;
  kind: "file" | "link";
}

// News and messaging.

export interface MessagesOptions extends CallOptions {
  /** Mark the discussion's messages read on the server (default false). */
  markRead?: boolean;
}

export interface RecipientsQuery extends CallOptions {
  kind: "teachers" | "staff";
}

export interface SendMessageQuery extends CallOptions {
  subject: string;
  /** Plain text, not empty. */
  text: string;
  /** Recipient ids from recipients(), at least one. */
  to: string[];
}

/** An information or a survey of the news tab. */
export interface News {
  id: string;
  title: string;
  author?: string;
  category?: string;
  created?: DateTimeString;
  start?: DateString;
  end?: DateString;
  read: boolean;
  survey: boolean;
  /** PRONOTE's HTML as sent (an information's text, a survey's introduction): sanitise before display. */
  html: string;
  text: string;
  attachments: Attachment[];
  /** A survey's questions; empty for an information. */
  questions: NewsQuestion[];
}

export interface NewsQuestion {
  id: string;
  title?: string;
  /** PRONOTE's HTML as sent: sanitise before display. */
  html: string;
  text: string;
  /** "statement": text to read, no answer. */
  kind: "text" | "singleChoice" | "multipleChoice" | "statement" | "other";
  choices: string[];
  answered: boolean;
}

export interface Discussion {
  id: string;
  subject: string;
  creator?: string;
  /** PRONOTE's label of the participants. */
  recipients?: string;
  unread: number;
  messages: number;
  /** No reply is possible: reply() rejects with ACCESS_DENIED. */
  closed: boolean;
  /** PRONOTE's French label of the last message's date ("lundi 14h30", "12/09/25"), not a typed date. */
  dateLabel?: string;
  folder: "inbox" | "drafts" | "trash";
}

export interface Message {
  id: string;
  date: DateTimeString;
  /** The account's own name when mine. */
  author: string;
  mine: boolean;
  /** PRONOTE's HTML as sent, for messages written as HTML: sanitise before display. */
  html?: string;
  text: string;
  attachments: Attachment[];
}

export interface Recipient {
  id: string;
  name: string;
  kind: "teacher" | "staff";
  /** A staff member's function. */
  role?: string;
  /** A teacher's subjects. */
  subjects: string[];
}

/** What attendance() resolves with. */
export interface Attendance {
  absences: Absence[];
  delays: Delay[];
  punishments: Punishment[];
  observations: Observation[];
}

export interface Absence {
  id: string;
  from: DateTimeString;
  to: DateTimeString;
  justified: boolean;
  reasons: string[];
  /** PRONOTE's count of the hours missed, e.g. "2h30". */
  hours?: string;
  days?: number;
  parentsMustJustify?: boolean;
  settled?: boolean;
}

export interface Delay {
  id: string;
  date: DateTimeString;
  minutes: number;
  justified: boolean;
  justification?: string;
  reasons: string[];
}

/**
 * A punishment, or a precautionary measure (nature "Mesure conservatoire", PRONOTE's G 71/72),
 * whose one schedule slot spans the measure.
 */
export interface Punishment {
  id: string;
  /** When it was given. */
  date: DateString;
  nature: string;
  reasons: string[];
  givenBy?: string;
  exclusion: boolean;
  homework?: string;
  circumstances?: string;
  /** Minutes. */
  duration?: number;
  /** When it is carried out; duration in minutes. */
  schedule: { date: DateTimeString; duration?: number }[];
}

/** A teacher's remark in the register; kind is the school's label for it, e.g. "Oubli de matériel". */
export interface Observation {
  id: string;
  date: DateString;
  kind: string;
  subject?: string;
  teacher?: string;
  text?: string;
}

export interface MenuDay {
  date: DateString;
  meals: {
    kind: "lunch" | "dinner";
    courses: {
      kind: "starter" | "main" | "side" | "other" | "dessert" | "cheese";
      /** labels: the dish's food labels, e.g. "Bio", "Fait maison". */
      dishes: { name: string; labels: string[] }[];
    }[];
  }[];
}

export interface Evaluation {
  id: string;
  name: string;
  date: DateString;
  subject: string;
  teacher?: string;
  coefficient?: number;
  description?: string;
  /**
   * name: the item assessed, else its domain; level: the acquisition level reached, e.g.
   * "Maîtrise satisfaisante"; pillar: the common-core component.
   */
  skills: { id: string; name: string; level: string; abbreviation?: string; domain?: string;
    item?: string; pillar?: string; coefficient?: number }[];
}

/** A report card; subjects and comments are empty while it is not published. */
export interface ReportCard {
  published: boolean;
  subjects: { subject: string; coefficient?: number; average?: Mark; classAverage?: Mark; min?: Mark;
    max?: Mark; comments: string[]; teachers: string[] }[];
  comments: { title: string; text: string }[];
}

/** What a teacher wrote in the class book about one lesson. */
export interface LessonContent {
  id: string;
  /** The id of the timetable lesson it is about. */
  lessonId?: string;
  subject: string;
  teachers: string[];
  groups: string[];
  start: DateTimeString;
  end: DateTimeString;
  /** The due date of the homework given in this lesson. */
  homeworkDue?: DateString;
  contents: LessonContentItem[];
}

export interface LessonContentItem {
  title?: string;
  /** PRONOTE's HTML as sent: sanitise before display. */
  html: string;
  text: string;
  /** e.g. "Cours", "Exercices". */
  category?: string;
  attachments: Attachment[];
}

export interface Account {
  email?: string;
  /** The mobile number, "+33612345678" when PRONOTE gives a country code. */
  phone?: string;
  /** The address lines, in order. */
  address: string[];
  postalCode?: string;
  city?: string;
  country?: string;
  /** The student's national identifier (numéro INE). */
  ine?: string;
}

export interface Teacher {
  id: string;
  name: string;
  subjects: string[];
}

/** A downloaded attachment: its name, the Content-Type the server sent, and its content. */
export interface DownloadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * An exported session. Treat it as a secret for the session's life (it holds the session key and
 * cookies); it never holds the password. Fields other than those listed are internal.
 */
export interface SessionState {
  v: number;
  url: string;
  kind: AccountKind;
  username: string;
  deviceUUID?: string;
  identifiantNav?: string;
  /** The current token, when the session has one (keep the state like a password). */
  token?: string;
  user: User;
  periods: Period[];
  /** The relay the session was opened through; absent in direct mode. */
  relay?: string;
  [internal: string]: unknown;
}

/**
 * The stable codes of PronoteError.code. SERVER_ERROR: PRONOTE refused the call or is
 * unavailable (maintenance, busy; `g` holds its Erreur code when it sent one, e.g. 21 for a
 * function it does not offer). PROTOCOL_ERROR: an answer the module cannot read (not JSON, a
 * wrong order number) or an envelope the server could not read (G 11, 14). NETWORK_ERROR: no
 * answer (the connection failed, dropped or was cut). TIMEOUT: no answer within the
 * `timeout` option, or, through a relay, the school did not answer the relay in time.
 * ABORTED: the caller's signal fired (even one made by AbortSignal.timeout()). After any of these but
 * SESSION_EXPIRED and CLOSED the session stays usable.
 */
export type ErrorCode =
  | "BAD_CREDENTIALS"
  | "ACCESS_DENIED"
  | "SESSION_EXPIRED"
  | "RATE_LIMITED"
  | "IP_SUSPENDED"
  | "TWO_FACTOR_REQUIRED"
  | "PASSWORD_CHANGE_REQUIRED"
  | "SERVER_ERROR"
  | "PROTOCOL_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "RELAY_REFUSED"
  | "INVALID_ARGUMENT"
  | "ABORTED"
  | "CLOSED"
  | "INTERNAL_ERROR";

/** What every Promise of the API rejects with (an Error named "PronoteError"). */
export interface PronoteError extends Error {
  name: "PronoteError";
  code: ErrorCode;
  /** INVALID_ARGUMENT: the argument's name, e.g. "username", "period", "signal". */
  argument?: string;
  /**
   * The relay's own code when the relay answered instead of the school: RELAY_REFUSED (e.g.
   * "RELAY_HOST_NOT_ALLOWED"), NETWORK_ERROR ("RELAY_UPSTREAM_ERROR": it could not reach the
   * school), TIMEOUT ("RELAY_UPSTREAM_TIMEOUT"), RATE_LIMITED ("RELAY_RATE_LIMITED": the
   * relay's login guard).
   */
  relayCode?: string;
  /** TWO_FACTOR_REQUIRED, PASSWORD_CHANGE_REQUIRED: what to ask the user (then log in again with it). */
  need?: TwoFactorNeed;
  /** SERVER_ERROR, SESSION_EXPIRED, RATE_LIMITED, PROTOCOL_ERROR: PRONOTE's Erreur code G, when it sent one. */
  g?: number;
}

/** Narrows an unknown rejection to a PronoteError. */
export function isPronoteError(err: unknown): err is PronoteError;
