package ui

import "github.com/pronote-web/pronote/protocol"

// The charts of the grades tab are laid out here, in the units of their SVG viewBox, and drawn
// by chart_js.go. The SVG is as wide as its box and keeps its proportions, so the same drawing
// fits a phone (375 px) and a desktop column without scrolling.

// chartWidth is the width of every chart's viewBox; the scale of the averages is 0 to 20.
const (
	chartWidth = 320.0
	chartScale = 20.0
)

// chartPoint is one figure of a chart: its value on the 0–20 scale (nil: none, or not a
// number) and how it reads.
type chartPoint struct {
	Value *float64
	Text  string
}

// pointOf turns a mark out of outOf (20 when unknown) into a chart figure.
func pointOf(l Lang, m *protocol.Mark, outOf float64) chartPoint {
	p := chartPoint{Text: markText(l, m)}
	if isNumber(m) {
		if outOf <= 0 {
			outOf = chartScale
		}
		v := min(max(*m.Value*chartScale/outOf, 0), chartScale)
		p.Value = &v
	}
	return p
}

// chartRow is one subject of the bar chart, or one period of the line chart.
type chartRow struct {
	Label          string
	Student, Class chartPoint
}

// box is a rectangle of the viewBox, with the text that goes at its end.
type box struct {
	X, Y, W, H   float64
	TextX, TextY float64
}

// tick is a vertical (bars) or horizontal (line) grid line with its label.
type tick struct {
	Pos   float64
	Label string
}

// barLayout is the bar chart: one row per subject, its name above two horizontal bars (the
// student's, then the class's), each with its figure at its end.
type barLayout struct {
	H     float64
	Plot  float64 // the x of a 20/20 bar's end
	Base  float64 // the y of the scale's labels
	Rows  []barRowLayout
	Ticks []tick
}

type barRowLayout struct {
	LabelY         float64
	Student, Class *box
}

// Bar chart sizes: the label line, each bar, and the gaps.
const (
	barLabel  = 15.0
	barH      = 11.0
	barGap    = 3.0
	barRowGap = 12.0
	barValueW = 42.0 // room after a full bar for its figure
)

func layoutBars(rows []chartRow) barLayout {
	plot := chartWidth - barValueW
	g := barLayout{Plot: plot}
	y := 4.0
	bar := func(p chartPoint, top float64) *box {
		if p.Value == nil {
			return nil
		}
		w := *p.Value / chartScale * plot
		return &box{X: 0, Y: top, W: w, H: barH, TextX: w + 4, TextY: top + barH - 1.5}
	}
	for _, r := range rows {
		row := barRowLayout{LabelY: y + barLabel - 4}
		top := y + barLabel
		row.Student = bar(r.Student, top)
		row.Class = bar(r.Class, top+barH+barGap)
		g.Rows = append(g.Rows, row)
		y = top + 2*barH + barGap + barRowGap
	}
	g.Base = y + 8
	g.H = g.Base + 4
	for v := 0.0; v <= chartScale; v += 5 {
		g.Ticks = append(g.Ticks, tick{Pos: v / chartScale * plot, Label: number(French, v)})
	}
	return g
}

// lineLayout is the line chart: one column per period, the student's overall average and the
// class's as two lines of marks (gaps where a period has none).
type lineLayout struct {
	H            float64
	Left, Right  float64 // the plot's x bounds
	Top, Bottom  float64 // the plot's y bounds (Bottom is 0/20)
	Columns      []float64
	LabelY       float64
	Student      []pointLayout
	Class        []pointLayout
	StudentLines [][2]pointLayout
	ClassLines   [][2]pointLayout
	Ticks        []tick
}

type pointLayout struct {
	Index int // the column
	X, Y  float64
	Text  string
	TextY float64 // above the mark, or below it when the other series' mark is above
}

func layoutLine(rows []chartRow) lineLayout {
	g := lineLayout{Left: 28, Right: chartWidth - 12, Top: 14, Bottom: 150}
	g.LabelY, g.H = g.Bottom+18, g.Bottom+26
	n := len(rows)
	step := (g.Right - g.Left) / float64(max(n, 1))
	for i := range rows {
		g.Columns = append(g.Columns, g.Left+step*(float64(i)+0.5))
	}
	y := func(v float64) float64 { return g.Bottom - v/chartScale*(g.Bottom-g.Top) }
	for v := 0.0; v <= chartScale; v += 5 {
		g.Ticks = append(g.Ticks, tick{Pos: y(v), Label: number(French, v)})
	}
	series := func(pick func(chartRow) chartPoint) (pts []pointLayout, lines [][2]pointLayout) {
		for i, r := range rows {
			p := pick(r)
			if p.Value == nil {
				continue
			}
			pt := pointLayout{Index: i, X: g.Columns[i], Y: y(*p.Value), Text: p.Text}
			if k := len(pts); k > 0 && pts[k-1].Index == i-1 {
				lines = append(lines, [2]pointLayout{pts[k-1], pt})
			}
			pts = append(pts, pt)
		}
		return pts, lines
	}
	g.Student, g.StudentLines = series(func(r chartRow) chartPoint { return r.Student })
	g.Class, g.ClassLines = series(func(r chartRow) chartPoint { return r.Class })
	// Each figure goes on the side away from the other series: the higher mark's above.
	for i := range g.Student {
		p := &g.Student[i]
		p.TextY = p.Y - 8
		if c := rows[p.Index].Class.Value; c != nil && *c > *rows[p.Index].Student.Value {
			p.TextY = p.Y + 15
		}
	}
	for i := range g.Class {
		p := &g.Class[i]
		p.TextY = p.Y + 15
		if s := rows[p.Index].Student.Value; s == nil || *s < *rows[p.Index].Class.Value {
			p.TextY = p.Y - 8
		}
	}
	return g
}

// subjectRows are the bar chart's rows: the subjects that have an average of their own.
func subjectRows(l Lang, g *protocol.Grades) []chartRow {
	var out []chartRow
	for _, a := range g.Averages {
		r := chartRow{Label: a.Subject, Student: pointOf(l, a.Student, a.OutOf), Class: pointOf(l, a.ClassAverage, a.OutOf)}
		if r.Student.Value != nil || r.Class.Value != nil {
			out = append(out, r)
		}
	}
	return out
}
