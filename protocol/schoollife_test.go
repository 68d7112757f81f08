package protocol_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// bodies records the body of every request a session sends.
type bodies struct {
	inner protocol.Transport
	sent  []string
}

func (b *bodies) Do(ctx context.Context, req *protocol.Request) (*protocol.Response, error) {
	b.sent = append(b.sent, string(req.Body))
	return b.inner.Do(ctx, req)
}

// with returns the bodies that hold marker.
func (b *bodies) with(marker string) []string {
	var out []string
	for _, s := range b.sent {
		if strings.Contains(s, marker) {
			out = append(out, s)
		}
	}
	return out
}

// recordingLogin logs in with a transport that keeps the request bodies (the server plays
// without encryption or compression, so the bodies are readable JSON).
func recordingLogin(t *testing.T, srv *pronotetest.Server, kind string) (*protocol.Session, *bodies) {
	t.Helper()
	user, pass := pronotetest.StudentUsername, pronotetest.StudentPassword
	if kind == "parent" {
		user, pass = pronotetest.ParentUsername, pronotetest.ParentPassword
	}
	rec := &bodies{inner: httptransport.New(nil)}
	o := options(srv, kind, user, pass)
	o.Transport = rec
	s, err := protocol.Login(context.Background(), o)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, rec
}

// TestSchoolLifeArguments: each wrong query is INVALID_ARGUMENT naming the field, and nothing
// is sent.
func TestSchoolLifeArguments(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	s := login(t, srv, "student")
	ctx := context.Background()
	period := s.Periods()[0].ID
	tests := []struct {
		name, arg string
		run       func() error
	}{
		{"attendance period and days", "period", func() error {
			_, err := s.Attendance(ctx, protocol.AttendanceQuery{Period: period, From: "2026-11-02"})
			return err
		}},
		{"attendance to without from", "from", func() error {
			_, err := s.Attendance(ctx, protocol.AttendanceQuery{To: "2026-11-02"})
			return err
		}},
		{"attendance bad from", "from", func() error {
			_, err := s.Attendance(ctx, protocol.AttendanceQuery{From: "2026-02-30"})
			return err
		}},
		{"attendance to before from", "to", func() error {
			_, err := s.Attendance(ctx, protocol.AttendanceQuery{From: "2026-11-02", To: "2026-11-01"})
			return err
		}},
		{"attendance unknown period", "period", func() error {
			_, err := s.Attendance(ctx, protocol.AttendanceQuery{Period: "2#nope"})
			return err
		}},
		{"menus without from", "from", func() error { _, err := s.Menus(ctx, protocol.MenusQuery{}); return err }},
		{"menus bad to", "to", func() error {
			_, err := s.Menus(ctx, protocol.MenusQuery{From: "2026-11-23", To: "23/11/2026"})
			return err
		}},
		{"menus over 8 weeks", "to", func() error {
			_, err := s.Menus(ctx, protocol.MenusQuery{From: "2026-11-23", To: "2027-01-18"})
			return err
		}},
		{"evaluations unknown period", "period", func() error {
			_, err := s.Evaluations(ctx, protocol.EvaluationsQuery{Period: "x"})
			return err
		}},
		{"report card unknown period", "period", func() error {
			_, err := s.ReportCard(ctx, protocol.ReportCardQuery{Period: "x"})
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sent := len(srv.Requests())
			err := tc.run()
			var ae *protocol.ArgumentError
			if !errors.As(err, &ae) || ae.Name != tc.arg || !errors.Is(err, protocol.ErrInvalidArgument) {
				t.Errorf("err = %v, want an invalid %s", err, tc.arg)
			}
			if n := len(srv.Requests()) - sent; n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
	// the longest menu range, 8 weeks from a Monday, is accepted
	if _, err := s.Menus(ctx, protocol.MenusQuery{From: "2026-11-23", To: "2027-01-17"}); err != nil {
		t.Errorf("8 weeks of menus: %v", err)
	}
}

// TestAttendance reads Léa's record by period and by days: the days select what touches them,
// and the request carries the period and the days asked for.
func TestAttendance(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024})
	s, rec := recordingLogin(t, srv, "student")
	ctx := context.Background()
	all, err := s.Attendance(ctx, protocol.AttendanceQuery{Period: s.Periods()[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Absences) != 2 || len(all.Delays) != 2 || len(all.Punishments) != 1 || len(all.Observations) != 2 {
		t.Fatalf("Trimestre 1: %+v", all)
	}
	if a := all.Absences[0]; !a.Justified || !a.Settled || a.Days != 2 || a.Hours != "11h00" || a.Reasons[0] != "Maladie" {
		t.Errorf("first absence %+v", a)
	}
	if a := all.Absences[1]; a.Justified || !a.ParentsMustJustify || len(a.Reasons) != 0 || a.From != "2026-11-17T13:00:00" {
		t.Errorf("second absence %+v", a)
	}
	p := all.Punishments[0]
	if p.Nature != "Retenue" || p.GivenBy != "M. DUPONT" || p.Exclusion || p.Duration != 60 || len(p.Schedule) != 1 ||
		p.Schedule[0] != (protocol.ScheduledSlot{Date: "2026-11-25T17:00:00", Duration: 60}) {
		t.Errorf("punishment %+v", p)
	}
	if got := rec.with("PagePresence"); len(got) != 1 || !strings.Contains(got[0], `"DateDebut":{"V":"07/09/2026 0:0:0","_T":7}`) ||
		!strings.Contains(got[0], `"DateFin":{"V":"30/11/2026 0:0:0","_T":7}`) || !strings.Contains(got[0], `"periode":{"G":2,"L":"Trimestre 1"`) {
		t.Errorf("PagePresence request %q", got)
	}

	week, err := s.Attendance(ctx, protocol.AttendanceQuery{From: "2026-11-16", To: "2026-11-22"})
	if err != nil {
		t.Fatal(err)
	}
	if len(week.Absences) != 1 || week.Absences[0].From[:10] != "2026-11-17" || len(week.Delays) != 1 ||
		week.Delays[0].Date != "2026-11-19T08:00:00" || len(week.Punishments) != 1 || len(week.Observations) != 0 {
		t.Errorf("week of 16 November: %+v", week)
	}
	if got := rec.with("PagePresence"); len(got) != 2 || !strings.Contains(got[1], `"V":"16/11/2026 0:0:0"`) || !strings.Contains(got[1], `"V":"22/11/2026 0:0:0"`) {
		t.Errorf("range request %q", got[len(got)-1])
	}
	empty, err := s.Attendance(ctx, protocol.AttendanceQuery{From: "2026-11-24"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(empty); string(b) != `{"absences":[],"delays":[],"punishments":[],"observations":[]}` {
		t.Errorf("a day without events: %s", b)
	}
}

// TestPrecautionaryMeasure: Hugo's measure is read as a punishment whether the server sends it
// as G 72 (before 2026) or G 71 (2026), its slot spanning the measure.
func TestPrecautionaryMeasure(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true})
			s := login(t, srv, "parent")
			if err := s.SelectChild(s.User().Children[1].ID); err != nil {
				t.Fatal(err)
			}
			a, err := s.Attendance(context.Background(), protocol.AttendanceQuery{})
			if err != nil {
				t.Fatal(err)
			}
			var m *protocol.Punishment
			for i := range a.Punishments {
				if a.Punishments[i].Nature == "Mesure conservatoire" {
					m = &a.Punishments[i]
				}
			}
			if m == nil || !m.Exclusion || len(m.Schedule) != 1 || m.Schedule[0].Date != "2026-11-05T08:00:00" ||
				m.Schedule[0].Duration != 34*60 {
				t.Errorf("measure %+v in %+v", m, a.Punishments)
			}
		})
	}
}

// TestMenus: one request per week, each naming its Monday; the days outside the range are
// left out; weeks without a menu give none.
func TestMenus(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2023})
	s, rec := recordingLogin(t, srv, "student")
	ctx := context.Background()
	days, err := s.Menus(ctx, protocol.MenusQuery{From: "2026-11-25", To: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, d := range days {
		dates = append(dates, d.Date)
	}
	if strings.Join(dates, " ") != "2026-11-25 2026-11-26 2026-11-27 2026-11-30 2026-12-01" {
		t.Errorf("dates %v", dates)
	}
	sent := rec.with("PageMenus")
	if len(sent) != 2 || !strings.Contains(sent[0], `"date":{"V":"23/11/2026 0:0:0","_T":7}`) ||
		!strings.Contains(sent[1], `"date":{"V":"30/11/2026 0:0:0","_T":7}`) {
		t.Errorf("requests %q", sent)
	}
	tue := days[4] // Tuesday 1 December: lunch and the boarders' dinner
	if len(tue.Meals) != 2 || tue.Meals[0].Kind != "lunch" || tue.Meals[1].Kind != "dinner" {
		t.Fatalf("Tuesday %+v", tue)
	}
	main := tue.Meals[0].Courses[1]
	if main.Kind != "main" || main.Dishes[0].Name != "Quiche aux poireaux" ||
		strings.Join(main.Dishes[0].Labels, ",") != "Fait maison,Végétarien" {
		t.Errorf("Tuesday's main course %+v", main)
	}
	later, err := s.Menus(ctx, protocol.MenusQuery{From: "2026-12-07", To: "2026-12-13"})
	if err != nil || later == nil || len(later) != 0 {
		t.Errorf("a week without menus: %v, %v", later, err)
	}
}

// TestReportCards: Léa's first trimester is published; Hugo's is not yet (the server says so
// in a Message, or message from 2025), nor is anyone's second trimester (an empty reply).
func TestReportCards(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2025} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Compress: true})
			s := login(t, srv, "parent")
			ctx := context.Background()
			kids := s.User().Children
			t1, t2 := s.Periods()[0].ID, s.Periods()[1].ID
			want := map[string]bool{kids[0].ID + t1: true, kids[0].ID + t2: false, kids[1].ID + t1: false, kids[1].ID + t2: false}
			for _, c := range kids {
				s.SelectChild(c.ID)
				for _, period := range []string{t1, t2} {
					rc, err := s.ReportCard(ctx, protocol.ReportCardQuery{Period: period})
					if err != nil {
						t.Fatalf("%s: %v", c.Name, err)
					}
					if rc.Published != want[c.ID+period] || rc.Published != (len(rc.Subjects) > 0) || rc.Subjects == nil || rc.Comments == nil {
						t.Errorf("%s %s: %+v", c.Name, period, rc)
					}
				}
			}
			s.SelectChild(kids[0].ID)
			rc, _ := s.ReportCard(ctx, protocol.ReportCardQuery{})
			var english protocol.ReportSubject
			for _, l := range rc.Subjects {
				if l.Subject == "Anglais LV1" {
					english = l
				}
			}
			if strings.Join(english.Teachers, ",") != "Mme SMITH" || english.Average == nil || len(rc.Comments) != 2 {
				t.Errorf("teachers under ListeElements, comments: %+v, %+v", english, rc.Comments)
			}
		})
	}
}

// TestSchoolLifePerChild: each child's calls answer that child's data.
func TestSchoolLifePerChild(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	s := login(t, srv, "parent")
	ctx := context.Background()
	got := map[string]string{}
	for _, c := range s.User().Children {
		if err := s.SelectChild(c.ID); err != nil {
			t.Fatal(err)
		}
		a, err1 := s.Attendance(ctx, protocol.AttendanceQuery{})
		e, err2 := s.Evaluations(ctx, protocol.EvaluationsQuery{})
		if err := errors.Join(err1, err2); err != nil || len(a.Punishments) == 0 || len(e) == 0 {
			t.Fatalf("%s: %v", c.Name, err)
		}
		got[c.Name] = a.Punishments[0].Nature + "/" + e[0].Teacher + "/" + e[0].Subject
	}
	if got["MARTIN Léa"] != "Retenue/Mme SMITH/Anglais LV1" || got["MARTIN Hugo"] != "Mesure conservatoire/Mme EVANS/Anglais LV1" {
		t.Errorf("per child: %v", got)
	}
}

// TestSchoolLifeRefusals: the fake server refuses malformed requests as PRONOTE does (G 21 for
// a wrong shape, G 22 for an id it never gave).
func TestSchoolLifeRefusals(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	p := s.Periods()[0]
	period := map[string]any{"N": p.ID, "L": p.Name, "G": 2}
	day := func(v string) map[string]any { return map[string]any{"_T": 7, "V": v} }
	tests := []struct {
		name   string
		fn     string
		onglet int
		data   map[string]any
		g      int
	}{
		{"menus on a Wednesday", "PageMenus", 10, map[string]any{"date": day("25/11/2026 0:0:0")}, 21},
		{"menus without a date", "PageMenus", 10, map[string]any{}, 21},
		{"attendance without DateFin", "PagePresence", 19, map[string]any{"periode": period, "DateDebut": day("01/11/2026")}, 21},
		{"attendance backwards", "PagePresence", 19, map[string]any{"periode": period, "DateDebut": day("02/11/2026"), "DateFin": day("01/11/2026")}, 21},
		{"attendance unknown period", "PagePresence", 19, map[string]any{"periode": map[string]any{"N": "2#x"}, "DateDebut": day("01/11/2026"), "DateFin": day("02/11/2026")}, 22},
		{"evaluations without periode", "DernieresEvaluations", 201, map[string]any{"Periode": period}, 21},
		{"report card unknown period", "PageBulletins", 13, map[string]any{"periode": map[string]any{"N": "2#x"}}, 22},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := json.Marshal(tc.data)
			_, err := s.Call(ctx, tc.fn, data, tc.onglet)
			var se *protocol.ServerError
			if !errors.As(err, &se) || se.G != tc.g {
				t.Errorf("err = %v, want G %d", err, tc.g)
			}
		})
	}
	if _, err := s.Attendance(ctx, protocol.AttendanceQuery{}); err != nil {
		t.Errorf("the session is unusable after the refusals: %v", err)
	}
}
