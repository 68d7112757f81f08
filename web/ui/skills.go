package ui

import (
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// subjectEvaluations is one subject of the skills tab: its evaluations, newest first.
type subjectEvaluations struct {
	Subject     string
	Evaluations []protocol.Evaluation
}

// groupEvaluations puts each evaluation under its subject, the subjects in alphabetical order.
func groupEvaluations(evs []protocol.Evaluation) []subjectEvaluations {
	index := map[string]int{}
	var out []subjectEvaluations
	for i := len(evs) - 1; i >= 0; i-- { // the call sorts them oldest first
		e := evs[i]
		k, ok := index[e.Subject]
		if !ok {
			k = len(out)
			index[e.Subject] = k
			out = append(out, subjectEvaluations{Subject: e.Subject})
		}
		out[k].Evaluations = append(out[k].Evaluations, e)
	}
	for i := 1; i < len(out); i++ { // insertion sort: a handful of subjects
		for j := i; j > 0 && strings.ToLower(out[j].Subject) < strings.ToLower(out[j-1].Subject); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// levelTone is the colour family of an acquisition level, read from PRONOTE's usual labels:
// "good" (très bonne maîtrise), "ok" (satisfaisante), "fragile", "weak" (insuffisante), or
// "other" (absent, dispensé, non évalué, a school's own wording). The colour only repeats
// what the level's text says.
func levelTone(level string) string {
	l := strings.ToLower(level)
	switch {
	case strings.Contains(l, "très bonne"), strings.Contains(l, "tres bonne"):
		return "good"
	case strings.Contains(l, "satisfaisant"):
		return "ok"
	case strings.Contains(l, "fragile"):
		return "fragile"
	case strings.Contains(l, "insuffisant"):
		return "weak"
	}
	return "other"
}

// levelLegend is every abbreviated level met in the evaluations, once, best first, to explain
// the abbreviations (a level without one shows its label in full).
func levelLegend(evs []protocol.Evaluation) []protocol.Skill {
	rank := map[string]int{"good": 0, "ok": 1, "fragile": 2, "weak": 3, "other": 4}
	seen := map[string]bool{}
	var out []protocol.Skill
	for _, e := range evs {
		for _, k := range e.Skills {
			if k.Level == "" || k.Abbreviation == "" || seen[k.Level] {
				continue
			}
			seen[k.Level] = true
			out = append(out, protocol.Skill{Level: k.Level, Abbreviation: k.Abbreviation})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rank[levelTone(out[j].Level)] < rank[levelTone(out[j-1].Level)]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
