package protocol

import (
	"context"
	"sort"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// DiscussionsQuery has no fields: Discussions lists every discussion of the account.
type DiscussionsQuery struct{}

// Discussion is a conversation of the messaging tab (§8.3 "Discussion").
type Discussion struct {
	ID         string `json:"id"`
	Subject    string `json:"subject"`
	Creator    string `json:"creator,omitempty"`
	Recipients string `json:"recipients,omitempty"` // PRONOTE's label of the participants
	Unread     int    `json:"unread"`
	Messages   int    `json:"messages"`
	Closed     bool   `json:"closed"` // no reply is possible
	// DateLabel is PRONOTE's French label of the last message's date ("lundi 14h30",
	// "12/09/25"), not a typed date.
	DateLabel string `json:"dateLabel,omitempty"`
	Folder    string `json:"folder"` // "inbox", "drafts" or "trash"
}

// Discussions lists the account's discussions in PRONOTE's order (ListeMessagerie, onglet
// 131, §8.1). For a parent they are the parent's own, whichever child is selected.
func (s *Session) Discussions(ctx context.Context, q DiscussionsQuery) ([]Discussion, error) {
	return run(ctx, s, discussionsCall, q)
}

// discussionsData asks for read and unread discussions with their messages (§8.1).
var discussionsData = map[string]any{"avecMessage": true, "avecLu": true, "possessionMessageDiscussionUnique": nil}

var discussionsCall = endpoint[DiscussionsQuery, []Discussion]{
	name: "ListeMessagerie", onglet: wire.TabMessaging,
	requests: one(func(*Session, DiscussionsQuery) (any, error) { return discussionsData, nil }),
	decode: func(_ *Session, _ DiscussionsQuery, replies []obj) ([]Discussion, error) {
		folders := map[string]int{}
		for _, e := range replies[0].list("listeEtiquettes") {
			folders[e.str("N")] = e.int("G")
		}
		out := []Discussion{}
		for _, it := range discussionItems(replies[0]) {
			out = append(out, discussionFrom(it, folders))
		}
		return out, nil
	},
}

// discussionItems keeps the discussions of a ListeMessagerie reply: estUneDiscussion at
// depth 0 (§8.3).
func discussionItems(reply obj) []obj {
	var out []obj
	for _, it := range reply.list("listeMessagerie") {
		if it.flag("estUneDiscussion") && it.int("profondeur") == 0 {
			out = append(out, it)
		}
	}
	return out
}

// discussionFrom decodes one discussion; folders maps label ids to their G (4 drafts, 5
// trash, §8.3).
func discussionFrom(it obj, folders map[string]int) Discussion {
	d := Discussion{ID: it.str("N"), Subject: it.str("objet"), Creator: it.str("initiateur"),
		Recipients: it.str("public"), Unread: it.int("nbNonLus"), Messages: it.int("nombreMessages"),
		Closed: it.flag("ferme"), DateLabel: it.str("libelleDate"), Folder: "inbox"}
	for _, e := range it.list("listeEtiquettes") {
		switch folders[e.str("N")] {
		case 4:
			d.Folder = "drafts"
		case 5:
			d.Folder = "trash"
		}
	}
	return d
}

// findDiscussion reads the discussions and returns the one with id: its possessions are
// what ListeMessages and SaisieMessage want back (§8.1).
func (s *Session) findDiscussion(ctx context.Context, who subject, id string) (obj, error) {
	if strings.TrimSpace(id) == "" {
		return nil, argError("discussionId", "is required (a discussion's id)")
	}
	reply, err := s.read(ctx, who, "ListeMessagerie", wire.TabMessaging, discussionsData)
	if err != nil {
		return nil, err
	}
	for _, it := range discussionItems(reply) {
		if it.str("N") == id {
			return it, nil
		}
	}
	return nil, argError("discussionId", "no discussion with this id")
}

// MessagesQuery names a discussion (Discussion.ID); MarkRead marks its messages read on the
// server as they are read (PRONOTE's marquerCommeLu).
type MessagesQuery struct {
	DiscussionID string `json:"discussionId"`
	MarkRead     bool   `json:"markRead,omitempty"`

	discussion obj // found by prepare
}

// Message is one message of a discussion (§8.3 "Message").
type Message struct {
	ID     string   `json:"id"`
	Date   DateTime `json:"date"`
	Author string   `json:"author"`
	Mine   bool     `json:"mine"` // sent by this account (Author is then the account's name)
	// HTML is PRONOTE's HTML as sent (sanitise before display), for messages written as HTML.
	HTML        string       `json:"html,omitempty"`
	Text        string       `json:"text"`
	Attachments []Attachment `json:"attachments"`
}

// Messages returns a discussion's messages, oldest first (ListeMessages, onglet 131, §8.1),
// drafts left out. The discussion's possessions are read first with ListeMessagerie.
func (s *Session) Messages(ctx context.Context, q MessagesQuery) ([]Message, error) {
	return run(ctx, s, messagesCall, q)
}

var messagesCall = endpoint[MessagesQuery, []Message]{
	name: "ListeMessages", onglet: wire.TabMessaging,
	prepare: func(ctx context.Context, s *Session, who subject, q *MessagesQuery) (err error) {
		q.discussion, err = s.findDiscussion(ctx, who, q.DiscussionID)
		return err
	},
	requests: one(func(_ *Session, q MessagesQuery) (any, error) {
		return messagesData(q.discussion, q.MarkRead), nil
	}),
	decode: func(s *Session, _ MessagesQuery, replies []obj) ([]Message, error) {
		// PRONOTE lists the newest first: read backwards, messages of the same second (a
		// reply sent right after another) keep the order they were written in.
		items := replies[0].list("listeMessages")
		out := []Message{}
		for i := len(items) - 1; i >= 0; i-- {
			if !items[i].flag("brouillon") {
				out = append(out, s.messageFrom(items[i]))
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
		return out, nil
	},
}

// messagesData is ListeMessages' data for a discussion item of ListeMessagerie (§8.1): its
// listePossessionsMessages sent back as received, the list itself (pawnote sends .V too).
func messagesData(discussion obj, markRead bool) map[string]any {
	possessions, _ := unwrap(discussion.get("listePossessionsMessages")).([]any)
	if possessions == nil {
		possessions = []any{}
	}
	return map[string]any{"listePossessionsMessages": possessions,
		"marquerCommeLu": markRead, "nbMessagesVus": 0}
}

// messageFrom decodes one message. Attachments are listeDocumentsJoints (as pawnote reads
// them; protocol.md does not list the key). A message of this account (emetteur) gets the
// account's name as author, whatever label PRONOTE gives it ("Moi").
func (s *Session) messageFrom(it obj) Message {
	m := Message{ID: it.str("N"), Author: it.str("public_gauche"), Mine: it.flag("emetteur"),
		Attachments: s.attachmentsOf(it, "listeDocumentsJoints")}
	if t, ok := asTime(it.get("date"), s.today); ok {
		m.Date = fmtDateTime(t)
	}
	if m.Mine {
		m.Author = s.acct.user.Name
	}
	if it.flag("estHTML") {
		m.HTML = it.str("contenu")
		m.Text = htmlText(m.HTML)
	} else {
		m.Text = it.str("contenu")
	}
	return m
}
