package protocol

import (
	"context"
	"sort"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// EvaluationsQuery selects a grading period by its id (Session.Periods); empty means the
// account's default period.
type EvaluationsQuery struct {
	Period string `json:"period,omitempty"`
}

// Evaluation is an assessment of skills rather than a mark (§8.3).
type Evaluation struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Date        Date     `json:"date"`
	Subject     string   `json:"subject"`
	Teacher     string   `json:"teacher,omitempty"`
	Coefficient *float64 `json:"coefficient,omitempty"`
	Description string   `json:"description,omitempty"`
	Skills      []Skill  `json:"skills"`
}

// Skill is one skill an evaluation assessed and the level reached.
type Skill struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`  // the item assessed, else its domain
	Level        string   `json:"level"` // the acquisition level, e.g. "Maîtrise satisfaisante"
	Abbreviation string   `json:"abbreviation,omitempty"`
	Domain       string   `json:"domain,omitempty"`
	Item         string   `json:"item,omitempty"`
	Pillar       string   `json:"pillar,omitempty"` // the common-core component
	Coefficient  *float64 `json:"coefficient,omitempty"`
}

// Evaluations returns a period's skill evaluations, sorted by date (DernieresEvaluations,
// onglet 201, §8.1).
func (s *Session) Evaluations(ctx context.Context, q EvaluationsQuery) ([]Evaluation, error) {
	return run(ctx, s, evaluationsCall, q)
}

var evaluationsCall = endpoint[EvaluationsQuery, []Evaluation]{
	name: "DernieresEvaluations", onglet: wire.TabEvaluations,
	requests: one(func(s *Session, q EvaluationsQuery) (any, error) {
		p, err := s.findPeriod(q.Period)
		if err != nil {
			return nil, err
		}
		return map[string]any{"periode": periodRef(p)}, nil
	}),
	decode: func(s *Session, _ EvaluationsQuery, replies []obj) ([]Evaluation, error) {
		out := []Evaluation{}
		for _, it := range replies[0].list("listeEvaluations") {
			out = append(out, s.evaluationFrom(it))
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
		return out, nil
	},
}

func (s *Session) evaluationFrom(it obj) Evaluation {
	e := Evaluation{ID: it.str("N"), Name: it.str("L"), Date: dateOf(it.get("date"), s.today),
		Subject: it.obj("matiere").str("L"), Teacher: it.obj("individu").str("L"),
		Coefficient: numOf(it, "coefficient"), Description: it.str("descriptif"), Skills: []Skill{}}
	for _, l := range it.list("listeNiveauxDAcquisitions") {
		k := Skill{ID: l.str("N"), Level: l.str("L"), Abbreviation: l.str("abbreviation"),
			Domain: l.obj("domaine").str("L"), Item: l.obj("item").str("L"), Pillar: l.obj("pilier").str("L"),
			Coefficient: numOf(l, "coefficient")}
		k.Name = orDefault(k.Item, k.Domain)
		e.Skills = append(e.Skills, k)
	}
	return e
}

// numOf is a number field, nil when absent or not a number.
func numOf(o obj, names ...string) *float64 {
	if v, ok := o.num(names...); ok {
		return &v
	}
	return nil
}
