package protocol

import (
	"context"
	"fmt"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// ReplyQuery is a reply to a discussion (Discussion.ID): Text is plain text, not empty.
type ReplyQuery struct {
	DiscussionID string `json:"discussionId"`
	Text         string `json:"text"`

	replyTo, button any // messagePourReponse and the first of listeBoutons, found by prepare
}

// Reply answers a discussion (SaisieMessage, onglet 131, §8.1). It reads the discussion
// (ListeMessagerie) and its messages (ListeMessages, not marking them read) for what the reply
// must name, and refuses before sending anything an empty text (ErrInvalidArgument) or a
// closed discussion (ErrAccessDenied: ferme, or no button to answer with). Never retried.
func (s *Session) Reply(ctx context.Context, q ReplyQuery) (struct{}, error) {
	return run(ctx, s, replyCall, q)
}

// errClosedDiscussion refuses a reply PRONOTE would refuse.
var errClosedDiscussion = fmt.Errorf("%w: SaisieMessage: the discussion is closed", ErrAccessDenied)

var replyCall = endpoint[ReplyQuery, struct{}]{
	name: "SaisieMessage", onglet: wire.TabMessaging,
	prepare: func(ctx context.Context, s *Session, who subject, q *ReplyQuery) error {
		if strings.TrimSpace(q.Text) == "" {
			return argError("text", "must not be empty")
		}
		d, err := s.findDiscussion(ctx, who, q.DiscussionID)
		if err != nil {
			return err
		}
		if d.flag("ferme") {
			return errClosedDiscussion
		}
		msgs, err := s.read(ctx, who, "ListeMessages", wire.TabMessaging, messagesData(d, false))
		if err != nil {
			return err
		}
		buttons, _ := unwrap(msgs.get("listeBoutons")).([]any)
		if len(buttons) == 0 {
			return errClosedDiscussion // no listeBoutons: closed (§8.1)
		}
		if q.replyTo = unwrap(msgs.get("messagePourReponse")); q.replyTo == nil {
			return protoErr("ListeMessages", "reply has no messagePourReponse")
		}
		q.button = buttons[0]
		return nil
	},
	// contenu goes as plain text, as pronotepy sends it; the HTML form Pawnote sends on
	// servers with AvecDiscussionAvancee is one source only (§8.1).
	requests: one(func(_ *Session, q ReplyQuery) (any, error) {
		return map[string]any{"messagePourReponse": q.replyTo, "contenu": q.Text,
			"listeFichiers": []any{}, "bouton": q.button}, nil
	}),
	decode: func(*Session, ReplyQuery, []obj) (struct{}, error) { return struct{}{}, nil },
}

// RecipientsQuery chooses whom to list: Kind "teachers" or "staff".
type RecipientsQuery struct {
	Kind string `json:"kind"`
}

// Recipient is someone a new discussion can be sent to (§8.3 "Recipient").
type Recipient struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`           // "teacher" or "staff"
	Role     string   `json:"role,omitempty"` // a staff member's function
	Subjects []string `json:"subjects"`       // a teacher's subjects
}

// Recipients lists the teachers or the staff the account may write to
// (ListeRessourcesPourCommunication, onglet 131, §8.1); for a parent, the selected child's
// teachers. People the server marks without discussion (avecDiscussion false) are left out.
func (s *Session) Recipients(ctx context.Context, q RecipientsQuery) ([]Recipient, error) {
	return run(ctx, s, recipientsCall, q)
}

// recipientGenre is the G of a recipient kind: 3 teachers, 34 staff (§8.1).
func recipientGenre(kind string) (int, error) {
	switch kind {
	case "teachers":
		return 3, nil
	case "staff":
		return 34, nil
	}
	return 0, argError("kind", `must be "teachers" or "staff"`)
}

func recipientsData(g int) map[string]any {
	return map[string]any{"onglet": map[string]any{"N": 0, "G": g}}
}

var recipientsCall = endpoint[RecipientsQuery, []Recipient]{
	name: "ListeRessourcesPourCommunication", onglet: wire.TabMessaging,
	requests: one(func(_ *Session, q RecipientsQuery) (any, error) {
		g, err := recipientGenre(q.Kind)
		if err != nil {
			return nil, err
		}
		return recipientsData(g), nil
	}),
	decode: func(_ *Session, _ RecipientsQuery, replies []obj) ([]Recipient, error) {
		out := []Recipient{}
		for _, it := range recipientItems(replies[0]) {
			out = append(out, recipientFrom(it))
		}
		return out, nil
	},
}

// recipientItems are the people of a reply one can write to.
func recipientItems(reply obj) []obj {
	var out []obj
	for _, it := range reply.list("listeRessourcesPourCommunication") {
		if v := it.get("avecDiscussion"); v == nil || truthy(unwrap(v)) {
			out = append(out, it)
		}
	}
	return out
}

func recipientFrom(it obj) Recipient {
	r := Recipient{ID: it.str("N"), Name: it.str("L"), Kind: "teacher", Role: it.obj("fonction").str("L"), Subjects: []string{}}
	if it.int("G") == 34 {
		r.Kind = "staff"
	}
	for _, sub := range it.list("listeRessources") {
		r.Subjects = append(r.Subjects, sub.str("L"))
	}
	return r
}

// SendMessageQuery is a new discussion: a subject, a plain text (not empty) and at least one
// recipient id (Recipient.ID).
type SendMessageQuery struct {
	Subject string   `json:"subject"`
	Text    string   `json:"text"`
	To      []string `json:"to"`

	dest []any // {N, G, L} of each recipient, found by prepare
}

// SendMessage starts a discussion (SaisieMessage, onglet 131, §8.1). It reads the recipient
// lists (teachers, then staff when needed) for each recipient's kind, and refuses before
// sending anything an empty text, no recipient or an id that is not a recipient
// (ErrInvalidArgument). Never retried.
func (s *Session) SendMessage(ctx context.Context, q SendMessageQuery) (struct{}, error) {
	return run(ctx, s, sendMessageCall, q)
}

var sendMessageCall = endpoint[SendMessageQuery, struct{}]{
	name: "SaisieMessage", onglet: wire.TabMessaging,
	prepare: func(ctx context.Context, s *Session, who subject, q *SendMessageQuery) error {
		if strings.TrimSpace(q.Text) == "" {
			return argError("text", "must not be empty")
		}
		if len(q.To) == 0 {
			return argError("to", "needs at least one recipient id (see recipients)")
		}
		known := map[string]obj{}
		for _, g := range []int{3, 34} {
			if allKnown(q.To, known) {
				break
			}
			reply, err := s.read(ctx, who, "ListeRessourcesPourCommunication", wire.TabMessaging, recipientsData(g))
			if err != nil {
				return err
			}
			for _, it := range recipientItems(reply) {
				known[it.str("N")] = it
			}
		}
		seen := map[string]bool{}
		for i, id := range q.To {
			it, ok := known[id]
			if !ok {
				return argError("to", "item %d is not the id of a recipient (see recipients)", i)
			}
			if !seen[id] {
				seen[id] = true
				q.dest = append(q.dest, map[string]any{"N": id, "G": it.int("G"), "L": it.str("L")})
			}
		}
		return nil
	},
	requests: one(func(_ *Session, q SendMessageQuery) (any, error) {
		return map[string]any{"objet": q.Subject, "contenu": q.Text, "listeDestinataires": q.dest}, nil
	}),
	decode: func(*Session, SendMessageQuery, []obj) (struct{}, error) { return struct{}{}, nil },
}

func allKnown(ids []string, known map[string]obj) bool {
	for _, id := range ids {
		if known[id] == nil {
			return false
		}
	}
	return true
}
