package protocol

import (
	"context"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// GradesQuery selects a grading period by its id (Session.Periods); empty means the account's
// default period.
type GradesQuery struct {
	Period string `json:"period,omitempty"`
}

// Grades returns a period's grades and averages (DernieresNotes, §8.1).
func (s *Session) Grades(ctx context.Context, q GradesQuery) (*Grades, error) {
	return run(ctx, s, gradesCall, q)
}

var gradesCall = endpoint[GradesQuery, *Grades]{
	name: "DernieresNotes", onglet: wire.TabGrades,
	requests: one(func(s *Session, q GradesQuery) (any, error) {
		period, err := s.findPeriod(q.Period)
		if err != nil {
			return nil, err
		}
		return map[string]any{"Periode": map[string]any{"N": period.ID, "L": period.Name}}, nil
	}),
	decode: func(s *Session, q GradesQuery, replies []obj) (*Grades, error) {
		period, _ := s.findPeriod(q.Period)
		return s.gradesFrom(period, replies[0]), nil
	},
}

// gradesFrom reads a DernieresNotes reply.
func (s *Session) gradesFrom(period Period, reply obj) *Grades {
	g := &Grades{Period: period, Grades: []Grade{}, Averages: []SubjectAverage{}}
	for _, it := range reply.list("listeDevoirs") {
		g.Grades = append(g.Grades, s.gradeFrom(it))
	}
	for _, it := range reply.list("listeServices") {
		g.Averages = append(g.Averages, averageFrom(it))
	}
	g.Overall = markOf(reply.str("moyGenerale"))
	g.ClassOverall = markOf(reply.str("moyGeneraleClasse"))
	g.OverallOutOf, _ = reply.num("baremeMoyGenerale")
	return g
}

func (s *Session) findPeriod(id string) (Period, error) {
	id = s.alias(id) // an id from before an automatic login (relogin.go)
	periods := s.acct.periodList()
	if id == "" {
		id = s.acct.defaultPeriod
		if id == "" && len(periods) > 0 {
			id = periods[0].ID
		}
	}
	for _, p := range periods {
		if p.ID == id {
			return p, nil
		}
	}
	return Period{}, argError("period", "no period with this id (see the session's periods)")
}

func (s *Session) gradeFrom(it obj) Grade {
	g := Grade{ID: it.str("N"), Subject: it.obj("service").str("L"), Comment: it.str("commentaire"),
		Bonus: it.flag("estBonus"), Optional: it.flag("estFacultatif")}
	if g.Comment == "" {
		g.Comment = it.str("commentaireSurNote")
	}
	if t, ok := asTime(it.get("date"), s.today); ok {
		g.Date = fmtDate(t)
	}
	if m := markOf(it.str("note")); m != nil {
		g.Grade = *m
	}
	g.OutOf, _ = it.num("bareme")
	g.DefaultOutOf, _ = it.num("baremeParDefaut")
	if g.OutOf == 0 {
		g.OutOf = g.DefaultOutOf
	}
	g.Coefficient = 1
	if c, ok := it.num("coefficient"); ok {
		g.Coefficient = c
	}
	g.ClassAverage = markOf(it.str("moyenne"))
	g.Max = markOf(it.str("noteMax"))
	g.Min = markOf(it.str("noteMin"))
	return g
}

func averageFrom(it obj) SubjectAverage {
	a := SubjectAverage{ID: it.str("N"), Subject: it.str("L"), Color: it.str("couleur"),
		Student: markOf(it.str("moyEleve")), ClassAverage: markOf(it.str("moyClasse")),
		Min: markOf(it.str("moyMin")), Max: markOf(it.str("moyMax"))}
	a.OutOf, _ = it.num("baremeMoyEleve")
	if a.OutOf == 0 {
		a.OutOf, _ = it.num("baremeMoyEleveParDefaut")
	}
	return a
}

// markOf reads a grade string (§9.5); nil when there is no value at all.
func markOf(s string) *Mark {
	v, kind, counts := wire.ParseGrade(s)
	if kind == wire.GradeNone {
		return nil
	}
	m := &Mark{Kind: string(kind)}
	if kind == wire.GradeValue || counts {
		m.Value = &v
	}
	return m
}
