package ui

import (
	"context"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// gradesState is the grades tab's data: the period chosen ("" for the account's default) and
// the periods already loaded.
type gradesState struct {
	period  string
	byID    map[string]*protocol.Grades
	loading map[string]bool
	err     string
}

func (a *app) gradesView(s *screen) dom.Element {
	gr := &a.gr
	if gr.byID == nil {
		gr.byID, gr.loading = map[string]*protocol.Grades{}, map[string]bool{}
	}
	view := s.el("div", "view view-grades", a.periodBar(s))
	g, ok := gr.byID[gr.period]
	switch {
	case gr.err != "":
		view.AppendChild(a.errorBox(s, gr.err, func() { a.loadGrades(gr.period) }))
	case !ok:
		view.AppendChild(a.loadingBox(s))
		if !gr.loading[gr.period] {
			a.loadGrades(gr.period)
		}
	case len(g.Grades) == 0 && len(g.Averages) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("grades.empty")))
	default:
		s.add(view, a.overall(s, g))
		list := s.el("div", "subjects")
		for _, sg := range groupGrades(g) {
			list.AppendChild(a.subjectCard(s, sg))
		}
		view.AppendChild(list)
	}
	return view
}

// periodBar is the period selector.
func (a *app) periodBar(s *screen) dom.Element {
	sel := attrs(s.el("select", "select"), "id", "pronote-period", "data-key", "period")
	current := a.gr.period
	if g := a.gr.byID[""]; current == "" && g != nil {
		current = g.Period.ID
	}
	for _, p := range a.k.s.Periods() {
		o := attrs(s.el("option", "", p.Name), "value", p.ID)
		if p.ID == current {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	s.on(sel, "change", func(js.Value) {
		a.gr.period, a.gr.err = value(sel), ""
		a.renderPanel()
	})
	label := attrs(s.el("label", "", a.lang.T("grades.period")), "for", "pronote-period")
	return s.el("div", "toolbar", s.el("div", "field-inline", label, sel))
}

// loadGrades fetches a period's grades ("" is the default period).
func (a *app) loadGrades(period string) {
	gr := &a.gr
	gr.loading[period], gr.err = true, ""
	var got *protocol.Grades
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Grades(ctx, protocol.GradesQuery{Period: period})
		return err
	}, func(err error) {
		delete(gr.loading, period)
		if err != nil {
			if gr.period == period {
				gr.err = a.opts.Code(err)
			}
		} else {
			gr.byID[period] = got
			if period == "" {
				gr.byID[got.Period.ID] = got
			}
		}
		if a.tab == tabGrades && gr.period == period {
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
