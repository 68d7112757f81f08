package pronotetest

import (
	"encoding/json"
	"sort"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("ParametresUtilisateur", function{stage: stageLogged, login: (*Server).parametresUtilisateur})
}

// tabTree is listeOnglets: the tabs of the registered data calls, each under its folder
// (wire.TabFolder), in tab order.
func (s *Server) tabTree() []map[string]any {
	child := s.opts.Profile.tabChildKey()
	nested := map[int][]map[string]any{}
	var top []int
	for _, t := range sortedTabs() {
		if folder, ok := wire.TabFolder[t]; ok {
			nested[folder] = append(nested[folder], map[string]any{"G": t})
		} else {
			top = append(top, t)
		}
	}
	for folder := range nested {
		if !contains(top, folder) {
			top = append(top, folder)
		}
	}
	sort.Ints(top)
	tree := make([]map[string]any, 0, len(top))
	for _, t := range top {
		node := map[string]any{"G": t}
		if kids := nested[t]; len(kids) > 0 {
			node[child] = kids
		}
		tree = append(tree, node)
	}
	return tree
}

// servedTabs is every tab of the tree, folders included.
func servedTabs() map[int]bool {
	out := map[int]bool{}
	for _, t := range sortedTabs() {
		out[t] = true
		if folder, ok := wire.TabFolder[t]; ok {
			out[folder] = true
		}
	}
	return out
}

// sortedTabs lists the tabs of the registered data calls once each, in order.
func sortedTabs() []int {
	seen := map[int]bool{}
	var out []int
	for _, f := range functions {
		for _, t := range f.onglets {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Ints(out)
	return out
}

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
			"AvecDiscussion": true, "AvecDiscussionPersonnels": true, "AvecDiscussionProfesseurs": true,
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
