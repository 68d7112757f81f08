package protocol_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestParent logs in as a parent of two children and reads each child's data: every data call
// must carry membre (the fake server refuses parent calls without it) and the answers differ
// per child.
func TestParent(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s := login(t, srv, "parent")
			u := s.User()
			if u.Kind != protocol.KindParent || len(u.Children) != 2 || u.Children[0].ClassName == u.Children[1].ClassName {
				t.Fatalf("user = %+v", u)
			}
			ctx := context.Background()
			var weeks [2][]string
			for i, c := range u.Children {
				if err := s.SelectChild(c.ID); err != nil {
					t.Fatal(err)
				}
				lessons, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-27"})
				if err != nil || len(lessons) == 0 {
					t.Fatalf("child %d timetable: %d, %v", i, len(lessons), err)
				}
				for _, l := range lessons {
					weeks[i] = append(weeks[i], l.Subject+l.Start)
				}
				if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
					t.Fatalf("child %d grades: %v", i, err)
				}
				if _, err := s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-23", To: "2026-11-29"}); err != nil {
					t.Fatalf("child %d homework: %v", i, err)
				}
			}
			if reflect.DeepEqual(weeks[0], weeks[1]) {
				t.Error("both children have the same timetable")
			}
		})
	}
}

// switchOnce runs f when the first request whose body holds marker goes out.
type switchOnce struct {
	inner  protocol.Transport
	marker string
	f      func()
	done   bool
}

func (w *switchOnce) Do(ctx context.Context, req *protocol.Request) (*protocol.Response, error) {
	if !w.done && strings.Contains(string(req.Body), w.marker) {
		w.done = true
		w.f()
	}
	return w.inner.Do(ctx, req)
}

// TestChildPinnedForACall: a SelectChild while a two-week timetable is being read does not
// make the second week another child's: the whole range is about the child selected when the
// call began, and the next call is about the new one.
func TestChildPinnedForACall(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	tr := &switchOnce{inner: httptransport.New(nil), marker: "PageEmploiDuTemps"}
	ctx := context.Background()
	s := loginVia(t, srv, "parent", tr)
	var err error
	kids := s.User().Children
	q := protocol.TimetableQuery{From: "2026-11-23", To: "2026-12-04"} // two weeks
	want := map[string][]protocol.Lesson{}
	tr.done = true // no switch while reading the references
	for _, c := range kids {
		if err := s.SelectChild(c.ID); err != nil {
			t.Fatal(err)
		}
		if want[c.ID], err = s.Timetable(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if reflect.DeepEqual(want[kids[0].ID], want[kids[1].ID]) {
		t.Fatal("the two children have the same timetable: the test would prove nothing")
	}
	s.SelectChild(kids[0].ID)
	tr.done, tr.f = false, func() { s.SelectChild(kids[1].ID) }
	got, err := s.Timetable(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !tr.done {
		t.Fatal("the switch did not happen")
	}
	if !reflect.DeepEqual(got, want[kids[0].ID]) {
		t.Error("a range read while SelectChild ran mixes the two children")
	}
	if got, err := s.Timetable(ctx, q); err != nil || !reflect.DeepEqual(got, want[kids[1].ID]) {
		t.Errorf("the next call is not about the newly selected child (err %v)", err)
	}
}
