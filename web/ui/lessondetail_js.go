package ui

import (
	"context"
	"fmt"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// lessonDetail is the open lesson details dialog: the lesson, what was loaded about it (its
// class book entry, the homework around its day) and the dialog's elements.
type lessonDetail struct {
	key      string // data-key of the lesson's box, where the focus goes back
	lesson   protocol.Lesson
	day      []protocol.Lesson // the lessons of its day, to share the day's homework out
	contents []protocol.LessonContent
	homework []protocol.Homework
	loaded   bool
	err      string
	dlg      dom.Element
	title    dom.Element // the focus goes there on opening and after a retry
	body     dom.Element // the loaded part, redrawn alone
	scr      *screen     // the dialog's callbacks
	bodyScr  *screen     // the body's callbacks
}

// openLesson shows the details of lesson l (a box of the week grid whose data-key is key) in
// a modal dialog: the focus moves to its heading, Escape or "Fermer" closes it and gives the
// focus back to the lesson.
func (a *app) openLesson(l placedLesson, day []protocol.Lesson, key string) {
	a.closeLesson(false)
	s := &screen{doc: a.doc}
	d := &lessonDetail{key: key, lesson: l.Lesson, day: day, scr: s}
	a.tt.detail = d
	subject := l.Subject
	if subject == "" {
		subject = "—"
	}
	title := attrs(s.el("h2", "ld-title", subject), "id", "pronote-lesson-title", "tabindex", "-1")
	d.title = title
	closer := attrs(s.el("button", "btn btn-icon ld-close", "×"), "type", "button", "data-key", "close",
		"aria-label", a.lang.T("lesson.close"), "title", a.lang.T("lesson.close"))
	when := dayLong(a.lang, dateOf(l.From)) + " · " + clock(a.lang, l.From) + " – " + clock(a.lang, l.To)
	head := s.el("div", "ld-head", s.el("div", "ld-heading",
		s.el("p", "ld-kicker", a.lang.T("lesson.details")), title, s.el("p", "ld-when", when)), closer)
	d.body = attrs(s.el("div", "ld-body"), "aria-live", "polite")
	d.dlg = attrs(s.el("dialog", "lesson-dialog", s.el("div", "ld-inner", head, a.lessonFacts(s, l), d.body)),
		"aria-labelledby", "pronote-lesson-title")
	s.on(closer, "click", func(js.Value) { d.dlg.Underlying().Call("close") })
	s.on(d.dlg, "click", func(e js.Value) { // a click on the backdrop (outside .ld-inner) closes it
		if e.Get("target").Equal(d.dlg.Underlying()) {
			d.dlg.Underlying().Call("close")
		}
	})
	s.on(d.dlg, "close", func(js.Value) {
		if a.tt.detail == d {
			a.closeLesson(true)
		}
	})
	if c := colorOf(l.Color); c != "" {
		style(d.dlg, "--c", c)
	}
	a.root.AppendChild(d.dlg)
	d.dlg.Underlying().Call("showModal")
	focus(title)
	a.loadLessonDetail(d)
}

// closeLesson removes the details dialog, giving the focus back to its lesson when refocus.
func (a *app) closeLesson(refocus bool) {
	d := a.tt.detail
	if d == nil {
		return
	}
	a.tt.detail = nil
	if d.dlg.Underlying().Get("open").Truthy() {
		d.dlg.Underlying().Call("close")
	}
	d.dlg.Underlying().Call("remove")
	d.scr.release()
	if d.bodyScr != nil {
		d.bodyScr.release()
	}
	if refocus && a.panel != nil {
		focus(a.panel.QuerySelector(`[data-key="` + d.key + `"]`))
	}
}

// lessonFacts is what the timetable already knows: status, move, teachers, rooms, groups and
// the lesson's note (memo).
func (a *app) lessonFacts(s *screen, l placedLesson) dom.Element {
	box := s.el("div", "ld-facts")
	var badges []string
	if l.Status != "" {
		badges = append(badges, l.Status)
	}
	if l.Cancelled && l.Move.Kind == notMoved && !strings.Contains(strings.ToLower(l.Status), "annul") {
		badges = append(badges, a.lang.T("lesson.cancelled"))
	}
	if l.Exempted {
		badges = append(badges, a.lang.T("lesson.exempted"))
	}
	if len(badges) > 0 {
		row := s.el("p", "ld-status")
		for _, b := range badges {
			row.AppendChild(s.el("span", "badge", b))
		}
		box.AppendChild(row)
	}
	if m := moveSentence(a.lang, l.Move); m != "" {
		box.AppendChild(s.el("p", "ld-move", m))
	}
	list := s.el("dl", "ld-list")
	for _, f := range []struct {
		key    string
		values []string
	}{{"lesson.teachers", l.Teachers}, {"lesson.rooms", l.Rooms}, {"lesson.groups", l.Groups}} {
		if len(f.values) > 0 {
			list.AppendChild(s.el("div", "ld-item", s.el("dt", "", a.lang.T(f.key)),
				s.el("dd", "", strings.Join(f.values, ", "))))
		}
	}
	if list.FirstChild() != nil {
		box.AppendChild(list)
	}
	if memo := strings.TrimSpace(l.Memo); memo != "" {
		box.AppendChild(s.el("section", "ld-memo", s.el("h3", "", a.lang.T("lesson.memo")), s.el("p", "", memo)))
	}
	return box
}

// loadLessonDetail fetches the lesson's class book entry for its day, then the homework from
// its day to when the homework given in it is due (two weeks at least).
func (a *app) loadLessonDetail(d *lessonDetail) {
	d.err, d.loaded = "", false
	a.drawLessonBody(d)
	date := dateOfStart(d.lesson)
	var cs []protocol.LessonContent
	var hw []protocol.Homework
	a.call(func(ctx context.Context, s Data) (err error) {
		if cs, err = s.LessonContents(ctx, protocol.LessonContentsQuery{From: date, To: date}); err != nil {
			return err
		}
		to := date
		if t, ok := parseDate(date); ok {
			to = iso(t.AddDate(0, 0, homeworkDays))
		}
		if c := contentOf(d.lesson, cs); c != nil && c.HomeworkDue > to {
			to = c.HomeworkDue
		}
		hw, err = s.Homework(ctx, protocol.HomeworkQuery{From: date, To: to})
		return err
	}, func(err error) {
		if err != nil {
			d.err = a.code(err)
		} else {
			d.contents, d.homework, d.loaded = cs, hw, true
		}
		if a.tt.detail == d {
			a.drawLessonBody(d)
		}
	})
}

// drawLessonBody draws the loaded part of the details: loading, an error with a retry, or the
// lesson's content and homework.
func (a *app) drawLessonBody(d *lessonDetail) {
	if d.bodyScr != nil {
		d.bodyScr.release()
	}
	s := &screen{doc: a.doc}
	d.bodyScr = s
	clear(d.body)
	switch {
	case d.err != "":
		d.body.AppendChild(a.errorBox(s, d.err, func() {
			a.loadLessonDetail(d)
			focus(d.title)
		}))
	case !d.loaded:
		d.body.AppendChild(a.loadingBox(s))
	default:
		c := contentOf(d.lesson, d.contents)
		d.body.AppendChild(a.lessonContent(s, c))
		given, due := lessonHomework(d.lesson, d.day, c, d.homework)
		if len(given) == 0 && len(due) == 0 {
			d.body.AppendChild(s.el("section", "ld-section", s.el("h3", "", a.lang.T("lesson.homework")),
				s.el("p", "ld-none", a.lang.T("lesson.noHomework"))))
		}
		n := 0
		for _, part := range []struct {
			key  string
			list []protocol.Homework
		}{{"lesson.given", given}, {"lesson.dueHere", due}} {
			if len(part.list) == 0 {
				continue
			}
			ul := s.el("ul", "hw-list ld-homework")
			for _, h := range part.list {
				title := a.lang.T("homework.due") + " " + h.Due
				if t, ok := parseDate(h.Due); ok {
					title = dueLabel(a.lang, t, a.today())
				}
				ul.AppendChild(a.homeworkCard(s, h, "h4", title, "lddone-"+fmt.Sprint(n)))
				n++
			}
			d.body.AppendChild(s.el("section", "ld-section", s.el("h3", "", a.lang.T(part.key)), ul))
		}
	}
}

// lessonContent is the class book entry of the lesson: its parts with their title, category,
// text (sanitised HTML) and attachments; a plain sentence when there is none.
func (a *app) lessonContent(s *screen, c *protocol.LessonContent) dom.Element {
	sec := s.el("section", "ld-section ld-content", s.el("h3", "", a.lang.T("lesson.content")))
	if c == nil || len(c.Contents) == 0 {
		sec.AppendChild(s.el("p", "ld-none", a.lang.T("lesson.noContent")))
		return sec
	}
	for _, it := range c.Contents {
		part := s.el("div", "ld-part")
		if it.Title != "" || it.Category != "" {
			head := s.el("p", "ld-part-head")
			if it.Title != "" {
				head.AppendChild(s.el("strong", "", it.Title))
			}
			if it.Category != "" {
				head.AppendChild(s.el("span", "badge badge-category", it.Category))
			}
			part.AppendChild(head)
		}
		part.AppendChild(s.richText(sanitize(it.HTML)))
		if len(it.Attachments) > 0 {
			list := attrs(s.el("ul", "attachments"), "aria-label", a.lang.T("homework.attachments"))
			for _, at := range it.Attachments {
				list.AppendChild(s.el("li", "", a.attachment(s, at)))
			}
			part.AppendChild(list)
		}
		sec.AppendChild(part)
	}
	return sec
}
