package ui

import (
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"
)

// screen builds one screen's DOM and owns its event callbacks, released when the screen is
// replaced.
type screen struct {
	doc   dom.Document
	funcs []js.Func
}

// el creates an element with a class (may be "") and children: strings become text nodes,
// nodes are appended, nils are skipped.
func (s *screen) el(tag, class string, kids ...any) dom.Element {
	e := s.doc.CreateElement(tag)
	if class != "" {
		e.SetAttribute("class", class)
	}
	s.add(e, kids...)
	return e
}

// add appends children to e, as el does.
func (s *screen) add(e dom.Element, kids ...any) {
	for _, k := range kids {
		switch k := k.(type) {
		case string:
			e.AppendChild(s.doc.CreateTextNode(k))
		case dom.Node:
			if k != nil {
				e.AppendChild(k)
			}
		}
	}
}

// attrs sets attributes given as name, value pairs and returns e.
func attrs(e dom.Element, kv ...string) dom.Element {
	for i := 0; i+1 < len(kv); i += 2 {
		e.SetAttribute(kv[i], kv[i+1])
	}
	return e
}

// style sets CSS properties given as name, value pairs through the CSSOM (never as text).
func style(e dom.Element, kv ...string) {
	st := e.Underlying().Get("style")
	for i := 0; i+1 < len(kv); i += 2 {
		st.Call("setProperty", kv[i], kv[i+1])
	}
}

// on registers a listener that lives as long as the screen. It hands over the raw event:
// dom/v2's AddEventListener wraps every event in a Go type, which links all of its event types.
func (s *screen) on(e dom.Element, typ string, fn func(js.Value)) {
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		fn(args[0])
		return nil
	})
	e.Underlying().Call("addEventListener", typ, f)
	s.funcs = append(s.funcs, f)
}

// release frees the screen's callbacks a moment later: the one running now may be among them,
// and the browser may still deliver an event queued for a removed element.
func (s *screen) release() {
	funcs := s.funcs
	s.funcs = nil
	if len(funcs) == 0 {
		return
	}
	go func() {
		time.Sleep(2 * time.Second)
		for _, f := range funcs {
			f.Release()
		}
	}()
}

// value reads a form control's value.
func value(e dom.Element) string { return e.Underlying().Get("value").String() }

// focus moves the keyboard focus to e.
func focus(e dom.Element) {
	if e != nil {
		e.Underlying().Call("focus")
	}
}

// clear removes every child of e.
func clear(e dom.Element) {
	e.Underlying().Set("textContent", "")
}

// richText builds sanitised HTML nodes with createElement and text nodes only.
func (s *screen) richText(nodes []*richNode) dom.Element {
	box := s.el("div", "rich")
	s.appendRich(box, nodes)
	return box
}

func (s *screen) appendRich(parent dom.Element, nodes []*richNode) {
	for _, n := range nodes {
		if n.Tag == "" {
			parent.AppendChild(s.doc.CreateTextNode(n.Text))
			continue
		}
		e := s.doc.CreateElement(n.Tag)
		if n.Tag == "a" {
			if n.Href == "" {
				e = s.doc.CreateElement("span") // an unsafe link keeps its text only
			} else {
				attrs(e, "href", n.Href, "rel", "noopener noreferrer", "target", "_blank")
			}
		}
		s.appendRich(e, n.Children)
		parent.AppendChild(e)
	}
}
