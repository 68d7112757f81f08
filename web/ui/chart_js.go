package ui

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

const svgNS = "http://www.w3.org/2000/svg"

// svg creates an SVG element (in the SVG namespace) with attributes as name, value pairs.
func (s *screen) svg(tag string, kv ...string) dom.Element {
	return attrs(s.doc.CreateElementNS(svgNS, tag), kv...)
}

// svgLine is an SVG line from (x1, y1) to (x2, y2).
func (s *screen) svgLine(x1, y1, x2, y2 float64, class string) dom.Element {
	return s.svg("line", "x1", f1(x1), "y1", f1(y1), "x2", f1(x2), "y2", f1(y2), "class", class)
}

// svgRect is an SVG rectangle.
func (s *screen) svgRect(x, y, w, h float64, class string) dom.Element {
	return s.svg("rect", "x", f1(x), "y", f1(y), "width", f1(w), "height", f1(h), "class", class)
}

// svgText is an SVG text element.
func (s *screen) svgText(x, y float64, class, text string, kv ...string) dom.Element {
	t := s.svg("text", append([]string{"x", f1(x), "y", f1(y), "class", class}, kv...)...)
	t.AppendChild(s.doc.CreateTextNode(text))
	return t
}

// svgTitle gives an SVG element its tooltip and accessible name.
func (s *screen) svgTitle(e dom.Element, text string) dom.Element {
	t := s.svg("title")
	t.AppendChild(s.doc.CreateTextNode(text))
	e.AppendChild(t)
	return e
}

// colon is the colon of l: spaced in French.
func (l Lang) colon() string {
	if l == English {
		return ": "
	}
	return " : "
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// chartFigure is the frame every chart shares: a heading, the legend in words, the drawing
// (named by a title and described, figures included, by a desc), and a button that shows the
// figures as a table.
type chartFigure struct {
	id      string // "bars" or "trend": ids and the saved table toggle
	title   string
	legend  []dom.Element
	first   string // the table's first column heading
	rows    []chartRow
	drawing func(svg dom.Element)
	height  float64
}

func (a *app) chart(s *screen, c chartFigure) dom.Element {
	id := "pronote-chart-" + c.id
	fig := attrs(s.el("figure", "chart chart-"+c.id), "aria-labelledby", id+"-h")
	fig.AppendChild(attrs(s.el("h2", "chart-title", c.title), "id", id+"-h"))
	legend := attrs(s.el("ul", "chart-legend"), "aria-label", a.lang.T("chart.legend"))
	for _, l := range c.legend {
		legend.AppendChild(l)
	}
	fig.AppendChild(legend)
	svg := s.svg("svg", "viewBox", "0 0 "+f1(chartWidth)+" "+f1(c.height), "class", "chart-svg",
		"role", "img", "aria-labelledby", id+"-t", "aria-describedby", id+"-d", "preserveAspectRatio", "xMidYMid meet")
	t := attrs(s.svg("title"), "id", id+"-t")
	t.AppendChild(s.doc.CreateTextNode(c.title))
	d := attrs(s.svg("desc"), "id", id+"-d")
	d.AppendChild(s.doc.CreateTextNode(a.chartSentence(c.rows)))
	svg.AppendChild(t)
	svg.AppendChild(d)
	c.drawing(svg)
	fig.AppendChild(svg)

	open := a.gr.tables[c.id]
	table := attrs(a.chartTable(s, c), "id", id+"-table")
	table.Underlying().Set("hidden", !open)
	label := "chart.showTable"
	if open {
		label = "chart.hideTable"
	}
	b := attrs(s.el("button", "btn btn-ghost chart-toggle", a.lang.T(label)), "type", "button",
		"aria-expanded", strconv.FormatBool(open), "aria-controls", id+"-table", "data-key", "table-"+c.id)
	s.on(b, "click", func(js.Value) {
		if a.gr.tables == nil {
			a.gr.tables = map[string]bool{}
		}
		a.gr.tables[c.id] = !open
		a.renderPanel()
	})
	fig.AppendChild(b)
	fig.AppendChild(table)
	return fig
}

// chartSentence says every figure of a chart, for its desc.
func (a *app) chartSentence(rows []chartRow) string {
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = r.Label + a.lang.colon() + a.lang.T("grades.student") + " " + r.Student.Text + ", " +
			a.lang.T("grades.class") + " " + r.Class.Text
	}
	return strings.Join(parts, " ; ") + "."
}

// chartTable is the chart's figures as a table.
func (a *app) chartTable(s *screen, c chartFigure) dom.Element {
	head := s.el("tr", "")
	for _, h := range []string{c.first, a.lang.T("grades.student"), a.lang.T("grades.classAverage")} {
		head.AppendChild(attrs(s.el("th", "", h), "scope", "col"))
	}
	body := s.el("tbody", "")
	for _, r := range c.rows {
		body.AppendChild(s.el("tr", "", attrs(s.el("th", "", r.Label), "scope", "row"),
			s.el("td", "", r.Student.Text), s.el("td", "", r.Class.Text)))
	}
	return s.el("table", "chart-table", s.el("caption", "", c.title), s.el("thead", "", head), body)
}

// legendKey is one entry of a legend: a small drawing of the mark and its meaning in words.
func (s *screen) legendKey(text string, draw ...dom.Element) dom.Element {
	svg := s.svg("svg", "viewBox", "0 0 24 12", "width", "24", "height", "12", "aria-hidden", "true", "focusable", "false")
	for _, d := range draw {
		svg.AppendChild(d)
	}
	return s.el("li", "", svg, text)
}

// barsChart draws each subject's average against the class's.
func (a *app) barsChart(s *screen, rows []chartRow) dom.Element {
	g := layoutBars(rows)
	return a.chart(s, chartFigure{
		id: "bars", title: a.lang.T("chart.bars"), first: a.lang.T("chart.subject"), rows: rows, height: g.H,
		legend: []dom.Element{
			s.legendKey(a.lang.T("chart.barStudent"), s.svgRect(1, 2, 22, 8, "bar-student")),
			s.legendKey(a.lang.T("chart.barClass"), s.svgRect(1, 2, 22, 8, "bar-class")),
		},
		drawing: func(svg dom.Element) {
			defs := s.svg("defs")
			pat := s.svg("pattern", "id", "pronote-hatch", "patternUnits", "userSpaceOnUse", "width", "4", "height", "4",
				"patternTransform", "rotate(45)")
			pat.AppendChild(s.svg("rect", "width", "1.6", "height", "4", "class", "hatch"))
			defs.AppendChild(pat)
			svg.AppendChild(defs)
			for _, t := range g.Ticks {
				svg.AppendChild(s.svgLine(t.Pos, 0, t.Pos, g.Base-10, "grid"))
				anchor := "middle"
				if t.Pos == 0 {
					anchor = "start"
				}
				svg.AppendChild(s.svgText(t.Pos, g.Base, "tick", t.Label, "text-anchor", anchor))
			}
			for i, r := range g.Rows {
				svg.AppendChild(s.svgText(0, r.LabelY, "label", rows[i].Label))
				a.bar(s, svg, r.Student, rows[i].Student, "bar-student", rows[i].Label+", "+a.lang.T("grades.student"))
				a.bar(s, svg, r.Class, rows[i].Class, "bar-class", rows[i].Label+", "+a.lang.T("grades.classAverage"))
			}
		},
	})
}

func (a *app) bar(s *screen, svg dom.Element, b *box, p chartPoint, class, name string) {
	if b == nil {
		return
	}
	r := s.svgRect(b.X, b.Y, max(b.W, 0.5), b.H, class)
	svg.AppendChild(s.svgTitle(r, name+a.lang.colon()+p.Text))
	svg.AppendChild(s.svgText(b.TextX, b.TextY, "value", p.Text))
}

// trendChart draws the overall average of each period, the student's and the class's.
func (a *app) trendChart(s *screen, rows []chartRow) dom.Element {
	g := layoutLine(rows)
	return a.chart(s, chartFigure{
		id: "trend", title: a.lang.T("chart.trend"), first: a.lang.T("grades.period"), rows: rows, height: g.H,
		legend: []dom.Element{
			s.legendKey(a.lang.T("chart.lineStudent"), s.svgLine(0, 6, 24, 6, "line-student"),
				s.svg("circle", "cx", "12", "cy", "6", "r", "3.5", "class", "pt-student")),
			s.legendKey(a.lang.T("chart.lineClass"), s.svgLine(0, 6, 24, 6, "line-class"),
				s.svgRect(9, 3, 6, 6, "pt-class")),
		},
		drawing: func(svg dom.Element) {
			for _, t := range g.Ticks {
				svg.AppendChild(s.svgLine(g.Left, t.Pos, g.Right, t.Pos, "grid"))
				svg.AppendChild(s.svgText(g.Left-5, t.Pos+3.5, "tick", t.Label, "text-anchor", "end"))
			}
			for i, x := range g.Columns {
				svg.AppendChild(s.svgText(x, g.LabelY, "label", rows[i].Label, "text-anchor", "middle"))
			}
			for _, l := range g.ClassLines {
				svg.AppendChild(s.svgLine(l[0].X, l[0].Y, l[1].X, l[1].Y, "line-class"))
			}
			for _, l := range g.StudentLines {
				svg.AppendChild(s.svgLine(l[0].X, l[0].Y, l[1].X, l[1].Y, "line-student"))
			}
			for _, p := range g.Class {
				r := s.svgRect(p.X-3.5, p.Y-3.5, 7, 7, "pt-class")
				svg.AppendChild(s.svgTitle(r, rows[p.Index].Label+", "+a.lang.T("grades.classAverage")+a.lang.colon()+p.Text))
				svg.AppendChild(s.svgText(p.X, p.TextY, "value", p.Text, "text-anchor", "middle"))
			}
			for _, p := range g.Student {
				c := s.svg("circle", "cx", f1(p.X), "cy", f1(p.Y), "r", "4", "class", "pt-student")
				svg.AppendChild(s.svgTitle(c, rows[p.Index].Label+", "+a.lang.T("grades.student")+a.lang.colon()+p.Text))
				svg.AppendChild(s.svgText(p.X, p.TextY, "value value-strong", p.Text, "text-anchor", "middle"))
			}
		},
	})
}
