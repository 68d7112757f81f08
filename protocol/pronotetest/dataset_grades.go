package pronotetest

import (
	"fmt"
	"math"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Grade is one mark in DernieresNotes.
type Grade struct {
	ID          string
	Subject     Subject
	Date        time.Time
	Value       string  // wire form: "15,5", or "|1" absent, "|2" exempted
	OutOf       float64 // bareme
	Coefficient float64
	Comment     string
	Bonus       bool   // estBonus: counts only when above the middle of the scale
	ClassAvg    string // moyenne, "" when the class statistics are not published
	Max, Min    string // noteMax, noteMin ("" with ClassAvg)
}

// SubjectAverage is one line of listeServices.
type SubjectAverage struct {
	Subject  Subject
	Student  string // moyEleve ("" without counted grades)
	Class    string // moyClasse
	Min, Max string // moyMin, moyMax
}

// Report is what DernieresNotes answers for a period.
type Report struct {
	Grades       []Grade
	Averages     []SubjectAverage
	Overall      string // moyGenerale, "" without grades
	ClassOverall string // moyGeneraleClasse
}

// levels is each student's typical mark out of 20.
var levels = map[string]float64{StudentLea.ID: 14, StudentHugo.ID: 12}

// Grades returns a student's marks of a period, only those dated on or before the anchor.
// Per subject there are three marks a trimester (the year period gathers the trimesters). Fixed
// special cases: the first Histoire-Géographie mark of each trimester is "|1" (absent), the
// second EPS mark "|2" (exempted), the third Mathématiques mark is a bonus, and the marks of
// Arts plastiques and Éducation musicale have no class statistics.
func (d *Demo) Grades(st Student, periodID string) Report {
	p, ok := d.PeriodByID(periodID)
	if !ok {
		return Report{}
	}
	var rep Report
	for _, t := range d.Periods[:3] {
		if t.Start.Before(p.Start) || t.End.After(p.End) {
			continue
		}
		for _, s := range d.Subjects(st) {
			for i := range 3 {
				if g, ok := d.grade(st, t, s, i); ok {
					rep.Grades = append(rep.Grades, g)
				}
			}
		}
	}
	rep.Averages, rep.Overall, rep.ClassOverall = d.averages(st, rep.Grades)
	return rep
}

func (d *Demo) grade(st Student, t Period, s Subject, i int) (Grade, bool) {
	span := int(t.End.Sub(t.Start).Hours()/24) - 14
	date := t.Start.AddDate(0, 0, 10+span*(i+1)/4+int(mix(st.ID, s.ID, t.ID)%5))
	for date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
		date = date.AddDate(0, 0, 1)
	}
	if date.After(d.Now) {
		return Grade{}, false
	}
	h := mix(st.ID, s.ID, t.ID, fmt.Sprint(i))
	out := []float64{20, 10, 20}[i]
	kind := []string{"Interrogation écrite", "Exercice", "Contrôle"}[i]
	g := Grade{
		ID:          fmt.Sprintf("note:%s:%s:%s:%d", st.ID, t.ID, s.ID, i),
		Subject:     s,
		Date:        date,
		OutOf:       out,
		Coefficient: []float64{1, 0.5, 2}[i],
		Comment:     fmt.Sprintf("%s n°%d", kind, i+1),
	}
	v := levels[st.ID] + float64(h%11) - 5
	v = math.Max(0, math.Min(20, v)) * out / 20
	v = math.Round(v*2) / 2
	g.Value = wire.FormatGrade(v)
	switch {
	case s.ID == "mat-hg" && i == 0:
		g.Value, g.Comment = "|1", "Absent"
	case s.ID == "mat-eps" && i == 1:
		g.Value, g.Comment = "|2", "Dispensé"
	case s.ID == "mat-maths" && i == 2:
		g.Bonus, g.Comment = true, "Exercice bonus"
	}
	if s.ID != "mat-arts" && s.ID != "mat-musique" {
		avg := math.Round((out*0.6+float64(h%7)*out/20)*10) / 10
		g.ClassAvg = wire.FormatGrade(avg)
		g.Max = wire.FormatGrade(math.Min(out, math.Round(avg+out/4)))
		g.Min = wire.FormatGrade(math.Max(0, math.Round(avg-out/3)))
	}
	return g, true
}

// averages computes each subject's average out of 20 (coefficient-weighted; special values
// left out; a bonus mark only when above 10/20), and the overall average of those.
func (d *Demo) averages(st Student, grades []Grade) ([]SubjectAverage, string, string) {
	var out []SubjectAverage
	var sum, sumClass float64
	n := 0
	for _, s := range d.Subjects(st) {
		var total, weight float64
		for _, g := range grades {
			v, kind, _ := wire.ParseGrade(g.Value)
			if g.Subject.ID != s.ID || kind != wire.GradeValue {
				continue
			}
			v = v * 20 / g.OutOf
			if g.Bonus && v <= 10 {
				continue
			}
			total += v * g.Coefficient
			weight += g.Coefficient
		}
		a := SubjectAverage{Subject: s}
		if weight > 0 {
			mean := round2(total / weight)
			class := round2(11 + float64(mix(st.Class, s.ID)%40)/10)
			a.Student, a.Class = wire.FormatGrade(mean), wire.FormatGrade(class)
			a.Min, a.Max = wire.FormatGrade(round2(class-5.5)), wire.FormatGrade(round2(math.Min(20, class+5)))
			sum, sumClass, n = sum+mean, sumClass+class, n+1
		}
		out = append(out, a)
	}
	if n == 0 {
		return out, "", ""
	}
	return out, wire.FormatGrade(round2(sum / float64(n))), wire.FormatGrade(round2(sumClass / float64(n)))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
