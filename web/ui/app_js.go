package ui

import (
	"context"
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
	seq      int // bumped on every change of screen: stale answers are dropped
	gen      int // bumped when the data changes meaning (another child): stale answers are dropped
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
	a := &app{root: el, doc: dom.GetWindow().Document(), opts: opts, lang: opts.Lang, tab: tabTimetable}
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
	a.seq++
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

// failed handles an error of a data call: an ended session goes back to the login screen with
// its explanation; anything else is shown in place by the caller.
func (a *app) failed(err error) (code string, handled bool) {
	code = a.opts.Code(err)
	if code == "BAD_CREDENTIALS" { // the automatic login's token was refused
		a.forgetTokenOf(a.k.s)
		code = "REMEMBER_EXPIRED"
	}
	if code == "SESSION_EXPIRED" || code == "CLOSED" || code == "REMEMBER_EXPIRED" {
		a.k.logout()
		a.showLogin(code)
		return code, true
	}
	return code, false
}

// errorBox shows an error's explanation with a retry button.
func (a *app) errorBox(s *screen, code string, retry func()) dom.Element {
	box := attrs(s.el("div", "notice notice-error", s.el("p", "", a.lang.ErrorText(code))), "role", "alert")
	if retry != nil {
		b := attrs(s.el("button", "btn", a.lang.T("retry")), "type", "button", "data-key", "retry")
		s.on(b, "click", func(js.Value) { retry() })
		box.AppendChild(b)
	}
	return box
}

// loadingBox is the placeholder while a tab loads.
func (a *app) loadingBox(s *screen) dom.Element {
	return attrs(s.el("div", "loading", s.el("span", "spinner"), a.lang.T("loading")), "role", "status")
}

// call runs a data call in the background and hands its outcome to done on the UI, unless
// the screen or the child changed in between.
func (a *app) call(fn func(ctx context.Context, d Data) error, done func(error)) {
	seq, gen := a.seq, a.gen
	go func() {
		defer a.recoverPanic()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		err := a.k.do(ctx, func(d Data) error { return fn(ctx, d) })
		if seq != a.seq || gen != a.gen {
			return
		}
		if err != nil {
			if _, handled := a.failed(err); handled {
				return
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
		a.showLogin("INTERNAL_ERROR")
	}
}

// logout ends the session and shows the login screen.
func (a *app) logout() {
	a.k.logout()
	a.forgetToken()
	a.resetData()
	a.tt = timetableState{}
	a.tab = tabTimetable
	a.showLogin("")
}
