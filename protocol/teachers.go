package protocol

import (
	"context"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// TeachersQuery is the (empty) query of Teachers.
type TeachersQuery struct{}

// Teacher is a member of the student's teaching team (§8.3, "Teaching staff").
type Teacher struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Subjects []string `json:"subjects"` // what they teach the student, in PRONOTE's order
}

// Teachers returns the student's teaching team, in PRONOTE's order (PageEquipePedagogique,
// onglet 37, §8.1).
func (s *Session) Teachers(ctx context.Context, q TeachersQuery) ([]Teacher, error) {
	return run(ctx, s, teachersCall, q)
}

var teachersCall = endpoint[TeachersQuery, []Teacher]{
	name: "PageEquipePedagogique", onglet: wire.TabTeachers,
	requests: signatureOnly[TeachersQuery],
	decode: func(_ *Session, _ TeachersQuery, replies []obj) ([]Teacher, error) {
		out := []Teacher{}
		for _, it := range replies[0].list("liste") {
			out = append(out, Teacher{ID: it.str("N"), Name: it.str("L"), Subjects: itemLabels(it.list("matieres"))})
		}
		return out, nil
	},
}
