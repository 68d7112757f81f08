package ui

import (
	"crypto/rand"
	"encoding/hex"
	"syscall/js"
)

// Storage keys. The session lives in sessionStorage (gone with the tab); the language and the
// device id, which are not secret, in localStorage.
const (
	sessionKey = "pronote.session"
	langKey    = "pronote.lang"
	deviceKey  = "pronote.device"
)

// webStorage is a Store over window.sessionStorage or localStorage. Storage may be missing or
// refuse writes (private modes, sandboxed frames): then nothing is kept.
type webStorage struct {
	area, key string
}

func (w webStorage) get() js.Value {
	defer func() { recover() }() // a SecurityError on access
	return js.Global().Get(w.area)
}

// Load implements Store.
func (w webStorage) Load() []byte {
	s := w.read()
	if s == "" {
		return nil
	}
	return []byte(s)
}

func (w webStorage) read() (out string) {
	defer func() { recover() }()
	st := w.get()
	if !st.Truthy() {
		return ""
	}
	if v := st.Call("getItem", w.key); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// Save implements Store.
func (w webStorage) Save(data []byte) { w.write(string(data)) }

func (w webStorage) write(s string) {
	defer func() { recover() }() // QuotaExceededError
	if st := w.get(); st.Truthy() {
		st.Call("setItem", w.key, s)
	}
}

// Clear implements Store.
func (w webStorage) Clear() {
	defer func() { recover() }()
	if st := w.get(); st.Truthy() {
		st.Call("removeItem", w.key)
	}
}

// deviceUUID returns this browser's installation id, made once and kept in localStorage.
func deviceUUID() string {
	st := webStorage{"localStorage", deviceKey}
	if id := st.read(); id != "" {
		return id
	}
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	id := h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	st.write(id)
	return id
}
