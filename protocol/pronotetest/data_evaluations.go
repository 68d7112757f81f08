package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("DernieresEvaluations", function{stage: stageLogged, data: (*Server).evaluations, onglets: []int{wire.TabEvaluations}})
}

// evaluations answers DernieresEvaluations (onglet 201) for data.periode {N, L?, G?} (§8.1,
// §8.3).
func (s *Server) evaluations(sess *session, req request, st Student) (reply, *protoError) {
	id, perr := s.periodOf(sess, req)
	if perr != nil {
		return reply{}, perr
	}
	items := []map[string]any{}
	for _, e := range sess.demo.Evaluations(st, id) {
		items = append(items, s.evaluationJSON(sess, e))
	}
	return reply{data: map[string]any{"listeEvaluations": list24(items)}}, nil
}

func (s *Server) evaluationJSON(sess *session, e Evaluation) map[string]any {
	levels := []map[string]any{}
	for i, k := range e.Skills {
		levels = append(levels, map[string]any{
			"N": sess.id(0, k.ID), "L": k.Level.Name, "G": k.Level.G, "abbreviation": k.Level.Abbreviation,
			"coefficient": 1, "ordre": i + 1,
			"domaine": tv(24, map[string]any{"N": sess.id(0, "domaine:"+k.Domain), "L": k.Domain}),
			"item":    tv(24, map[string]any{"N": sess.id(0, "item:"+k.Item), "L": k.Item}),
			"pilier":  tv(24, map[string]any{"N": sess.id(0, k.Pillar.ID), "L": k.Pillar.Name, "strPrefixes": k.Pillar.Prefix}),
		})
	}
	return map[string]any{
		"N": sess.id(0, e.ID), "L": e.Name, "date": date7(e.Date),
		"matiere":     tv(24, map[string]any{"N": sess.id(16, e.Subject.ID), "L": e.Subject.Name, "couleur": e.Subject.Color}),
		"individu":    tv(24, map[string]any{"N": sess.id(3, "prof:"+e.Subject.Teacher), "L": e.Subject.Teacher, "G": 3}),
		"coefficient": e.Coefficient, "descriptif": e.Description,
		"listePaliers":              list24([]map[string]any{{"N": sess.id(0, "palier-4"), "L": "Palier 4"}}),
		"listeNiveauxDAcquisitions": list24(levels),
	}
}

// periodOf reads a request whose data is exactly {periode: {N, L?, G?}} and returns the
// period's stable id (evaluations, report cards).
func (s *Server) periodOf(sess *session, req request) (string, *protoError) {
	var q struct {
		Periode *resource `json:"periode"`
	}
	if perr := hasKeys(req, "periode"); perr != nil {
		return "", perr
	}
	if json.Unmarshal(req.data, &q) != nil || q.Periode == nil {
		return "", fail(21)
	}
	if perr := s.checkPeriod(sess, q.Periode); perr != nil {
		return "", perr
	}
	id, _ := sess.lookup(q.Periode.N)
	return id, nil
}
