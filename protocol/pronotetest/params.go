package pronotetest

import (
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// tv is a typed value {_T, V} (§9.1).
func tv(t int, v any) map[string]any { return map[string]any{"_T": t, "V": v} }

func date7(t time.Time) map[string]any { return tv(7, wire.FormatDate(t)) }

func list24[T any](v []T) map[string]any {
	if v == nil {
		v = []T{}
	}
	return tv(24, v)
}

// schoolWeeks is the number of weeks served in the year's domains.
const schoolWeeks = 44

// parametres is the data of the FonctionParametres reply (§5.3).
func (s *Server) parametres(sess *session) map[string]any {
	p, d := s.opts.Profile, sess.demo
	v := p.version()
	general := map[string]any{
		"versionPN":             p.versionPN(),
		"version":               "PRONOTE " + p.Version + " gestion de vie scolaire, © Index Education (démonstration)",
		"tableauVersion":        []int{v[0], v[1], v[2]},
		"NomEtablissement":      d.School,
		"AnneeScolaire":         d.SchoolYear,
		"PremierLundi":          date7(d.FirstMonday),
		"PremiereDate":          date7(d.FirstDate),
		"DerniereDate":          date7(d.LastDate),
		"JourOuvre":             date7(d.NextSchoolDay(d.Now)),
		"numeroPremiereSemaine": 1,
		"ListeHeures":           list24(hourList(0)),
		"ListeHeuresFin":        list24(hourList(1)),
		"PlacesParJour":         PlacesParJour,
		"PlacesParHeure":        PlacesParHeure,
		"DureeSequence":         60 / PlacesParHeure,
		"ListePeriodes":         s.periodList(sess),
		"listeJoursFeries":      list24(s.holidayList(sess)),
		"DomainesFrequences":    []any{tv(8, "[]"), tv(8, weekDomain(1)), tv(8, weekDomain(0))},
		"LibellesFrequences":    []string{"", "Q1", "Q2"},
		"BaremeNotation":        tv(10, "20"),
		"JoursOuvres":           tv(26, "[1..5]"),
		"ActivationMessagerie":  false,
	}
	return map[string]any{
		"identifiantNav":  sess.navID,
		"General":         general,
		"DateServeurHttp": tv(7, wire.FormatDateTime(s.now())),
	}
}

// hourList is ListeHeures (shift 0: slot start times, 20 entries plus the day's end) or
// ListeHeuresFin (shift 1: slot end times).
func hourList(shift int) []map[string]any {
	n := PlacesParJour + 1 - shift
	out := make([]map[string]any, n)
	for i := range n {
		e := map[string]any{"G": i, "L": hourLabel(slotStart(i + shift))}
		if (i+shift)%PlacesParHeure != 0 {
			e["A"] = false
		}
		out[i] = e
	}
	return out
}

// weekDomain lists the weeks of one parity (1: odd weeks = Q1, 0: even weeks = Q2).
func weekDomain(parity int) string {
	var ws []int
	for w := 1; w <= schoolWeeks; w++ {
		if w%2 == parity {
			ws = append(ws, w)
		}
	}
	return wire.FormatDomain(ws)
}

// periodList is General.ListePeriodes: a plain array (§5.3).
func (s *Server) periodList(sess *session) []map[string]any {
	var out []map[string]any
	for _, p := range sess.demo.Periods {
		out = append(out, map[string]any{
			"N": sess.id(2, p.ID), "L": p.Name, "G": p.Kind, "periodeNotation": 1,
			"dateDebut": date7(p.Start), "dateFin": date7(p.End),
		})
	}
	return out
}

func (s *Server) holidayList(sess *session) []map[string]any {
	var out []map[string]any
	for _, h := range sess.demo.Holidays {
		out = append(out, map[string]any{
			"N": sess.id(0, h.ID), "L": h.Name, "dateDebut": date7(h.Start), "dateFin": date7(h.End),
		})
	}
	return out
}
