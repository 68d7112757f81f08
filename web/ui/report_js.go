package ui

import (
	"context"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

const tabReport = "report"

// reportState is the report-card tab's cards by period.
type reportState struct {
	periodData[*protocol.ReportCard]
}

func isPublished(rc *protocol.ReportCard) bool { return rc.Published }

// reportView shows a period's report card: each subject's averages, teachers and comments,
// then the general comments; a card the school has not published yet is said in a sentence.
func (a *app) reportView(s *screen) dom.Element {
	rs := &a.rc
	periods := a.k.s.Periods()
	order := periodOrder(periods, a.today())
	id, load, fellBack := rs.shown(order, isPublished)
	view := s.el("div", "view view-report", a.periodBar(s, periods, id, func(p string) { rs.chosen = p }))
	switch {
	case rs.errs[id] != "":
		view.AppendChild(a.errorBox(s, rs.errs[id], func() { a.loadReport(id) }))
		return view
	case load:
		view.AppendChild(a.loadingBox(s))
		a.loadReport(id)
		return view
	}
	rc := rs.byID[id]
	if fellBack {
		view.AppendChild(a.fallbackNote(s, periods, order[0], id, "report.fallback"))
	}
	if !rc.Published {
		p, _ := findPeriod(periods, id)
		text := a.lang.T("report.unpublishedAny")
		if p.Name != "" {
			text = strings.ReplaceAll(a.lang.T("report.unpublished"), "{period}", p.Name)
		}
		view.AppendChild(attrs(s.el("p", "notice report-unpublished", text), "role", "status"))
		return view
	}
	if len(rc.Subjects) > 0 {
		list := s.el("div", "report-subjects")
		for _, sub := range rc.Subjects {
			list.AppendChild(a.reportSubject(s, sub))
		}
		view.AppendChild(list)
	}
	if len(rc.Comments) > 0 {
		sec := s.el("section", "report-general", s.el("h2", "", a.lang.T("report.general")))
		for _, c := range rc.Comments {
			title := c.Title
			if title == "" {
				title = a.lang.T("report.comment")
			}
			sec.AppendChild(s.el("div", "report-comment", s.el("h3", "", title), s.el("p", "", c.Text)))
		}
		view.AppendChild(sec)
	}
	if len(rc.Subjects) == 0 && len(rc.Comments) == 0 {
		view.AppendChild(s.el("p", "notice", a.lang.T("report.empty")))
	}
	return view
}

// reportSubject is one subject's line of the card.
func (a *app) reportSubject(s *screen, sub protocol.ReportSubject) dom.Element {
	head := s.el("div", "report-head", s.el("h3", "report-subject-name", sub.Subject))
	if sub.Coefficient != nil {
		head.AppendChild(s.el("span", "report-coef", a.lang.T("grades.coef")+" "+number(a.lang, *sub.Coefficient)))
	}
	card := s.el("section", "report-subject", head)
	if len(sub.Teachers) > 0 {
		card.AppendChild(s.el("p", "report-teachers", strings.Join(sub.Teachers, ", ")))
	}
	dl := s.el("dl", "report-marks")
	item := func(label string, m *protocol.Mark, class string) {
		if m != nil {
			dl.AppendChild(s.el("div", class, s.el("dt", "", label), s.el("dd", "", markText(a.lang, m))))
		}
	}
	item(a.lang.T("grades.student"), sub.Average, "mark-student")
	item(a.lang.T("grades.class"), sub.ClassAverage, "mark-class")
	item(a.lang.T("report.min"), sub.Min, "mark-range")
	item(a.lang.T("report.max"), sub.Max, "mark-range")
	if dl.FirstChild() != nil {
		card.AppendChild(dl)
	}
	for _, c := range sub.Comments {
		card.AppendChild(s.el("p", "report-text", c))
	}
	return card
}

// loadReport fetches a period's report card, unless it is loading.
func (a *app) loadReport(period string) {
	rs := &a.rc
	if !rs.start(period) {
		return
	}
	var got *protocol.ReportCard
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.ReportCard(ctx, protocol.ReportCardQuery{Period: period})
		return err
	}, func(err error) {
		if err != nil {
			rs.failed(period, a.code(err))
		} else {
			rs.got(period, got)
		}
		if a.tab == tabReport {
			a.renderPanel()
		}
	})
}
