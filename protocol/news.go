package protocol

import (
	"context"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// NewsQuery has no fields: News returns every information and survey the account sees.
type NewsQuery struct{}

// News is an information or a survey of the news tab (§8.3 "Information / survey").
type News struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Author   string   `json:"author,omitempty"`
	Category string   `json:"category,omitempty"`
	Created  DateTime `json:"created,omitempty"`
	Start    Date     `json:"start,omitempty"`
	End      Date     `json:"end,omitempty"`
	Read     bool     `json:"read"`
	Survey   bool     `json:"survey"`
	// HTML is PRONOTE's HTML as sent: sanitise before display. For an information it is
	// its text; for a survey its introduction, if any (the questions carry their own).
	HTML        string         `json:"html"`
	Text        string         `json:"text"`
	Attachments []Attachment   `json:"attachments"`
	Questions   []NewsQuestion `json:"questions"` // a survey's questions; none for an information
}

// NewsQuestion is one question of a survey.
type NewsQuestion struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	HTML  string `json:"html"` // PRONOTE's HTML as sent: sanitise before display
	Text  string `json:"text"`
	// Kind is "text" (a free answer), "singleChoice", "multipleChoice", "statement" (text
	// to read, no answer) or "other".
	Kind     string   `json:"kind"`
	Choices  []string `json:"choices"`
	Answered bool     `json:"answered"`
}

// News returns the informations and surveys of the news tab, in PRONOTE's order
// (PageActualites, onglet 8, §8.1).
func (s *Session) News(ctx context.Context, q NewsQuery) ([]News, error) {
	return run(ctx, s, newsCall, q)
}

// newsData asks for every display mode (§8.1).
var newsData = map[string]any{"modesAffActus": map[string]any{"_T": 26, "V": "[0..3]"}}

var newsCall = endpoint[NewsQuery, []News]{
	name: "PageActualites", onglet: wire.TabNews,
	requests: one(func(*Session, NewsQuery) (any, error) { return newsData, nil }),
	decode: func(s *Session, _ NewsQuery, replies []obj) ([]News, error) {
		out := []News{}
		categories := newsCategories(replies[0])
		for _, it := range newsItems(replies[0]) {
			out = append(out, s.newsFrom(it, categories))
		}
		return out, nil
	},
}

// newsItems are the items of every display mode of a PageActualites reply, each once; the
// templates (estModele) are not news.
func newsItems(reply obj) []obj {
	var out []obj
	seen := map[string]bool{}
	for _, mode := range reply.list("listeModesAff") {
		for _, it := range mode.list("listeActualites") {
			if id := it.str("N"); !seen[id] && !it.flag("estModele") {
				seen[id] = true
				out = append(out, it)
			}
		}
	}
	return out
}

// newsCategories maps category ids to names: listeCategories up to 2025, listeNatures on
// 2026.1+ (§12).
func newsCategories(reply obj) map[string]string {
	out := map[string]string{}
	for _, c := range reply.list("listeNatures", "listeCategories") {
		out[c.str("N")] = c.str("L")
	}
	return out
}

// newsFrom decodes one item. An item's category is categorie up to 2025.2.x and nature on
// 2026.1+ (§12). An information carries its text and attachments as its only question (kind
// 0) up to 2025; a 2026.1+ server sends listeQuestions on surveys only, and protocol.md does
// not say where an information's text then goes: we read texte and listePiecesJointes on the
// item itself, beside the question (our assumption).
func (s *Session) newsFrom(it obj, categories map[string]string) News {
	n := News{ID: it.str("N"), Title: it.str("L"), Author: it.str("auteur"), Read: it.flag("lue"),
		Survey: it.flag("estSondage"), HTML: it.str("texte"), Attachments: []Attachment{}, Questions: []NewsQuestion{}}
	if cat := it.obj("nature", "categorie"); cat != nil {
		n.Category = cat.str("L")
		if n.Category == "" {
			n.Category = categories[cat.str("N")]
		}
	}
	if t, ok := asTime(it.get("dateCreation"), s.today); ok {
		n.Created = fmtDateTime(t)
	}
	n.Start = dateOf(it.get("dateDebut"), s.today)
	n.End = dateOf(it.get("dateFin"), s.today)
	n.Attachments = s.attachmentsOf(it, "listePiecesJointes")
	for i, q := range it.list("listeQuestions") {
		if !n.Survey && i == 0 {
			if n.HTML == "" {
				n.HTML = q.str("texte")
			}
			n.Attachments = append(n.Attachments, s.attachmentsOf(q, "listePiecesJointes")...)
			continue
		}
		n.Questions = append(n.Questions, questionFrom(q))
		n.Attachments = append(n.Attachments, s.attachmentsOf(q, "listePiecesJointes")...)
	}
	n.Text = htmlText(n.HTML)
	return n
}

func questionFrom(q obj) NewsQuestion {
	out := NewsQuestion{ID: q.str("N"), Title: q.str("titre"), HTML: q.str("texte"),
		Kind: questionKind(q.int("genreReponse")), Choices: []string{}, Answered: q.obj("reponse").flag("avecReponse")}
	if out.Title == "" {
		out.Title = q.str("L")
	}
	out.Text = htmlText(out.HTML)
	for _, c := range q.list("listeChoix") {
		out.Choices = append(out.Choices, c.str("L"))
	}
	return out
}

// questionKind names genreReponse: 1 free text, 2 one choice, 3 several choices, 5 text
// without an answer (values as pawnote reads them; protocol.md lists the field only).
func questionKind(g int) string {
	switch g {
	case 1:
		return "text"
	case 2:
		return "singleChoice"
	case 3:
		return "multipleChoice"
	case 5:
		return "statement"
	}
	return "other"
}

// attachmentsOf decodes the attachment list key of it, never nil.
func (s *Session) attachmentsOf(it obj, key string) []Attachment {
	out := []Attachment{}
	for _, a := range it.list(key) {
		out = append(out, s.attachmentFrom(a))
	}
	return out
}

// MarkNewsReadQuery names a news item by its id (News.ID); Read nil means true.
type MarkNewsReadQuery struct {
	ID   string `json:"id"`
	Read *bool  `json:"read,omitempty"`

	item obj // the item as PageActualites sent it, found by prepare
}

// MarkNewsRead marks one news item read or unread (SaisieActualites, onglet 8, §8.1). PRONOTE
// wants the item's public back as it sent it, so the news are read first; an id that is not
// among them is an invalid argument, and nothing is written. Never retried.
func (s *Session) MarkNewsRead(ctx context.Context, q MarkNewsReadQuery) (struct{}, error) {
	return run(ctx, s, markNewsReadCall, q)
}

var markNewsReadCall = endpoint[MarkNewsReadQuery, struct{}]{
	name: "SaisieActualites", onglet: wire.TabNews,
	prepare: func(ctx context.Context, s *Session, who subject, q *MarkNewsReadQuery) error {
		if strings.TrimSpace(q.ID) == "" {
			return argError("id", "is required (a news item's id)")
		}
		reply, err := s.read(ctx, who, "PageActualites", wire.TabNews, newsData)
		if err != nil {
			return err
		}
		for _, it := range newsItems(reply) {
			if it.str("N") == q.ID {
				q.item = it
				return nil
			}
		}
		return argError("id", "no news item with this id")
	},
	requests: one(func(_ *Session, q MarkNewsReadQuery) (any, error) {
		read := q.Read == nil || *q.Read
		// The minimal set pronotepy sends (§8.1, §11), genrePublic and public echoed.
		return map[string]any{"saisieActualite": false, "listeActualites": []any{map[string]any{
			"N": q.ID, "validationDirecte": true, "genrePublic": q.item.get("genrePublic"),
			"public": unwrap(q.item.get("public")), "lue": read,
		}}}, nil
	}),
	decode: func(*Session, MarkNewsReadQuery, []obj) (struct{}, error) { return struct{}{}, nil },
}
