package pronotetest

import (
	"net/http"
	"strconv"
	"strings"
)

// Control returns the handler out-of-process tests (JavaScript) drive the server with. It
// serves, relative to where it is mounted (cmd/fakepronote mounts it under /__control/):
//
//	POST fault?kind=expire|ip|maintenance|busy|unavailable|wrong-order   arm a fault
//	POST fault?kind=not-json|drop-reply|cut-reply|hold-reply            arm a fault
//	POST release                                                         Release held replies
//	POST fault?kind=server&g=25&title=…                                  arm a FaultServerError
//	POST homework  {"due":"YYYY-MM-DD","html":"…","links":[{"name","url"}]}  PlantHomework
//	GET  homework-done                                                   HomeworkDone as JSON
//	POST grade  {"date":"YYYY-MM-DD","value":"17,5","outOf":20,"comment":"…"}  PlantGrade
//	POST reset                                                           Reset
//	GET  requests                                                        the request log as JSON
//	GET  mailbox?kind=student|parent&username=…                          an account's discussions
//
// It is meant for loopback test use only: it has no authentication.
func (s *Server) Control() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		if s.controlSecurity(name, w, r) || s.controlMailbox(name, w, r) {
			return
		}
		switch {
		case name == "fault" && r.Method == http.MethodPost:
			f, ok := parseFault(r)
			if !ok {
				http.Error(w, "unknown fault kind", http.StatusBadRequest)
				return
			}
			s.Inject(f)
			writeJSON(w, map[string]bool{"ok": true})
		case name == "release" && r.Method == http.MethodPost:
			s.Release()
			writeJSON(w, map[string]bool{"ok": true})
		case name == "reset" && r.Method == http.MethodPost:
			s.Reset()
			writeJSON(w, map[string]bool{"ok": true})
		case name == "homework" && r.Method == http.MethodPost:
			s.controlPlant(w, r)
		case name == "homework-done" && r.Method == http.MethodGet:
			writeJSON(w, s.HomeworkDone())
		case name == "grade" && r.Method == http.MethodPost:
			s.controlPlantGrade(w, r)
		case name == "requests" && r.Method == http.MethodGet:
			writeJSON(w, s.Requests())
		default:
			http.NotFound(w, r)
		}
	})
}

func parseFault(r *http.Request) (Fault, bool) {
	q := r.URL.Query()
	switch q.Get("kind") {
	case "expire":
		return FaultExpireSession, true
	case "ip":
		return FaultIPSuspended, true
	case "maintenance":
		return FaultMaintenance, true
	case "busy":
		return FaultBusy, true
	case "unavailable":
		return FaultUnavailable, true
	case "wrong-order":
		return FaultWrongOrder, true
	case "not-json":
		return FaultNotJSON, true
	case "drop-reply":
		return FaultDropReply, true
	case "cut-reply":
		return FaultCutReply, true
	case "hold-reply":
		return FaultHoldReply, true
	case "server":
		g, err := strconv.Atoi(q.Get("g"))
		if err != nil {
			return nil, false
		}
		title := q.Get("title")
		if title == "" {
			title = titles[g]
		}
		return FaultServerError{G: g, Title: title}, true
	}
	return nil, false
}
