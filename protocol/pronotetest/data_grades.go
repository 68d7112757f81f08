package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("DernieresNotes", function{stage: stageLogged, data: (*Server).grades, onglets: []int{wire.TabGrades}})
}

// grades answers DernieresNotes (onglet 198) for data.Periode {N, L?, G?} (§8.1, §8.3).
func (s *Server) grades(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Periode *resource `json:"Periode"`
	}
	m, perr := dataObject(req)
	if perr != nil {
		return reply{}, perr
	}
	if _, ok := m["Periode"]; !ok || json.Unmarshal(req.data, &q) != nil || q.Periode == nil {
		return reply{}, fail(21)
	}
	id, known := sess.lookup(q.Periode.N)
	p, isPeriod := sess.demo.PeriodByID(id)
	if !known || !isPeriod {
		return reply{}, fail(22)
	}
	rep := sess.demo.Grades(st, p.ID)
	var first Subject
	if subjects := sess.demo.Subjects(st); len(subjects) > 0 {
		first = subjects[0]
	}
	rep.Grades = s.withPlantedGrades(p, rep.Grades, first)
	devoirs := make([]map[string]any, 0, len(rep.Grades))
	used := map[string]bool{}
	for _, g := range rep.Grades {
		devoirs = append(devoirs, s.gradeJSON(sess, p, g))
		used[g.Subject.ID] = true
	}
	services := []map[string]any{}
	for _, a := range rep.Averages {
		if used[a.Subject.ID] {
			services = append(services, s.averageJSON(sess, a))
		}
	}
	data := map[string]any{
		"listeDevoirs":               list24(devoirs),
		"listeServices":              list24(services),
		"baremeMoyGenerale":          tv(10, "20"),
		"baremeMoyGeneraleParDefaut": tv(10, "20"),
		"avecDetailDevoir":           true,
		"avecDetailService":          true,
	}
	if rep.Overall != "" {
		data["moyGenerale"] = tv(10, rep.Overall)
		data["moyGeneraleClasse"] = tv(10, rep.ClassOverall)
	}
	return reply{data: data}, nil
}

func (s *Server) gradeJSON(sess *session, p Period, g Grade) map[string]any {
	out := map[string]any{
		"N": sess.id(60, g.ID), "G": 60,
		"note":            tv(10, g.Value),
		"bareme":          tv(10, wire.FormatGrade(g.OutOf)),
		"baremeParDefaut": tv(10, "20"),
		"date":            date7(g.Date),
		"service": tv(24, map[string]any{
			"N": sess.id(12, g.Subject.ID), "L": g.Subject.Name, "couleur": g.Subject.Color, "estServiceGroupe": false,
		}),
		"periode":            tv(24, map[string]any{"N": sess.id(2, p.ID), "L": p.Name}),
		"coefficient":        g.Coefficient,
		"commentaire":        g.Comment,
		"commentaireSurNote": "",
		"estBonus":           g.Bonus,
		"estFacultatif":      false,
		"estRamenerSur20":    false,
	}
	if g.ClassAvg != "" {
		out["moyenne"] = tv(10, g.ClassAvg)
		out["noteMax"] = tv(10, g.Max)
		out["noteMin"] = tv(10, g.Min)
	}
	return out
}

func (s *Server) averageJSON(sess *session, a SubjectAverage) map[string]any {
	out := map[string]any{
		"N": sess.id(12, a.Subject.ID), "L": a.Subject.Name, "couleur": a.Subject.Color,
		"baremeMoyEleve":          tv(10, "20"),
		"baremeMoyEleveParDefaut": tv(10, "20"),
	}
	if a.Student != "" {
		out["moyEleve"] = tv(10, a.Student)
		out["moyClasse"] = tv(10, a.Class)
		out["moyMin"] = tv(10, a.Min)
		out["moyMax"] = tv(10, a.Max)
	}
	return out
}
