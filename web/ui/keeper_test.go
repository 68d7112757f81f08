package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// memStore is a Store in memory.
type memStore struct{ data []byte }

func (m *memStore) Load() []byte   { return m.data }
func (m *memStore) Save(b []byte)  { m.data = append([]byte(nil), b...) }
func (m *memStore) Clear()         { m.data = nil }
func (m *memStore) String() string { return string(m.data) }

func newKeeper(t *testing.T) (*keeper, *memStore, *pronotetest.Server) {
	t.Helper()
	srv := pronotetest.NewServer(pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true, Compress: true,
		Now: func() time.Time { return testNow }})
	t.Cleanup(srv.Close)
	st := &memStore{}
	k := &keeper{store: st, transport: func() protocol.Transport { return httptransport.New(nil) }}
	return k, st, srv
}

func login(t *testing.T, k *keeper, srv *pronotetest.Server, kind protocol.Kind, user, pass string) error {
	t.Helper()
	return k.login(context.Background(), protocol.Options{URL: spacePage(srv.URL, kind), Username: user,
		Password: pass, DeviceUUID: "test", Now: func() time.Time { return testNow }})
}

// TestKeeperSurvivesReload logs in, calls, then continues from the store as a reloaded page
// would: the saved state follows the order counter and never holds the password.
func TestKeeperSurvivesReload(t *testing.T) {
	k, st, srv := newKeeper(t)
	if err := login(t, k, srv, protocol.KindStudent, pronotetest.StudentUsername, pronotetest.StudentPassword); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := k.do(ctx, func(s Data) error {
			_, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-29"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	k.setTab("grades")
	if strings.Contains(st.String(), pronotetest.StudentPassword) || !strings.Contains(st.String(), `"tab":"grades"`) {
		t.Fatalf("saved state: password present or tab missing")
	}
	reloaded := &keeper{store: st, transport: k.transport}
	if !reloaded.resume() || reloaded.rec.Tab != "grades" {
		t.Fatal("resume failed")
	}
	if err := reloaded.do(ctx, func(s Data) error { _, err := s.Grades(ctx, protocol.GradesQuery{}); return err }); err != nil {
		t.Fatalf("call after resume: %v", err)
	}
	reloaded.logout()
	if st.data != nil || (&keeper{store: st, transport: k.transport}).resume() {
		t.Error("logout left a session behind")
	}
}

func TestKeeperExpired(t *testing.T) {
	k, st, srv := newKeeper(t)
	if err := login(t, k, srv, protocol.KindParent, pronotetest.ParentUsername, pronotetest.ParentPassword); err != nil {
		t.Fatal(err)
	}
	children := k.s.User().Children
	if len(children) != 2 || k.selectChild(children[1].ID) != nil || !strings.Contains(st.String(), children[1].ID) {
		t.Fatalf("children %+v", children)
	}
	srv.Inject(pronotetest.FaultExpireSession)
	ctx := context.Background()
	err := k.do(ctx, func(s Data) error { _, err := s.Grades(ctx, protocol.GradesQuery{}); return err })
	if protocol.Code(err) != "SESSION_EXPIRED" || st.data != nil {
		t.Errorf("err %v, store kept: %v", err, st.data != nil)
	}
}

func TestKeeperBadPassword(t *testing.T) {
	k, st, srv := newKeeper(t)
	err := login(t, k, srv, protocol.KindStudent, pronotetest.StudentUsername, "Tr0ub4dor-s3cret")
	if protocol.Code(err) != "BAD_CREDENTIALS" || st.data != nil || strings.Contains(err.Error(), "Tr0ub4dor") {
		t.Errorf("err %v", err)
	}
}

// TestHostileHomework plants a hostile description in the fake server and checks what the
// interface would build from it.
func TestHostileHomework(t *testing.T) {
	k, _, srv := newKeeper(t)
	srv.PlantHomework(testNow.AddDate(0, 0, 1), `<p onclick="alert(1)">Lire</p><script>alert(2)</script>`+
		`<a href="javascript:alert(3)">piège</a><img src=x onerror="alert(4)"><a href="https://example.org/">ok</a>`)
	if err := login(t, k, srv, protocol.KindStudent, pronotetest.StudentUsername, pronotetest.StudentPassword); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var hw []protocol.Homework
	if err := k.do(ctx, func(s Data) (err error) {
		hw, err = s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-24", To: "2026-11-24"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hw {
		if strings.Contains(h.HTML, "<script>") {
			found = true
			want := `<p>Lire</p><a>piège</a><a href="https://example.org/">ok</a>`
			if got := render(sanitize(h.HTML)); got != want {
				t.Errorf("rendered %s, want %s", got, want)
			}
		}
	}
	if !found {
		t.Fatal("the planted homework was not served")
	}
}

// TestLogoutDuringCall: logging out while a call is loading neither crashes when the call
// returns nor writes the logged-out session back into the store.
func TestLogoutDuringCall(t *testing.T) {
	k, st, srv := newKeeper(t)
	if err := login(t, k, srv, protocol.KindStudent, pronotetest.StudentUsername, pronotetest.StudentPassword); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err := k.do(ctx, func(s Data) error {
		_, err := s.Grades(ctx, protocol.GradesQuery{})
		k.logout() // the user pressed "Se déconnecter" while the grades were loading
		return err
	})
	if err != nil {
		t.Fatalf("the call itself: %v", err)
	}
	if st.data != nil {
		t.Error("the logged-out session was saved again")
	}
	if err := k.do(ctx, func(Data) error { return nil }); protocol.Code(err) != "CLOSED" {
		t.Errorf("a call after logout: %v", err)
	}
	if err := k.selectChild("x"); protocol.Code(err) != "CLOSED" {
		t.Errorf("selectChild after logout: %v", err)
	}
}
