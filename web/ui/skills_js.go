package ui

import (
	"context"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

const tabSkills = "skills"

// skillsState is the skills tab's evaluations by period.
type skillsState struct {
	periodData[[]protocol.Evaluation]
}

func hasEvaluations(evs []protocol.Evaluation) bool { return len(evs) > 0 }

// skillsView shows a period's skill evaluations by subject, each skill with its level in words
// (an abbreviation keeps its full label for screen readers) and a colour that repeats it.
func (a *app) skillsView(s *screen) dom.Element {
	sk := &a.sk
	periods := a.k.s.Periods()
	order := periodOrder(periods, a.today())
	id, load, fellBack := sk.shown(order, hasEvaluations)
	view := s.el("div", "view view-skills", a.periodBar(s, periods, id, func(p string) { sk.chosen = p }))
	switch {
	case sk.errs[id] != "":
		view.AppendChild(a.errorBox(s, sk.errs[id], func() { a.loadEvaluations(id) }))
		return view
	case load:
		view.AppendChild(a.loadingBox(s))
		a.loadEvaluations(id)
		return view
	}
	evs := sk.byID[id]
	if fellBack {
		view.AppendChild(a.fallbackNote(s, periods, order[0], id, "skills.fallback"))
	}
	if len(evs) == 0 {
		view.AppendChild(s.el("p", "notice", a.lang.T("skills.empty")))
		return view
	}
	if legend := levelLegend(evs); len(legend) > 0 {
		view.AppendChild(a.levelLegend(s, legend))
	}
	list := s.el("div", "skill-subjects")
	for _, g := range groupEvaluations(evs) {
		sec := s.el("section", "skill-subject", s.el("h2", "skill-subject-name", g.Subject))
		ul := s.el("ul", "evaluations")
		for _, e := range g.Evaluations {
			ul.AppendChild(a.evaluationCard(s, e))
		}
		sec.AppendChild(ul)
		list.AppendChild(sec)
	}
	view.AppendChild(list)
	return view
}

// levelLegend lists the levels met, each abbreviation beside its label.
func (a *app) levelLegend(s *screen, levels []protocol.Skill) dom.Element {
	ul := s.el("ul", "level-legend")
	for _, k := range levels {
		ul.AppendChild(s.el("li", "", a.levelBadge(s, k, false), " ", k.Level))
	}
	return s.el("div", "level-key", s.el("h2", "level-key-title", a.lang.T("skills.levels")), ul)
}

// levelBadge is a level's mark: its abbreviation (or label) on the level's colour. In the
// legend the label follows in words, so the badge is hidden from screen readers there.
func (a *app) levelBadge(s *screen, k protocol.Skill, named bool) dom.Element {
	short := k.Abbreviation
	if short == "" {
		short = k.Level
	}
	b := s.el("span", "level level-"+levelTone(k.Level))
	if !named {
		b.AppendChild(attrs(s.el("span", "", short), "aria-hidden", "true"))
		return b
	}
	if short == k.Level {
		b.AppendChild(s.doc.CreateTextNode(short))
		return b
	}
	b.SetAttribute("title", k.Level)
	b.AppendChild(attrs(s.el("span", "", short), "aria-hidden", "true"))
	b.AppendChild(s.el("span", "visually-hidden", k.Level))
	return b
}

// evaluationCard is one evaluation: its name, date, teacher and coefficient, then each skill.
func (a *app) evaluationCard(s *screen, e protocol.Evaluation) dom.Element {
	meta := ""
	if d, ok := parseDate(e.Date); ok {
		meta = dateShort(a.lang, d)
	}
	if e.Teacher != "" {
		meta += " · " + e.Teacher
	}
	if e.Coefficient != nil && *e.Coefficient != 1 {
		meta += " · " + a.lang.T("grades.coef") + " " + number(a.lang, *e.Coefficient)
	}
	card := s.el("li", "evaluation", s.el("h3", "evaluation-name", e.Name), s.el("p", "evaluation-meta", meta))
	if e.Description != "" {
		card.AppendChild(s.el("p", "evaluation-desc", e.Description))
	}
	skills := attrs(s.el("ul", "skills"), "aria-label", a.lang.T("skills.skills"))
	for _, k := range e.Skills {
		name := s.el("span", "skill-name", k.Name)
		if k.Domain != "" && k.Domain != k.Name {
			name = s.el("span", "skill-name", k.Name, s.el("small", "skill-domain", k.Domain))
		}
		skills.AppendChild(s.el("li", "skill", name, a.levelBadge(s, k, true)))
	}
	card.AppendChild(skills)
	return card
}

// loadEvaluations fetches a period's evaluations, unless they are loading.
func (a *app) loadEvaluations(period string) {
	sk := &a.sk
	if !sk.start(period) {
		return
	}
	var got []protocol.Evaluation
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Evaluations(ctx, protocol.EvaluationsQuery{Period: period})
		return err
	}, func(err error) {
		if err != nil {
			sk.failed(period, a.code(err))
		} else {
			sk.got(period, got)
		}
		if a.tab == tabSkills {
			a.renderPanel()
		}
	})
}
