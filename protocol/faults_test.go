package protocol_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestLoginFaults checks that every fault of the fake server gives its own error and code.
func TestLoginFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault pronotetest.Fault
		want  error
		code  string
	}{
		{"ip suspended", pronotetest.FaultIPSuspended, protocol.ErrIPSuspended, "IP_SUSPENDED"},
		{"maintenance", pronotetest.FaultMaintenance, protocol.ErrMaintenance, "SERVER_ERROR"},
		{"busy", pronotetest.FaultBusy, protocol.ErrUnavailable, "SERVER_ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
			srv.Inject(tt.fault)
			o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
			_, err := protocol.Login(context.Background(), o)
			if !errors.Is(err, tt.want) || protocol.Code(err) != tt.code {
				t.Errorf("err = %v (%s), want %v (%s)", err, protocol.Code(err), tt.want, tt.code)
			}
		})
	}
}

func TestCallFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault pronotetest.Fault
		check func(error) bool
		code  string
	}{
		{"expired", pronotetest.FaultExpireSession, func(err error) bool { return errors.Is(err, protocol.ErrSessionExpired) }, "SESSION_EXPIRED"},
		{"wrong order", pronotetest.FaultWrongOrder, func(err error) bool { return errors.Is(err, protocol.ErrDesync) }, "PROTOCOL_ERROR"},
		{"server error", pronotetest.FaultServerError{G: 3, Title: "Accès refusé"}, func(err error) bool {
			var se *protocol.ServerError
			return errors.As(err, &se) && se.G == 3 && se.Title == "Accès refusé" && se.Func == "DernieresNotes"
		}, "SERVER_ERROR"},
		{"G 21", pronotetest.FaultServerError{G: 21, Title: "Impossible d'afficher la page"}, func(err error) bool {
			var se *protocol.ServerError
			return errors.As(err, &se) && se.G == 21 && !errors.Is(err, protocol.ErrProtocol)
		}, "SERVER_ERROR"},
		{"G 11", pronotetest.FaultServerError{G: 11, Title: "La page a expiré ! (4)"}, func(err error) bool { return errors.Is(err, protocol.ErrProtocol) }, "PROTOCOL_ERROR"},
		{"G 13", pronotetest.FaultServerError{G: 13, Title: "La page a expiré ! (6)"}, func(err error) bool { return errors.Is(err, protocol.ErrSessionExpired) }, "SESSION_EXPIRED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: true})
			s := login(t, srv, "student")
			srv.Inject(tt.fault)
			_, err := s.Grades(context.Background(), protocol.GradesQuery{})
			if !tt.check(err) || protocol.Code(err) != tt.code {
				t.Errorf("err = %v (%s), want code %s", err, protocol.Code(err), tt.code)
			}
			for _, secret := range []string{pronotetest.StudentPassword, "appelfonction"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error text %q contains %q", err, secret)
				}
			}
		})
	}
}

// TestServerErrorKeepsSession: a refused call (G 3) leaves the session usable; an expired or
// desynchronised one does not pretend to be.
func TestServerErrorKeepsSession(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true, Compress: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	srv.Inject(pronotetest.FaultServerError{G: 3, Title: "Accès refusé"})
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); err == nil {
		t.Fatal("fault not raised")
	}
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
		t.Fatalf("the session did not survive a refused call: %v", err)
	}
	srv.Inject(pronotetest.FaultExpireSession)
	s.Grades(ctx, protocol.GradesQuery{})
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); !errors.Is(err, protocol.ErrSessionExpired) {
		t.Errorf("after expiry: %v", err)
	}
}

// TestWrongPassword: one Authentification, never retried, and no password on the wire.
func TestWrongPassword(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true})
			o := options(srv, "student", pronotetest.StudentUsername, "wrong-Secret-42")
			_, err := protocol.Login(context.Background(), o)
			if !errors.Is(err, protocol.ErrBadCredentials) || protocol.Code(err) != "BAD_CREDENTIALS" {
				t.Fatalf("err = %v", err)
			}
			auths := 0
			for _, r := range srv.Requests() {
				if strings.Contains(r.Text, `"Authentification"`) {
					auths++
				}
				if strings.Contains(string(r.Body), "wrong-Secret-42") || strings.Contains(r.Path, "wrong-Secret-42") {
					t.Error("the password was sent")
				}
			}
			if auths != 1 {
				t.Errorf("%d Authentification requests, want exactly 1", auths)
			}
		})
	}
}

// TestRateLimit: after repeated failures the server answers G 25.
func TestRateLimit(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, MaxFailedLogins: 2})
	ctx := context.Background()
	bad := options(srv, "student", pronotetest.StudentUsername, "nope")
	for i := 0; i < 2; i++ {
		if _, err := protocol.Login(ctx, bad); !errors.Is(err, protocol.ErrBadCredentials) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	good := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	_, err := protocol.Login(ctx, good)
	var se *protocol.ServerError
	if !errors.Is(err, protocol.ErrRateLimited) || !errors.As(err, &se) || se.G != 25 || protocol.Code(err) != "RATE_LIMITED" {
		t.Errorf("err = %v", err)
	}
}

func TestCaseInsensitiveLogin(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	o := options(srv, "student", strings.ToUpper(pronotetest.StudentUsername), pronotetest.StudentPassword)
	if _, err := protocol.Login(context.Background(), o); err != nil {
		t.Fatalf("upper-case username: %v", err)
	}
	o.Password = strings.ToUpper(pronotetest.StudentPassword)
	if _, err := protocol.Login(context.Background(), o); !errors.Is(err, protocol.ErrBadCredentials) {
		t.Errorf("upper-case password accepted: %v", err)
	}
}

func TestInvalidArguments(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	ctx := context.Background()
	good := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	for name, mutate := range map[string]func(*protocol.Options){
		"url":       func(o *protocol.Options) { o.URL = "https://x.example/pronote/" },
		"username":  func(o *protocol.Options) { o.Username = " " },
		"password":  func(o *protocol.Options) { o.Password = "" },
		"transport": func(o *protocol.Options) { o.Transport = nil },
	} {
		o := good
		mutate(&o)
		_, err := protocol.Login(ctx, o)
		var ae *protocol.ArgumentError
		if !errors.As(err, &ae) || ae.Name != name || protocol.Code(err) != "INVALID_ARGUMENT" {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	s := login(t, srv, "student")
	checks := map[string]error{}
	_, checks["from"] = s.Timetable(ctx, protocol.TimetableQuery{From: "23/11/2026"})
	_, checks["to"] = s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-01"})
	_, checks["week"] = s.Timetable(ctx, protocol.TimetableQuery{Week: 99})
	_, checks["period"] = s.Grades(ctx, protocol.GradesQuery{Period: "no-such-period"})
	_, checks["name"] = s.Call(ctx, "", nil, 0)
	_, checks["data"] = s.Call(ctx, "Navigation", []byte(`[1]`), 7)
	checks["child"] = s.SelectChild("x")
	for name, err := range checks {
		var ae *protocol.ArgumentError
		if !errors.As(err, &ae) || ae.Name != name {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
		t.Errorf("the session did not survive bad arguments: %v", err)
	}
}
