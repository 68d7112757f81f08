package protocol_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

func rememberLogin(t *testing.T, srv *pronotetest.Server, auto bool) (*protocol.Session, *[]string) {
	t.Helper()
	told := &[]string{}
	o := credOptions(srv, "student", protocol.Password{Username: pronotetest.StudentUsername,
		Password: pronotetest.StudentPassword, Remember: true})
	o.AutoRelogin = auto
	o.OnToken = func(tok string) { *told = append(*told, tok) }
	s, err := protocol.Login(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return s, told
}

func grades(s *protocol.Session) func(context.Context) error {
	return func(ctx context.Context) error {
		_, err := s.Grades(ctx, protocol.GradesQuery{})
		return err
	}
}

// TestAutoRelogin: an expired session logs in exactly once with the token and the call is
// sent once more; the new token is reported; a later expiry does the same.
func TestAutoRelogin(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s, told := rememberLogin(t, srv, true)
			ctx := context.Background()
			period := s.Periods()[1].ID // an id of the first server session: it must keep working
			for round := 1; round <= 2; round++ {
				logins := srv.Count("Authentification")
				srv.Inject(pronotetest.FaultExpireSession)
				err := s.Do(ctx, func(ctx context.Context) error {
					g, err := s.Grades(ctx, protocol.GradesQuery{Period: period})
					if err == nil && g.Period.Name != "Trimestre 2" {
						t.Errorf("period %q", g.Period.Name)
					}
					return err
				})
				if err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
				if n := srv.Count("Authentification") - logins; n != 1 {
					t.Errorf("round %d: %d logins, want exactly 1", round, n)
				}
				if len(*told) != round+1 || s.Token() != (*told)[round] {
					t.Errorf("round %d: %d tokens told", round, len(*told))
				}
			}
			if err := s.Do(ctx, grades(s)); err != nil {
				t.Errorf("after the automatic logins: %v", err)
			}
		})
	}
}

// TestAutoReloginOnceAfterRefusal: when the automatic login is refused (the token was
// rotated elsewhere), the call fails with BAD_CREDENTIALS and no login is tried again.
func TestAutoReloginOnceAfterRefusal(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	ctx := context.Background()
	s, _ := rememberLogin(t, srv, true)
	other := credOptions(srv, "student", protocol.Token{Username: s.Username(), Token: s.Token()})
	if _, err := protocol.Login(ctx, other); err != nil { // rotates the token away from s
		t.Fatal(err)
	}
	srv.Inject(pronotetest.FaultExpireSession)
	logins := srv.Count("Authentification")
	if err := s.Do(ctx, grades(s)); !errors.Is(err, protocol.ErrBadCredentials) {
		t.Fatalf("err = %v, want BAD_CREDENTIALS", err)
	}
	if err := s.Do(ctx, grades(s)); err == nil {
		t.Fatal("a session whose automatic login failed answered")
	}
	if n := srv.Count("Authentification") - logins; n != 1 {
		t.Errorf("%d logins, want exactly 1", n)
	}
}

// TestNoReloginUnlessAsked: without AutoRelogin, or for other errors, Do logs in never.
func TestNoReloginUnlessAsked(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026})
	ctx := context.Background()
	plain, _ := rememberLogin(t, srv, false)
	auto, _ := rememberLogin(t, srv, true)
	logins := srv.Count("Authentification")
	srv.Inject(pronotetest.FaultExpireSession)
	if err := plain.Do(ctx, grades(plain)); !errors.Is(err, protocol.ErrSessionExpired) {
		t.Errorf("without AutoRelogin: %v", err)
	}
	srv.Inject(pronotetest.FaultServerError{G: 25, Title: "Trop de tentatives"})
	if err := auto.Do(ctx, grades(auto)); !errors.Is(err, protocol.ErrRateLimited) {
		t.Errorf("rate limited call: %v", err)
	}
	if n := srv.Count("Authentification") - logins; n != 0 {
		t.Errorf("%d logins, want none", n)
	}
}

// TestCoolDown: after RATE_LIMITED or IP_SUSPENDED, logins to that school fail at once with
// the same code, sending nothing, until LoginCoolDown has passed on the injected clock.
func TestCoolDown(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault pronotetest.Fault
		want  error
	}{
		{"ip", pronotetest.FaultIPSuspended, protocol.ErrIPSuspended},
		{"rate", pronotetest.FaultServerError{G: 25, Title: "Trop"}, protocol.ErrRateLimited},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
			now := testNow
			o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
			o.Now = func() time.Time { return now }
			srv.Inject(tc.fault)
			if _, err := protocol.Login(context.Background(), o); !errors.Is(err, tc.want) {
				t.Fatalf("fault: %v", err)
			}
			srv.Reset()
			for _, after := range []time.Duration{0, protocol.LoginCoolDown - time.Second} {
				now = testNow.Add(after)
				_, err := protocol.Login(context.Background(), o)
				if !errors.Is(err, tc.want) || len(srv.Requests()) != 0 {
					t.Fatalf("after %v: %v, %d requests", after, err, len(srv.Requests()))
				}
			}
			now = testNow.Add(protocol.LoginCoolDown)
			if _, err := protocol.Login(context.Background(), o); err != nil {
				t.Errorf("after the cool-down: %v", err)
			}
		})
	}
}

// TestAutoReloginParent: the child ids a parent holds keep working after an automatic login.
func TestAutoReloginParent(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Compress: true})
	o := credOptions(srv, "parent", protocol.Password{Username: pronotetest.ParentUsername,
		Password: pronotetest.ParentPassword, Remember: true})
	o.AutoRelogin = true
	ctx := context.Background()
	s, err := protocol.Login(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	hugo := s.User().Children[1].ID
	srv.Inject(pronotetest.FaultExpireSession)
	if err := s.Do(ctx, grades(s)); err != nil {
		t.Fatal(err)
	}
	if err := s.SelectChild(hugo); err != nil {
		t.Fatalf("old child id: %v", err)
	}
	g, err := s.Grades(ctx, protocol.GradesQuery{})
	if err != nil || len(g.Grades) == 0 {
		t.Fatalf("grades of the child: %v", err)
	}
}

// gateTransport holds every request while closed, telling entered when one arrives.
type gateTransport struct {
	protocol.Transport
	entered chan struct{}
	release chan struct{}
}

func (g *gateTransport) Do(ctx context.Context, r *protocol.Request) (*protocol.Response, error) {
	g.entered <- struct{}{}
	<-g.release
	return g.Transport.Do(ctx, r)
}

// TestDoAbortWhileQueued: a call made through Do behind a call in flight rejects at once when
// its context ends; Do itself does not wait for the session.
func TestDoAbortWhileQueued(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	s, _ := rememberLogin(t, srv, true)
	// A session resumed over a gated transport: the login above used the plain one.
	state, err := s.Export(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	gate := &gateTransport{Transport: options(srv, "student", "", "").Transport, entered: make(chan struct{}, 1), release: make(chan struct{})}
	r, err := protocol.Resume(state, protocol.Options{Transport: gate, AutoRelogin: true})
	if err != nil {
		t.Fatal(err)
	}
	first := make(chan error, 1)
	go func() { first <- r.Do(context.Background(), grades(r)) }()
	<-gate.entered // the first call holds the session
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r.Do(ctx, grades(r)); !errors.Is(err, context.Canceled) {
		t.Errorf("queued aborted call: %v", err)
	}
	close(gate.release)
	if err := <-first; err != nil {
		t.Errorf("the call in flight: %v", err)
	}
}

// TestAccessorsDuringRelogin: User, Periods, SelectChild, Username and IdentifiantNav may be
// called from any goroutine while an automatic login replaces the account (go test -race):
// they see the account before it or after it, never one half built.
func TestAccessorsDuringRelogin(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profiles()[0], Encrypt: true, Compress: true})
	s, _ := rememberLogin(t, srv, true)
	name := s.User().Name
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if u := s.User(); u.Name != name {
				t.Errorf("User().Name = %q during the automatic login, want %q", u.Name, name)
				return
			}
			if len(s.Periods()) == 0 {
				t.Error("no periods during the automatic login")
				return
			}
			_, _ = s.Username(), s.IdentifiantNav()
			_ = s.SelectChild("none") // a student has no child: refused, but never racy
			runtime.Gosched()         // under js/wasm, one thread: let the calls run
		}
	}()
	for range 3 {
		srv.Inject(pronotetest.FaultExpireSession)
		if err := s.Do(context.Background(), grades(s)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	<-done
}
