package ui

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// number formats a grade value with at most two decimals: "15,5" in French, "15.5" in English.
func number(l Lang, v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if l == French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// markText is how a mark reads: its number for a grade, a word for the special kinds (absent,
// exempted, …), a dash when there is none.
func markText(l Lang, m *protocol.Mark) string {
	switch {
	case m == nil || m.Kind == "":
		return l.T("mark.none")
	case m.Kind == "grade" && m.Value != nil:
		return number(l, *m.Value)
	}
	if t, ok := texts["mark."+m.Kind]; ok {
		return t[l]
	}
	return l.T("mark.other")
}

// isNumber says whether a mark shows as a number (and so can have an "/20" after it).
func isNumber(m *protocol.Mark) bool {
	return m != nil && m.Kind == "grade" && m.Value != nil
}

// outOf is the "/20" after a number, "" when the scale is unknown.
func outOf(l Lang, v float64) string {
	if v <= 0 {
		return ""
	}
	return "/" + number(l, v)
}

// subjectGroup is one subject of the grades view: its averages and its grades, newest first.
type subjectGroup struct {
	Average protocol.SubjectAverage
	Grades  []protocol.Grade
}

// groupGrades puts each grade under its subject, in the order of the averages; grades of a
// subject without averages get a group of their own, after the others.
func groupGrades(g *protocol.Grades) []subjectGroup {
	index := map[string]int{}
	var out []subjectGroup
	for _, a := range g.Averages {
		index[a.Subject] = len(out)
		out = append(out, subjectGroup{Average: a})
	}
	for _, gr := range g.Grades {
		i, ok := index[gr.Subject]
		if !ok {
			i = len(out)
			index[gr.Subject] = i
			out = append(out, subjectGroup{Average: protocol.SubjectAverage{Subject: gr.Subject}})
		}
		out[i].Grades = append(out[i].Grades, gr)
	}
	for _, s := range out {
		sort.SliceStable(s.Grades, func(a, b int) bool { return s.Grades[a].Date > s.Grades[b].Date })
	}
	return out
}
