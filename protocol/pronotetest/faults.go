package pronotetest

import (
	"net/http"
	"strconv"
)

// Fault is a failure the server plays on demand (see Server.Inject).
type Fault interface{ isFault() }

// FaultKind is a fault without parameters; its values are the Fault… constants below.
type FaultKind int

func (FaultKind) isFault() {}

// The simple faults. FaultExpireSession and FaultWrongOrder are one-shot; the page faults
// (FaultIPSuspended, FaultMaintenance, FaultBusy, FaultUnavailable) last until Reset.
const (
	// FaultExpireSession: the next call of a logged-in session answers Erreur G 10 and that
	// session is dead afterwards (every later call answers G 10 too).
	FaultExpireSession FaultKind = iota + 1
	// FaultIPSuspended: every request answers the "Votre adresse IP est provisoirement
	// suspendue" HTML page.
	FaultIPSuspended
	// FaultMaintenance: every request answers HTTP 503.
	FaultMaintenance
	// FaultBusy: every request answers the "Le site est momentanément indisponible" page.
	FaultBusy
	// FaultUnavailable: every request answers the "Le site n'est pas disponible" page.
	FaultUnavailable
	// FaultWrongOrder: the next reply carries a wrong order number (counter+3 instead of
	// counter+1); the server's own counter is unaffected.
	FaultWrongOrder
	// FaultNotJSON: every request answers HTTP 200 with an HTML page PRONOTE has no words for
	// (as a captive portal or a misconfigured proxy would); nothing is processed.
	FaultNotJSON
	// FaultDropReply: the next call is processed and counted, then the connection closes
	// without an answer (a reply lost on the way back).
	FaultDropReply
	// FaultCutReply: the next call is processed and counted, then its answer stops halfway
	// (Content-Length promises more) and the connection closes.
	FaultCutReply
	// FaultHoldReply: the next call is processed and counted, and its answer waits until
	// Release or Reset (a school too slow for the client's timeout).
	FaultHoldReply
)

// FaultServerError makes the next appelfonction call answer {"Erreur":{"G":G,"Titre":Title}}.
// The exchange still counts (the session stays usable with the next order number).
type FaultServerError struct {
	G     int
	Title string
}

func (FaultServerError) isFault() {}

type faultState struct {
	expire, wrongOrder bool
	page               FaultKind // persistent page fault, 0 for none
	reply              FaultKind // one-shot reply fault (FaultDropReply, …), 0 for none
	serverErr          *FaultServerError
	hold               chan struct{} // closed by Release: held replies go out
}

// Inject arms a fault. Injecting the same one-shot fault twice arms it once.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch f := f.(type) {
	case FaultServerError:
		s.faults.serverErr = &f
	case FaultKind:
		switch f {
		case FaultExpireSession:
			s.faults.expire = true
		case FaultWrongOrder:
			s.faults.wrongOrder = true
		case FaultDropReply, FaultCutReply, FaultHoldReply:
			s.faults.reply = f
			if f == FaultHoldReply && s.faults.hold == nil {
				s.faults.hold = make(chan struct{})
			}
		default:
			s.faults.page = f
		}
	}
}

// serveFault answers a request when a page fault is armed.
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	f := s.faults.page
	s.mu.Unlock()
	switch f {
	case FaultMaintenance:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(htmlMessage("Service indisponible", "Le service est en cours de maintenance.")))
	case FaultIPSuspended:
		writeHTML(w, htmlMessage("Accès suspendu", "Votre adresse IP est provisoirement suspendue."))
	case FaultBusy:
		writeHTML(w, htmlMessage("Site indisponible", "Le site est momentanément indisponible. Veuillez réessayer plus tard."))
	case FaultUnavailable:
		writeHTML(w, htmlMessage("Site fermé", "Le site n'est pas disponible pour le moment."))
	case FaultNotJSON:
		writeHTML(w, htmlMessage("Connexion au réseau", "Veuillez vous identifier pour accéder à Internet."))
	default:
		return false
	}
	return true
}

// takeServerError consumes the armed server error, if any. s.mu must be held.
func (s *Server) takeServerError() *protoError {
	f := s.faults.serverErr
	if f == nil {
		return nil
	}
	s.faults.serverErr = nil
	return &protoError{G: f.G, Title: f.Title}
}

// rateLimited reports whether logins are refused with G 25. s.mu must be held.
func (s *Server) rateLimited() bool { return s.failed >= s.opts.MaxFailedLogins }

// Release lets the replies held by FaultHoldReply go out.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *Server) releaseLocked() {
	if s.faults.hold != nil {
		close(s.faults.hold)
		s.faults.hold = nil
	}
}

// takeReplyFault consumes the armed reply fault and returns it with the channel a held reply
// waits on. s.mu must be held.
func (s *Server) takeReplyFault() (FaultKind, chan struct{}) {
	f := s.faults.reply
	s.faults.reply = 0
	return f, s.faults.hold
}

// writeReply writes a processed call's answer, or plays the reply fault f: the connection is
// dropped before or halfway through the answer (http.ErrAbortHandler closes it without
// logging), or the answer waits for Release or the client to go.
func writeReply(w http.ResponseWriter, r *http.Request, f FaultKind, hold chan struct{}, out []byte) {
	switch f {
	case FaultDropReply:
		panic(http.ErrAbortHandler)
	case FaultCutReply:
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.Write(out[:len(out)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	case FaultHoldReply:
		select {
		case <-hold:
		case <-r.Context().Done():
			return
		}
	}
	w.Write(out)
}
