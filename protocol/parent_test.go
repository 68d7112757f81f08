package protocol_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/pronote-web/pronote/protocol"
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
				if _, err := s.Grades(ctx, ""); err != nil {
					t.Fatalf("child %d grades: %v", i, err)
				}
				if _, err := s.Homework(ctx, "2026-11-23", "2026-11-29"); err != nil {
					t.Fatalf("child %d homework: %v", i, err)
				}
			}
			if reflect.DeepEqual(weeks[0], weeks[1]) {
				t.Error("both children have the same timetable")
			}
		})
	}
}
