package pronotetest

import (
	"net/http"
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
	serverErr          *FaultServerError
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
