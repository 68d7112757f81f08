//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// sessionMethods are the methods of every session object, on its prototype.
var sessionMethods = map[string]func(e *entry, args []js.Value) (job, js.Value, error){
	"call":        prepareCall,
	"timetable":   typed((*protocol.Session).Timetable),
	"grades":      typed((*protocol.Session).Grades),
	"homework":    typed((*protocol.Session).Homework),
	"selectChild": prepareSelectChild,
	"keepAlive":   prepareKeepAlive,
	"export":      prepareExport,

	// news and messaging (news.go, messaging.go)
	"news":         typed((*protocol.Session).News),
	"markNewsRead": typedVoid((*protocol.Session).MarkNewsRead, "id", "read"),
	"discussions":  typed((*protocol.Session).Discussions),
	"messages":     typed((*protocol.Session).Messages, "discussionId"),
	"reply":        typedVoid((*protocol.Session).Reply, "discussionId", "text"),
	"recipients":   typed((*protocol.Session).Recipients),
	"sendMessage":  typedVoid((*protocol.Session).SendMessage),

	// school life, canteen, skills, report cards (attendance.go, menus.go, evaluations.go, reportcard.go)
	"attendance":  typed((*protocol.Session).Attendance),
	"menus":       typed((*protocol.Session).Menus),
	"evaluations": typed((*protocol.Session).Evaluations),
	"reportCard":  typed((*protocol.Session).ReportCard),

	// data-c: lesson contents, homework done, account, iCal, teachers, download
	"lessonContents":  typed((*protocol.Session).LessonContents),
	"setHomeworkDone": typedVoid((*protocol.Session).SetHomeworkDone, "id", "done"),
	"account":         typed((*protocol.Session).Account),
	"icalURL":         typed((*protocol.Session).ICalURL),
	"teachers":        typed((*protocol.Session).Teachers),
	"download":        typedFile((*protocol.Session).Download, "attachment"),
}

// prepareCall: call(name, data?, {onglet?, signal?}) → the reply's data object.
func prepareCall(e *entry, args []js.Value) (job, js.Value, error) {
	if len(args) == 0 || args[0].Type() != js.TypeString || args[0].String() == "" {
		return nil, js.Undefined(), argError("name", "must be the PRONOTE function name, e.g. \"PageEmploiDuTemps\"")
	}
	name := args[0].String()
	var data string
	if len(args) > 1 {
		var err error
		if data, err = toJSON(args[1], "data", true); err != nil {
			return nil, js.Undefined(), err
		}
	}
	var o callArgs
	signal, err := decodeOptions(args, 2, "options", &o)
	if err != nil {
		return nil, js.Undefined(), err
	}
	return jsonJob(func(ctx context.Context) (json.RawMessage, error) {
		return e.s.Call(ctx, name, json.RawMessage(data), o.Onglet)
	}), signal, nil
}

// prepareSelectChild: selectChild(id) for parent accounts.
func prepareSelectChild(e *entry, args []js.Value) (job, js.Value, error) {
	if len(args) == 0 || args[0].Type() != js.TypeString {
		return nil, js.Undefined(), argError("child", "must be a child's id from session.user.children")
	}
	id := args[0].String()
	return doneJob(func(context.Context) error { return e.s.SelectChild(id) }), js.Undefined(), nil
}

// prepareKeepAlive: keepAlive({signal?}).
func prepareKeepAlive(e *entry, args []js.Value) (job, js.Value, error) {
	signal, err := decodeOptions(args, 0, "options", &struct{}{})
	if err != nil {
		return nil, js.Undefined(), err
	}
	return doneJob(e.s.KeepAlive), signal, nil
}

// prepareExport: export({signal?}) → the state resume accepts (a plain object).
func prepareExport(e *entry, args []js.Value) (job, js.Value, error) {
	signal, err := decodeOptions(args, 0, "options", &struct{}{})
	if err != nil {
		return nil, js.Undefined(), err
	}
	return func(ctx context.Context) (js.Value, error) {
		st, err := e.s.Export(ctx)
		if err != nil {
			return js.Undefined(), err
		}
		if st, err = exportState(st, e.relay); err != nil {
			return js.Undefined(), err
		}
		return fromJSON(st), nil
	}, signal, nil
}

// closeMethod: close() ends the session at once for new calls (CLOSED) and resolves when the
// calls already started have settled.
func closeMethod() js.Value {
	return method(func(this js.Value, _ []js.Value) (job, js.Value, error) {
		if _, err := sessions.lookup(this); err != nil && argumentOf(err) != "" {
			return nil, js.Undefined(), err
		}
		e := sessions.remove(this)
		return doneJob(func(context.Context) error {
			if e != nil {
				return e.s.Close()
			}
			return nil
		}), js.Undefined(), nil
	})
}
