package protocol_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// discussionsBySubject reads the discussions, by subject.
func discussionsBySubject(t *testing.T, s *protocol.Session) map[string]protocol.Discussion {
	t.Helper()
	ds, err := s.Discussions(context.Background(), protocol.DiscussionsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]protocol.Discussion{}
	for _, d := range ds {
		out[d.Subject] = d
	}
	return out
}

const (
	openSubject   = "Question sur l'exercice 14"
	closedSubject = "Conseil de classe du 1er trimestre"
	trashSubject  = "Carnet de correspondance"
)

// TestDiscussions pins the student's mailbox: an open discussion with one unread message, a
// closed one, one in the trash; and the messages of the open one, oldest first.
func TestDiscussions(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	s := login(t, srv, "student")
	ds := discussionsBySubject(t, s)
	open, closed, trash := ds[openSubject], ds[closedSubject], ds[trashSubject]
	if len(ds) != 3 || open.Closed || open.Unread != 1 || open.Messages != 2 || open.Folder != "inbox" ||
		open.Creator != "MARTIN Léa" || open.Recipients != "M. DUPONT" || open.DateLabel != "22/11/26" {
		t.Errorf("open = %+v (%d discussions)", open, len(ds))
	}
	if !closed.Closed || closed.Folder != "inbox" || closed.Unread != 0 {
		t.Errorf("closed = %+v", closed)
	}
	if trash.Closed || trash.Folder != "trash" || trash.Messages != 2 {
		t.Errorf("trash = %+v", trash)
	}
	msgs, err := s.Messages(context.Background(), protocol.MessagesQuery{DiscussionID: open.ID})
	if err != nil || len(msgs) != 2 {
		t.Fatalf("messages: %d, %v", len(msgs), err)
	}
	mine, theirs := msgs[0], msgs[1]
	if !mine.Mine || mine.Author != "MARTIN Léa" || mine.Date != "2026-11-21T17:42:00" || mine.HTML != "" ||
		!strings.HasPrefix(mine.Text, "Bonjour Monsieur") {
		t.Errorf("first message = %+v", mine)
	}
	if theirs.Mine || theirs.Author != "M. DUPONT" || theirs.Date != "2026-11-22T08:10:00" ||
		!strings.Contains(theirs.HTML, "<i>jointe</i>") || !strings.Contains(theirs.Text, "correction est jointe") ||
		len(theirs.Attachments) != 1 || theirs.Attachments[0].Name != "correction-ex14.pdf" {
		t.Errorf("second message = %+v", theirs)
	}
}

// TestMessagesMarkRead: reading without markRead leaves the discussion unread; with it the
// server marks it read, for the server's lifetime.
func TestMessagesMarkRead(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2023})
	s := login(t, srv, "student")
	ctx := context.Background()
	id := discussionsBySubject(t, s)[openSubject].ID
	if _, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: id}); err != nil {
		t.Fatal(err)
	}
	if u := discussionsBySubject(t, s)[openSubject].Unread; u != 1 {
		t.Errorf("unread %d after reading without markRead", u)
	}
	if _, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: id, MarkRead: true}); err != nil {
		t.Fatal(err)
	}
	if u := discussionsBySubject(t, login(t, srv, "student"))[openSubject].Unread; u != 0 {
		t.Errorf("unread %d after markRead, in another session", u)
	}
	if _, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: "44#nope"}); argName(err) != "discussionId" {
		t.Errorf("unknown discussion: %v", err)
	}
}

// argName is the argument an *ArgumentError names, "" for another error.
func argName(err error) string {
	var ae *protocol.ArgumentError
	if errors.As(err, &ae) && protocol.Code(err) == "INVALID_ARGUMENT" {
		return ae.Name
	}
	return ""
}

// TestReply: a reply reaches the server once and a later Messages returns it last, in this
// session and in others, until Reset.
func TestReply(t *testing.T) {
	for _, p := range []pronotetest.Profile{pronotetest.Profile2024, pronotetest.Profile2026} {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
			s := login(t, srv, "student")
			ctx := context.Background()
			id := discussionsBySubject(t, s)[openSubject].ID
			if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: id, Text: "Merci, j'ai compris !"}); err != nil {
				t.Fatal(err)
			}
			if n := calls(srv, "SaisieMessage"); n != 1 {
				t.Errorf("%d SaisieMessage", n)
			}
			other := login(t, srv, "student")
			d := discussionsBySubject(t, other)[openSubject]
			msgs, err := other.Messages(ctx, protocol.MessagesQuery{DiscussionID: d.ID})
			if err != nil || len(msgs) != 3 || d.Messages != 3 {
				t.Fatalf("messages: %d (%d listed), %v", len(msgs), d.Messages, err)
			}
			last := msgs[2]
			if !last.Mine || last.Author != "MARTIN Léa" || last.Text != "Merci, j'ai compris !" || last.Date != "2026-11-23T10:00:00" {
				t.Errorf("reply = %+v", last)
			}
			for subject, d := range discussionsBySubject(t, s) {
				if subject != openSubject && d.Messages != map[string]int{closedSubject: 1, trashSubject: 2}[subject] {
					t.Errorf("%s changed: %+v", subject, d)
				}
			}
			srv.Reset()
			if n := discussionsBySubject(t, s)[openSubject].Messages; n != 2 {
				t.Errorf("%d messages after Reset", n)
			}
		})
	}
}

// TestReplyRefusals: an empty text, a missing or unknown discussion and a closed one are
// refused before SaisieMessage is sent; an empty text before anything is sent.
func TestReplyRefusals(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	ds := discussionsBySubject(t, s)
	for _, text := range []string{"", "  \n\t"} {
		sent := len(srv.Requests())
		if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: ds[openSubject].ID, Text: text}); argName(err) != "text" {
			t.Errorf("text %q: %v", text, err)
		}
		if len(srv.Requests()) != sent {
			t.Errorf("text %q: a request was sent", text)
		}
	}
	if _, err := s.Reply(ctx, protocol.ReplyQuery{Text: "x"}); argName(err) != "discussionId" {
		t.Errorf("no discussion: %v", err)
	}
	if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: "44#nope", Text: "x"}); argName(err) != "discussionId" {
		t.Errorf("unknown discussion: %v", err)
	}
	_, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: ds[closedSubject].ID, Text: "x"})
	if !errors.Is(err, protocol.ErrAccessDenied) || protocol.Code(err) != "ACCESS_DENIED" {
		t.Errorf("closed discussion: %v", err)
	}
	if n := calls(srv, "SaisieMessage"); n != 0 {
		t.Errorf("%d SaisieMessage sent for refused replies", n)
	}
	if n := discussionsBySubject(t, s)[closedSubject].Messages; n != 1 {
		t.Errorf("the closed discussion has %d messages", n)
	}
}

// TestWritesNotRetried: a reply or a new message whose answer is lost fails with a network
// error, and is not sent again (the server did record it: a retry would post it twice).
func TestWritesNotRetried(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	tr := &switchOnce{inner: httptransport.New(nil), marker: `"SaisieMessage"`}
	tr.f = func() { dropNext(srv, tr) }
	ctx := context.Background()
	s := loginVia(t, srv, "student", tr)
	id := discussionsBySubject(t, s)[openSubject].ID
	if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: id, Text: "Merci"}); protocol.Code(err) != "NETWORK_ERROR" {
		t.Errorf("reply: %v, want a network error", err)
	}
	if n := calls(srv, "SaisieMessage"); n != 1 {
		t.Errorf("reply sent %d times", n)
	}
	if n := discussionsBySubject(t, s)[openSubject].Messages; n != 3 {
		t.Errorf("the lost reply was not recorded: %d messages", n)
	}
	teachers, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "teachers"})
	if err != nil {
		t.Fatal(err)
	}
	tr.done = false
	_, err = s.SendMessage(ctx, protocol.SendMessageQuery{Subject: "Bonjour", Text: "Bonjour", To: []string{teachers[0].ID}})
	if protocol.Code(err) != "NETWORK_ERROR" {
		t.Errorf("sendMessage: %v, want a network error", err)
	}
	if n := calls(srv, "SaisieMessage"); n != 2 {
		t.Errorf("%d SaisieMessage for one reply and one new message", n)
	}
}

// TestRecipients: the teachers of the pupil (for a parent, of the selected child) and the
// staff who take discussions; an unknown kind is refused before anything is sent.
func TestRecipients(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2023, Encrypt: true})
	s := login(t, srv, "parent")
	ctx := context.Background()
	names := func(kind string) map[string]protocol.Recipient {
		t.Helper()
		rs, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: kind})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]protocol.Recipient{}
		for _, r := range rs {
			out[r.Name] = r
		}
		return out
	}
	kids := s.User().Children
	s.SelectChild(kids[0].ID)
	lea := names("teachers")
	s.SelectChild(kids[1].ID)
	hugo := names("teachers")
	if d := lea["M. DUPONT"]; d.Kind != "teacher" || !reflect.DeepEqual(d.Subjects, []string{"Mathématiques"}) || len(lea) != 10 {
		t.Errorf("Léa's teachers (%d): M. DUPONT = %+v", len(lea), d)
	}
	if _, ok := hugo["M. DUPONT"]; ok || hugo["Mme GIRARD"].Subjects[0] != "Mathématiques" {
		t.Errorf("Hugo's teachers: %v", hugo)
	}
	staff := names("staff")
	if n := staff["Mme NOËL"]; len(staff) != 3 || n.Kind != "staff" || n.Role != "Conseillère principale d'éducation" || len(n.Subjects) != 0 {
		t.Errorf("staff = %v", staff)
	}
	if _, ok := staff["M. DURAND"]; ok {
		t.Error("a staff member without discussion is offered")
	}
	sent := len(srv.Requests())
	for _, kind := range []string{"", "students"} {
		if _, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: kind}); argName(err) != "kind" {
			t.Errorf("kind %q: %v", kind, err)
		}
	}
	if len(srv.Requests()) != sent {
		t.Error("a request was sent for a wrong kind")
	}
}

// TestSendMessage: a new discussion to a teacher and a staff member is listed first with its
// message, for the parent whichever child is selected; refusals send no SaisieMessage.
func TestSendMessage(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	s := login(t, srv, "parent")
	ctx := context.Background()
	kids := s.User().Children
	s.SelectChild(kids[1].ID)
	teachers, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "teachers"})
	if err != nil {
		t.Fatal(err)
	}
	staff, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "staff"})
	if err != nil {
		t.Fatal(err)
	}
	refused := []struct {
		q    protocol.SendMessageQuery
		name string
	}{
		{protocol.SendMessageQuery{Subject: "a", Text: " ", To: []string{teachers[0].ID}}, "text"},
		{protocol.SendMessageQuery{Subject: "a", Text: "b"}, "to"},
		{protocol.SendMessageQuery{Subject: "a", Text: "b", To: []string{teachers[0].ID, "3#nope"}}, "to"},
	}
	for _, c := range refused {
		if _, err := s.SendMessage(ctx, c.q); argName(err) != c.name {
			t.Errorf("%+v: %v, want an invalid %s", c.q, err, c.name)
		}
	}
	if n := calls(srv, "SaisieMessage"); n != 0 {
		t.Fatalf("%d SaisieMessage for refused messages", n)
	}
	q := protocol.SendMessageQuery{Subject: "Sortie du jeudi", Text: "Bonjour, Hugo pourra-t-il partir à 16h ?",
		To: []string{teachers[0].ID, staff[0].ID, teachers[0].ID}}
	if _, err := s.SendMessage(ctx, q); err != nil {
		t.Fatal(err)
	}
	if n := calls(srv, "SaisieMessage"); n != 1 {
		t.Errorf("%d SaisieMessage", n)
	}
	s.SelectChild(kids[0].ID)
	ds, err := s.Discussions(ctx, protocol.DiscussionsQuery{})
	if err != nil || len(ds) != 4 {
		t.Fatalf("discussions: %d, %v", len(ds), err)
	}
	d := ds[0]
	if d.Subject != q.Subject || d.Creator != pronotetest.ParentName || d.Closed || d.Messages != 1 ||
		d.Recipients != teachers[0].Name+", "+staff[0].Name {
		t.Errorf("new discussion = %+v", d)
	}
	msgs, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: d.ID})
	if err != nil || len(msgs) != 1 || msgs[0].Text != q.Text || !msgs[0].Mine || msgs[0].Author != pronotetest.ParentName {
		t.Errorf("messages = %+v, %v", msgs, err)
	}
	if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: d.ID, Text: "Précision : vers 16h15."}); err != nil {
		t.Errorf("reply to the new discussion: %v", err)
	}
}

// TestNewsAndMessagingEveryFlag runs every news and messaging call, reads and writes, on every
// profile and flag combination.
func TestNewsAndMessagingEveryFlag(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		for _, f := range flagCases {
			t.Run(p.Name+"/"+f.String(), func(t *testing.T) {
				srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: f.encrypt, Compress: f.compress})
				s := login(t, srv, "student")
				ctx := context.Background()
				news, err := s.News(ctx, protocol.NewsQuery{})
				if err != nil || len(news) != 3 {
					t.Fatalf("news: %d, %v", len(news), err)
				}
				if _, err := s.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: news[0].ID}); err != nil {
					t.Errorf("markNewsRead: %v", err)
				}
				open := discussionsBySubject(t, s)[openSubject]
				if msgs, err := s.Messages(ctx, protocol.MessagesQuery{DiscussionID: open.ID, MarkRead: true}); err != nil || len(msgs) != 2 {
					t.Errorf("messages: %d, %v", len(msgs), err)
				}
				if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: open.ID, Text: "Merci"}); err != nil {
					t.Errorf("reply: %v", err)
				}
				staff, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: "staff"})
				if err != nil || len(staff) != 3 {
					t.Fatalf("recipients: %d, %v", len(staff), err)
				}
				if _, err := s.SendMessage(ctx, protocol.SendMessageQuery{Subject: "Absence", Text: "Bonjour", To: []string{staff[0].ID}}); err != nil {
					t.Errorf("sendMessage: %v", err)
				}
				ds := discussionsBySubject(t, s)
				if len(ds) != 4 || ds[openSubject].Messages != 3 || ds[openSubject].Unread != 0 {
					t.Errorf("after the writes: %+v", ds)
				}
				if !readAfter(t, s, 0) {
					t.Error("the information marked read reads unread")
				}
			})
		}
	}
}

// readAfter reports whether news item i reads as read now.
func readAfter(t *testing.T, s *protocol.Session, i int) bool {
	t.Helper()
	news, err := s.News(context.Background(), protocol.NewsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return news[i].Read
}
