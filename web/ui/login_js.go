package ui

import (
	"context"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// loginState is what the login form remembers across redraws (never the password).
type loginState struct {
	own      bool // the user's own school rather than the demo one
	parent   bool
	url      string
	username string
	err      string // the code of the last failure
	busy     bool
	cancel   func()     // cancels the login in flight (the Cancel button)
	qr       bool       // log in with a QR code (login2_js.go)
	remember bool       // "Rester connecté": keep a token on this device
	form     *loginForm // the form on screen
}

var loginSteps = []string{protocol.StepPage, protocol.StepParameters, protocol.StepIdentification,
	protocol.StepAuthentication, protocol.StepUser}

// loginForm holds the controls the handlers read.
type loginForm struct {
	form, fields, urlField, url, user, pass, hint, errBox, steps, submit, stop dom.Element
	school, kind, userField, passField                                         dom.Element // hidden in QR mode
	qrBox, qrData, qrPIN, remember, twoFactor                                  dom.Element // login2_js.go
}

// showLogin shows the login screen, with the explanation of errCode when not empty.
func (a *app) showLogin(errCode string) {
	a.login.err, a.login.busy = errCode, false
	if a.opts.Demo == nil {
		a.login.own = true
	}
	if a.login.url == "" {
		a.login.url = a.opts.School
	}
	var f loginForm
	a.login.form = &f
	a.replace(func(s *screen) dom.Element {
		top := s.el("header", "login-top", s.el("div", "brand", a.mark(s),
			s.el("span", "brand-text", s.el("span", "brand-name", a.lang.T("app.title")),
				s.el("span", "brand-tagline", a.lang.T("app.tagline")))), a.langButton(s))
		card := s.el("main", "login-card", s.el("h1", "", a.lang.T("login.title")),
			s.el("p", "tagline", a.lang.T("app.notAffiliated")), a.loginFormView(s, &f),
			s.el("p", "privacy", a.lang.T("login.privacy")))
		return s.el("div", "login-page", top, card, a.footer(s))
	})
	a.doc.Underlying().Set("title", pageTitle(a.lang, a.lang.T("login.title")))
	switch {
	case errCode == "BAD_CREDENTIALS":
		focus(f.pass)
	case errCode != "":
		focus(f.errBox)
	}
}

func (a *app) loginFormView(s *screen, f *loginForm) dom.Element {
	f.form = attrs(s.el("form", "login-form"), "novalidate", "")
	f.fields = s.el("fieldset", "plain")
	if a.opts.Demo != nil {
		school := a.choice(s, "school", a.lang.T("login.school"), a.login.own,
			a.lang.T("login.demo"), a.lang.T("login.own"), func(own bool) {
				a.login.own = own
				a.syncLogin(f)
				if own {
					focus(f.url)
				}
			})
		f.school = school
		f.fields.AppendChild(school)
	}
	f.url = attrs(s.el("input", "input"), "id", "pronote-url", "type", "url", "inputmode", "url",
		"autocomplete", "url", "spellcheck", "false", "placeholder", "https://…/pronote/", "value", a.login.url,
		"aria-describedby", "pronote-url-hint")
	f.urlField = s.el("div", "field", attrs(s.el("label", "", a.lang.T("login.url")), "for", "pronote-url"), f.url,
		attrs(s.el("p", "field-hint", a.lang.T("login.urlHint")), "id", "pronote-url-hint"))
	kind := a.choice(s, "kind", a.lang.T("login.kind"), a.login.parent,
		a.lang.T("login.student"), a.lang.T("login.parent"), func(parent bool) {
			a.login.parent = parent
			a.syncLogin(f)
		})
	f.user = attrs(s.el("input", "input"), "id", "pronote-username", "name", "username", "autocomplete", "username",
		"autocapitalize", "none", "spellcheck", "false", "required", "", "value", a.login.username)
	f.pass = attrs(s.el("input", "input"), "id", "pronote-password", "name", "password", "type", "password",
		"autocomplete", "current-password", "required", "")
	f.hint = s.el("div", "demo-hint")
	f.errBox = attrs(s.el("div", "notice notice-error"), "role", "alert", "tabindex", "-1", "id", "pronote-login-error")
	f.steps = attrs(s.el("ol", "steps"), "aria-live", "polite")
	f.submit = attrs(s.el("button", "btn btn-primary btn-block", a.lang.T("login.submit")), "type", "submit")
	f.stop = attrs(s.el("button", "btn btn-block", a.lang.T("login.cancel")), "type", "button", "hidden", "")
	s.on(f.stop, "click", func(js.Value) {
		if a.login.cancel != nil {
			a.login.cancel()
		}
	})
	f.kind = kind
	f.userField = s.el("div", "field", attrs(s.el("label", "", a.lang.T("login.username")), "for", "pronote-username"), f.user)
	f.passField = s.el("div", "field", attrs(s.el("label", "", a.lang.T("login.password")), "for", "pronote-password"), f.pass)
	method := a.methodChoice(s, f)
	f.fields.InsertBefore(method, f.fields.FirstChild())
	s.add(f.fields, f.urlField, kind, f.userField, f.passField, f.hint, a.qrFields(s, f), a.rememberField(s, f))
	f.twoFactor = attrs(s.el("div", "two-factor"), "hidden", "")
	s.add(f.form, f.fields, f.twoFactor, f.errBox, f.steps, f.submit, f.stop)
	s.on(f.form, "submit", func(e js.Value) {
		e.Call("preventDefault")
		a.submitLogin(f)
	})
	a.syncLogin(f)
	return f.form
}

// choice is a pair of radio buttons drawn as a segmented control.
func (a *app) choice(s *screen, name, legend string, second bool, first, other string, change func(bool)) dom.Element {
	fs := s.el("fieldset", "segmented", s.el("legend", "", legend))
	row := s.el("div", "segments")
	for i, label := range []string{first, other} {
		id := "pronote-" + name + "-" + string(rune('a'+i))
		in := attrs(s.el("input", ""), "type", "radio", "name", "pronote-"+name, "id", id, "value", label)
		if (i == 1) == second {
			in.SetAttribute("checked", "")
		}
		s.on(in, "change", func(js.Value) { change(i == 1) })
		s.add(row, in, attrs(s.el("label", "", label), "for", id))
	}
	fs.AppendChild(row)
	return fs
}

// syncLogin shows what the current choices need: the address field, the demo credentials,
// the error and the progress.
func (a *app) syncLogin(f *loginForm) {
	f.urlField.Underlying().Set("hidden", !a.login.own || a.login.qr)
	a.syncMethod(f)
	clear(f.hint)
	if d := a.opts.Demo; d != nil && !a.login.own && !a.login.qr {
		c := d.Student
		if a.login.parent {
			c = d.Parent
		}
		if c.Username != "" {
			s := &screen{doc: a.doc}
			s.add(f.hint, s.el("span", "", a.lang.T("login.demoHint")+" "), s.el("code", "", c.Username),
				" / ", s.el("code", "", c.Password))
		}
	}
	f.hint.Underlying().Set("hidden", f.hint.Underlying().Get("childNodes").Length() == 0)
	clear(f.errBox)
	if a.login.err != "" {
		f.errBox.AppendChild(a.doc.CreateTextNode(a.errorText(a.login.err)))
	}
	f.errBox.Underlying().Set("hidden", a.login.err == "")
	f.errBox.SetAttribute("class", noticeClass(a.login.err))
	f.fields.Underlying().Set("disabled", a.login.busy)
	f.submit.Underlying().Set("disabled", a.login.busy)
	f.submit.Underlying().Set("hidden", a.login.busy)
	f.stop.Underlying().Set("hidden", !a.login.busy)
	f.steps.Underlying().Set("hidden", !a.login.busy)
}

// progress marks the login steps up to current.
func (a *app) progress(f *loginForm, current string) {
	clear(f.steps)
	s := &screen{doc: a.doc}
	state := "done"
	steps := loginSteps
	if current == protocol.StepTwoFactor { // only shown when the server asks for it
		steps = append(append(append([]string(nil), loginSteps[:4]...), current), loginSteps[4:]...)
	}
	for _, step := range steps {
		if step == current {
			state = "current"
		}
		li := s.el("li", "step step-"+state, s.el("span", "step-dot"), a.lang.T("step."+step))
		if state == "current" {
			li.SetAttribute("aria-current", "step")
			state = "todo"
		}
		f.steps.AppendChild(li)
	}
}

// submitLogin reads the form and logs in on a goroutine: one attempt, never retried.
func (a *app) submitLogin(f *loginForm) {
	if a.login.busy {
		return
	}
	if a.login.qr {
		a.submitQR(f)
		return
	}
	a.login.url, a.login.username = value(f.url), value(f.user)
	password := value(f.pass)
	kind := protocol.KindStudent
	if a.login.parent {
		kind = protocol.KindParent
	}
	school := a.login.url
	if !a.login.own {
		school = a.opts.Demo.URL
	}
	page := spacePage(school, kind)
	if page == "" || a.login.username == "" || password == "" {
		a.login.err = "INVALID_ARGUMENT"
		a.syncLogin(f)
		focus(f.errBox)
		return
	}
	a.runLogin(f, protocol.Options{URL: page, Credential: protocol.Password{Username: a.login.username,
		Password: password, Remember: a.login.remember}})
}

// runLogin logs in on a goroutine with o's credential: one attempt, never retried. Double
// authentication is asked in the form; with "Rester connecté" the token is kept.
func (a *app) runLogin(f *loginForm, o protocol.Options) {
	a.login.err, a.login.busy = "", true
	a.syncLogin(f)
	focus(f.stop) // the submit button is hidden while the login runs
	a.progress(f, protocol.StepPage)
	seq := a.seq
	o.DeviceUUID = a.opts.DeviceUUID
	if o.IdentifiantNav == "" && o.URL != "" {
		o.IdentifiantNav = navFor(a.navs(), o.URL)
	}
	o.OnProgress = func(step string) {
		if seq == a.seq {
			a.progress(f, step)
		}
	}
	o.OnTwoFactor = a.askTwoFactor(f, seq)
	remember := a.login.remember
	a.rememberHooks(&o, remember)
	// Long enough for the user to type a PIN in the middle of the login; each request has the
	// protocol's own timeout. The Cancel button ends it at once (nothing is retried).
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	cancelled := false
	a.login.cancel = func() { cancelled = true; cancel() }
	go func() {
		defer a.recoverPanic()
		defer cancel()
		err := a.k.login(ctx, o)
		if seq != a.seq {
			return
		}
		a.login.cancel = nil
		if err != nil {
			code := a.loginCode(err, &o)
			if code == "ABORTED" && !cancelled {
				code = "TIMEOUT" // the only abort the user did not ask for is a deadline
			}
			if code == "REMEMBER_EXPIRED" {
				a.forgetToken()
			}
			a.noteRefusal(code, o.URL)
			a.showLogin(code)
			return
		}
		a.act.input()
		a.act.called()
		a.keepToken(remember)
		saveNav(a.navs(), a.k.s.URL(), a.k.s.IdentifiantNav())
		a.login = loginState{own: a.login.own, parent: a.login.parent, url: a.login.url, username: a.login.username,
			qr: a.login.qr, remember: remember}
		a.tab = tabTimetable
		a.showMain(true)
	}()
}
