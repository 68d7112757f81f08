package protocol_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestLessonContents pins the class book of Léa's last week against the dataset, and checks
// the links: each entry's lessonId is the id of the timetable lesson at that time, and its
// homeworkDue is the due date of homework of its subject given that day.
func TestLessonContents(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s := login(t, srv, "student")
			ctx := context.Background()
			q := protocol.LessonContentsQuery{From: "2026-11-16", To: "2026-11-22"}
			got, err := s.LessonContents(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := pronotetest.NewDemo(testNow).LessonContents(pronotetest.StudentLea, lessonDay(2026, 11, 16), lessonDay(2026, 11, 22))
			if len(got) != len(want) || len(got) < 20 {
				t.Fatalf("%d entries, want %d", len(got), len(want))
			}
			lessons, err := s.Timetable(ctx, protocol.TimetableQuery{From: q.From, To: q.To})
			if err != nil {
				t.Fatal(err)
			}
			byStart := map[string]protocol.Lesson{}
			for _, l := range lessons {
				if !l.Cancelled {
					byStart[l.Start] = l
				}
			}
			hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-23", To: "2026-11-29"})
			if err != nil {
				t.Fatal(err)
			}
			var linked, files, links int
			for i, c := range got {
				w := want[i]
				if c.Subject != w.Lesson.Subject.Name || c.Start != w.Lesson.Start.Format("2006-01-02T15:04:05") ||
					c.End != w.Lesson.End.Format("2006-01-02T15:04:05") || len(c.Contents) != len(w.Items) ||
					!reflect.DeepEqual(c.Teachers, []string{w.Lesson.Subject.Teacher}) || c.Groups == nil {
					t.Errorf("entry %d = %s %s..%s %v (%d parts), want %s %v (%d parts)", i, c.Subject, c.Start, c.End, c.Teachers,
						len(c.Contents), w.Lesson.Subject.Name, w.Lesson.Start, len(w.Items))
					continue
				}
				if l := byStart[c.Start]; c.LessonID == "" || c.LessonID != l.ID || l.Subject != c.Subject {
					t.Errorf("entry %d: lessonId %q is not the timetable's lesson %q", i, c.LessonID, l.ID)
				}
				if c.HomeworkDue != "" {
					linked++
					if !hasHomework(hw, c.Subject, c.HomeworkDue, c.Start[:10]) {
						t.Errorf("entry %d: homeworkDue %s matches no homework of %s given %s", i, c.HomeworkDue, c.Subject, c.Start[:10])
					}
				}
				for j, it := range c.Contents {
					if it.HTML != w.Items[j].HTML || it.Title != w.Items[j].Title || it.Category != w.Items[j].Category ||
						it.Text == "" || strings.Contains(it.Text, "<") || it.Attachments == nil {
						t.Errorf("entry %d part %d = %q %q %q", i, j, it.Title, it.Category, it.Text)
					}
					for _, a := range it.Attachments {
						switch {
						case a.Kind == "file" && strings.HasPrefix(a.URL, srv.URL+"FichiersExternes/") && a.Name == "cours.pdf":
							files++
						case a.Kind == "link" && strings.HasPrefix(a.URL, "https://example.org/cours/"):
							links++
						default:
							t.Errorf("entry %d: attachment %q of kind %q at an unexpected address", i, a.Name, a.Kind) // never print it: it holds the session number
						}
					}
				}
			}
			if linked == 0 || files != 1 || links != 1 {
				t.Errorf("%d entries linked to homework, %d files, %d links; want some, 1, 1", linked, files, links)
			}
		})
	}
}

func lessonDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func hasHomework(hw []protocol.Homework, subject, due, given string) bool {
	for _, h := range hw {
		if h.Subject == subject && h.Due == due && h.Given == given {
			return true
		}
	}
	return false
}

// TestLessonContentsParent: each child gets their own class book.
func TestLessonContentsParent(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: true})
	s := login(t, srv, "parent")
	d := pronotetest.NewDemo(testNow)
	for i, st := range []pronotetest.Student{pronotetest.StudentLea, pronotetest.StudentHugo} {
		c := s.User().Children[i]
		if c.Name != st.Name {
			t.Fatalf("child %d is %s", i, c.Name)
		}
		s.SelectChild(c.ID)
		got, err := s.LessonContents(context.Background(), protocol.LessonContentsQuery{From: "2026-11-23"})
		if err != nil {
			t.Fatal(err)
		}
		want := d.LessonContents(st, testNow, testNow)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d entries, want %d", st.Name, len(got), len(want))
		}
		for j := range got {
			if got[j].Subject != want[j].Lesson.Subject.Name || got[j].Teachers[0] != want[j].Lesson.Subject.Teacher {
				t.Errorf("%s: entry %d is %s with %v", st.Name, j, got[j].Subject, got[j].Teachers)
			}
		}
	}
}

// TestLessonContentsArguments: bad ranges are INVALID_ARGUMENT naming the field, unsent.
func TestLessonContentsArguments(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	s := login(t, srv, "student")
	sent := len(srv.Requests())
	for _, tc := range []struct {
		q    protocol.LessonContentsQuery
		name string
	}{
		{protocol.LessonContentsQuery{}, "from"},
		{protocol.LessonContentsQuery{From: "23/11/2026"}, "from"},
		{protocol.LessonContentsQuery{From: "2026-11-23", To: "2026-11-22"}, "to"},
		{protocol.LessonContentsQuery{From: "2026-11-23", To: "2026-02-30"}, "to"},
		{protocol.LessonContentsQuery{From: "2026-09-07", To: "2027-12-31"}, "to"},
	} {
		_, err := s.LessonContents(context.Background(), tc.q)
		var ae *protocol.ArgumentError
		if !errors.As(err, &ae) || ae.Name != tc.name || protocol.Code(err) != "INVALID_ARGUMENT" {
			t.Errorf("%+v: err = %v, want an invalid %s", tc.q, err, tc.name)
		}
	}
	if len(srv.Requests()) != sent {
		t.Error("a request was sent for an invalid range")
	}
	got, err := s.LessonContents(context.Background(), protocol.LessonContentsQuery{From: "2026-12-01", To: "2026-12-04"})
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("future days: %d entries (nil: %v), %v; want an empty list", len(got), got == nil, err)
	}
}
