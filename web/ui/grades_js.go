package ui

import (
	"context"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// gradesState is the grades tab's data by period, the period shown, and which chart tables
// are open.
type gradesState struct {
	periodData[*protocol.Grades]
	tables map[string]bool
}

// hasGrades says whether a period has something to show.
func hasGrades(g *protocol.Grades) bool { return len(g.Grades) > 0 || g.Overall != nil }

func (a *app) gradesView(s *screen) dom.Element {
	gr := &a.gr
	periods := a.k.s.Periods()
	order := periodOrder(periods, a.today())
	id, load, fellBack := gr.shown(order, hasGrades)
	view := s.el("div", "view view-grades", a.periodBar(s, periods, a.gradesPeriodID(id), func(p string) {
		gr.chosen = p
	}))
	switch {
	case gr.errs[id] != "":
		view.AppendChild(a.errorBox(s, gr.errs[id], func() { a.loadGrades(id) }))
		return view
	case load:
		view.AppendChild(a.loadingBox(s))
		a.loadGrades(id)
		return view
	}
	g := gr.byID[id]
	if fellBack {
		view.AppendChild(a.fallbackNote(s, periods, order[0], id, "grades.fallback"))
	}
	if !hasGrades(g) {
		view.AppendChild(s.el("p", "notice", a.lang.T("grades.empty")))
		return view
	}
	s.add(view, a.overall(s, g))
	list := s.el("div", "subjects")
	for _, sg := range groupGrades(g) {
		list.AppendChild(a.subjectCard(s, sg))
	}
	charts := s.el("div", "charts")
	if rows := subjectRows(a.lang, g); len(rows) > 0 {
		charts.AppendChild(a.barsChart(s, rows))
	}
	charts.AppendChild(a.trend(s, periods))
	view.AppendChild(s.el("div", "grades-layout", list, charts))
	return view
}

// gradesPeriodID is the id of the period shown, for the selector ("" stands for the
// account's default period until its grades tell which one it is).
func (a *app) gradesPeriodID(id string) string {
	if g := a.gr.byID[id]; id == "" && g != nil {
		return g.Period.ID
	}
	return id
}

// trend is the overall average across the periods, once each period's grades are loaded.
func (a *app) trend(s *screen, periods []protocol.Period) dom.Element {
	var rows []chartRow
	waiting := false
	for _, p := range trendPeriods(periods, a.today()) {
		g, ok := a.gr.byID[p.ID]
		switch {
		case !ok && a.gr.errs[p.ID] == "":
			waiting = true
			a.loadGrades(p.ID)
		case ok:
			rows = append(rows, chartRow{Label: p.Name, Student: pointOf(a.lang, g.Overall, g.OverallOutOf),
				Class: pointOf(a.lang, g.ClassOverall, g.OverallOutOf)})
		default:
			rows = append(rows, chartRow{Label: p.Name, Student: chartPoint{Text: a.lang.T("mark.none")},
				Class: chartPoint{Text: a.lang.T("mark.none")}})
		}
	}
	if waiting {
		return attrs(s.el("p", "chart-loading", s.el("span", "spinner"), a.lang.T("chart.loading")), "role", "status")
	}
	if len(rows) == 0 {
		return nil
	}
	return a.trendChart(s, rows)
}

// periodBar is a period selector: current is the period shown, choose takes the user's choice
// before the panel is drawn again.
func (a *app) periodBar(s *screen, periods []protocol.Period, current string, choose func(string)) dom.Element {
	sel := attrs(s.el("select", "select"), "id", "pronote-period", "data-key", "period")
	for _, p := range periods {
		o := attrs(s.el("option", "", p.Name), "value", p.ID)
		if p.ID == current {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	s.on(sel, "change", func(js.Value) {
		choose(value(sel))
		a.renderPanel()
	})
	label := attrs(s.el("label", "", a.lang.T("grades.period")), "for", "pronote-period")
	return s.el("div", "toolbar", s.el("div", "field-inline", label, sel))
}

// fallbackNote says that the view opened on another period than the current one, and why.
func (a *app) fallbackNote(s *screen, periods []protocol.Period, current, shown, key string) dom.Element {
	cur, _ := findPeriod(periods, current)
	sh, _ := findPeriod(periods, shown)
	text := strings.ReplaceAll(strings.ReplaceAll(a.lang.T(key), "{current}", cur.Name), "{shown}", periodName(a.lang, sh.Name))
	return attrs(s.el("p", "notice notice-info period-note", text), "role", "status")
}

// loadGrades fetches a period's grades ("" is the default period), unless they are loading.
func (a *app) loadGrades(period string) {
	gr := &a.gr
	if !gr.start(period) {
		return
	}
	var got *protocol.Grades
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Grades(ctx, protocol.GradesQuery{Period: period})
		return err
	}, func(err error) {
		if err != nil {
			gr.failed(period, a.code(err))
		} else {
			gr.got(period, got)
			if period == "" {
				gr.got(got.Period.ID, got)
			}
		}
		if a.tab == tabGrades {
			a.renderPanel()
		}
	})
}

// overall shows the general averages of the student and of the class.
func (a *app) overall(s *screen, g *protocol.Grades) dom.Element {
	if g.Overall == nil && g.ClassOverall == nil {
		return nil
	}
	card := s.el("div", "overall",
		s.el("div", "overall-label", a.lang.T("grades.overall")),
		s.el("div", "overall-value", markText(a.lang, g.Overall), s.el("small", "", outOfMark(a.lang, g.Overall, g.OverallOutOf))))
	if g.ClassOverall != nil {
		card.AppendChild(s.el("div", "overall-class", a.lang.T("grades.class")+" "+markText(a.lang, g.ClassOverall)))
	}
	return card
}

func outOfMark(l Lang, m *protocol.Mark, scale float64) string {
	if !isNumber(m) {
		return ""
	}
	if scale == 0 {
		scale = 20
	}
	return outOf(l, scale)
}

// subjectCard shows a subject's averages and its grades.
func (a *app) subjectCard(s *screen, sg subjectGroup) dom.Element {
	av := sg.Average
	card := s.el("section", "subject")
	if c := colorOf(av.Color); c != "" {
		style(card, "--c", c)
	}
	head := s.el("div", "subject-head", s.el("h3", "subject-name", av.Subject))
	avg := s.el("div", "subject-avg")
	if av.Student != nil {
		avg.AppendChild(attrs(s.el("span", "avg-student", markText(a.lang, av.Student),
			s.el("small", "", outOfMark(a.lang, av.Student, av.OutOf))), "title", a.lang.T("grades.student")))
	}
	if av.ClassAverage != nil {
		avg.AppendChild(s.el("span", "avg-class", a.lang.T("grades.class")+" "+markText(a.lang, av.ClassAverage)))
	}
	head.AppendChild(avg)
	card.AppendChild(head)
	if len(sg.Grades) > 0 {
		list := s.el("ul", "grades")
		for _, g := range sg.Grades {
			list.AppendChild(a.gradeRow(s, g))
		}
		card.AppendChild(list)
	}
	return card
}

// gradeRow is one grade: its value out of its scale (or a word), its date, coefficient and
// the class average.
func (a *app) gradeRow(s *screen, g protocol.Grade) dom.Element {
	val := s.el("span", "grade-value", markText(a.lang, &g.Grade))
	if isNumber(&g.Grade) {
		val.AppendChild(s.el("small", "", outOf(a.lang, g.OutOf)))
	} else {
		val.Class().Add("is-word")
	}
	info := s.el("div", "grade-info")
	title := g.Comment
	if title == "" {
		title = g.Subject
	}
	info.AppendChild(s.el("span", "grade-title", title))
	meta := ""
	if d, ok := parseDate(g.Date); ok {
		meta = dateShort(a.lang, d)
	}
	if g.Coefficient != 1 {
		meta += " · " + a.lang.T("grades.coef") + " " + number(a.lang, g.Coefficient)
	}
	if g.ClassAverage != nil {
		meta += " · " + a.lang.T("grades.class") + " " + markText(a.lang, g.ClassAverage)
	}
	if g.Bonus {
		meta += " · " + a.lang.T("grades.bonus")
	}
	if g.Optional {
		meta += " · " + a.lang.T("grades.optional")
	}
	info.AppendChild(s.el("span", "grade-meta", meta))
	return s.el("li", "grade", info, val)
}
