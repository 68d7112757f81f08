package ui

import (
	"context"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// homeworkDays is how far ahead the homework tab looks.
const homeworkDays = 14

// homeworkState is the homework tab's data.
type homeworkState struct {
	items   []protocol.Homework
	loaded  bool
	loading bool
	err     string
}

func (a *app) homeworkView(s *screen) dom.Element {
	hw := &a.hw
	view := s.el("div", "view view-homework")
	switch {
	case hw.err != "":
		view.AppendChild(a.errorBox(s, hw.err, a.loadHomework))
	case !hw.loaded:
		view.AppendChild(a.loadingBox(s))
		if !hw.loading {
			a.loadHomework()
		}
	case len(hw.items) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("homework.empty")))
	default:
		today := a.today()
		var group dom.Element
		due := ""
		for _, h := range hw.items {
			if h.Due != due || group == nil {
				due = h.Due
				d, _ := parseDate(h.Due)
				list := s.el("ul", "hw-list")
				group = list
				view.AppendChild(s.el("section", "hw-day", s.el("h2", "hw-due", dueLabel(a.lang, d, today)), list))
			}
			group.AppendChild(a.homeworkCard(s, h))
		}
	}
	return view
}

// loadHomework fetches the homework due from today on.
func (a *app) loadHomework() {
	hw := &a.hw
	hw.loading, hw.err = true, ""
	today := a.today()
	var got []protocol.Homework
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Homework(ctx, protocol.HomeworkQuery{From: iso(today), To: iso(today.AddDate(0, 0, homeworkDays))})
		return err
	}, func(err error) {
		hw.loading = false
		if err != nil {
			hw.err = a.opts.Code(err)
		} else {
			hw.items, hw.loaded = got, true
		}
		if a.tab == tabHomework {
			a.renderPanel()
		}
	})
}

// homeworkCard is one piece of homework: subject, done state, the description rendered from
// sanitised HTML, and the attachments.
func (a *app) homeworkCard(s *screen, h protocol.Homework) dom.Element {
	card := s.el("li", "hw")
	if c := colorOf(h.Color); c != "" {
		style(card, "--c", c)
	}
	state, cls := a.lang.T("homework.todo"), "badge badge-todo"
	if h.Done {
		state, cls = a.lang.T("homework.done"), "badge badge-done"
		card.Class().Add("is-done")
	}
	card.AppendChild(s.el("div", "hw-head", s.el("h3", "hw-subject", h.Subject), s.el("span", cls, state)))
	card.AppendChild(s.richText(sanitize(h.HTML)))
	if len(h.Attachments) > 0 {
		list := attrs(s.el("ul", "attachments"), "aria-label", a.lang.T("homework.attachments"))
		for _, at := range h.Attachments {
			list.AppendChild(s.el("li", "", a.attachment(s, at)))
		}
		card.AppendChild(list)
	}
	if d, ok := parseDate(h.Given); ok {
		card.AppendChild(s.el("p", "hw-given", a.lang.T("homework.given")+" "+dayLong(a.lang, d)))
	}
	return card
}

// attachment is a link to a file or a web page; only http(s) addresses become links.
func (a *app) attachment(s *screen, at protocol.Attachment) dom.Element {
	name := at.Name
	if name == "" {
		name = at.URL
	}
	href := safeHref(at.URL)
	if href == "" {
		return s.el("span", "attachment", name)
	}
	return attrs(s.el("a", "attachment attachment-"+at.Kind, name), "href", href,
		"rel", "noopener noreferrer", "target", "_blank")
}
