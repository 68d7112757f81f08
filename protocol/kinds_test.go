package protocol_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// secrets are strings that must never appear in an error, a log line or a request in clear.
type secrets []string

func (sec secrets) check(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range sec {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s holds a secret (%d chars)", where, len(s))
		}
	}
}

func credOptions(srv *pronotetest.Server, kind string, c protocol.Credential) protocol.Options {
	o := options(srv, kind, "", "")
	o.Credential = c
	return o
}

func accountOf(kind string) (string, string) {
	if kind == "parent" {
		return pronotetest.ParentUsername, pronotetest.ParentPassword
	}
	return pronotetest.StudentUsername, pronotetest.StudentPassword
}

// TestEveryKind logs in with every credential kind on every profile, for the student and the
// parent: a password, a password with Remember (a token), the token, then its successor
// after the old one is refused, and a QR code.
func TestEveryKind(t *testing.T) {
	for i, p := range pronotetest.Profiles() {
		f := flagCases[i%len(flagCases)]
		for _, kind := range []string{"student", "parent"} {
			t.Run(p.Name+"/"+f.String()+"/"+kind, func(t *testing.T) {
				srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: f.encrypt, Compress: f.compress})
				everyKind(t, srv, kind)
			})
		}
	}
}

func everyKind(t *testing.T, srv *pronotetest.Server, kind string) {
	ctx := context.Background()
	user, pass := accountOf(kind)
	sec := secrets{pass}

	s, err := protocol.Login(ctx, credOptions(srv, kind, protocol.Password{Username: user, Password: pass}))
	if err != nil || s.Token() != "" {
		t.Fatalf("password: %v, token %v", err, s != nil && s.Token() != "")
	}

	var told []string
	o := credOptions(srv, kind, protocol.Password{Username: user, Password: pass, Remember: true})
	o.OnToken = func(tok string) { told = append(told, tok) }
	s, err = protocol.Login(ctx, o)
	if err != nil {
		t.Fatalf("password + remember: %v", err)
	}
	first := s.Token()
	if first == "" || len(told) != 1 || told[0] != first {
		t.Fatalf("remember: token %d chars, OnToken %d times", len(first), len(told))
	}
	sec = append(sec, first)
	state, err := s.Export(ctx)
	if err != nil || !strings.Contains(string(state), first) || strings.Contains(string(state), pass) {
		t.Errorf("export: %v; holds the token %v", err, strings.Contains(string(state), first))
	}
	r, err := protocol.Resume(state, o)
	if err != nil || r.Token() != first {
		t.Errorf("resume: %v, same token %v", err, r != nil && r.Token() == first)
	}

	before := len(srv.Requests())
	o = credOptions(srv, kind, protocol.Token{Username: s.Username(), Token: first})
	o.OnToken = func(tok string) { told = append(told, tok) }
	ts, err := protocol.Login(ctx, o)
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	second := ts.Token()
	if second == "" || second == first || told[len(told)-1] != second {
		t.Fatalf("token login did not rotate the token")
	}
	sec = append(sec, second)
	checkTokenGET(t, srv.Requests()[before])
	if _, err := ts.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23"}); err != nil {
		t.Errorf("timetable after a token login: %v", err)
	}
	_, err = protocol.Login(ctx, credOptions(srv, kind, protocol.Token{Username: s.Username(), Token: first}))
	if !errors.Is(err, protocol.ErrBadCredentials) {
		t.Fatalf("the rotated-out token: %v, want BAD_CREDENTIALS", err)
	}
	sec.check(t, "error", err.Error())
	if s3, err := protocol.Login(ctx, credOptions(srv, kind, protocol.Token{Username: s.Username(), Token: second})); err != nil || s3.Token() == second {
		t.Fatalf("the latest token: %v", err)
	}

	qr, ok := srv.QRCode(kind, user, "1234")
	if !ok {
		t.Fatal("no QR code")
	}
	qo := credOptions(srv, kind, protocol.QRCode{Data: qr, PIN: "1234"})
	qo.URL = ""
	qs, err := protocol.Login(ctx, qo)
	if err != nil || qs.Token() == "" || qs.User().Kind != protocol.Kind(kind) {
		t.Fatalf("QR code: %v", err)
	}
	sec = append(sec, qs.Token())
	if _, err := protocol.Login(ctx, qo); !errors.Is(err, protocol.ErrBadCredentials) {
		t.Errorf("a QR code used twice: %v", err)
	}
	for _, r := range srv.Requests() {
		sec.check(t, "request "+r.Path, r.Path+string(r.Body))
	}
}

// checkTokenGET: a token login opens the mobile page with appliMobile=1 (§6.6, §2.3).
func checkTokenGET(t *testing.T, r pronotetest.LoggedRequest) {
	t.Helper()
	if r.Method != "GET" || !strings.Contains(r.Path, "/mobile.") || !strings.Contains(r.Header.Get("Cookie"), "appliMobile=1") {
		t.Errorf("token login page: %s %s, cookie appliMobile=1 %v", r.Method, r.Path, strings.Contains(r.Header.Get("Cookie"), "appliMobile=1"))
	}
}

// TestQRWrongPIN: a PIN that does not decrypt the QR code fails before anything is sent.
func TestQRWrongPIN(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true})
	qr, _ := srv.QRCode("student", pronotetest.StudentUsername, "1234")
	before := len(srv.Requests())
	_, err := protocol.Login(context.Background(), credOptions(srv, "student", protocol.QRCode{Data: qr, PIN: "4321"}))
	if !errors.Is(err, protocol.ErrBadCredentials) || !strings.Contains(err.Error(), "PIN") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.Requests()) - before; n != 0 {
		t.Errorf("%d requests sent with a wrong PIN", n)
	}
	secrets{"4321", "1234"}.check(t, "error", err.Error())
}

// TestTokenNeedsItsDevice: a token only works with the device UUID it was issued for.
func TestTokenNeedsItsDevice(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true, Compress: true})
	ctx := context.Background()
	s, err := protocol.Login(ctx, credOptions(srv, "student", protocol.Password{Username: pronotetest.StudentUsername,
		Password: pronotetest.StudentPassword, Remember: true}))
	if err != nil {
		t.Fatal(err)
	}
	o := credOptions(srv, "student", protocol.Token{Username: s.Username(), Token: s.Token()})
	o.DeviceUUID = "another-device"
	if _, err := protocol.Login(ctx, o); !errors.Is(err, protocol.ErrBadCredentials) {
		t.Errorf("token with another UUID: %v", err)
	}
	o.DeviceUUID = ""
	if _, err := protocol.Login(ctx, o); !errors.Is(err, protocol.ErrInvalidArgument) {
		t.Errorf("token without a UUID: %v", err)
	}
}

// TestQRFromSession makes a QR code from a logged-in session (JetonAppliMobile, §6.7) and
// logs in with it.
func TestQRFromSession(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: true, Compress: true})
	ctx := context.Background()
	s := login(t, srv, "student")
	raw, err := s.Call(ctx, "JetonAppliMobile", []byte(`{"code":"5678"}`), 7)
	if err != nil {
		t.Fatal(err)
	}
	var q map[string]any
	if err := json.Unmarshal(raw, &q); err != nil || q["jeton"] == nil || q["login"] == nil {
		t.Fatalf("JetonAppliMobile: %v", err)
	}
	q["url"] = srv.URL + "mobile.eleve.html"
	data, _ := json.Marshal(q)
	qs, err := protocol.Login(ctx, credOptions(srv, "student", protocol.QRCode{Data: string(data), PIN: "5678"}))
	if err != nil || qs.Token() == "" {
		t.Fatalf("QR login: %v", err)
	}
}
