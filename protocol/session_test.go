package protocol_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// testNow is the fixed date of the dataset in these tests: a Monday in the first trimester.
var testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

type flagCase struct{ encrypt, compress bool }

var flagCases = []flagCase{{false, false}, {true, false}, {false, true}, {true, true}}

func (f flagCase) String() string { return fmt.Sprintf("crypt=%v,comp=%v", f.encrypt, f.compress) }

func newServer(t *testing.T, o pronotetest.Options) *pronotetest.Server {
	t.Helper()
	if o.Now == nil {
		o.Now = func() time.Time { return testNow }
	}
	srv := pronotetest.NewServer(o)
	t.Cleanup(srv.Close)
	return srv
}

func options(srv *pronotetest.Server, kind, username, password string) protocol.Options {
	return protocol.Options{
		URL:        srv.SpaceURL(kind),
		Username:   username,
		Password:   password,
		DeviceUUID: "test-device",
		Transport:  httptransport.New(nil),
		Now:        func() time.Time { return testNow },
	}
}

func login(t *testing.T, srv *pronotetest.Server, kind string) *protocol.Session {
	t.Helper()
	return loginVia(t, srv, kind, nil)
}

// loginVia logs in as the demo student or parent through tr (the default transport when nil);
// the session is closed when the test ends.
func loginVia(t *testing.T, srv *pronotetest.Server, kind string, tr protocol.Transport) *protocol.Session {
	t.Helper()
	user, pass := pronotetest.StudentUsername, pronotetest.StudentPassword
	if kind == "parent" {
		user, pass = pronotetest.ParentUsername, pronotetest.ParentPassword
	}
	o := options(srv, kind, user, pass)
	if tr != nil {
		o.Transport = tr
	}
	s, err := protocol.Login(context.Background(), o)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestEveryProfile runs the whole student journey on every profile and flag combination.
func TestEveryProfile(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		for _, f := range flagCases {
			t.Run(p.Name+"/"+f.String(), func(t *testing.T) {
				srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: f.encrypt, Compress: f.compress})
				journey(t, srv)
			})
		}
	}
}

func journey(t *testing.T, srv *pronotetest.Server) {
	ctx := context.Background()
	var steps []string
	o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	o.OnProgress = func(s string) { steps = append(steps, s) }
	s, err := protocol.Login(ctx, o)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	if got := strings.Join(steps, ","); got != "page,parameters,identification,authentication,user" {
		t.Errorf("progress = %s", got)
	}
	u := s.User()
	if u.Name == "" || u.Kind != protocol.KindStudent || u.ClassName == "" || u.Establishment == "" {
		t.Errorf("user = %+v", u)
	}
	periods := s.Periods()
	if len(periods) < 3 || periods[0].Start == "" || periods[0].Kind != "trimester" {
		t.Fatalf("periods = %+v", periods)
	}
	week, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-29"})
	if err != nil {
		t.Fatalf("timetable: %v", err)
	}
	checkWeek(t, week)
	monday, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23"})
	if err != nil || len(monday) == 0 || len(monday) >= len(week) {
		t.Errorf("one-day timetable: %d lessons, %v", len(monday), err)
	}
	grades, err := s.Grades(ctx, protocol.GradesQuery{})
	if err != nil {
		t.Fatalf("grades: %v", err)
	}
	checkGrades(t, grades)
	hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-16", To: "2026-12-06"})
	if err != nil {
		t.Fatalf("homework: %v", err)
	}
	checkHomework(t, hw)
	raw, err := s.Call(ctx, "PageEmploiDuTemps", []byte(`{"numeroSemaine":12,"NumeroSemaine":12,"ressource":`+resourceJSON(t, s)+`,"Ressource":`+resourceJSON(t, s)+`}`), 16)
	if err != nil || !bytes.Contains(raw, []byte("ListeCours")) {
		t.Errorf("raw call: %v", err)
	}
	if err := s.KeepAlive(ctx); err != nil {
		t.Errorf("keep-alive: %v", err)
	}
	resumeAndClose(t, s, o)
}

func resourceJSON(t *testing.T, s *protocol.Session) string {
	return fmt.Sprintf(`{"N":%q,"G":4,"L":%q}`, s.User().ID, s.User().Name)
}

func checkWeek(t *testing.T, lessons []protocol.Lesson) {
	t.Helper()
	if len(lessons) < 20 {
		t.Fatalf("a full week has %d lessons", len(lessons))
	}
	var cancelled int
	days := map[string]bool{}
	for i, l := range lessons {
		if l.Subject == "" || l.Start == "" || l.End <= l.Start || len(l.Teachers) == 0 || len(l.Rooms) == 0 {
			t.Errorf("lesson %d = %+v", i, l)
		}
		if i > 0 && l.Start < lessons[i-1].Start {
			t.Errorf("lessons not sorted at %d", i)
		}
		if l.Cancelled {
			cancelled++
			if l.Status == "" {
				t.Errorf("cancelled lesson without a status: %+v", l)
			}
		}
		days[l.Start[:10]] = true
	}
	if cancelled == 0 {
		t.Error("no cancelled lesson this week")
	}
	if len(days) < 5 {
		t.Errorf("lessons on %d days", len(days))
	}
}

func checkGrades(t *testing.T, g *protocol.Grades) {
	t.Helper()
	if len(g.Grades) < 5 || len(g.Averages) < 3 || g.Overall == nil || g.Overall.Value == nil {
		t.Fatalf("grades: %d grades, %d averages, overall %v", len(g.Grades), len(g.Averages), g.Overall)
	}
	kinds := map[string]int{}
	var bonus bool
	for _, gr := range g.Grades {
		kinds[gr.Grade.Kind]++
		bonus = bonus || gr.Bonus
		if gr.Subject == "" || gr.Date == "" || gr.OutOf <= 0 || gr.Coefficient <= 0 {
			t.Errorf("grade = %+v", gr)
		}
		if gr.Grade.Kind == "grade" && (gr.Grade.Value == nil || *gr.Grade.Value > gr.OutOf) {
			t.Errorf("grade value = %+v", gr)
		}
	}
	if kinds["grade"] == 0 || kinds["absent"] == 0 || kinds["exempted"] == 0 || !bonus {
		t.Errorf("grade kinds = %v, bonus %v", kinds, bonus)
	}
}

func checkHomework(t *testing.T, hw []protocol.Homework) {
	t.Helper()
	if len(hw) < 3 {
		t.Fatalf("%d homework", len(hw))
	}
	var done, files, links int
	for _, h := range hw {
		if h.Subject == "" || h.Due < "2026-11-16" || h.Due > "2026-12-06" || h.HTML == "" || h.Text == "" || strings.Contains(h.Text, "<") {
			t.Errorf("homework = %+v", h)
		}
		if h.Done {
			done++
		}
		for _, a := range h.Attachments {
			switch a.Kind {
			case "file":
				files++
				if !strings.Contains(a.URL, "/FichiersExternes/") {
					t.Errorf("file URL = %s", a.URL)
				}
			case "link":
				links++
			}
		}
	}
	if done == 0 || files == 0 || links == 0 {
		t.Errorf("homework: %d done, %d files, %d links", done, files, links)
	}
}

func resumeAndClose(t *testing.T, s *protocol.Session, o protocol.Options) {
	ctx := context.Background()
	state, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if bytes.Contains(state, []byte(o.Password)) {
		t.Fatal("the exported state contains the password")
	}
	s.Close()
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); !errors.Is(err, protocol.ErrClosed) || protocol.Code(err) != "CLOSED" {
		t.Errorf("call after close: %v", err)
	}
	r, err := protocol.Resume(state, protocol.Options{Transport: o.Transport, Now: o.Now})
	if err != nil {
		t.Fatalf("resume: %v", err)
	}
	defer r.Close()
	if r.User().Name != s.User().Name || len(r.Periods()) != len(s.Periods()) {
		t.Errorf("resumed user %+v", r.User())
	}
	if _, err := r.Grades(ctx, protocol.GradesQuery{}); err != nil {
		t.Errorf("grades after resume: %v", err)
	}
}
