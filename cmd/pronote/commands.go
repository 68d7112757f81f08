package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// command is one call of the library as a subcommand: its query's JSON fields are its flags.
type command struct {
	name  string
	help  string
	query reflect.Type // the query struct the flags fill; nil for none
	run   func(ctx context.Context, s *protocol.Session, query []byte) (any, error)
}

// commands are every call the command offers, by name. A new typed call is one line here.
var commands = []command{
	typed("timetable", "lessons of a week (--week) or a range of days (--from, --to), sorted by start", (*protocol.Session).Timetable),
	typed("grades", "a period's grades and averages (--period: a name such as \"Trimestre 1\"; default: the current one)", (*protocol.Session).Grades),
	typed("homework", "homework due from --from to --to", (*protocol.Session).Homework),
	typed("lessonContents", "the class book of the lessons from --from to --to", (*protocol.Session).LessonContents),
	{name: "setHomeworkDone", help: "mark homework done (--done) or not (--done=false). Ids name their session: give the\n" +
		"--due date and the --subject (and --text, part of its text, when the day has several)",
		query: reflect.TypeFor[homeworkDoneArgs](), run: setHomeworkDone},
	typed("account", "the contact details PRONOTE holds", (*protocol.Session).Account),
	typed("icalURL", "the timetable's iCalendar address (null when the school publishes none)", (*protocol.Session).ICalURL),
	typed("teachers", "the teaching team", (*protocol.Session).Teachers),
	{name: "download", help: "an attachment as {name, type, bytes (base64)}, or its bytes into -o FILE. A file's address\n" +
		"names its session: give its --name and the days (--from, --to) of the homework or lesson\n" +
		"contents it is attached to. A link may also be given as --kind link --url URL",
		query: reflect.TypeFor[downloadArgs](), run: download},
}

// typed makes a command of a typed call of the shape (ctx, Query) (Result, error).
func typed[Q, R any](name, help string, call func(*protocol.Session, context.Context, Q) (R, error)) command {
	return command{name: name, help: help, query: reflect.TypeFor[Q](), run: func(ctx context.Context, s *protocol.Session, text []byte) (any, error) {
		var q Q
		if err := decodeQuery(text, &q); err != nil {
			return nil, err
		}
		return call(s, ctx, q)
	}}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usageError is a wrong command line (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func decodeQuery(text []byte, q any) error {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(q); err != nil {
		return &usageError{"pronote: the flags do not make a query: " + err.Error()}
	}
	return nil
}

// queryFlags defines one flag per JSON field of t (fields of nested structs are flattened,
// e.g. download's attachment.url is --url) and returns the function that builds the query's
// JSON from the flags that were set. Unset flags are left out of the query, so the call
// itself says what is missing.
func queryFlags(fs *flag.FlagSet, t reflect.Type) func() ([]byte, error) {
	type field struct {
		path []string
		val  *jsonValue
	}
	var fields []field
	var walk func(t reflect.Type, path []string)
	walk = func(t reflect.Type, path []string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			ft := f.Type
			if f.Anonymous && ft.Kind() == reflect.Struct { // promoted fields, as encoding/json does
				walk(ft, path)
				continue
			}
			if !f.IsExported() || name == "-" || name == "" {
				continue
			}
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				walk(ft, append(append([]string{}, path...), name))
				continue
			}
			v := &jsonValue{kind: ft.Kind()}
			fs.Var(v, name, "the query's "+name+" ("+kindName(ft.Kind())+")")
			fields = append(fields, field{append(append([]string{}, path...), name), v})
		}
	}
	if t != nil {
		walk(t, nil)
	}
	return func() ([]byte, error) {
		root := map[string]any{}
		for _, f := range fields {
			if !f.val.set {
				continue
			}
			m := root
			for _, p := range f.path[:len(f.path)-1] {
				if m[p] == nil {
					m[p] = map[string]any{}
				}
				m = m[p].(map[string]any)
			}
			m[f.path[len(f.path)-1]] = f.val.v
		}
		return json.Marshal(root)
	}
}

// jsonValue is a flag holding one query field, typed as the field is.
type jsonValue struct {
	kind reflect.Kind
	set  bool
	v    any
}

func (j *jsonValue) String() string {
	if j == nil || !j.set {
		return ""
	}
	return fmt.Sprint(j.v)
}

func (j *jsonValue) Set(s string) error {
	switch j.kind {
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want true or false")
		}
		j.v = b
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("want an integer")
		}
		j.v = n
	case reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("want a number")
		}
		j.v = f
	case reflect.Slice: // repeatable, or comma-separated
		list, _ := j.v.([]string)
		j.v = append(list, strings.Split(s, ",")...)
	default:
		j.v = s
	}
	j.set = true
	return nil
}

// IsBoolFlag lets a boolean field be written --done (true) as well as --done=false.
func (j *jsonValue) IsBoolFlag() bool { return j.kind == reflect.Bool }

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list: repeat the flag or separate with commas"
	}
	return "text"
}

// flagNames lists the flags of a command, for the help.
func flagNames(c command) string {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	queryFlags(fs, c.query)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	sort.Strings(names)
	if c.name == "download" {
		names = append(names, "-o FILE")
	}
	return strings.Join(names, " ")
}
