package protocol

import (
	"context"
	"sort"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// LessonContentsQuery selects days, "YYYY-MM-DD", both included; To defaults to From.
type LessonContentsQuery struct {
	From Date `json:"from"`
	To   Date `json:"to,omitempty"`
}

// LessonContent is what a teacher wrote in the class book (cahier de textes) about one lesson
// (§8.3, "Lesson content").
type LessonContent struct {
	ID          string              `json:"id"`
	LessonID    string              `json:"lessonId,omitempty"` // the timetable Lesson's id
	Subject     string              `json:"subject"`
	Teachers    []string            `json:"teachers"`
	Groups      []string            `json:"groups"`
	Start       DateTime            `json:"start"`
	End         DateTime            `json:"end"`
	HomeworkDue Date                `json:"homeworkDue,omitempty"` // homework given in this lesson is due then
	Contents    []LessonContentItem `json:"contents"`
}

// LessonContentItem is one part of a lesson's content: a title, its text and attachments.
type LessonContentItem struct {
	Title       string       `json:"title,omitempty"`
	HTML        string       `json:"html"` // PRONOTE's HTML as sent: sanitise before display
	Text        string       `json:"text"`
	Category    string       `json:"category,omitempty"` // e.g. "Cours", "Exercices"
	Attachments []Attachment `json:"attachments"`
}

// LessonContents returns the class book entries of the lessons in a range of days, sorted by
// start (PageCahierDeTexte, onglet 89, §8.1): one request whose week set covers the range.
func (s *Session) LessonContents(ctx context.Context, q LessonContentsQuery) ([]LessonContent, error) {
	return run(ctx, s, lessonContentsCall, q)
}

var lessonContentsCall = endpoint[LessonContentsQuery, []LessonContent]{
	name: "PageCahierDeTexte", onglet: wire.TabLessonContents,
	requests: one(func(s *Session, q LessonContentsQuery) (any, error) {
		weeks, err := s.weekSet(q.From, q.To)
		if err != nil {
			return nil, err
		}
		return map[string]any{"domaine": map[string]any{"_T": 8, "V": wire.FormatDomain(weeks)}}, nil
	}),
	decode: func(s *Session, q LessonContentsQuery, replies []obj) ([]LessonContent, error) {
		start, end, _ := dayRange(q.From, q.To)
		lo, hi := fmtDate(start), fmtDate(end.AddDate(0, 0, 1))
		out := []LessonContent{}
		for _, it := range replies[0].list("ListeCahierDeTextes") {
			if c, ok := s.lessonContentFrom(it); ok && c.Start >= lo && c.Start < hi {
				out = append(out, c)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out, nil
	},
}

// lessonContentFrom decodes one ListeCahierDeTextes item; items without a date are skipped.
// Without DateFin, the entry is taken to end when it starts (protocol.md gives no other rule).
func (s *Session) lessonContentFrom(it obj) (LessonContent, bool) {
	start, ok := asTime(it.get("Date"), s.today)
	if !ok {
		return LessonContent{}, false
	}
	end, ok := asTime(it.get("DateFin"), s.today)
	if !ok || end.Before(start) {
		end = start
	}
	c := LessonContent{ID: it.str("N"), LessonID: it.obj("cours").str("N"), Subject: it.obj("Matiere").str("L"),
		Teachers: itemLabels(it.list("listeProfesseurs")), Groups: itemLabels(it.list("listeGroupes")),
		Start: fmtDateTime(start), End: fmtDateTime(end), HomeworkDue: dateOf(it.get("dateTAF"), s.today),
		Contents: []LessonContentItem{}}
	for _, ct := range it.list("listeContenus") {
		item := LessonContentItem{Title: ct.str("L"), HTML: ct.str("descriptif"), Category: ct.obj("categorie").str("L"),
			Attachments: []Attachment{}}
		item.Text = htmlText(item.HTML)
		for _, a := range ct.list("ListePieceJointe") {
			item.Attachments = append(item.Attachments, s.attachmentFrom(a))
		}
		c.Contents = append(c.Contents, item)
	}
	return c, true
}

// itemLabels returns the non-empty L of a list's items, in order.
func itemLabels(items []obj) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if l := it.str("L"); l != "" {
			out = append(out, l)
		}
	}
	return out
}
