package ui

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

// The demo school's periods (protocol/pronotetest/dataset.go), with the year added as real
// schools list it.
var testPeriods = []protocol.Period{
	{ID: "t1", Name: "Trimestre 1", Kind: "trimester", Start: "2026-09-07", End: "2026-11-30"},
	{ID: "t2", Name: "Trimestre 2", Kind: "trimester", Start: "2026-12-01", End: "2027-02-28"},
	{ID: "t3", Name: "Trimestre 3", Kind: "trimester", Start: "2027-03-01", End: "2027-07-02"},
	{ID: "y", Name: "Année", Kind: "year", Start: "2026-09-07", End: "2027-07-02"},
}

func TestPeriodOrder(t *testing.T) {
	for _, c := range []struct {
		today string
		want  []string
	}{
		{"2026-09-01", nil},                       // before the year: nothing has begun
		{"2026-09-07", []string{"t1", "y"}},       // the first day: the trimester before the year
		{"2026-11-23", []string{"t1", "y"}},       // t1 is current, t2 has not begun
		{"2026-12-01", []string{"t2", "t1", "y"}}, // t2 current; then the latest begun
		{"2027-03-15", []string{"t3", "t2", "t1", "y"}},
		{"2027-08-20", []string{"t3", "t2", "t1", "y"}}, // after the year: none holds today
	} {
		if got := periodOrder(testPeriods, day(c.today)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.today, got, c.want)
		}
	}
	if got := periodOrder([]protocol.Period{{ID: "a", Name: "Semestre 1"}}, day("2027-01-01")); got != nil {
		t.Errorf("without dates: %v, want nil (the account's default period)", got)
	}
}

func TestTrendPeriods(t *testing.T) {
	ids := func(ps []protocol.Period) (out []string) {
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	for _, c := range []struct {
		today string
		want  []string
	}{
		{"2026-11-23", []string{"t1"}},
		{"2027-03-15", []string{"t1", "t2", "t3"}}, // in time order, the year left out
		{"2027-08-20", []string{"t1", "t2", "t3"}}, // no current period: all but the year
	} {
		if got := ids(trendPeriods(testPeriods, day(c.today))); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.today, got, c.want)
		}
	}
}

func TestPeriodChoice(t *testing.T) {
	order := []string{"t3", "t2", "t1"}
	has := func(n int) bool { return n > 0 }
	var p periodData[int]
	step := func(wantID string, wantLoad, wantFell bool) {
		t.Helper()
		id, load, fell := p.shown(order, has)
		if id != wantID || load != wantLoad || fell != wantFell {
			t.Fatalf("shown = %q %v %v, want %q %v %v", id, load, fell, wantID, wantLoad, wantFell)
		}
	}
	step("t3", true, false) // the current period first
	if !p.start("t3") || p.start("t3") {
		t.Fatal("start: a period loads once at a time")
	}
	p.got("t3", 0)
	step("t2", true, false) // empty: the next one is loaded
	p.start("t2")
	p.failed("t2", "NETWORK_ERROR")
	step("t2", true, false) // the view shows the error of the period it waits for
	if p.errs["t2"] != "NETWORK_ERROR" || p.loading["t2"] {
		t.Fatalf("failed: %v %v", p.errs, p.loading)
	}
	p.start("t2") // retry
	if p.errs["t2"] != "" {
		t.Fatal("a retry forgets the error")
	}
	p.got("t2", 5)
	step("t2", false, true) // shown, and said to be another than the current one
	p.got("t3", 2)          // marks arrived in the current period (another child's data)
	step("t3", false, false)

	var none periodData[int]
	for _, id := range order {
		none.got(id, 0)
	}
	step2, load, fell := none.shown(order, has)
	if step2 != "t3" || load || fell {
		t.Errorf("nothing anywhere: %q %v %v, want the current period, no note", step2, load, fell)
	}
	none.chosen = "t1"
	if id, load, fell := none.shown(order, has); id != "t1" || load || fell {
		t.Errorf("the user's choice: %q %v %v", id, load, fell)
	}
	var dateless periodData[int]
	if id, load, _ := dateless.shown(nil, has); id != "" || !load {
		t.Errorf("no order: %q %v, want the default period loaded", id, load)
	}
}

func TestPeriodName(t *testing.T) {
	if got := periodName(French, "Trimestre 1"); got != "le Trimestre 1" {
		t.Error(got)
	}
	if got := periodName(French, "Année"); got != "« Année »" {
		t.Error(got)
	}
	if got := periodName(English, "Trimestre 1"); got != "Trimestre 1" {
		t.Error(got)
	}
}

func mark(v float64) *protocol.Mark { return &protocol.Mark{Kind: "grade", Value: &v} }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestBarLayout(t *testing.T) {
	rows := []chartRow{
		{Label: "Maths", Student: pointOf(French, mark(10), 20), Class: pointOf(French, mark(20), 20)},
		{Label: "EPS", Student: pointOf(French, &protocol.Mark{Kind: "absent"}, 20), Class: pointOf(French, mark(5), 10)},
	}
	g := layoutBars(rows)
	if len(g.Rows) != 2 || len(g.Ticks) != 5 {
		t.Fatalf("rows %d ticks %d", len(g.Rows), len(g.Ticks))
	}
	r0, r1 := g.Rows[0], g.Rows[1]
	if !near(r0.Student.W, g.Plot/2) || !near(r0.Class.W, g.Plot) {
		t.Errorf("10/20 and 20/20: %v %v of %v", r0.Student.W, r0.Class.W, g.Plot)
	}
	if r1.Student != nil {
		t.Error("an absence has no bar")
	}
	if !near(r1.Class.W, g.Plot/2) {
		t.Errorf("5/10 is half the scale: %v", r1.Class.W)
	}
	if rows[1].Student.Text != "Absent" || rows[1].Class.Text != "5" {
		t.Errorf("texts %q %q", rows[1].Student.Text, rows[1].Class.Text)
	}
	// Everything inside the viewBox, rows one under the other, the value text after its bar.
	if r0.Class.Y+r0.Class.H > r1.LabelY-barLabel+4 || g.Base > g.H || r0.Class.TextX+20 > chartWidth+barValueW {
		t.Errorf("overlap or overflow: %+v %+v base %v h %v", r0, r1, g.Base, g.H)
	}
	if r0.Class.X+r0.Class.W > chartWidth-barValueW+1e-9 {
		t.Error("a full bar leaves room for its figure")
	}
	if g.Ticks[4].Label != "20" || !near(g.Ticks[4].Pos, g.Plot) {
		t.Errorf("ticks %v", g.Ticks)
	}
}

func TestLineLayout(t *testing.T) {
	rows := []chartRow{
		{Label: "T1", Student: pointOf(French, mark(13), 20), Class: pointOf(French, mark(12), 20)},
		{Label: "T2", Student: pointOf(French, mark(14), 20), Class: pointOf(French, mark(15), 20)},
		{Label: "T3", Student: chartPoint{Text: "—"}, Class: chartPoint{Text: "—"}},
	}
	g := layoutLine(rows)
	if len(g.Columns) != 3 || len(g.Student) != 2 || len(g.Class) != 2 {
		t.Fatalf("columns %d student %d class %d", len(g.Columns), len(g.Student), len(g.Class))
	}
	if len(g.StudentLines) != 1 || len(g.ClassLines) != 1 {
		t.Errorf("lines join neighbouring periods only: %d %d", len(g.StudentLines), len(g.ClassLines))
	}
	y := func(v float64) float64 { return g.Bottom - v/20*(g.Bottom-g.Top) }
	if s := g.Student[1]; !near(s.Y, y(14)) || !near(s.X, g.Columns[1]) || s.Text != "14" {
		t.Errorf("T2 student %+v", s)
	}
	if g.Columns[0] <= g.Left || g.Columns[2] >= g.Right || g.H > 200 || g.LabelY >= g.H {
		t.Errorf("columns %v in %v..%v, h %v", g.Columns, g.Left, g.Right, g.H)
	}
	// The higher mark's figure goes above it, the other's below.
	if g.Student[0].TextY > g.Student[0].Y || g.Class[0].TextY < g.Class[0].Y {
		t.Errorf("T1: student 13 above, class 12 below: %+v %+v", g.Student[0], g.Class[0])
	}
	if g.Student[1].TextY < g.Student[1].Y || g.Class[1].TextY > g.Class[1].Y {
		t.Errorf("T2: class 15 above, student 14 below: %+v %+v", g.Student[1], g.Class[1])
	}
	gap := layoutLine([]chartRow{rows[0], rows[2], rows[1]})
	if len(gap.StudentLines) != 0 {
		t.Error("no line across a period without an average")
	}
}

func TestSubjectRows(t *testing.T) {
	g := &protocol.Grades{Averages: []protocol.SubjectAverage{
		{Subject: "Maths", Student: mark(12), ClassAverage: mark(11), OutOf: 20},
		{Subject: "Arts"}, // no average: no row
		{Subject: "EPS", Student: &protocol.Mark{Kind: "exempted"}, ClassAverage: mark(13)},
	}}
	rows := subjectRows(French, g)
	if len(rows) != 2 || rows[0].Label != "Maths" || rows[1].Label != "EPS" || rows[1].Student.Value != nil {
		t.Errorf("%+v", rows)
	}
}

func TestSkills(t *testing.T) {
	for level, tone := range map[string]string{
		"Très bonne maîtrise": "good", "Maîtrise satisfaisante": "ok", "Maîtrise fragile": "fragile",
		"Maîtrise insuffisante": "weak", "Absent": "other", "": "other",
	} {
		if got := levelTone(level); got != tone {
			t.Errorf("%q: %s, want %s", level, got, tone)
		}
	}
	evs := []protocol.Evaluation{
		{ID: "1", Subject: "Mathématiques", Date: "2026-10-01", Skills: []protocol.Skill{{Level: "Maîtrise fragile", Abbreviation: "-"}}},
		{ID: "2", Subject: "Anglais", Date: "2026-10-02", Skills: []protocol.Skill{{Level: "Très bonne maîtrise", Abbreviation: "++"}, {Level: "Absent"}}},
		{ID: "3", Subject: "Mathématiques", Date: "2026-10-03", Skills: []protocol.Skill{{Level: "Maîtrise fragile", Abbreviation: "-"}}},
	}
	groups := groupEvaluations(evs)
	if len(groups) != 2 || groups[0].Subject != "Anglais" || groups[1].Subject != "Mathématiques" {
		t.Fatalf("%+v", groups)
	}
	if e := groups[1].Evaluations; len(e) != 2 || e[0].ID != "3" {
		t.Errorf("newest first: %+v", e)
	}
	var legend []string
	for _, k := range levelLegend(evs) {
		legend = append(legend, k.Abbreviation+" "+k.Level)
	}
	if strings.Join(legend, ", ") != "++ Très bonne maîtrise, - Maîtrise fragile" {
		t.Errorf("legend: %v (best first, once each, only abbreviated levels)", legend)
	}
}
