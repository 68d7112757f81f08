package protocol

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// DefaultTimeout bounds one request (Options.Timeout). A caller's cancellation does not
// interrupt a request already sent: the server may have counted it, and abandoning it would
// desynchronise the order counter (§4.2). The caller gets its error at once; the exchange
// finishes in the background and releases the session.
const DefaultTimeout = 60 * time.Second

// keyIV is one candidate (key, IV) pair for an order number.
type keyIV struct{ key, iv []byte }

// exchange describes one appelfonction round trip.
type exchange struct {
	name    string
	payload map[string]any // the inner payload, keys already in the session's dialect
	send    wire.Crypt     // key and IV for the request's order number and payload
	recv    wire.Crypt     // key and IV for the response payload
}

// reply is a decoded response payload.
type reply struct {
	data      obj
	signature obj
	no        string // the response's order number, "" when absent
}

// roundTrip sends ex with the session's counter and decodes the reply. It must be called with
// the session locked; it advances the counter when the server answered.
func (s *Session) roundTrip(ctx context.Context, ex exchange) (*reply, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	req, err := s.buildRequest(ex)
	if err != nil {
		return nil, err
	}
	if ctx.Done() == nil {
		// Nothing can cancel ctx: no goroutine is needed to return early.
		resp, err := s.do(ctx, ex.name, req)
		return s.settle(ex, resp, err)
	}
	type result struct {
		resp *Response
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := s.do(context.WithoutCancel(ctx), ex.name, req)
		done <- result{resp, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		// Keep the session locked until the request settles, then account for it.
		go func() {
			r := <-done
			s.settle(ex, r.resp, r.err)
			s.unlock()
		}()
		return nil, errAbandoned{ctx.Err()}
	}
	return s.settle(ex, r.resp, r.err)
}

// do sends one request within the session's timeout. A transport failure comes back as
// ErrTimeout when the timeout ran out, else as ErrNetwork (still wrapping ErrNotSent when the
// transport knows the request never left); what names the request is what, never its URL.
func (s *Session) do(ctx context.Context, what string, req *Request) (*Response, error) {
	tctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	resp, err := s.t.Do(tctx, req)
	switch {
	case err == nil:
		return resp, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case tctx.Err() != nil:
		return nil, fmt.Errorf("%w: %s: no answer within %v", ErrTimeout, what, s.timeout)
	}
	return nil, fmt.Errorf("%w: %s: %w", ErrNetwork, what, err)
}

// errAbandoned marks a call whose request is still in flight: the caller must not unlock.
type errAbandoned struct{ err error }

func (e errAbandoned) Error() string { return e.err.Error() }
func (e errAbandoned) Unwrap() error { return e.err }

// settle accounts for the outcome of one request and decodes the reply. The counter moves only
// when the server counted the request (§4.2): when it answered with a JSON envelope (data or
// Erreur), or when the request left and no answer came back (a dropped connection, a cut body,
// a timeout: PRONOTE has most likely processed it). A maintenance or busy page, any other HTML
// or non-200 answer, and a request that never left are not exchanges, and the next call
// reuses the number. Only an expired session breaks it: PRONOTE has forgotten it.
func (s *Session) settle(ex exchange, resp *Response, err error) (*reply, error) {
	if err != nil {
		if !errors.Is(err, ErrNotSent) {
			s.st.counter += 2
		}
		return nil, err
	}
	s.st.jar.set(resp.SetCookies)
	if counted(resp) {
		s.st.counter += 2
	}
	rep, err := s.decodeReply(ex, resp)
	if errors.Is(err, ErrSessionExpired) {
		s.broken = err
	}
	return rep, err
}

// counted reports whether resp is an answer of PRONOTE's function dispatcher: HTTP 200 with a
// JSON object, even a cut one (§4.7). Pages sent instead (maintenance, busy, IP suspended)
// come from before the dispatcher.
func counted(resp *Response) bool {
	body := bytes.TrimSpace(resp.Body)
	return resp.Status == 200 && len(body) > 0 && body[0] == '{'
}

func (s *Session) buildRequest(ex exchange) (*Request, error) {
	k := s.st.dialect.Keys()
	payload, err := marshalPayload(ex.payload)
	if err != nil {
		return nil, fmt.Errorf("pronote: %s: encoding the request: %w", ex.name, err)
	}
	no := wire.OrderNumber(ex.send.Key, ex.send.IV, s.st.counter)
	// The envelope by hand, its members in the order encoding/json sorts them to (in both
	// dialects): encoding/json re-validated the whole dataSec hex as a json.RawMessage.
	body := make([]byte, 0, 3*len(payload)+len(ex.name)+len(no)+96)
	body = appendJSONString(append(body, '{'), k.Payload)
	body = wire.AppendRequest(append(body, ':'), s.st.flags, ex.send, payload)
	for _, m := range [...][2]string{{k.Name, ex.name}, {k.Order, no}} {
		body = appendJSONString(append(body, ','), m[0])
		body = appendJSONString(append(body, ':'), m[1])
	}
	body = appendJSONString(append(body, ','), "session")
	body = strconv.AppendInt(append(body, ':'), s.st.hNum, 10)
	body = append(body, '}')
	url := resolve(s.root, "appelfonction/"+strconv.Itoa(s.st.a)+"/"+s.st.h+"/"+no)
	return &Request{Method: "POST", URL: url, Header: s.headers("application/json"), Body: body}, nil
}

// appendJSONString appends v as a JSON string, as encoding/json writes it: HTML characters,
// control characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD. The request
// envelope, the payloads (jsonwrite.go) and the results (jsonresult.go) write their strings
// with it.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

const hexDigits = "0123456789abcdef"

func (s *Session) headers(contentType string) map[string]string {
	h := map[string]string{"User-Agent": UserAgent}
	if contentType != "" {
		h["Content-Type"] = contentType
	}
	if c := s.st.jar.header(); c != "" {
		h["Cookie"] = c
	}
	return h
}

// decodeReply checks the HTTP status, the Erreur object, then decodes the payload (§4.6, §4.7).
func (s *Session) decodeReply(ex exchange, resp *Response) (*reply, error) {
	body := bytes.TrimSpace(resp.Body)
	if resp.Status != 200 {
		if resp.Status == 503 {
			return nil, fmt.Errorf("%w: %s", ErrMaintenance, ex.name)
		}
		if err := htmlError(string(body)); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.name, err)
		}
		return nil, fmt.Errorf("%w: %s: HTTP %d", ErrUnavailable, ex.name, resp.Status)
	}
	if len(body) == 0 || body[0] != '{' {
		if err := htmlError(string(body)); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.name, err)
		}
		return nil, protoErr(ex.name, "reply is not JSON")
	}
	env := parseObj(body) // the envelope; an encrypted or compressed payload is one string in it
	if env == nil {
		return nil, protoErr(ex.name, "reply is not a JSON object")
	}
	if e := env.obj("Erreur"); e != nil {
		return nil, serverError(ex.name, e.int("G"), e.str("Titre"))
	}
	var inner obj
	switch payload := env.get("dataSec", "donneesSec").(type) {
	case nil:
		return nil, protoErr(ex.name, "reply has no dataSec/donneesSec")
	case obj: // sent as it is, whatever the flags (§4.6)
		inner = payload
	case *string:
		// Parsed once: parsing is the check that a candidate decoding is JSON.
		err := wire.DecodeResponseFunc(s.st.flags, ex.recv, *payload, func(plain []byte) bool {
			v, err := parseTree(plain)
			inner = asObj(v)
			return err == nil
		})
		if err != nil {
			return nil, protoErr(ex.name, "reply payload does not decode")
		}
	default:
		return nil, protoErr(ex.name, "reply payload is neither an object nor a string")
	}
	rep := &reply{data: inner.obj("data", "donnees"), signature: inner.obj("Signature", "_Signature_"), no: env.str("no", "numeroOrdre")}
	if rep.signature.flag("Erreur") {
		return nil, &ServerError{Func: ex.name, Title: rep.signature.str("MessageErreur")}
	}
	if rep.data == nil {
		rep.data = obj{}
	}
	return rep, nil
}

// checkOrder verifies the reply's order number against counter+1 under any candidate; a reply
// without an order number is accepted (§4.2, §11).
func checkOrder(name, no string, counter int, candidates ...keyIV) error {
	if no == "" {
		return nil
	}
	for _, c := range candidates {
		if wire.OrderNumberIs(c.key, c.iv, no, counter) {
			return nil
		}
	}
	return fmt.Errorf("%w: %s", ErrDesync, name)
}

// htmlError recognises the HTML pages PRONOTE sends instead of JSON (§2.7, §4.7).
func htmlError(body string) error {
	switch {
	case strings.Contains(body, "adresse IP est provisoirement suspendue"):
		return ErrIPSuspended
	case strings.Contains(body, "La page a expir"):
		return ErrSessionExpired
	case strings.Contains(body, "Vous avez d"):
		return ErrRateLimited
	case strings.Contains(body, "momentanément indisponible"), strings.Contains(body, "n'est pas disponible"),
		strings.Contains(body, "Impossible d'a"), strings.Contains(body, "La page dem"):
		return ErrUnavailable
	case strings.Contains(body, "s refus"):
		return ErrAccessDenied
	}
	return nil
}

// call is a data call about whoever is selected now (see callAbout).
func (s *Session) call(ctx context.Context, name string, onglet int, data any) (obj, error) {
	return s.callAbout(ctx, s.subject(), name, onglet, data)
}

// callAbout is a data call with the session key: it builds the payload in the session's
// dialect, adds the signature (onglet, and who as membre for a parent's child) and checks the
// reply's order number.
func (s *Session) callAbout(ctx context.Context, who subject, name string, onglet int, data any) (obj, error) {
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	rep, err := s.callLocked(ctx, who, name, onglet, data)
	var ab errAbandoned
	if !errors.As(err, &ab) {
		s.unlock()
	}
	if err != nil {
		return nil, err
	}
	return rep.data, nil
}

func (s *Session) callLocked(ctx context.Context, who subject, name string, onglet int, data any) (*reply, error) {
	if onglet != 0 && s.acct.onglets != nil && !s.acct.onglets[onglet] {
		return nil, fmt.Errorf("%w: %s (onglet %d)", ErrNotAllowed, name, onglet)
	}
	k := s.st.dialect.Keys()
	payload := map[string]any{}
	if data != nil {
		payload[k.Data] = data
	}
	if onglet != 0 {
		sig := map[string]any{"onglet": onglet}
		if who.child {
			sig["membre"] = map[string]any{"N": who.res.N, "G": 4}
		}
		payload[k.Signature] = sig
	}
	crypt := wire.Crypt{Key: s.st.key, IV: s.st.iv}
	counter := s.st.counter
	rep, err := s.roundTrip(ctx, exchange{name: name, payload: payload, send: crypt, recv: crypt})
	if err != nil {
		return nil, err
	}
	if err := checkOrder(name, rep.no, counter+1, keyIV{s.st.key, s.st.iv}); err != nil {
		// The reply is not trusted; the session is not dropped on our side: if the server
		// really lost count, the next call says so (G 8: ErrSessionExpired).
		return nil, err
	}
	return rep, nil
}
