//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"
	"testing"
)

// The two ways a typed call's result can reach JavaScript (issue 13): one JSON text parsed by
// JSON.parse (what jsonJob does), or the JavaScript objects built from Go member by member (as
// code written or generated per type would). Measured on 2026-12-01: JSON.parse is the faster.
// Run: PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -run '^$' -bench Result ./wasm

type subjectLike struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// lessonLike is shaped like a lesson: 12 members, strings and numbers and a nested object.
type lessonLike struct {
	ID, From, To, Room, Teacher, Status, Color string
	Start, End, Week, Position                 float64
	Subject                                    subjectLike
}

func (l *lessonLike) toJS() js.Value {
	o := jsObject.New()
	for _, kv := range [...]struct {
		k string
		v any
	}{{"id", l.ID}, {"from", l.From}, {"to", l.To}, {"room", l.Room}, {"teacher", l.Teacher}, {"status", l.Status},
		{"color", l.Color}, {"start", l.Start}, {"end", l.End}, {"week", l.Week}, {"position", l.Position}} {
		o.Set(kv.k, kv.v)
	}
	s := jsObject.New()
	s.Set("id", l.Subject.ID)
	s.Set("name", l.Subject.Name)
	o.Set("subject", s)
	return o
}

// week is 30 lessons, a week's timetable.
func week() []lessonLike {
	out := make([]lessonLike, 30)
	for i := range out {
		out[i] = lessonLike{ID: fmt.Sprint("12#abcdefghijklmnop", i), From: "2026-11-23T08:00", To: "2026-11-23T09:00",
			Room: "B12", Teacher: "M. Durand", Status: "Cours modifié", Color: "#4A90D9", Start: float64(i), End: float64(i + 1),
			Week: 48, Position: float64(i % 8), Subject: subjectLike{fmt.Sprint("12#s", i), "Mathématiques"}}
	}
	return out
}

func BenchmarkResultJSONParse(b *testing.B) {
	v := week()
	for b.Loop() {
		text, err := json.Marshal(v)
		if err != nil {
			b.Fatal(err)
		}
		if fromJSON(text).Length() != 30 {
			b.Fatal("wrong length")
		}
	}
}

func BenchmarkResultMemberByMember(b *testing.B) {
	v := week()
	for b.Loop() {
		arr := jsArray.New(len(v))
		for i := range v {
			arr.SetIndex(i, v[i].toJS())
		}
		if arr.Length() != 30 {
			b.Fatal("wrong length")
		}
	}
}
