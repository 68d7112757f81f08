package ui

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// The tabs of the main screen.
const (
	tabTimetable = "timetable"
	tabGrades    = "grades"
	tabHomework  = "homework"
)

// app is a mounted interface. Its methods run on the browser's single thread, from event
// callbacks or from the goroutines that wait for PRONOTE.
type app struct {
	root dom.Element
	doc  dom.Document
	opts Options
	lang Lang
	k    *keeper
	cur  *screen

	login    loginState
	tab      string
	panel    dom.Element // the open tab's panel
	panelScr *screen     // owns the callbacks of the panel's content, which is redrawn alone
	tt       timetableState
	gr       gradesState
	hw       homeworkState
	sk       skillsState     // Compétences (skills_js.go)
	rc       reportState     // Bulletin (report_js.go)
	sl       schoolLifeState // Vie scolaire (schoollife_js.go)
	nw       newsState       // Informations (news_js.go)
	mn       menusState      // Cantine (menus_js.go)
	msg      messagesState   // Messagerie (messages_js.go)
	seq      int             // bumped on every change of screen: stale answers are dropped
	relabel  bool            // the screen is redrawn in another language: seq stays
	gen      int             // bumped when the data changes meaning (another child): stale answers are dropped

	act      activity                   // the user's last input and the session's last call (keep-alive)
	alive    session                    // the session the keep-alive loop runs for
	cools    coolDowns                  // the login cool-downs seen (RATE_LIMITED, IP_SUSPENDED)
	calls    map[int]context.CancelFunc // the data calls in flight, cancelled by the loading box's button
	callN    int
	menuOpen bool      // the phone menu of views is open
	waitEnd  time.Time // until when to wait after the last RATE_LIMITED or IP_SUSPENDED
}

// Mount renders the interface into el: the saved session's main screen after a reload, the
// login screen otherwise.
func Mount(el dom.Element, opts Options) {
	if opts.Code == nil {
		opts.Code = protocol.Code
	}
	if opts.Remote != nil {
		opts.Code, opts.Store = remoteCode(opts.Code), nullStore{}
	}
	if opts.Store == nil {
		opts.Store = webStorage{"sessionStorage", sessionKey}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DeviceUUID == "" {
		opts.DeviceUUID = deviceUUID()
	}
	a := &app{root: el, doc: dom.GetWindow().Document(), opts: opts, lang: opts.Lang, tab: tabTimetable,
		cools: coolDowns{}, calls: map[int]context.CancelFunc{}}
	a.act.now = opts.Now
	a.watchActivity()
	if saved := (webStorage{"localStorage", langKey}).read(); saved != "" {
		a.lang = ParseLang(saved)
	}
	a.k = &keeper{store: opts.Store, transport: opts.Transport, hooks: a.resumeHooks, remote: opts.Remote}
	el.Class().Add("pronote-app")
	if a.k.resume() {
		if viewOf(a.k.rec.Tab) != nil {
			a.tab = a.k.rec.Tab
		}
		a.showMain()
		return
	}
	if r, ok := loadRemembered(a.tokens()); ok {
		a.loginWithToken(r) // "Rester connecté" (login2_js.go)
		return
	}
	a.showLogin("")
}

// replace swaps the whole interface for a new screen built by build.
func (a *app) replace(build func(s *screen) dom.Element) {
	if a.cur != nil {
		a.cur.release()
	}
	if a.panelScr != nil {
		a.panelScr.release()
		a.panelScr, a.panel = nil, nil
	}
	a.cur = &screen{doc: a.doc}
	if !a.relabel {
		a.seq++
	}
	a.doc.DocumentElement().SetAttribute("lang", a.lang.Tag())
	node := build(a.cur)
	clear(a.root)
	a.root.AppendChild(node)
}

// today is the current date of the browser's clock.
func (a *app) today() time.Time { return dateOf(a.opts.Now()) }

// setLang switches the language, remembers the choice on this device and redraws.
func (a *app) setLang(l Lang) {
	a.lang = l
	webStorage{"localStorage", langKey}.write(l.Tag())
	if a.k.s == nil {
		a.showLogin(a.login.err)
		return
	}
	// The same screen in another language: the answers on their way still belong to it (a
	// new seq would drop them, and leave their tabs loading for ever).
	a.relabel = true
	defer func() { a.relabel = false }()
	a.showMain()
}

// langButton toggles between French and English.
func (a *app) langButton(s *screen) dom.Element {
	other := (1 - a.lang).Tag()
	b := attrs(s.el("button", "btn btn-ghost lang", strings.ToUpper(other)), "type", "button",
		"lang", other, "aria-label", a.lang.T("lang.switchLabel"), "title", a.lang.T("lang.switch"))
	s.on(b, "click", func(js.Value) { a.setLang(1 - a.lang) })
	return b
}

// code is the explanation to show for err: the relay's own code when the relay answered
// instead of the school (an unreachable school is not a refusal), else the stable code. The
// views show their loads' errors with it; the writes decide "may have been applied" on the
// stable code (a.opts.Code).
func (a *app) code(err error) string {
	if a.opts.RelayCode != nil {
		if rc := a.opts.RelayCode(err); rc != "" {
			if _, ok := errorTexts[rc]; ok {
				return rc
			}
		}
	}
	return a.opts.Code(err)
}

// codeAfter is code for an error of a call run under ctx: the only cancel in the interface
// is the user's, so an abort the user did not ask for is a timeout.
func (a *app) codeAfter(ctx context.Context, err error, cancelled bool) string {
	code := a.code(err)
	if code == "ABORTED" && (!cancelled || errors.Is(ctx.Err(), context.DeadlineExceeded)) {
		return "TIMEOUT"
	}
	return code
}

// noticeClass is the class of code's notice: a request the user cancelled is no error.
func noticeClass(code string) string {
	if code == "ABORTED" {
		return "notice"
	}
	return "notice notice-error"
}

// errorText explains code, with how long to wait after a refusal of logins.
func (a *app) errorText(code string) string {
	text := a.lang.ErrorText(code)
	if (code == "RATE_LIMITED" || code == "IP_SUSPENDED") && !a.waitEnd.IsZero() {
		text += " " + waitText(a.lang, a.waitEnd, a.opts.Now())
	}
	return text
}

// noteRefusal starts (or keeps) the cool-down wait shown after RATE_LIMITED or IP_SUSPENDED
// from the school of page.
func (a *app) noteRefusal(code, page string) {
	if code == "RATE_LIMITED" || code == "IP_SUSPENDED" {
		a.waitEnd = a.cools.note(page, a.opts.Now())
	}
}

// failed handles an error of a data call: an ended session goes back to the login screen with
// its explanation; anything else is shown in place by the caller.
func (a *app) failed(err error) (code string, handled bool) {
	code = a.code(err)
	if s := a.k.s; s != nil {
		a.noteRefusal(code, s.URL())
	}
	if code == "BAD_CREDENTIALS" { // the automatic login's token was refused
		a.forgetTokenOf(a.k.s)
		code = "REMEMBER_EXPIRED"
	}
	if code == "SESSION_EXPIRED" || code == "CLOSED" || code == "REMEMBER_EXPIRED" {
		a.k.logout()
		a.forgetAccount()
		a.showLogin(code)
		return code, true
	}
	return code, false
}

// errorBox shows an error's explanation with a retry button.
func (a *app) errorBox(s *screen, code string, retry func()) dom.Element {
	box := attrs(s.el("div", noticeClass(code), s.el("p", "", a.errorText(code))), "role", "alert")
	if retry != nil {
		b := attrs(s.el("button", "btn", a.lang.T("retry")), "type", "button", "data-key", "retry")
		s.on(b, "click", func(js.Value) { retry() })
		box.AppendChild(b)
	}
	return box
}

// loadingBox is the placeholder while a tab loads, with a button that cancels the loads in
// flight (each view then shows its "cancelled" notice and its retry button).
func (a *app) loadingBox(s *screen) dom.Element {
	stop := attrs(s.el("button", "btn btn-ghost", a.lang.T("cancel")), "type", "button", "data-key", "cancel-load")
	s.on(stop, "click", func(js.Value) { a.cancelCalls() })
	return s.el("div", "loading", attrs(s.el("span", "loading-text", s.el("span", "spinner"), a.lang.T("loading")), "role", "status"), stop)
}

// cancelCalls cancels the data calls in flight.
func (a *app) cancelCalls() {
	for id, cancel := range a.calls {
		cancel()
		delete(a.calls, id)
	}
}

// call runs a data call in the background and hands its outcome to done on the UI, unless
// the screen or the child changed in between. The loading box's button cancels it (ABORTED);
// past the deadline it fails with TIMEOUT.
func (a *app) call(fn func(ctx context.Context, d Data) error, done func(error)) {
	seq, gen := a.seq, a.gen
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	a.callN++
	id, cancelled := a.callN, false
	a.calls[id] = func() { cancelled = true; cancel() }
	a.act.called() // a call in flight keeps the session alive: no keep-alive beside it
	go func() {
		defer a.recoverPanic()
		defer cancel()
		err := a.k.do(ctx, func(d Data) error { return fn(ctx, d) })
		delete(a.calls, id)
		a.act.called()
		if seq != a.seq || gen != a.gen {
			return
		}
		if err != nil {
			if _, handled := a.failed(err); handled {
				return
			}
			if a.codeAfter(ctx, err, cancelled) == "TIMEOUT" {
				err = protocol.ErrTimeout
			}
		}
		done(err)
	}()
}

// recoverPanic keeps a bug in the interface from stopping the Go program (and with it the
// whole pronote namespace): the interface starts over on the login screen.
func (a *app) recoverPanic() {
	if recover() != nil {
		a.k.logout()
		a.forgetAccount()
		a.showLogin("INTERNAL_ERROR")
	}
}

// logout ends the session and shows the login screen.
func (a *app) logout() {
	a.cancelCalls()
	a.k.logout()
	a.forgetToken()
	a.forgetAccount()
	a.tab = tabTimetable
	a.showLogin("")
}

// forgetAccount drops everything the views loaded or kept for the account that was logged in
// (after a logout, an expiry or a crash), so that whoever logs in next in this tab sees none
// of it. The open tab stays: it holds no data.
func (a *app) forgetAccount() {
	a.resetData()
	a.tt, a.msg = timetableState{}, messagesState{}
}
