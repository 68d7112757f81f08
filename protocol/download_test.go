package protocol_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// firstFile returns the first file attachment of a pupil's homework due on testNow (a Monday:
// the dataset attaches exercices.pdf there), as the client and as the dataset see it.
func firstFile(t *testing.T, s *protocol.Session, st pronotetest.Student) (protocol.Attachment, pronotetest.Attachment) {
	t.Helper()
	hw, err := s.Homework(context.Background(), protocol.HomeworkQuery{From: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	var got protocol.Attachment
	for _, h := range hw {
		for _, a := range h.Attachments {
			if a.Kind == "file" && got.URL == "" {
				got = a
			}
		}
	}
	for _, h := range pronotetest.NewDemo(testNow).Homework(st, testNow, testNow) {
		for _, a := range h.Attachments {
			if a.Kind == 1 {
				return got, a
			}
		}
	}
	t.Fatal("no file attachment on the anchor's Monday")
	return got, pronotetest.Attachment{}
}

// TestDownload: a homework file and a lesson-content file come back with the bytes and the
// type the server serves, on every profile, for the student and each child of the parent.
func TestDownload(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true, RequireCookie: true})
			ctx := context.Background()
			s := login(t, srv, "student")
			att, want := firstFile(t, s, pronotetest.StudentLea)
			f, err := s.Download(ctx, protocol.DownloadQuery{Attachment: att})
			body, typ := pronotetest.DemoFile(want)
			if err != nil || f.Name != "exercices.pdf" || f.Type != typ || typ != "application/pdf" || !bytes.Equal(f.Bytes, body) {
				t.Fatalf("homework file: %+v, %v", f, err)
			}
			if !bytes.HasPrefix(f.Bytes, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(f.Bytes, []byte("%%EOF\n")) {
				t.Errorf("not a PDF: %q", f.Bytes)
			}
			contents, err := s.LessonContents(ctx, protocol.LessonContentsQuery{From: "2026-11-17"}) // a Tuesday
			if err != nil {
				t.Fatal(err)
			}
			g, err := s.Download(ctx, protocol.DownloadQuery{Attachment: contents[0].Contents[0].Attachments[0]})
			if err != nil || g.Name != "cours.pdf" || g.Type != "application/pdf" || bytes.Equal(g.Bytes, f.Bytes) {
				t.Errorf("lesson content file: %+v, %v", g, err)
			}

			parent := login(t, srv, "parent")
			var files [][]byte
			for i, st := range []pronotetest.Student{pronotetest.StudentLea, pronotetest.StudentHugo} {
				parent.SelectChild(parent.User().Children[i].ID)
				att, want := firstFile(t, parent, st)
				f, err := parent.Download(ctx, protocol.DownloadQuery{Attachment: att})
				if body, _ := pronotetest.DemoFile(want); err != nil || !bytes.Equal(f.Bytes, body) {
					t.Fatalf("parent, %s: %+v, %v", st.Name, f, err)
				}
				files = append(files, f.Bytes)
			}
			if bytes.Equal(files[0], files[1]) {
				t.Error("both children's files are the same")
			}
		})
	}
}

// TestDownloadLink: a link is fetched from its own address without the session's cookies; an
// address that is not http(s), an attachment of another server or of no known kind is
// INVALID_ARGUMENT naming "attachment", refused before anything is sent.
func TestDownloadLink(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	feed, err := s.ICalURL(ctx, protocol.ICalQuery{})
	if err != nil || feed == nil {
		t.Fatal(err)
	}
	srv.PlantHomework(testNow, "<p>lien</p>", pronotetest.Attachment{Name: "Agenda", URL: *feed},
		pronotetest.Attachment{Name: "script", URL: "javascript:alert(1)"})
	hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	var link, script protocol.Attachment
	for _, h := range hw {
		for _, a := range h.Attachments {
			switch a.Name {
			case "Agenda":
				link = a
			case "script":
				script = a
			}
		}
	}
	sent := len(srv.Requests())
	f, err := s.Download(ctx, protocol.DownloadQuery{Attachment: link})
	if err != nil || f.Name != "Agenda" || !strings.HasPrefix(f.Type, "text/calendar") || !bytes.HasPrefix(f.Bytes, []byte("BEGIN:VCALENDAR")) {
		t.Fatalf("link: %+v, %v", f, err)
	}
	log := srv.Requests()
	if len(log) != sent+1 || log[sent].Method != "GET" || log[sent].Header.Get("Cookie") != "" {
		t.Errorf("the link download sent %d requests (want 1 GET), with a cookie: %v", len(log)-sent, log[len(log)-1].Header.Get("Cookie") != "")
	}

	sent = len(srv.Requests())
	for _, a := range []protocol.Attachment{
		script, // its address was dropped when the homework was read
		{Name: "x", Kind: "link", URL: "javascript:alert(1)"},
		{Name: "x", Kind: "link", URL: "data:text/html,<b>x</b>"},
		{Name: "x", Kind: "link", URL: "file:///etc/passwd"},
		{Name: "x", Kind: "link", URL: "http://user@127.0.0.1/x"},
		{Name: "x", Kind: "file", URL: "http://127.0.0.2:1/pronote/FichiersExternes/00/x.pdf"},
		{Name: "x", Kind: "file", URL: strings.Replace(srv.URL, "/pronote/", "/autre/", 1) + "x.pdf"},
		{Name: "x", Kind: "", URL: srv.URL + "x"},
	} {
		_, err := s.Download(ctx, protocol.DownloadQuery{Attachment: a})
		var ae *protocol.ArgumentError
		if !errors.As(err, &ae) || ae.Name != "attachment" || protocol.Code(err) != "INVALID_ARGUMENT" {
			t.Errorf("%s (%s): err = %v, want an invalid attachment", a.Name, a.Kind, err)
		}
	}
	if len(srv.Requests()) != sent {
		t.Error("a refused attachment was requested")
	}
}

// TestDownloadRefused: a file id the session never listed is the server's 404 (SERVER_ERROR);
// a closed session downloads nothing.
func TestDownloadRefused(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	att, _ := firstFile(t, s, pronotetest.StudentLea)
	other := login(t, srv, "student")
	forged := att
	forged.URL = strings.Replace(att.URL, "FichiersExternes/", "FichiersExternes/00", 1)
	for name, tc := range map[string]struct {
		s *protocol.Session
		a protocol.Attachment
	}{
		"a forged id": {s, forged},
		// Its address names the first session, whose cookie the other session does not have.
		"another session's file": {other, att},
	} {
		_, err := tc.s.Download(ctx, protocol.DownloadQuery{Attachment: tc.a})
		if !errors.Is(err, protocol.ErrUnavailable) || protocol.Code(err) != "SERVER_ERROR" || !strings.Contains(err.Error(), "404") {
			t.Errorf("%s: err = %v, want the server's 404", name, err)
		}
	}
	if _, err := s.Download(ctx, protocol.DownloadQuery{Attachment: att}); err != nil {
		t.Errorf("the file itself: %v", err)
	}
	s.Close()
	if _, err := s.Download(ctx, protocol.DownloadQuery{Attachment: att}); !errors.Is(err, protocol.ErrClosed) {
		t.Errorf("closed session: err = %v, want ErrClosed", err)
	}
}
