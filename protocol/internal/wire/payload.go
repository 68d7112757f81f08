package wire

import (
	"bytes"
	"compress/flate"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
)

// ErrPayload reports a payload that no combination of the session's transforms could decode.
var ErrPayload = errors.New("wire: payload does not decode")

// maxInflated caps inflated payloads so a hostile reply cannot exhaust memory.
const maxInflated = 32 << 20

// Flags are a session's payload transforms, read from Start() (§2.6).
type Flags struct {
	Encrypt  bool
	Compress bool
}

// Crypt is the key and IV a payload is encrypted with.
type Crypt struct {
	Key []byte
	IV  []byte
}

// EncodeRequest turns a request payload (JSON) into the dataSec value (§4.5): the object
// itself when no transform is on, otherwise an uppercase hex string. Request compression
// deflates the lowercase hex text of the JSON.
func EncodeRequest(f Flags, c Crypt, payload []byte) json.RawMessage {
	if !f.Encrypt && !f.Compress {
		return bytes.Clone(payload)
	}
	b := payload
	if f.Compress {
		b = deflate([]byte(hex.EncodeToString(b)))
	}
	if f.Encrypt {
		b = Encrypt(c.Key, c.IV, b)
	}
	return quoteHex(b)
}

// EncodeResponse is the server side of §4.6: like EncodeRequest but without the hex layer.
func EncodeResponse(f Flags, c Crypt, payload []byte) json.RawMessage {
	if !f.Encrypt && !f.Compress {
		return bytes.Clone(payload)
	}
	b := payload
	if f.Compress {
		b = deflate(b)
	}
	if f.Encrypt {
		b = Encrypt(c.Key, c.IV, b)
	}
	return quoteHex(b)
}

// DecodeResponse decodes a response's dataSec value into JSON (§4.6). It is liberal: when the
// session's transforms fail it tries the other combinations, with and without a hex layer.
func DecodeResponse(f Flags, c Crypt, v json.RawMessage) ([]byte, error) {
	return decode(f, c, v, false)
}

// DecodeRequest is the server side of EncodeRequest (compression carries a hex layer). It is
// strict: a server accepts only what the session's flags say.
func DecodeRequest(f Flags, c Crypt, v json.RawMessage) ([]byte, error) {
	return decodeStrict(f, c, v, true)
}

func decode(f Flags, c Crypt, v json.RawMessage, hexLayer bool) ([]byte, error) {
	if b, err := decodeStrict(f, c, v, hexLayer); err == nil {
		return b, nil
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		return nil, ErrPayload
	}
	for _, alt := range []Flags{{true, true}, {true, false}, {false, true}} {
		for _, hx := range []bool{hexLayer, !hexLayer} {
			if b, err := decodeStrict(alt, c, v, hx); err == nil {
				return b, nil
			}
		}
	}
	return nil, ErrPayload
}

func decodeStrict(f Flags, c Crypt, v json.RawMessage, hexLayer bool) ([]byte, error) {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '{' {
		if !json.Valid(v) {
			return nil, ErrPayload
		}
		return bytes.Clone(v), nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil || (!f.Encrypt && !f.Compress) {
		return nil, ErrPayload
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, ErrPayload
	}
	if f.Encrypt {
		if b, err = Decrypt(c.Key, c.IV, b); err != nil {
			return nil, ErrPayload
		}
	}
	if f.Compress {
		if b, err = inflate(b); err != nil {
			return nil, ErrPayload
		}
		if hexLayer {
			if b, err = hex.DecodeString(string(b)); err != nil {
				return nil, ErrPayload
			}
		}
	}
	if !json.Valid(b) {
		return nil, ErrPayload
	}
	return b, nil
}

func quoteHex(b []byte) json.RawMessage {
	return json.RawMessage(`"` + strings.ToUpper(hex.EncodeToString(b)) + `"`)
}

// Deflate writers (about 1 MB of state each) and readers are pooled: a session compresses every
// request and inflates every reply, and allocating them anew was a third of the native client's
// CPU.
var (
	writers = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, 6) // level 6 is valid: no error
		return w
	}}
	readers = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := writers.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	writers.Put(w)
	return buf.Bytes()
}

func inflate(b []byte) ([]byte, error) {
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return nil, ErrPayload
	}
	out, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
	if err != nil || len(out) > maxInflated {
		return nil, ErrPayload
	}
	return out, nil
}
