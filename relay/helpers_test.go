package relay_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pronote-web/pronote/relay"
)

// upstreamFunc is a fake Upstream.
type upstreamFunc func(*http.Request) (*http.Response, error)

func (f upstreamFunc) Do(r *http.Request, _ time.Duration) (*http.Response, error) { return f(r) }

// recorder is a fake Upstream that records what it was sent and answers 200 "ok".
type recorder struct {
	mu    sync.Mutex
	calls []*http.Request
	body  []string
}

func (rec *recorder) Do(r *http.Request, _ time.Duration) (*http.Response, error) {
	var b []byte
	if r.Body != nil {
		b, _ = io.ReadAll(r.Body)
	}
	rec.mu.Lock()
	rec.calls = append(rec.calls, r)
	rec.body = append(rec.body, string(b))
	rec.mu.Unlock()
	return textResponse(r, http.StatusOK, "ok"), nil
}

func (rec *recorder) last(t *testing.T) *http.Request {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.calls) == 0 {
		t.Fatal("upstream was not called")
	}
	return rec.calls[len(rec.calls)-1]
}

func textResponse(r *http.Request, status int, body string) *http.Response {
	return &http.Response{
		StatusCode:    status,
		Header:        http.Header{"Content-Type": {"text/plain"}},
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}
}

func mustNew(t *testing.T, cfg relay.Config, up relay.Upstream) http.Handler {
	t.Helper()
	h, err := relay.New(cfg, up, nil)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// serve runs one request through h with a recorder.
func serve(h http.Handler, method, target string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

type errorJSON struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// checkRefusal asserts the JSON refusal shape, the status and the code.
func checkRefusal(t *testing.T, w *httptest.ResponseRecorder, status int, code string) {
	t.Helper()
	if w.Code != status {
		t.Errorf("status = %d, want %d (body %s)", w.Code, status, w.Body)
	}
	var e errorJSON
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("body is not JSON: %q", w.Body)
	}
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error = %+v, want code %s with a message", e.Error, code)
	}
	if got := w.Header().Get(relay.HeaderError); got != code {
		t.Errorf("%s = %q, want %q", relay.HeaderError, got, code)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	if w.Header().Get(relay.HeaderStatus) != "" {
		t.Errorf("a refusal must not carry %s", relay.HeaderStatus)
	}
}
