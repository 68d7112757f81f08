package pronotetest

import "encoding/json"

// tabTree is listeOnglets: the tabs served, the homework ones nested under 61.
func (s *Server) tabTree() []map[string]any {
	child := s.opts.Profile.tabChildKey()
	return []map[string]any{
		{"G": 7},
		{"G": 16},
		{"G": 61, child: []map[string]any{{"G": 89}, {"G": 88}}},
		{"G": 198},
	}
}

// allowedTabs is the flattened tab tree.
var allowedTabs = map[int]bool{7: true, 16: true, 61: true, 88: true, 89: true, 198: true}

// parametresUtilisateur answers the user, its children and its tabs (§6.10). Its payload is
// {}: no data, no signature.
func (s *Server) parametresUtilisateur(sess *session, req request) (reply, *protoError) {
	if req.data != nil && !sameJSON(req.data, json.RawMessage("{}")) {
		return reply{}, fatal(11)
	}
	acct := sess.user
	var res map[string]any
	if acct.kind == "parent" {
		res = map[string]any{
			"L": acct.name, "N": sess.id(5, acct.id), "G": 5, "P": 1,
			"Etablissement": tv(24, s.school(sess)),
		}
		var kids []map[string]any
		for _, c := range acct.children {
			kids = append(kids, s.studentResource(sess, c))
		}
		res["listeRessources"] = kids
	} else {
		res = s.studentResource(sess, acct.children[0])
	}
	return reply{data: map[string]any{
		"ressource":                res,
		"listeOnglets":             s.tabTree(),
		"listeOngletsInvisibles":   []int{},
		"listeOngletsNotification": []int{},
		"autorisations": map[string]any{
			"AvecDiscussion": false, "AvecDiscussionPersonnels": false, "AvecDiscussionProfesseurs": false,
			"tailleMaxRenduTafEleve": 4 << 20,
			"cours":                  map[string]any{"domaineConsultationEDT": tv(8, "[1..44]")},
		},
		"listeInformationsEtablissements": list24([]map[string]any{{
			"L": SchoolName, "N": sess.id(1, "etablissement"),
			"Coordonnees": map[string]any{"Adresse1": "1 rue de l'École", "CodePostal": "75000", "LibellePostal": "PARIS"},
		}}),
	}}, nil
}

func (s *Server) school(sess *session) map[string]any {
	return map[string]any{"L": SchoolName, "N": sess.id(1, "etablissement")}
}

// studentResource is a pupil's ressource, with its grade periods per tab.
func (s *Server) studentResource(sess *session, st Student) map[string]any {
	d := sess.demo
	var periods []map[string]any
	for _, p := range d.Periods[:3] {
		periods = append(periods, map[string]any{"L": p.Name, "N": sess.id(2, p.ID), "G": 2, "A": true, "GenreNotation": 1})
	}
	cur := d.CurrentPeriod()
	tab := func(g int) map[string]any {
		return map[string]any{
			"G":                g,
			"listePeriodes":    list24(periods),
			"periodeParDefaut": tv(24, map[string]any{"L": cur.Name, "N": sess.id(2, cur.ID)}),
		}
	}
	return map[string]any{
		"L": st.Name, "N": sess.id(4, st.ID), "G": 4, "P": 1,
		"Etablissement":            tv(24, s.school(sess)),
		"classeDEleve":             map[string]any{"L": st.Class, "N": sess.id(1, "classe:"+st.Class)},
		"avecPhoto":                false,
		"listeGroupes":             list24([]map[string]any{}),
		"listeOngletsPourPeriodes": list24([]map[string]any{tab(198)}),
		"listeOngletsPourPiliers":  list24([]map[string]any{}),
	}
}
