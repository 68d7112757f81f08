package protocol_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// calls counts the appelfonction requests of one function the server received.
func calls(srv *pronotetest.Server, name string) int {
	n := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "appelfonction/") && strings.Contains(r.Text, `"`+name+`"`) {
			n++
		}
	}
	return n
}

// TestNewsSpellings: the fake server sends the news in each generation's spelling (categorie
// and an information's text as its only question up to 2025; nature, listeNatures and no
// listeQuestions on informations on 2026, §12), and News reads the same news from both.
func TestNewsSpellings(t *testing.T) {
	ctx := context.Background()
	var first []protocol.News
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2025, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s := login(t, srv, "student")
			raw, err := s.Call(ctx, "PageActualites", json.RawMessage(`{"modesAffActus":{"_T":26,"V":"[0..3]"}}`), 8)
			if err != nil {
				t.Fatal(err)
			}
			text := string(raw)
			is2026 := p.Name == "2026"
			if strings.Contains(text, `"nature"`) != is2026 || strings.Contains(text, `"listeNatures"`) != is2026 ||
				strings.Contains(text, `"categorie"`) == is2026 || strings.Contains(text, `"listeCategories"`) == is2026 {
				t.Errorf("the reply is not in the %s spelling", p.Name)
			}
			if n := strings.Count(text, `"listeQuestions"`); is2026 && n != 1 || !is2026 && n != 3 {
				t.Errorf("%d listeQuestions, want one per survey on 2026, one per item before", n)
			}
			news, err := s.News(ctx, protocol.NewsQuery{})
			if err != nil {
				t.Fatal(err)
			}
			checkDemoNews(t, news)
			for i := range news { // ids are session-scoped
				news[i].ID = ""
				for j := range news[i].Questions {
					news[i].Questions[j].ID = ""
				}
				for j := range news[i].Attachments {
					news[i].Attachments[j].URL = ""
				}
			}
			if first == nil {
				first = news
			} else if !reflect.DeepEqual(news, first) {
				t.Errorf("the news differ from the 2023 ones:\n%+v\n%+v", news, first)
			}
		})
	}
}

// checkDemoNews pins the student's news: an unread information with a file, an unread
// survey of three questions, a read information.
func checkDemoNews(t *testing.T, news []protocol.News) {
	t.Helper()
	if len(news) != 3 {
		t.Fatalf("%d news, want 3", len(news))
	}
	info, survey, read := news[0], news[1], news[2]
	if info.Survey || info.Read || info.Category != "Sorties et voyages" || info.Author != "M. BERNARD" ||
		info.Created != "2026-11-20T08:15:00" || info.Start != "2026-11-20" || info.End != "2026-12-03" ||
		!strings.Contains(info.HTML, "<b>jeudi prochain</b>") || !strings.Contains(info.Text, "l'autorisation") ||
		len(info.Attachments) != 1 || info.Attachments[0].Name != "autorisation-sortie.pdf" ||
		info.Attachments[0].Kind != "file" || len(info.Questions) != 0 {
		t.Errorf("information = %+v", info)
	}
	kinds := []string{}
	for _, q := range survey.Questions {
		kinds = append(kinds, q.Kind)
	}
	if !survey.Survey || survey.Read || survey.Title != "Ateliers du jeudi midi" ||
		!reflect.DeepEqual(kinds, []string{"singleChoice", "multipleChoice", "text"}) ||
		!reflect.DeepEqual(survey.Questions[0].Choices, []string{"Théâtre", "Robotique", "Chorale"}) ||
		survey.Questions[2].Text != "Une remarque ?" || survey.Questions[0].Answered {
		t.Errorf("survey = %+v", survey)
	}
	if read.Survey || !read.Read || read.Category != "Restauration" || len(read.Attachments) != 0 {
		t.Errorf("read information = %+v", read)
	}
}

// TestMarkNewsRead: a write changes exactly the item it names, for the account, for the
// server's lifetime (another session sees it) until Reset; one SaisieActualites per call.
func TestMarkNewsRead(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2024, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true})
			s := login(t, srv, "student")
			ctx := context.Background()
			before, err := s.News(ctx, protocol.NewsQuery{})
			if err != nil {
				t.Fatal(err)
			}
			readStates := func(s *protocol.Session) []bool {
				t.Helper()
				news, err := s.News(ctx, protocol.NewsQuery{})
				if err != nil {
					t.Fatal(err)
				}
				out := []bool{}
				for _, n := range news {
					out = append(out, n.Read)
				}
				return out
			}
			if _, err := s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: before[1].ID}); err != nil {
				t.Fatal(err)
			}
			if got := readStates(s); !reflect.DeepEqual(got, []bool{false, true, true}) {
				t.Errorf("after marking the survey read: %v", got)
			}
			unread := false
			if _, err := s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: before[2].ID, Read: &unread}); err != nil {
				t.Fatal(err)
			}
			if got := readStates(login(t, srv, "student")); !reflect.DeepEqual(got, []bool{false, true, false}) {
				t.Errorf("another session sees %v", got)
			}
			if n := calls(srv, "SaisieActualites"); n != 2 {
				t.Errorf("%d SaisieActualites for two writes", n)
			}
			srv.Reset()
			if got := readStates(s); !reflect.DeepEqual(got, []bool{false, false, true}) {
				t.Errorf("after Reset: %v", got)
			}
		})
	}
}

// TestMarkNewsReadRefusals: an empty id is refused before anything is sent, an id that is
// not a news item after the news are read but before anything is written.
func TestMarkNewsReadRefusals(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	s := login(t, srv, "student")
	ctx := context.Background()
	sent := len(srv.Requests())
	_, err := s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{})
	var ae *protocol.ArgumentError
	if !errors.As(err, &ae) || ae.Name != "id" || protocol.Code(err) != "INVALID_ARGUMENT" {
		t.Errorf("empty id: %v", err)
	}
	if len(srv.Requests()) != sent {
		t.Error("empty id: a request was sent")
	}
	_, err = s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: "8#nope"})
	if !errors.As(err, &ae) || ae.Name != "id" {
		t.Errorf("unknown id: %v", err)
	}
	if calls(srv, "SaisieActualites") != 0 {
		t.Error("unknown id: SaisieActualites was sent")
	}
}

// TestMarkNewsReadNotRetried: a write whose reply is lost fails with a network error and is
// not sent again.
func TestMarkNewsReadNotRetried(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	tr := &switchOnce{inner: httptransport.New(nil), marker: `"SaisieActualites"`}
	tr.f = func() { dropNext(srv, tr) }
	ctx := context.Background()
	s := loginVia(t, srv, "student", tr)
	news, err := s.News(ctx, protocol.NewsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: news[0].ID})
	if protocol.Code(err) != "NETWORK_ERROR" {
		t.Errorf("err = %v, want a network error", err)
	}
	if n := calls(srv, "SaisieActualites"); n != 1 {
		t.Errorf("SaisieActualites sent %d times", n)
	}
}

// dropNext arms the loss of the next reply, sent on a new connection: one that ends without
// an answer on a kept-alive connection is taken for the server's idle timeout, a request never
// processed (httptransport, TestIdleConnectionClosed).
func dropNext(srv *pronotetest.Server, tr *switchOnce) {
	tr.inner.(*httptransport.Transport).CloseIdleConnections()
	srv.Inject(pronotetest.FaultDropReply)
}

// TestNewsParent: a parent's news are the selected child's class's (plus the school's), and
// marking one child's class item read leaves the other child's alone.
func TestNewsParent(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true})
	s := login(t, srv, "parent")
	ctx := context.Background()
	kids := s.User().Children
	titles := func(child string) []protocol.News {
		t.Helper()
		if err := s.SelectChild(child); err != nil {
			t.Fatal(err)
		}
		news, err := s.News(ctx, protocol.NewsQuery{})
		if err != nil || len(news) != 3 {
			t.Fatalf("news: %d, %v", len(news), err)
		}
		return news
	}
	lea, hugo := titles(kids[0].ID), titles(kids[1].ID)
	if !strings.Contains(lea[0].Title, "3ème B") || !strings.Contains(hugo[0].Title, "6ème A") {
		t.Errorf("class news: %q / %q", lea[0].Title, hugo[0].Title)
	}
	s.SelectChild(kids[0].ID)
	if _, err := s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: lea[0].ID}); err != nil {
		t.Fatal(err)
	}
	if !titles(kids[0].ID)[0].Read || titles(kids[1].ID)[0].Read {
		t.Error("marking Léa's class information read changed Hugo's, or not Léa's")
	}
}
