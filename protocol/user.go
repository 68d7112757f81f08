package protocol

import (
	"context"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// loadUser sends ParametresUtilisateur (§6.10): the user, the children of a parent, the
// allowed tabs and the grade periods.
func (s *Session) loadUser(ctx context.Context) error {
	rep, err := s.callLocked(ctx, subject{}, "ParametresUtilisateur", 0, nil) // onglet 0: no membre
	if err != nil {
		return err
	}
	r := rep.data.obj("ressource")
	if r == nil || r.str("N") == "" {
		return protoErr("ParametresUtilisateur", "reply has no ressource")
	}
	s.acct.resource = resourceOf(r)
	s.acct.user = User{ID: r.str("N"), Name: r.str("L"), Kind: s.kind,
		Establishment: r.obj("Etablissement").str("L"), ClassName: r.obj("classeDEleve").str("L")}
	if s.acct.user.Establishment == "" {
		s.acct.user.Establishment = s.acct.school.School
	}
	periodsFrom, fromChild := r, false
	for _, c := range r.list("listeRessources") {
		s.acct.children = append(s.acct.children, resourceOf(c))
		s.acct.user.Children = append(s.acct.user.Children, Child{ID: c.str("N"), Name: c.str("L"),
			ClassName: c.obj("classeDEleve").str("L"), Establishment: c.obj("Etablissement").str("L")})
		if !fromChild {
			periodsFrom, fromChild = c, true
		}
	}
	if s.kind == KindParent && len(s.acct.children) == 0 {
		return protoErr("ParametresUtilisateur", "parent account without ressource.listeRessources")
	}
	s.acct.onglets = map[int]bool{}
	flattenOnglets(rep.data.get("listeOnglets"), s.acct.onglets)
	if len(s.acct.onglets) == 0 {
		s.acct.onglets = nil // unknown: let the server decide
	}
	s.readGradePeriods(periodsFrom)
	return nil
}

func resourceOf(r obj) resource {
	g := r.int("G")
	return resource{N: r.str("N"), G: g, L: r.str("L")}
}

// flattenOnglets collects every G in the listeOnglets tree, whatever the children key (§6.10).
func flattenOnglets(tree any, into map[int]bool) {
	for _, it := range asList(tree) {
		if g, ok := it.num("G"); ok {
			into[int(g)] = true
		}
		for _, m := range it {
			switch m.value.(type) {
			case []any, obj:
				if m.name != "G" {
					flattenOnglets(m.value, into)
				}
			}
		}
	}
}

// readGradePeriods reads listeOngletsPourPeriodes: the item G 198 lists the grade periods and
// the default one (fallback: the first item).
func (s *Session) readGradePeriods(r obj) {
	items := r.list("listeOngletsPourPeriodes")
	if len(items) == 0 {
		return
	}
	chosen := items[0]
	for _, it := range items {
		if it.int("G") == wire.TabGrades {
			chosen = it
		}
	}
	for _, p := range chosen.list("listePeriodes") {
		period := periodFrom(p, s.today)
		for _, known := range s.acct.periods {
			if known.ID == period.ID || (known.Name == period.Name && period.Start == "") {
				period.Kind, period.Start, period.End = known.Kind, known.Start, known.End
			}
		}
		s.acct.gradePeriods = append(s.acct.gradePeriods, period)
	}
	s.acct.defaultPeriod = chosen.obj("periodeParDefaut").str("N")
}
