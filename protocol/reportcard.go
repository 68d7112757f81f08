package protocol

import (
	"context"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// ReportCardQuery selects a grading period by its id (Session.Periods); empty means the
// account's default period.
type ReportCardQuery struct {
	Period string `json:"period,omitempty"`
}

// ReportCard is a period's report card (bulletin, §8.3). Published is false while the school
// has not published it; Subjects and Comments are empty then.
type ReportCard struct {
	Published bool            `json:"published"`
	Subjects  []ReportSubject `json:"subjects"`
	Comments  []ReportComment `json:"comments"`
}

// ReportSubject is one subject's line: averages and the teachers' comments.
type ReportSubject struct {
	Subject      string   `json:"subject"`
	Coefficient  *float64 `json:"coefficient,omitempty"`
	Average      *Mark    `json:"average,omitempty"`
	ClassAverage *Mark    `json:"classAverage,omitempty"`
	Min          *Mark    `json:"min,omitempty"`
	Max          *Mark    `json:"max,omitempty"`
	Comments     []string `json:"comments"`
	Teachers     []string `json:"teachers"`
}

// ReportComment is a general comment, e.g. the class council's.
type ReportComment struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

// ReportCard returns a period's report card (PageBulletins, onglet 13, §8.1). One not yet
// published is not an error: it has Published false.
func (s *Session) ReportCard(ctx context.Context, q ReportCardQuery) (*ReportCard, error) {
	return run(ctx, s, reportCardCall, q)
}

var reportCardCall = endpoint[ReportCardQuery, *ReportCard]{
	name: "PageBulletins", onglet: wire.TabReportCard,
	requests: one(func(s *Session, q ReportCardQuery) (any, error) {
		p, err := s.findPeriod(q.Period)
		if err != nil {
			return nil, err
		}
		return map[string]any{"periode": periodRef(p)}, nil
	}),
	decode: func(_ *Session, _ ReportCardQuery, replies []obj) (*ReportCard, error) {
		return reportCardFrom(replies[0]), nil
	},
}

// reportCardFrom reads a PageBulletins reply: a Message (or message) key, or no ListeServices
// at all, means not published (§8.1).
func reportCardFrom(r obj) *ReportCard {
	rc := &ReportCard{Subjects: []ReportSubject{}, Comments: []ReportComment{}}
	if r.get("Message", "message") != nil || r.get("ListeServices") == nil {
		return rc
	}
	rc.Published = true
	for _, it := range r.list("ListeServices") {
		line := ReportSubject{Subject: it.str("L"), Coefficient: numOf(it, "Coefficient"),
			Average: markOf(it.str("MoyenneEleve")), ClassAverage: markOf(it.str("MoyenneClasse")),
			Min: markOf(it.str("MoyenneInf")), Max: markOf(it.str("MoyenneSup")),
			Comments: labels(it.list("ListeAppreciations")), Teachers: labels(it.list("ListeProfesseurs"))}
		if line.Subject == "" {
			line.Subject = it.obj("Matiere").str("L")
		}
		for _, el := range it.list("ListeElements") {
			line.Teachers = append(line.Teachers, labels(el.list("ListeProfesseurs"))...)
		}
		rc.Subjects = append(rc.Subjects, line)
	}
	for _, c := range r.obj("ObjetListeAppreciations").list("ListeAppreciations") {
		if text := c.str("L"); text != "" {
			rc.Comments = append(rc.Comments, ReportComment{Title: c.str("Intitule"), Text: text})
		}
	}
	return rc
}
