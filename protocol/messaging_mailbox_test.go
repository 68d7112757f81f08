package protocol_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// mailboxEntry is a discussion as GET /__control/mailbox lists it.
type mailboxEntry struct {
	Subject  string   `json:"subject"`
	Creator  string   `json:"creator"`
	Public   string   `json:"public"`
	To       []string `json:"to"`
	Closed   bool     `json:"closed"`
	Unread   int      `json:"unread"`
	Messages []struct {
		Author  string `json:"author"`
		Mine    bool   `json:"mine"`
		Content string `json:"content"`
	} `json:"messages"`
}

// TestControlMailbox: the control endpoint the browser tests check writes with shows the
// demo mailbox, then what a reply, a new message (its recipients' ids) and markRead changed,
// and refuses an unknown account.
func TestControlMailbox(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	ctl := httptest.NewServer(http.StripPrefix("/__control", srv.Control()))
	defer ctl.Close()
	mailbox := func(query string) (int, []mailboxEntry) {
		t.Helper()
		resp, err := http.Get(ctl.URL + "/__control/mailbox?" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var box []mailboxEntry
		if resp.StatusCode == 200 {
			if err := json.NewDecoder(resp.Body).Decode(&box); err != nil {
				t.Fatal(err)
			}
		}
		return resp.StatusCode, box
	}
	if code, _ := mailbox("kind=parent&username=nobody"); code != 400 {
		t.Errorf("unknown account: HTTP %d", code)
	}
	parentQuery := "kind=parent&username=" + pronotetest.ParentUsername
	_, before := mailbox(parentQuery)
	if len(before) != 3 || before[0].Unread != 1 || !before[1].Closed || len(before[0].To) != 0 {
		t.Fatalf("demo mailbox: %+v", before)
	}

	s := login(t, srv, "parent")
	ctx := context.Background()
	s.SelectChild(s.User().Children[1].ID)
	teachers, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "teachers"})
	if err != nil {
		t.Fatal(err)
	}
	var girard string
	for _, r := range teachers {
		if r.Name == "Mme GIRARD" {
			girard = r.ID
		}
	}
	if _, err := s.SendMessage(ctx, protocol.SendMessageQuery{Subject: "Sortie", Text: "Bonjour", To: []string{girard}}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Discussions(ctx, protocol.DiscussionsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: ds[1].ID, MarkRead: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: ds[1].ID, Text: "Merci beaucoup"}); err != nil {
		t.Fatal(err)
	}
	_, after := mailbox(parentQuery)
	if len(after) != 4 {
		t.Fatalf("%d discussions after the writes", len(after))
	}
	sent, replied := after[0], after[1]
	if sent.Subject != "Sortie" || sent.Public != "Mme GIRARD" || !reflect.DeepEqual(sent.To, []string{"prof:Mme GIRARD"}) ||
		len(sent.Messages) != 1 || sent.Messages[0].Content != "Bonjour" || !sent.Messages[0].Mine {
		t.Errorf("new discussion: %+v", sent)
	}
	last := replied.Messages[len(replied.Messages)-1]
	if replied.Subject != before[0].Subject || replied.Unread != 0 || last.Content != "Merci beaucoup" ||
		!last.Mine || last.Author != pronotetest.ParentName {
		t.Errorf("replied discussion: %+v", replied)
	}
	if _, student := mailbox("kind=student&username=" + pronotetest.StudentUsername); len(student) != 3 {
		t.Errorf("the student's mailbox changed: %d discussions", len(student))
	}
}

// TestMessagesSameSecond: replies written within one second (the fake server's clock stands
// still) read in the order they were written, though PRONOTE lists the newest first.
func TestMessagesSameSecond(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	id := discussionsBySubject(t, s)[openSubject].ID
	for _, text := range []string{"Premier", "Deuxième", "Troisième"} {
		if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: id, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: id})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range msgs[2:] {
		got = append(got, m.Text)
	}
	if len(msgs) != 5 || !strings.HasPrefix(msgs[0].Text, "Bonjour Monsieur") || !reflect.DeepEqual(got, []string{"Premier", "Deuxième", "Troisième"}) {
		t.Errorf("order: %q (%d messages)", got, len(msgs))
	}
}
