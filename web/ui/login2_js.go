package ui

import (
	"context"
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// The login screen's other ways in: a QR code, "Rester connecté" (a token kept on the
// device) and double authentication asked in the middle of the login.

// tokens is the store of "Rester connecté" (localStorage); a Remote keeps its token itself.
func (a *app) tokens() Store {
	if a.opts.Remote != nil {
		return nullStore{}
	}
	return webStorage{"localStorage", rememberKey}
}

// navs is the store of each school's identifiantNav (localStorage).
func (a *app) navs() Store { return webStorage{"localStorage", navKey} }

// methodChoice switches between username + password and a QR code.
func (a *app) methodChoice(s *screen, f *loginForm) dom.Element {
	return a.choice(s, "method", a.lang.T("login.method"), a.login.qr, a.lang.T("login.withPassword"),
		a.lang.T("login.withQR"), func(qr bool) {
			a.login.qr = qr
			a.syncLogin(f)
			if qr {
				focus(f.qrData)
			}
		})
}

// qrFields are the QR code's text and its PIN.
func (a *app) qrFields(s *screen, f *loginForm) dom.Element {
	f.qrData = attrs(s.el("textarea", "input"), "id", "pronote-qr", "rows", "3", "spellcheck", "false",
		"autocomplete", "off", "aria-describedby", "pronote-qr-hint")
	f.qrPIN = attrs(s.el("input", "input"), "id", "pronote-qr-pin", "type", "password", "inputmode", "numeric",
		"autocomplete", "off")
	f.qrBox = s.el("div", "qr-fields",
		s.el("div", "field", attrs(s.el("label", "", a.lang.T("login.qrData")), "for", "pronote-qr"), f.qrData,
			attrs(s.el("p", "field-hint", a.lang.T("login.qrHint")), "id", "pronote-qr-hint")),
		s.el("div", "field", attrs(s.el("label", "", a.lang.T("login.qrPIN")), "for", "pronote-qr-pin"), f.qrPIN))
	return f.qrBox
}

// rememberField is "Rester connecté", off by default, with what it means.
func (a *app) rememberField(s *screen, f *loginForm) dom.Element {
	f.remember = attrs(s.el("input", ""), "type", "checkbox", "id", "pronote-remember", "aria-describedby", "pronote-remember-hint")
	if a.login.remember {
		f.remember.SetAttribute("checked", "")
	}
	s.on(f.remember, "change", func(js.Value) { a.login.remember = f.remember.Underlying().Get("checked").Bool() })
	return s.el("div", "field field-check", f.remember, attrs(s.el("label", "", a.lang.T("login.remember")), "for", "pronote-remember"),
		attrs(s.el("p", "field-hint", a.lang.T("login.rememberHint")), "id", "pronote-remember-hint"))
}

// syncMethod shows the fields of the chosen way in.
func (a *app) syncMethod(f *loginForm) {
	for _, e := range []dom.Element{f.school, f.kind, f.userField, f.passField} {
		if e != nil {
			e.Underlying().Set("hidden", a.login.qr)
		}
	}
	f.qrBox.Underlying().Set("hidden", !a.login.qr)
}

// submitQR logs in with the pasted QR code and its PIN.
func (a *app) submitQR(f *loginForm) {
	data, pin := value(f.qrData), value(f.qrPIN)
	if data == "" || pin == "" {
		a.login.err = "INVALID_ARGUMENT"
		a.syncLogin(f)
		focus(f.errBox)
		return
	}
	a.runLogin(f, protocol.Options{Credential: protocol.QRCode{Data: data, PIN: pin}})
}

// loginCode is the explanation to show for a failed login: a wrong QR PIN or a refused PIN
// is not a wrong password, and a kept token the server no longer takes is its own case.
func (a *app) loginCode(err error, o *protocol.Options) string {
	_, isQR := o.Credential.(protocol.QRCode)
	_, isToken := o.Credential.(protocol.Token)
	switch {
	case errors.Is(err, protocol.ErrPINRefused):
		return "PIN_REFUSED"
	case isQR && errors.Is(err, protocol.ErrBadCredentials):
		return "QR_REFUSED"
	case isToken && errors.Is(err, protocol.ErrBadCredentials):
		return "REMEMBER_EXPIRED"
	}
	return a.code(err)
}

// askTwoFactor returns the OnTwoFactor of a login from the form f: it shows the fields the
// server wants under the form and waits for the user's answer (nil when cancelled).
func (a *app) askTwoFactor(f *loginForm, seq int) func(context.Context, protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
	return func(ctx context.Context, need protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
		if seq != a.seq {
			return nil, nil
		}
		answers := make(chan *protocol.TwoFactorAnswer, 1)
		a.showTwoFactor(f, need, answers)
		defer func() {
			clear(f.twoFactor)
			f.twoFactor.Underlying().Set("hidden", true)
		}()
		select {
		case ans := <-answers:
			return ans, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// showTwoFactor draws the PIN, device name and new password fields need asks for.
func (a *app) showTwoFactor(f *loginForm, need protocol.TwoFactorNeed, answers chan<- *protocol.TwoFactorAnswer) {
	s := a.cur // the login screen owns the callbacks
	clear(f.twoFactor)
	box := f.twoFactor
	s.add(box, s.el("h2", "", a.lang.T("tf.title")), s.el("p", "", a.lang.T("tf.intro")))
	input := func(id, label, typ, val string, extra ...string) dom.Element {
		in := attrs(s.el("input", "input"), append([]string{"id", id, "type", typ, "value", val}, extra...)...)
		s.add(box, s.el("div", "field", attrs(s.el("label", "", label), "for", id), in))
		return in
	}
	var pin, device, newPass dom.Element
	if need.PIN {
		pin = input("pronote-pin", a.lang.T("tf.pin"), "password", "", "inputmode", "numeric", "autocomplete", "one-time-code")
	}
	if need.DeviceName {
		device = input("pronote-device", a.lang.T("tf.device"), "text", protocol.DefaultDeviceName, "maxlength", "30")
	}
	if need.NewPassword {
		newPass = input("pronote-new-password", a.lang.T("tf.newPassword"), "password", "", "autocomplete", "new-password")
	}
	read := func(e dom.Element) string {
		if e == nil {
			return ""
		}
		return value(e)
	}
	sent := false
	ok := attrs(s.el("button", "btn btn-primary", a.lang.T("tf.submit")), "type", "button")
	cancel := attrs(s.el("button", "btn btn-ghost", a.lang.T("tf.cancel")), "type", "button")
	confirm := func() {
		if !sent {
			sent = true
			answers <- &protocol.TwoFactorAnswer{PIN: read(pin), DeviceName: read(device), NewPassword: read(newPass)}
		}
	}
	s.on(ok, "click", func(js.Value) { confirm() })
	for _, e := range []dom.Element{pin, device, newPass} {
		if e != nil { // Enter confirms: the form's own button is disabled during the login
			s.on(e, "keydown", func(ev js.Value) {
				if ev.Get("key").String() == "Enter" {
					ev.Call("preventDefault")
					confirm()
				}
			})
		}
	}
	s.on(cancel, "click", func(js.Value) {
		if !sent {
			sent = true
			answers <- nil
		}
	})
	s.add(box, s.el("div", "actions", ok, cancel))
	box.Underlying().Set("hidden", false)
	for _, e := range []dom.Element{pin, newPass, device} {
		if e != nil {
			focus(e)
			break
		}
	}
}

// rememberHooks makes a login keep its token when "Rester connecté" is on: the token is
// asked for, every new one is written at once, and an expired session logs in again once.
func (a *app) rememberHooks(o *protocol.Options, remember bool) {
	if !remember {
		return
	}
	if p, ok := o.Credential.(protocol.Password); ok {
		p.Remember = true
		o.Credential = p
	}
	o.AutoRelogin = true
	o.OnToken = a.updateToken
}

// updateToken writes a rotated token into the kept record, if there is one.
func (a *app) updateToken(token string) {
	if r, ok := loadRemembered(a.tokens()); ok {
		r.Token = token
		r.save(a.tokens())
	}
}

// keepToken writes the record of a session just logged in, or forgets any when remember is
// off.
func (a *app) keepToken(remember bool) {
	s := a.k.s
	if !remember || s == nil || s.Token() == "" {
		a.tokens().Clear()
		return
	}
	remembered{URL: s.URL(), Username: s.Username(), Token: s.Token(), IdentifiantNav: s.IdentifiantNav()}.save(a.tokens())
}

// forgetToken is "Se déconnecter" for "Rester connecté".
func (a *app) forgetToken() { a.tokens().Clear() }

// forgetTokenOf forgets the kept token after the server refused s's: unless another tab has
// rotated it since (the kept one is then newer and still good).
func (a *app) forgetTokenOf(s session) {
	if r, ok := loadRemembered(a.tokens()); ok && s != nil && r.Token != s.Token() {
		return
	}
	a.forgetToken()
}

// resumeHooks are the options of a session resumed from the tab's storage: with a kept token,
// it reports rotations and logs in again once on expiry.
func (a *app) resumeHooks(o *protocol.Options) {
	if _, ok := loadRemembered(a.tokens()); ok {
		o.AutoRelogin, o.OnToken = true, a.updateToken
	}
}

// loginWithToken is a reload or a new tab with "Rester connecté": one token login, no password.
func (a *app) loginWithToken(r remembered) {
	a.login.remember, a.login.own = true, true
	a.showLogin("")
	a.runLogin(a.login.form, protocol.Options{URL: r.URL, IdentifiantNav: r.IdentifiantNav,
		Credential: protocol.Token{Username: r.Username, Token: r.Token}})
}
