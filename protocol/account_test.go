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

// TestAccount: the student's details as the dataset has them; for a parent, each child's.
func TestAccount(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	ctx := context.Background()
	lea := &protocol.Account{Email: "lea.martin@example.org", Phone: "+33612345678",
		Address: []string{"12 rue des Lilas", "Bâtiment B"}, PostalCode: "75011", City: "PARIS", Country: "France", INE: "070123456AB"}
	hugo := &protocol.Account{Address: lea.Address, PostalCode: "75011", City: "PARIS", Country: "France", INE: "090654321CD"}
	got, err := login(t, srv, "student").Account(ctx, protocol.AccountQuery{})
	if err != nil || !reflect.DeepEqual(got, lea) {
		t.Errorf("student: %+v, %v", got, err)
	}
	parent := login(t, srv, "parent")
	for i, want := range []*protocol.Account{lea, hugo} {
		parent.SelectChild(parent.User().Children[i].ID)
		got, err := parent.Account(ctx, protocol.AccountQuery{})
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("parent, child %d: %+v, %v", i, got, err)
		}
	}
}

// TestTeachers: the class's teaching team as the dataset has it, per child.
func TestTeachers(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2023})
	s := login(t, srv, "parent")
	d := pronotetest.NewDemo(testNow)
	var firsts []string
	for i, st := range []pronotetest.Student{pronotetest.StudentLea, pronotetest.StudentHugo} {
		s.SelectChild(s.User().Children[i].ID)
		got, err := s.Teachers(context.Background(), protocol.TeachersQuery{})
		if err != nil {
			t.Fatal(err)
		}
		want := d.Teachers(st)
		if len(got) != len(want) {
			t.Fatalf("%s: %d teachers, want %d", st.Name, len(got), len(want))
		}
		for j, m := range want {
			var subjects []string
			for _, sub := range m.Subjects {
				subjects = append(subjects, sub.Name)
			}
			if got[j].ID == "" || got[j].Name != m.Name || !reflect.DeepEqual(got[j].Subjects, subjects) {
				t.Errorf("%s: teacher %d = %+v, want %s %v", st.Name, j, got[j], m.Name, subjects)
			}
		}
		firsts = append(firsts, got[0].Name)
	}
	if firsts[0] == firsts[1] {
		t.Error("both children have the same team")
	}
}

// TestICalURL: the address is absolute, under the school's root, different per pupil, and
// the fake server serves that pupil's timetable at it without a session; a school that
// publishes no feed gives nil.
func TestICalURL(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	ctx := context.Background()
	student := login(t, srv, "student")
	u, err := student.ICalURL(ctx, protocol.ICalQuery{})
	if err != nil || u == nil || !strings.HasPrefix(*u, srv.URL+"ical/mesinformations.ics?icalsecurise=") ||
		!strings.Contains(*u, "&version=2025.2.6") {
		t.Fatalf("student: an address that is not the school's feed (nil: %v), %v", u == nil, err) // never print it: it holds the token
	}
	parent := login(t, srv, "parent")
	var urls []string
	for _, c := range parent.User().Children {
		parent.SelectChild(c.ID)
		v, err := parent.ICalURL(ctx, protocol.ICalQuery{})
		if err != nil || v == nil {
			t.Fatalf("%s: no address (%v)", c.Name, err)
		}
		urls = append(urls, *v)
	}
	if urls[0] != *u || urls[1] == urls[0] {
		t.Error("the feed is not the pupil's: Léa's differs between her accounts, or Hugo has hers")
	}
	for i, want := range []string{"SUMMARY:Mathématiques", "SUMMARY:Éducation musicale"} {
		resp, err := httptransport.New(nil).Do(ctx, &protocol.Request{Method: "GET", URL: urls[i]})
		if err != nil {
			t.Fatalf("GET feed %d: %v", i, err)
		}
		if resp.Status != 200 || !strings.HasPrefix(resp.Header["Content-Type"], "text/calendar") {
			t.Fatalf("GET feed %d: HTTP %d, %q", i, resp.Status, resp.Header["Content-Type"])
		}
		body := string(resp.Body)
		if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\n") || !strings.Contains(body, want) || !strings.Contains(body, "DTSTART:20261123T") {
			t.Errorf("feed %d does not hold %q this week:\n%.300s", i, want, body)
		}
	}

	none := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, NoICal: true})
	v, err := login(t, none, "student").ICalURL(ctx, protocol.ICalQuery{})
	if err != nil || v != nil {
		t.Errorf("no feed: an address (%v), %v; want nil", v != nil, err)
	}
	resp, err := httptransport.New(nil).Do(ctx, &protocol.Request{Method: "GET", URL: strings.Replace(*u, srv.URL, none.URL, 1)})
	switch {
	case err != nil:
		t.Errorf("GET a feed of a school that publishes none: %v", err)
	case resp.Status != 404:
		t.Errorf("GET a feed of a school that publishes none: HTTP %d, want 404", resp.Status)
	}
}
