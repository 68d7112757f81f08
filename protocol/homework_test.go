package protocol_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestHomeworkRange: the client and the server agree on the longest range, a school year of 62
// weeks; one week more is refused before anything is sent.
func TestHomeworkRange(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	first := pronotetest.NewDemo(testNow).FirstMonday
	last := first.AddDate(0, 0, 62*7-1) // the Sunday of week 62
	hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: first.Format("2006-01-02"), To: last.Format("2006-01-02")})
	if err != nil {
		t.Fatalf("62 weeks: %v", err)
	}
	if len(hw) == 0 {
		t.Error("62 weeks: no homework at all")
	}
	sent := len(srv.Requests())
	_, err = s.Homework(ctx, protocol.HomeworkQuery{From: first.Format("2006-01-02"), To: last.AddDate(0, 0, 1).Format("2006-01-02")})
	var ae *protocol.ArgumentError
	if !errors.As(err, &ae) || ae.Name != "to" {
		t.Errorf("63 weeks: err = %v, want an invalid to", err)
	}
	if len(srv.Requests()) != sent {
		t.Error("63 weeks: a request was sent")
	}
}

// TestLinkAttachments: a link attachment keeps its address only when it is http(s); others
// keep their name and lose the address.
func TestLinkAttachments(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	s := login(t, srv, "student")
	links := []pronotetest.Attachment{
		{Name: "ok", URL: "https://example.org/cours?x=1"},
		{Name: "plain", URL: "http://example.org/"},
		{Name: "script", URL: "javascript:alert(1)"},
		{Name: "mixed case", URL: " JaVaScRiPt:alert(2)"},
		{Name: "data", URL: "data:text/html,<script>alert(3)</script>"},
		{Name: "relative", URL: "/pronote/x"},
	}
	srv.PlantHomework(testNow.AddDate(0, 0, 2), "<p>liens</p>", links...)
	day := testNow.AddDate(0, 0, 2).Format("2006-01-02")
	hw, err := s.Homework(context.Background(), protocol.HomeworkQuery{From: day, To: day})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, h := range hw {
		if h.HTML != "<p>liens</p>" {
			continue
		}
		for _, a := range h.Attachments {
			if a.Kind != "link" {
				t.Errorf("%s: kind %q", a.Name, a.Kind)
			}
			got[a.Name] = a.URL
		}
	}
	want := map[string]string{"ok": "https://example.org/cours?x=1", "plain": "http://example.org/",
		"script": "", "mixed case": "", "data": "", "relative": ""}
	if len(got) != len(want) {
		t.Fatalf("attachments = %v", got)
	}
	for name, url := range want {
		if got[name] != url {
			t.Errorf("%s: url %q, want %q", name, got[name], url)
		}
		if strings.Contains(strings.ToLower(got[name]), "script") {
			t.Errorf("%s: a script address reached the caller", name)
		}
	}
}
