package wire

import (
	"bytes"
	"compress/flate"
	"encoding/hex"
	"encoding/json"
	"errors"
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

// AppendRequest appends EncodeRequest's value to dst, with less garbage: the request's
// envelope is written around it by hand (protocol's buildRequest).
func AppendRequest(dst []byte, f Flags, c Crypt, payload []byte) []byte {
	if !f.Encrypt && !f.Compress {
		return append(dst, payload...)
	}
	b := payload
	if f.Compress {
		text := buffers.Get().(*bytes.Buffer)
		defer buffers.Put(text)
		text.Reset()
		text.Grow(2 * len(payload))
		b = deflate(hex.AppendEncode(text.AvailableBuffer(), payload))
	}
	if f.Encrypt {
		b = Encrypt(c.Key, c.IV, b)
	}
	dst = append(dst, '"')
	for _, c := range b {
		dst = append(dst, upperHex[c>>4], upperHex[c&15])
	}
	return append(dst, '"')
}

const upperHex = "0123456789ABCDEF"

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
	return decodeValue(f, c, v, DecodeResponseText)
}

// DecodeResponseText is DecodeResponse for a dataSec string already read from its JSON (the
// hex text between the quotes).
func DecodeResponseText(f Flags, c Crypt, s string) ([]byte, error) {
	var out []byte
	err := DecodeResponseFunc(f, c, s, func(b []byte) bool {
		out = bytes.Clone(b)
		return json.Valid(b)
	})
	return out, err
}

// DecodeResponseFunc is DecodeResponseText for a caller that parses the JSON anyway: accept
// gets each candidate plain text and says whether it is JSON (having parsed it), in place of
// a separate validation pass. The text is only valid during the call: accept must copy what
// it keeps.
func DecodeResponseFunc(f Flags, c Crypt, s string, accept func([]byte) bool) error {
	if decodeHex(f, c, s, false, accept) {
		return nil
	}
	for _, alt := range []Flags{{true, true}, {true, false}, {false, true}} {
		for _, hx := range []bool{false, true} {
			if decodeHex(alt, c, s, hx, accept) {
				return nil
			}
		}
	}
	return ErrPayload
}

// DecodeRequest is the server side of EncodeRequest (compression carries a hex layer). It is
// strict: a server accepts only what the session's flags say.
func DecodeRequest(f Flags, c Crypt, v json.RawMessage) ([]byte, error) {
	return decodeValue(f, c, v, func(f Flags, c Crypt, s string) ([]byte, error) {
		var out []byte
		if !decodeHex(f, c, s, true, func(b []byte) bool { out = bytes.Clone(b); return json.Valid(b) }) {
			return nil, ErrPayload
		}
		return out, nil
	})
}

// decodeValue returns a plain object as it is, and decodes a string with text.
func decodeValue(f Flags, c Crypt, v json.RawMessage, text func(Flags, Crypt, string) ([]byte, error)) ([]byte, error) {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '{' {
		if !json.Valid(v) {
			return nil, ErrPayload
		}
		return bytes.Clone(v), nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return nil, ErrPayload
	}
	return text(f, c, s)
}

// decodeHex undoes the transforms of f on a hex dataSec string; the result must be JSON, which
// accept says. The text accept gets lives in a pooled buffer: it must not keep it (every
// reply is hex decoded, decrypted and inflated, and these buffers were most of a reply's
// garbage).
func decodeHex(f Flags, c Crypt, s string, hexLayer bool, accept func([]byte) bool) bool {
	if !f.Encrypt && !f.Compress {
		return false
	}
	raw := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(raw)
	raw.Reset()
	raw.WriteString(s)
	b := raw.Bytes()
	n, err := hex.Decode(b, b) // in place: the decoded bytes are half as many
	if err != nil {
		return false
	}
	b = b[:n]
	if f.Encrypt {
		if b, err = decryptInPlace(c.Key, c.IV, b); err != nil {
			return false
		}
	}
	if f.Compress {
		out := buffers.Get().(*bytes.Buffer)
		defer buffers.Put(out)
		if b, err = inflate(b, out); err != nil {
			return false
		}
		if hexLayer {
			if n, err = hex.Decode(b, b); err != nil {
				return false
			}
			b = b[:n]
		}
	}
	return accept(b)
}

// buffers hold a reply's text while it is decoded.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func quoteHex(b []byte) json.RawMessage {
	return json.RawMessage(`"` + strings.ToUpper(hex.EncodeToString(b)) + `"`)
}

// Deflate writers (about 1 MB of state each) are pooled: a session compresses every request,
// and allocating them anew was a third of the native client's CPU. The writers are
// flate.BestSpeed: its Reset is a few assignments, where level 6 clears 640 KB of match tables
// for each payload of a few hundred bytes (5 % of the WebAssembly module's CPU per request,
// issue 13); any level inflates alike. Replies are inflated by inflateInto (inflate.go).
var writers = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed) // a valid level: no error
	return w
}}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := writers.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	writers.Put(w)
	return buf.Bytes()
}

// inflate writes the inflated b into out (reset first) and returns its bytes.
func inflate(b []byte, out *bytes.Buffer) ([]byte, error) {
	out.Reset()
	out.Grow(4 * len(b))
	p, err := inflateInto(out.AvailableBuffer(), b, maxInflated)
	if err != nil {
		return nil, err
	}
	*out = *bytes.NewBuffer(p) // out keeps the array if inflateInto had to grow it
	return p, nil
}
