package ui

import (
	"context"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// tabNews is the news tab: the school's informations and surveys.
const tabNews = "news"

// newsState is the news tab's data for the shown child. It is loaded once after login (and
// after a change of child) so the tab can show how many items are unread.
type newsState struct {
	items    []protocol.News
	loaded   bool
	loadSeq  int          // the screen (app.seq) a load runs for; 0 when none runs
	err      string       // the load's error code
	open     map[int]bool // the items expanded, by index
	marking  map[int]int  // items being marked read: the screen the call runs for
	markErrs map[int]string
}

// unreadNews is the news tab's count: the unread items, -1 before they are known. It starts
// the load the first time it is asked.
func (a *app) unreadNews() int {
	nw := &a.nw
	if !nw.loaded {
		if nw.err == "" && nw.loadSeq != a.seq && a.k.s != nil {
			a.loadNews()
		}
		return -1
	}
	return unread(nw.items)
}

func (a *app) newsView(s *screen) dom.Element {
	nw := &a.nw
	view := s.el("div", "view view-news")
	switch {
	case nw.err != "":
		view.AppendChild(a.errorBox(s, nw.err, a.loadNews))
	case !nw.loaded:
		view.AppendChild(a.loadingBox(s))
		if nw.loadSeq != a.seq {
			a.loadNews()
		}
	case len(nw.items) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("news.empty")))
	default:
		list := s.el("ul", "news-list")
		for i := range nw.items {
			list.AppendChild(a.newsItem(s, i))
		}
		view.AppendChild(list)
	}
	return view
}

// loadNews fetches the news of the shown child.
func (a *app) loadNews() {
	nw := &a.nw
	nw.loadSeq, nw.err = a.seq, ""
	var got []protocol.News
	a.call(func(ctx context.Context, d Data) (err error) {
		got, err = d.News(ctx, protocol.NewsQuery{})
		return err
	}, func(err error) {
		nw.loadSeq = 0
		if err != nil {
			nw.err = a.code(err)
		} else {
			nw.items, nw.loaded = got, true
		}
		a.newsChanged()
	})
}

// newsChanged redraws what shows the news: the tab's count, and the tab when it is open.
func (a *app) newsChanged() {
	if a.tab == tabNews {
		a.renderPanel() // refreshes the counts too
		return
	}
	a.refreshCounts()
}

// newsItem is one item: a heading whose button expands the body (opening an unread item marks
// it read), then the body, hidden until opened.
func (a *app) newsItem(s *screen, i int) dom.Element {
	l, nw := a.lang, &a.nw
	it := nw.items[i]
	n := strconv.Itoa(i)
	open := nw.open[i]
	li := s.el("li", "news-item")
	if !it.Read {
		li.Class().Add("is-unread")
	}
	label := s.el("span", "news-title", it.Title)
	btn := attrs(s.el("button", "news-toggle", label), "type", "button", "aria-expanded", strconv.FormatBool(open),
		"aria-controls", "news-body-"+n, "data-key", "news-"+n)
	badges := s.el("span", "news-badges")
	if it.Survey {
		badges.AppendChild(s.el("span", "badge badge-info", l.T("news.survey")))
	}
	if !it.Read {
		badges.AppendChild(s.el("span", "badge badge-unread", l.T("news.unread")))
	}
	btn.AppendChild(badges)
	s.on(btn, "click", func(js.Value) { a.toggleNews(i) })
	li.AppendChild(s.el("h2", "news-head", btn))
	if meta := a.newsMeta(it); meta != "" {
		li.AppendChild(s.el("p", "news-meta", meta))
	}
	body := attrs(s.el("div", "news-body"), "id", "news-body-"+n)
	if !open {
		body.SetAttribute("hidden", "")
	} else {
		a.newsBody(s, body, i)
	}
	li.AppendChild(body)
	return li
}

// newsMeta is the line under a title: category, author, publication date.
func (a *app) newsMeta(it protocol.News) string {
	parts := nonEmpty(it.Category, it.Author)
	when := it.Start
	if when == "" && len(it.Created) >= 10 {
		when = it.Created[:10]
	}
	if d, ok := parseDate(when); ok {
		parts = append(parts, a.lang.T("news.published")+" "+dayLong(a.lang, d))
	}
	return strings.Join(parts, " · ")
}

// newsBody fills an opened item: the text through the sanitiser, the attachments as links, a
// survey's questions read-only.
func (a *app) newsBody(s *screen, body dom.Element, i int) {
	l, it := a.lang, a.nw.items[i]
	if code, failed := a.nw.markErrs[i]; failed {
		body.AppendChild(attrs(s.el("p", "notice notice-error", l.T("news.markFailed")+" "+l.ErrorText(code)), "role", "alert"))
	}
	if it.HTML != "" {
		body.AppendChild(s.richText(sanitize(it.HTML)))
	}
	if len(it.Attachments) > 0 {
		list := attrs(s.el("ul", "attachments"), "aria-label", l.T("news.attachments"))
		for _, at := range it.Attachments {
			list.AppendChild(s.el("li", "", a.attachment(s, at)))
		}
		body.AppendChild(list)
	}
	if it.Survey {
		body.AppendChild(s.el("p", "news-readonly", l.T("news.readOnly")))
	}
	if len(it.Questions) > 0 {
		qs := attrs(s.el("ol", "survey"), "aria-label", l.T("news.questions"))
		for _, q := range it.Questions {
			qs.AppendChild(a.surveyQuestion(s, q))
		}
		body.AppendChild(qs)
	}
}

// surveyQuestion shows a question, its choices and whether it was answered.
func (a *app) surveyQuestion(s *screen, q protocol.NewsQuestion) dom.Element {
	l := a.lang
	li := s.el("li", "survey-q")
	head := s.el("div", "survey-head")
	if q.Title != "" {
		head.AppendChild(s.el("h3", "survey-title", q.Title))
	}
	if q.Kind != "statement" {
		state, cls := l.T("news.notAnswered"), "badge badge-muted"
		if q.Answered {
			state, cls = l.T("news.answered"), "badge badge-ok"
		}
		head.AppendChild(s.el("span", cls, state))
	}
	li.AppendChild(head)
	if q.HTML != "" {
		li.AppendChild(s.richText(sanitize(q.HTML)))
	}
	if len(q.Choices) > 0 {
		list := attrs(s.el("ul", "survey-choices"), "aria-label", l.T("news.choices"))
		for _, c := range q.Choices {
			list.AppendChild(s.el("li", "", c))
		}
		li.AppendChild(list)
	}
	return li
}

// toggleNews opens or closes item i. Opening an unread item marks it read on the server, once.
func (a *app) toggleNews(i int) {
	nw := &a.nw
	if nw.open == nil {
		nw.open, nw.marking, nw.markErrs = map[int]bool{}, map[int]int{}, map[int]string{}
	}
	nw.open[i] = !nw.open[i]
	if nw.open[i] && !nw.items[i].Read && nw.marking[i] != a.seq {
		a.markNewsRead(i)
	}
	a.renderPanel()
}

// markNewsRead tells the server item i was read, then counts it read.
func (a *app) markNewsRead(i int) {
	nw := &a.nw
	nw.marking[i] = a.seq
	delete(nw.markErrs, i)
	id := nw.items[i].ID
	a.call(func(ctx context.Context, d Data) error {
		_, err := d.MarkNewsRead(ctx, protocol.MarkNewsReadQuery{ID: id})
		return err
	}, func(err error) {
		delete(nw.marking, i)
		if i >= len(nw.items) || nw.items[i].ID != id {
			return
		}
		if err != nil {
			nw.markErrs[i] = a.opts.Code(err)
		} else {
			nw.items[i].Read = true
		}
		a.newsChanged()
	})
}
