package protocol

import (
	"encoding/json"
	"math"
	"strconv"
)

// MarshalResult is json.Marshal for the results of the typed calls, byte for byte. The
// results of the login and of the calls made most (the account, its periods, a timetable,
// grades, homework) are written by hand: encoding/json walks them by reflection, which cost
// the WebAssembly module a tenth of a grades call, and at a fresh process's first login V8
// compiles its code (issue 13). Other values, and values holding a number JSON cannot carry,
// go to json.Marshal.
func MarshalResult(v any) ([]byte, error) {
	w := resultWriter{b: make([]byte, 0, 4096)}
	switch x := v.(type) {
	case User:
		w.user(&x)
	case *User:
		w.user(x)
	case []Period:
		w.list(len(x), x == nil, func(i int) { w.period(&x[i]) })
	case []Lesson:
		w.list(len(x), x == nil, func(i int) { w.lesson(&x[i]) })
	case []Homework:
		w.list(len(x), x == nil, func(i int) { w.homework(&x[i]) })
	case *Grades:
		if x == nil {
			return []byte("null"), nil
		}
		w.grades(x)
	default:
		return json.Marshal(v)
	}
	if w.bad {
		return json.Marshal(v) // and its error
	}
	return w.b, nil
}

// resultWriter appends JSON. Every type it writes has a first member that is never omitted,
// so each later member starts with its comma.
type resultWriter struct {
	b   []byte
	bad bool // a NaN or an infinity: json.Marshal refuses them
}

func (w *resultWriter) raw(s string) { w.b = append(w.b, s...) }

func (w *resultWriter) list(n int, isNil bool, item func(i int)) {
	if isNil {
		w.raw("null")
		return
	}
	w.b = append(w.b, '[')
	for i := range n {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		item(i)
	}
	w.b = append(w.b, ']')
}

func (w *resultWriter) strings(ss []string) {
	w.list(len(ss), ss == nil, func(i int) { w.str(ss[i]) })
}

func (w *resultWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// num writes a float64 as encoding/json does.
func (w *resultWriter) num(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		w.bad = true
		w.raw("0")
		return
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	start := len(w.b)
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as in encoding/json.
		if n := len(w.b) - start; n >= 4 && w.b[len(w.b)-4] == 'e' && w.b[len(w.b)-3] == '-' && w.b[len(w.b)-2] == '0' {
			w.b[len(w.b)-2] = w.b[len(w.b)-1]
			w.b = w.b[:len(w.b)-1]
		}
	}
}

// str writes s as encoding/json does.
func (w *resultWriter) str(s string) { w.b = appendJSONString(w.b, s) }

// field writes ,"name": then v; the omit* variants skip the member when it is empty, as
// omitempty does.
func (w *resultWriter) field(name string) {
	w.b = append(append(append(w.b, ',', '"'), name...), '"', ':')
}

func (w *resultWriter) strField(name, v string) { w.field(name); w.str(v) }

func (w *resultWriter) omitStr(name, v string) {
	if v != "" {
		w.strField(name, v)
	}
}

func (w *resultWriter) omitNum(name string, v float64) {
	if v != 0 {
		w.field(name)
		w.num(v)
	}
}

func (w *resultWriter) omitBool(name string, v bool) {
	if v {
		w.field(name)
		w.raw("true")
	}
}

func (w *resultWriter) user(u *User) {
	w.raw(`{"id":`)
	w.str(u.ID)
	w.strField("name", u.Name)
	w.strField("kind", string(u.Kind))
	w.omitStr("establishment", u.Establishment)
	w.omitStr("className", u.ClassName)
	if len(u.Children) > 0 {
		w.field("children")
		w.list(len(u.Children), false, func(i int) {
			c := &u.Children[i]
			w.raw(`{"id":`)
			w.str(c.ID)
			w.strField("name", c.Name)
			w.omitStr("className", c.ClassName)
			w.omitStr("establishment", c.Establishment)
			w.b = append(w.b, '}')
		})
	}
	w.b = append(w.b, '}')
}

func (w *resultWriter) period(p *Period) {
	w.raw(`{"id":`)
	w.str(p.ID)
	w.strField("name", p.Name)
	w.strField("kind", p.Kind)
	w.omitStr("start", p.Start)
	w.omitStr("end", p.End)
	w.b = append(w.b, '}')
}

func (w *resultWriter) lesson(l *Lesson) {
	w.raw(`{"id":`)
	w.str(l.ID)
	w.omitStr("subject", l.Subject)
	w.field("teachers")
	w.strings(l.Teachers)
	w.field("rooms")
	w.strings(l.Rooms)
	w.field("groups")
	w.strings(l.Groups)
	w.strField("start", l.Start)
	w.strField("end", l.End)
	w.omitStr("status", l.Status)
	w.field("cancelled")
	w.bool(l.Cancelled)
	w.omitBool("exempted", l.Exempted)
	w.omitStr("color", l.Color)
	w.omitStr("memo", l.Memo)
	w.b = append(w.b, '}')
}

func (w *resultWriter) homework(h *Homework) {
	w.raw(`{"id":`)
	w.str(h.ID)
	w.strField("subject", h.Subject)
	w.strField("due", h.Due)
	w.omitStr("given", h.Given)
	w.strField("html", h.HTML)
	w.strField("text", h.Text)
	w.field("done")
	w.bool(h.Done)
	w.omitStr("color", h.Color)
	w.field("attachments")
	w.list(len(h.Attachments), h.Attachments == nil, func(i int) {
		a := &h.Attachments[i]
		w.raw(`{"name":`)
		w.str(a.Name)
		w.omitStr("url", a.URL)
		w.strField("kind", a.Kind)
		w.b = append(w.b, '}')
	})
	w.b = append(w.b, '}')
}

func (w *resultWriter) mark(m *Mark) {
	w.raw(`{"value":`)
	if m.Value == nil {
		w.raw("null")
	} else {
		w.num(*m.Value)
	}
	w.strField("kind", m.Kind)
	w.b = append(w.b, '}')
}

func (w *resultWriter) omitMark(name string, m *Mark) {
	if m != nil {
		w.field(name)
		w.mark(m)
	}
}

func (w *resultWriter) grades(g *Grades) {
	w.raw(`{"period":`)
	w.period(&g.Period)
	w.field("grades")
	w.list(len(g.Grades), g.Grades == nil, func(i int) {
		x := &g.Grades[i]
		w.raw(`{"id":`)
		w.str(x.ID)
		w.strField("subject", x.Subject)
		w.strField("date", x.Date)
		w.field("grade")
		w.mark(&x.Grade)
		w.field("outOf")
		w.num(x.OutOf)
		w.omitNum("defaultOutOf", x.DefaultOutOf)
		w.field("coefficient")
		w.num(x.Coefficient)
		w.omitMark("classAverage", x.ClassAverage)
		w.omitMark("min", x.Min)
		w.omitMark("max", x.Max)
		w.omitStr("comment", x.Comment)
		w.omitBool("bonus", x.Bonus)
		w.omitBool("optional", x.Optional)
		w.b = append(w.b, '}')
	})
	w.field("averages")
	w.list(len(g.Averages), g.Averages == nil, func(i int) {
		a := &g.Averages[i]
		w.raw(`{"id":`)
		w.str(a.ID)
		w.strField("subject", a.Subject)
		w.omitStr("color", a.Color)
		w.omitMark("student", a.Student)
		w.omitNum("outOf", a.OutOf)
		w.omitMark("classAverage", a.ClassAverage)
		w.omitMark("min", a.Min)
		w.omitMark("max", a.Max)
		w.b = append(w.b, '}')
	})
	w.omitMark("overall", g.Overall)
	w.omitMark("classOverall", g.ClassOverall)
	w.omitNum("overallOutOf", g.OverallOutOf)
	w.b = append(w.b, '}')
}
