package protocol_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

var thisWeek = protocol.HomeworkQuery{From: "2026-11-23", To: "2026-11-29"}

func doneState(t *testing.T, s *protocol.Session) map[string]bool {
	t.Helper()
	hw, err := s.Homework(context.Background(), thisWeek)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, h := range hw {
		out[h.ID] = h.Done
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// TestSetHomeworkDone: marking one item done, then not done, changes that item only, with one
// request each time, and the change persists for a new session of the same pupil.
func TestSetHomeworkDone(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s := login(t, srv, "student")
			ctx := context.Background()
			before := doneState(t, s)
			var id string
			for k, done := range before {
				if !done {
					id = k
				}
			}
			if id == "" || len(before) < 3 {
				t.Fatalf("the week has no item to mark done: %v", before)
			}
			for _, done := range []bool{true, false} {
				sent := len(srv.Requests())
				if _, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: id, Done: ptr(done)}); err != nil {
					t.Fatalf("done=%v: %v", done, err)
				}
				if n := len(srv.Requests()) - sent; n != 1 {
					t.Errorf("done=%v: %d requests, want 1", done, n)
				}
				after := doneState(t, s)
				for k, v := range before {
					want := v
					if k == id {
						want = done
					}
					if after[k] != want {
						t.Errorf("done=%v: item %s is %v, want %v", done, k, after[k], want)
					}
				}
			}
			if _, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: id, Done: ptr(true)}); err != nil {
				t.Fatal(err)
			}
			again := login(t, srv, "student")
			hw, err := again.Homework(ctx, thisWeek)
			if err != nil {
				t.Fatal(err)
			}
			var marked int
			for _, h := range hw {
				if h.Done {
					marked++
				}
			}
			if want := countTrue(before) + 1; marked != want {
				t.Errorf("a new session sees %d items done, want %d", marked, want)
			}
		})
	}
}

func countTrue(m map[string]bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}

// TestSetHomeworkDoneParent: a parent marks one child's item; the other child's homework does
// not change, and an id of one child while the other is selected is refused by the server.
func TestSetHomeworkDoneParent(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "parent")
	ctx := context.Background()
	kids := s.User().Children
	states := map[string]map[string]bool{}
	for _, c := range kids {
		s.SelectChild(c.ID)
		states[c.ID] = doneState(t, s)
	}
	s.SelectChild(kids[0].ID)
	var id string
	for k, done := range states[kids[0].ID] {
		if !done {
			id = k
		}
	}
	if _, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: id, Done: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if got := doneState(t, s); !got[id] || countTrue(got) != countTrue(states[kids[0].ID])+1 {
		t.Errorf("%s: not exactly the item marked", kids[0].Name)
	}
	s.SelectChild(kids[1].ID)
	if got := doneState(t, s); countTrue(got) != countTrue(states[kids[1].ID]) || len(got) != len(states[kids[1].ID]) {
		t.Errorf("%s: the other child's homework changed", kids[1].Name)
	}
	_, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: id, Done: ptr(false)})
	var se *protocol.ServerError
	if !errors.As(err, &se) || se.G != 3 || protocol.Code(err) != "SERVER_ERROR" {
		t.Errorf("another child's homework: err = %v, want a refusal (G 3)", err)
	}
	s.SelectChild(kids[0].ID)
	if !doneState(t, s)[id] {
		t.Error("the refused write changed the item")
	}
}

// TestSetHomeworkDoneArguments: a missing id or done is INVALID_ARGUMENT naming it, before
// anything is sent; an id the server never handed out is its refusal (G 22).
func TestSetHomeworkDoneArguments(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024})
	s := login(t, srv, "student")
	ctx := context.Background()
	sent := len(srv.Requests())
	for _, tc := range []struct {
		q    protocol.SetHomeworkDoneQuery
		name string
	}{
		{protocol.SetHomeworkDoneQuery{Done: ptr(true)}, "id"},
		{protocol.SetHomeworkDoneQuery{ID: "  ", Done: ptr(true)}, "id"},
		{protocol.SetHomeworkDoneQuery{ID: "88#x"}, "done"},
	} {
		_, err := s.SetHomeworkDone(ctx, tc.q)
		var ae *protocol.ArgumentError
		if !errors.As(err, &ae) || ae.Name != tc.name || protocol.Code(err) != "INVALID_ARGUMENT" {
			t.Errorf("%+v: err = %v, want an invalid %s", tc.q, err, tc.name)
		}
	}
	if len(srv.Requests()) != sent {
		t.Error("a request was sent for an invalid write")
	}
	_, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: "88#unknown", Done: ptr(true)})
	var se *protocol.ServerError
	if !errors.As(err, &se) || se.G != 22 {
		t.Errorf("unknown id: err = %v, want G 22", err)
	}
}

// TestSetHomeworkDoneNeverRetried: a write whose reply is lost (the server applied it) or
// refused is sent once; the caller gets the error and the session goes on.
func TestSetHomeworkDoneNeverRetried(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	tr := httptransport.New(nil)
	ctx := context.Background()
	s := loginVia(t, srv, "student", tr)
	before := doneState(t, s)
	var id string
	for k, done := range before {
		if !done {
			id = k
		}
	}
	for _, f := range []pronotetest.Fault{pronotetest.FaultDropReply, pronotetest.FaultServerError{G: 21}} {
		srv.Inject(f)
		// A new connection: a kept-alive one that ends without an answer is taken as never
		// processed (TestIdleConnectionClosed), and this test is about one that was.
		tr.CloseIdleConnections()
		sent := len(srv.Requests())
		_, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: id, Done: ptr(true)})
		if err == nil {
			t.Fatalf("%v: no error", f)
		}
		if n := len(srv.Requests()) - sent; n != 1 {
			t.Errorf("%v: %d requests, want exactly 1 (never retried)", f, n)
		}
	}
	if !doneState(t, s)[id] {
		t.Error("the write whose reply was lost was not applied by the server (the test proves nothing)")
	}
}
