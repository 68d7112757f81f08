package pronotetest

import "github.com/pronote-web/pronote/protocol/internal/wire"

func init() {
	register("PageBulletins", function{stage: stageLogged, data: (*Server).reportCard, onglets: []int{wire.TabReportCard}})
}

// reportCard answers PageBulletins (onglet 13) for data.periode {N, L?, G?} (§8.1, §8.3). A
// card not yet published is an empty data object when its period has not begun, else a
// message (§8.1 names both Message and message: the fake server sends Message before the
// 2025 dialect and message from it, an assumption that makes clients read both).
func (s *Server) reportCard(sess *session, req request, st Student) (reply, *protoError) {
	id, perr := s.periodOf(sess, req)
	if perr != nil {
		return reply{}, perr
	}
	rc := sess.demo.ReportCard(st, id)
	switch {
	case !rc.Published && !rc.Started:
		return reply{data: map[string]any{}}, nil
	case !rc.Published:
		key := "Message"
		if s.opts.Profile.dialect() == wire.D2025 {
			key = "message"
		}
		return reply{data: map[string]any{key: "Le bulletin de cette période n'est pas encore publié."}}, nil
	}
	services := []map[string]any{}
	for _, l := range rc.Subjects {
		services = append(services, s.reportLineJSON(sess, l))
	}
	comments := []map[string]any{}
	for _, c := range rc.Comments {
		comments = append(comments, map[string]any{"N": sess.id(0, "appreciation:"+c.Title), "Intitule": c.Title, "L": c.Text})
	}
	return reply{data: map[string]any{
		"ListeServices":           list24(services),
		"ObjetListeAppreciations": tv(24, map[string]any{"ListeAppreciations": list24(comments)}),
		"graphe":                  "",
	}}, nil
}

func (s *Server) reportLineJSON(sess *session, l ReportLine) map[string]any {
	subject := map[string]any{"N": sess.id(16, l.Subject.ID), "L": l.Subject.Name}
	comments := []map[string]any{}
	if l.Comment != "" {
		comments = append(comments, map[string]any{"N": sess.id(0, "app:"+l.Subject.ID), "L": l.Comment})
	}
	teachers := list24([]map[string]any{{"N": sess.id(3, "prof:"+l.Subject.Teacher), "L": l.Subject.Teacher, "G": 3}})
	out := map[string]any{
		"N": sess.id(12, l.Subject.ID), "L": l.Subject.Name, "couleur": l.Subject.Color,
		"Matiere": tv(24, subject), "SurMatiere": tv(24, map[string]any{}),
		"Coefficient":        tv(10, wire.FormatGrade(l.Coefficient)),
		"ListeAppreciations": list24(comments),
	}
	if l.GroupTeachersElement {
		out["ListeElements"] = list24([]map[string]any{{"N": sess.id(0, "element:"+l.Subject.ID), "ListeProfesseurs": teachers}})
	} else {
		out["ListeProfesseurs"] = teachers
	}
	for key, v := range map[string]string{"MoyenneEleve": l.Student, "MoyenneClasse": l.Class, "MoyenneInf": l.Min, "MoyenneSup": l.Max} {
		if v != "" {
			out[key] = tv(10, v)
		}
	}
	return out
}
