package protocol

import (
	"context"
	"sort"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// HomeworkQuery selects days, "YYYY-MM-DD", both included; To defaults to From.
type HomeworkQuery struct {
	From Date `json:"from"`
	To   Date `json:"to,omitempty"`
}

// Homework returns the homework due in a range of days, sorted by due date (PageCahierDeTexte,
// onglet 88, §8.1): one request whose week set (domaine) covers the range.
func (s *Session) Homework(ctx context.Context, q HomeworkQuery) ([]Homework, error) {
	return run(ctx, s, homeworkCall, q)
}

var homeworkCall = endpoint[HomeworkQuery, []Homework]{
	name: "PageCahierDeTexte", onglet: wire.TabHomework,
	requests: one(func(s *Session, q HomeworkQuery) (any, error) {
		weeks, err := s.weekSet(q.From, q.To)
		if err != nil {
			return nil, err
		}
		return map[string]any{"domaine": map[string]any{"_T": 8, "V": wire.FormatDomain(weeks)}}, nil
	}),
	decode: func(s *Session, q HomeworkQuery, replies []obj) ([]Homework, error) {
		start, end, _ := dayRange(q.From, q.To)
		lo, hi := fmtDate(start), fmtDate(end)
		out := []Homework{}
		for _, it := range replies[0].list("ListeTravauxAFaire") {
			if h := s.homeworkFrom(it); h.Due >= lo && h.Due <= hi {
				out = append(out, h)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Due < out[j].Due })
		return out, nil
	},
}

// weekSet returns the week numbers a range of days touches, at most a school year of them.
func (s *Session) weekSet(from, to Date) ([]int, error) {
	start, end, err := dayRange(from, to)
	if err != nil {
		return nil, err
	}
	first := s.firstMonday()
	w1, w2 := wire.WeekNumber(first, start), wire.WeekNumber(first, end)
	if w2-w1+1 > wire.MaxWeek {
		return nil, argError("to", "the range spans more than a school year (%d weeks)", wire.MaxWeek)
	}
	weeks := make([]int, 0, w2-w1+1)
	for w := w1; w <= w2; w++ {
		weeks = append(weeks, w)
	}
	return weeks, nil
}

func (s *Session) homeworkFrom(it obj) Homework {
	h := Homework{ID: it.str("N"), Subject: it.obj("Matiere").str("L"), HTML: it.str("descriptif"),
		Done: it.flag("TAFFait"), Color: it.str("CouleurFond"), Attachments: []Attachment{}}
	h.Text = htmlText(h.HTML)
	today := s.today // read only for a date without its year
	if t, ok := asTime(it.get("PourLe"), today); ok {
		h.Due = fmtDate(t)
	}
	if t, ok := asTime(it.get("DonneLe"), today); ok {
		h.Given = fmtDate(t)
	}
	for _, a := range it.list("ListePieceJointe") {
		h.Attachments = append(h.Attachments, s.attachmentFrom(a))
	}
	return h
}

// attachmentFrom builds an attachment's address (§8.2): files live under FichiersExternes with
// an encrypted id; links carry their own URL, kept only when it is an absolute http(s) one
// (a teacher's javascript: or data: link reaches no caller; its name does).
func (s *Session) attachmentFrom(a obj) Attachment {
	name := a.str("L")
	if a.int("G") == 0 {
		link := a.str("url")
		if link == "" {
			link = name
		}
		if u, err := weburl.Parse(strings.TrimSpace(link)); err == nil {
			return Attachment{Name: name, URL: u.String(), Kind: "link"}
		}
		return Attachment{Name: name, Kind: "link"}
	}
	// {"Actif":true,"N":…}, as encoding/json writes the map (keys sorted), without a map.
	id := append(appendJSONString([]byte(`{"Actif":true,"N":`), a.str("N")), '}')
	hexID := wire.EncryptHex(s.st.key, s.st.iv, string(id))
	path := "FichiersExternes/" + hexID + "/" + weburl.PathEscape(name) + "?Session=" + s.st.h
	return Attachment{Name: name, URL: resolve(s.root, path), Kind: "file"}
}

// SetHomeworkDoneQuery names one homework item (a Homework's ID) and whether it is done.
// Done is required: a write says what it writes.
type SetHomeworkDoneQuery struct {
	ID   string `json:"id"`
	Done *bool  `json:"done"`
}

// SetHomeworkDone marks one homework item done or not done (SaisieTAFFaitEleve, onglet 88,
// §8.1): one request naming that item only. Like every write it is never retried: when it
// fails, whether the server applied it is unknown until the homework is read again. Its
// result is empty; it has the shape of every typed call.
func (s *Session) SetHomeworkDone(ctx context.Context, q SetHomeworkDoneQuery) (struct{}, error) {
	return run(ctx, s, setHomeworkDoneCall, q)
}

var setHomeworkDoneCall = endpoint[SetHomeworkDoneQuery, struct{}]{
	name: "SaisieTAFFaitEleve", onglet: wire.TabHomework,
	requests: one(func(_ *Session, q SetHomeworkDoneQuery) (any, error) {
		if strings.TrimSpace(q.ID) == "" {
			return nil, argError("id", "is required: a homework id from homework()")
		}
		if q.Done == nil {
			return nil, argError("done", "is required: true or false")
		}
		return map[string]any{"listeTAF": []any{map[string]any{"N": q.ID, "TAFFait": *q.Done, "E": 2}}}, nil
	}),
	decode: func(*Session, SetHomeworkDoneQuery, []obj) (struct{}, error) { return struct{}{}, nil },
}
