package protocol_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

func twoFactorOptions(srv *pronotetest.Server, remember bool) protocol.Options {
	return credOptions(srv, "student", protocol.Password{Username: pronotetest.TwoFactorUsername,
		Password: pronotetest.TwoFactorPassword, Remember: remember})
}

// TestTwoFactor runs double authentication on every profile: without an answer the login
// stops with what is needed; the callback's PIN and device name register the device, whose
// token supersedes the login's; the next login with the same identifiantNav, and a token
// login with the same UUID, ask nothing.
func TestTwoFactor(t *testing.T) {
	for i, p := range pronotetest.Profiles() {
		f := flagCases[(i+1)%len(flagCases)]
		t.Run(p.Name+"/"+f.String(), func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: f.encrypt, Compress: f.compress})
			twoFactorJourney(t, srv)
		})
	}
}

func twoFactorJourney(t *testing.T, srv *pronotetest.Server) {
	ctx := context.Background()
	_, err := protocol.Login(ctx, twoFactorOptions(srv, false))
	var tfe *protocol.TwoFactorError
	if !errors.As(err, &tfe) || !tfe.Need.PIN || !tfe.Need.DeviceName || tfe.Need.NewPassword ||
		protocol.Code(err) != "TWO_FACTOR_REQUIRED" {
		t.Fatalf("no answer: %v (%s)", err, protocol.Code(err))
	}
	if n := srv.Count("SecurisationCompteDoubleAuth"); n != 0 {
		t.Errorf("%d 2FA calls without an answer", n)
	}

	var steps, told []string
	asked := 0
	o := twoFactorOptions(srv, true)
	o.OnProgress = func(s string) { steps = append(steps, s) }
	o.OnToken = func(tok string) { told = append(told, tok) }
	o.OnTwoFactor = func(_ context.Context, need protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
		asked++
		if !need.PIN || !need.DeviceName {
			t.Errorf("need = %+v", need)
		}
		return &protocol.TwoFactorAnswer{PIN: pronotetest.TwoFactorPIN, DeviceName: "Test device"}, nil
	}
	s, err := protocol.Login(ctx, o)
	if err != nil {
		t.Fatalf("with the PIN: %v", err)
	}
	if asked != 1 || strings.Join(steps, ",") != "page,parameters,identification,authentication,twoFactor,user" {
		t.Errorf("asked %d times, steps %v", asked, steps)
	}
	if len(told) != 2 || s.Token() != told[1] || told[0] == told[1] {
		t.Errorf("tokens told %d, the registration's must supersede the login's", len(told))
	}
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
		t.Errorf("grades: %v", err)
	}

	again := twoFactorOptions(srv, false)
	again.IdentifiantNav = s.IdentifiantNav()
	again.OnTwoFactor = func(context.Context, protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
		t.Error("a registered device was asked again")
		return nil, nil
	}
	if _, err := protocol.Login(ctx, again); err != nil {
		t.Errorf("registered device: %v", err)
	}
	tok := credOptions(srv, "student", protocol.Token{Username: s.Username(), Token: s.Token()})
	if _, err := protocol.Login(ctx, tok); err != nil {
		t.Errorf("token login on the registered device: %v", err)
	}
}

// TestTwoFactorUpFront: a PIN and device name given before the login are used without a
// callback; a device name over 30 characters is refused before anything is sent.
func TestTwoFactorUpFront(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	ctx := context.Background()
	o := twoFactorOptions(srv, false)
	o.TwoFactor = &protocol.TwoFactorAnswer{PIN: pronotetest.TwoFactorPIN, DeviceName: strings.Repeat("x", 31)}
	if _, err := protocol.Login(ctx, o); !errors.Is(err, protocol.ErrInvalidArgument) || len(srv.Requests()) != 0 {
		t.Errorf("long device name: %v, %d requests", err, len(srv.Requests()))
	}
	o.TwoFactor.DeviceName = ""
	if _, err := protocol.Login(ctx, o); err != nil {
		t.Fatalf("PIN up front: %v", err)
	}
}

// TestWrongPINSentOnce: a refused PIN is BAD_CREDENTIALS once the server said so; it is sent
// exactly once, the callback is not asked again, and no PIN appears in the error.
func TestWrongPINSentOnce(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: false})
	const wrong = "pin-is-wrong"
	asked := 0
	o := twoFactorOptions(srv, false)
	o.OnTwoFactor = func(context.Context, protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
		asked++
		return &protocol.TwoFactorAnswer{PIN: wrong}, nil
	}
	_, err := protocol.Login(context.Background(), o)
	if !errors.Is(err, protocol.ErrBadCredentials) || protocol.Code(err) != "BAD_CREDENTIALS" || !strings.Contains(err.Error(), "tentatives") {
		t.Fatalf("err = %v", err)
	}
	if n := srv.Count("SecurisationCompteDoubleAuth"); n != 1 || asked != 1 {
		t.Errorf("%d SecurisationCompteDoubleAuth calls, callback asked %d times; want 1 and 1", n, asked)
	}
	secrets{wrong, pronotetest.TwoFactorPIN, pronotetest.TwoFactorPassword}.check(t, "error", err.Error())
	for _, r := range srv.Requests() {
		secrets{wrong}.check(t, "request", string(r.Body))
	}
}

// TestPasswordChange: a forced password change is PASSWORD_CHANGE_REQUIRED without a new
// password; with one, the login completes and the new password works from then on.
func TestPasswordChange(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: p.Name != "2023"})
			ctx := context.Background()
			o := credOptions(srv, "student", protocol.Password{Username: pronotetest.PasswordChangeUsername, Password: pronotetest.PasswordChangePassword})
			_, err := protocol.Login(ctx, o)
			var tfe *protocol.TwoFactorError
			if !errors.As(err, &tfe) || !tfe.Need.NewPassword || tfe.Need.PasswordMin != 8 || protocol.Code(err) != "PASSWORD_CHANGE_REQUIRED" {
				t.Fatalf("err = %v (%s)", err, protocol.Code(err))
			}
			const fresh = "Nouveau-Secret-2026"
			o.TwoFactor = &protocol.TwoFactorAnswer{NewPassword: "short"}
			if _, err := protocol.Login(ctx, o); protocol.Code(err) != "PASSWORD_CHANGE_REQUIRED" {
				t.Errorf("a refused new password: %v", err)
			}
			o.TwoFactor = &protocol.TwoFactorAnswer{NewPassword: fresh}
			if _, err := protocol.Login(ctx, o); err != nil {
				t.Fatalf("with a new password: %v", err)
			}
			o.TwoFactor = nil
			o.Credential = protocol.Password{Username: pronotetest.PasswordChangeUsername, Password: fresh}
			if _, err := protocol.Login(ctx, o); err != nil {
				t.Errorf("the new password: %v", err)
			}
			for _, r := range srv.Requests() {
				secrets{fresh}.check(t, "request", string(r.Body))
			}
		})
	}
}

// lineLogger keeps every debug line as text.
type lineLogger struct{ lines []string }

func (l *lineLogger) Debug(msg string, args ...any) {
	l.lines = append(l.lines, fmt.Sprint(append([]any{msg}, args...)...))
}

// TestNoSecretInLogs runs double authentication, a token login, a QR login and an automatic
// login with a logger: no password, PIN, token or QR code field appears in a line.
func TestNoSecretInLogs(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	ctx := context.Background()
	log := &lineLogger{}
	o := twoFactorOptions(srv, true)
	o.Logger, o.AutoRelogin = log, true
	o.TwoFactor = &protocol.TwoFactorAnswer{PIN: pronotetest.TwoFactorPIN}
	s, err := protocol.Login(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	sec := secrets{pronotetest.TwoFactorPassword, pronotetest.TwoFactorPIN, s.Token()}
	srv.Inject(pronotetest.FaultExpireSession)
	if err := s.Do(ctx, grades(s)); err != nil {
		t.Fatal(err)
	}
	sec = append(sec, s.Token())
	qr, _ := srv.QRCode("student", pronotetest.StudentUsername, "7319")
	qo := credOptions(srv, "student", protocol.QRCode{Data: qr, PIN: "7319"})
	qo.Logger = log
	q, err := protocol.Login(ctx, qo)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]string
	json.Unmarshal([]byte(qr), &fields)
	sec = append(sec, "7319", q.Token(), fields["jeton"], fields["login"])
	if len(log.lines) == 0 {
		t.Fatal("no line logged: the test checks nothing")
	}
	for _, line := range log.lines {
		sec.check(t, "log line", line)
	}
}
