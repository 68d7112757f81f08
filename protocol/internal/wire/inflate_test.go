package wire

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// sampleJSON returns about n bytes of JSON like the server's replies: a list of grades with
// the same keys over and over, and some varied strings.
func sampleJSON(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	subjects := []string{"Mathématiques", "Français", "Histoire-Géographie", "Anglais LV1", "Physique-Chimie", "SVT", "EPS"}
	b := []byte(`{"nom":"DernieresNotes","data":{"listeDevoirs":{"_T":24,"V":[`)
	for i := 0; len(b) < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"N":"%d#%x","L":%q,"date":{"_T":7,"V":"%02d/%02d/2026"},"note":{"_T":10,"V":"%d,%d"},"commentaire":"%x"}`,
			r.IntN(100), r.Uint32(), subjects[r.IntN(len(subjects))], 1+r.IntN(28), 1+r.IntN(12), r.IntN(21), r.IntN(10), r.Uint64()>>r.IntN(64))
	}
	return append(b, "]}}}"...)
}

// compress deflates b at a compress/flate level.
func compress(t testing.TB, level int, b []byte) []byte {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// flateInflate is the reference: compress/flate's output for b, bounded as inflate bounds its own.
func flateInflate(b []byte, limit int) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(b)), int64(limit)+1))
	if err == nil && len(out) > limit {
		err = ErrPayload
	}
	return out, err
}

// FuzzInflate checks that inflateInto accepts exactly what compress/flate accepts, with the
// same output, with the package's limit and a small one, and after a prefix in dst.
func FuzzInflate(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 3000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	inputs := [][]byte{nil, []byte("x"), sampleJSON(20 << 10), random, bytes.Repeat([]byte{'a'}, 5000)}
	for _, in := range inputs {
		for _, level := range []int{flate.HuffmanOnly, flate.NoCompression, flate.BestSpeed, 6, flate.BestCompression} {
			z := compress(f, level, in)
			f.Add(z)
			f.Add(z[:len(z)/2])
			f.Add(z[:len(z)-1])
			for range 3 {
				flipped := bytes.Clone(z)
				flipped[r.IntN(len(flipped))] ^= 1 << r.IntN(8)
				f.Add(flipped)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want, wantErr := flateInflate(b, maxInflated)
		got, err := inflateInto(nil, b, maxInflated)
		if (err == nil) != (wantErr == nil) || err == nil && !bytes.Equal(got, want) {
			t.Fatalf("inflateInto = %q, %v; compress/flate = %q, %v", got, err, want, wantErr)
		}
		// With a small limit: what compress/flate decodes within it, and nothing else.
		const small = 100
		got, err = inflateInto(nil, b, small)
		if (err == nil) != (wantErr == nil && len(want) <= small) || err == nil && !bytes.Equal(got, want) {
			t.Fatalf("limit %d: inflateInto = %q, %v; compress/flate = %q, %v", small, got, err, want, wantErr)
		}
		prefix := []byte("prefix")
		got, err = inflateInto(prefix[:len(prefix):len(prefix)], b, maxInflated)
		if (err == nil) != (wantErr == nil) || err == nil && (!bytes.HasPrefix(got, prefix) || !bytes.Equal(got[len(prefix):], want)) {
			t.Fatalf("after a prefix: inflateInto = %q, %v; compress/flate = %q, %v", got, err, want, wantErr)
		}
	})
}

// FuzzInflateRoundTrip deflates arbitrary data at a level chosen by the fuzzer, flushing once
// in the middle, and checks that inflate gives the data back.
func FuzzInflateRoundTrip(f *testing.F) {
	f.Add([]byte(nil), uint8(0), uint16(0))
	f.Add(sampleJSON(2000), uint8(3), uint16(700))
	f.Add(bytes.Repeat([]byte("ab"), 1000), uint8(1), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, level uint8, split uint16) {
		var z bytes.Buffer
		w, err := flate.NewWriter(&z, int(level)%12-2)
		if err != nil {
			t.Fatal(err)
		}
		at := min(int(split), len(data))
		w.Write(data[:at])
		w.Flush()
		w.Write(data[at:])
		w.Close()
		got, err := inflate(z.Bytes(), new(bytes.Buffer))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("level %d: inflate = %q, %v; want %q", int(level)%12-2, got, err, data)
		}
	})
}

// TestInflateLimit checks that a stream inflating to more than the limit is ErrPayload, and
// one inflating to exactly the limit is not, for Huffman-coded and stored blocks.
func TestInflateLimit(t *testing.T) {
	big := compress(t, flate.BestSpeed, make([]byte, maxInflated+1))
	if _, err := inflate(big, new(bytes.Buffer)); !errors.Is(err, ErrPayload) {
		t.Errorf("inflate of %d zeros: error %v, want ErrPayload", maxInflated+1, err)
	}
	data := sampleJSON(3000)
	for _, level := range []int{flate.NoCompression, flate.BestSpeed} {
		z := compress(t, level, data)
		if got, err := inflateInto(nil, z, len(data)); err != nil || !bytes.Equal(got, data) {
			t.Errorf("level %d, limit the length: inflateInto error %v", level, err)
		}
		if _, err := inflateInto(nil, z, len(data)-1); !errors.Is(err, ErrPayload) {
			t.Errorf("level %d, limit one less than the length: error %v, want ErrPayload", level, err)
		}
	}
}

// flateInflateBuf is the former inflate, on compress/flate, for BenchmarkInflate.
func flateInflateBuf(b []byte, out *bytes.Buffer) ([]byte, error) {
	r := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
		return nil, ErrPayload
	}
	out.Reset()
	out.Grow(4 * len(b))
	if _, err := out.ReadFrom(io.LimitReader(r, maxInflated+1)); err != nil || out.Len() > maxInflated {
		return nil, ErrPayload
	}
	return out.Bytes(), nil
}

var flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// BenchmarkInflate inflates a 25 KB reply compressed at levels 1 and 6, with compress/flate
// and with inflate, each into a pooled buffer as decodeHex does.
func BenchmarkInflate(b *testing.B) {
	data := sampleJSON(25 << 10)
	for _, impl := range []struct {
		name string
		fn   func([]byte, *bytes.Buffer) ([]byte, error)
	}{{"flate", flateInflateBuf}, {"own", inflate}} {
		b.Run(impl.name, func(b *testing.B) {
			for _, level := range []int{flate.BestSpeed, 6} {
				z := compress(b, level, data)
				b.Run(fmt.Sprintf("level%d", level), func(b *testing.B) {
					b.SetBytes(int64(len(data)))
					b.ReportAllocs()
					for b.Loop() {
						out := buffers.Get().(*bytes.Buffer)
						if got, err := impl.fn(z, out); err != nil || len(got) != len(data) {
							b.Fatal(err)
						}
						buffers.Put(out)
					}
				})
			}
		})
	}
}

// A bitWriter writes a DEFLATE stream by hand, for TestInflateEdges.
type bitWriter struct {
	out  []byte
	b, n uint
}

// bits writes the n low bits of v, least significant first.
func (w *bitWriter) bits(v, n uint) {
	for i := range n {
		w.b |= (v >> i & 1) << w.n
		if w.n++; w.n == 8 {
			w.out, w.b, w.n = append(w.out, byte(w.b)), 0, 0
		}
	}
}

// code writes the Huffman code c of length n, most significant bit first.
func (w *bitWriter) code(c, n uint) {
	for i := range n {
		w.bits(c>>(n-1-i)&1, 1)
	}
}

// bytes returns the stream, padded to a byte.
func (w *bitWriter) bytes() []byte {
	if w.n > 0 {
		return append(w.out, byte(w.b))
	}
	return w.out
}

// canonical returns the canonical codes for the lengths (RFC 1951 §3.2.2).
func canonical(lens []uint8) []uint {
	var count, next [16]uint
	for _, n := range lens {
		count[n]++
	}
	count[0] = 0
	for n := 1; n < 16; n++ {
		next[n] = (next[n-1] + count[n-1]) << 1
	}
	codes := make([]uint, len(lens))
	for s, n := range lens {
		if n != 0 {
			codes[s], next[n] = next[n], next[n]+1
		}
	}
	return codes
}

// dynamic writes a final dynamic block header for the literal/length and distance code
// lengths (each written as itself, no repeat codes), then body with the literal/length codes.
func dynamic(lit, dist []uint8, body func(w *bitWriter, lit []uint)) []byte {
	var w bitWriter
	w.bits(1, 1)
	w.bits(2, 2)
	w.bits(uint(len(lit)-257), 5)
	w.bits(uint(len(dist)-1), 5)
	w.bits(19-4, 4)
	clen := make([]uint8, 19) // a complete code: 0–12 of length 4, 13–18 of length 5
	for i := range clen {
		clen[i] = 4 + uint8(i/13)
	}
	for _, s := range clenOrder {
		w.bits(uint(clen[s]), 3)
	}
	cc := canonical(clen)
	for _, n := range append(slices.Clone(lit), dist...) {
		w.code(cc[n], uint(clen[n]))
	}
	body(&w, canonical(lit))
	return w.bytes()
}

// TestInflateEdges checks hand-made streams at the edges of the format, where inflateInto must
// agree with compress/flate: which incomplete codes are accepted, symbols and header counts
// out of range, distances reaching before the output, stored blocks and trailing bytes.
func TestInflateEdges(t *testing.T) {
	// lit is a complete literal/length code: 'a', 'b', 256 and 257 (length 3) and 284, 285
	// (lengths 227–258 and 258) in 3 bits, the other 2 codes in 4 bits unused by the bodies.
	lit := make([]uint8, 286)
	for _, s := range []int{'a', 'b', 256, 257, 284, 285} {
		lit[s] = 3
	}
	lit['c'], lit['d'], lit['e'], lit['f'] = 4, 4, 4, 4
	codes := canonical(lit)
	sym := func(w *bitWriter, s int) { w.code(codes[s], uint(lit[s])) }
	// match writes length symbol ls with extra bits, and distance code dc of the distance
	// code with lengths dl.
	match := func(dl []uint8, ls int, extra uint, dc int) func(*bitWriter, []uint) {
		return func(w *bitWriter, _ []uint) {
			sym(w, 'a')
			sym(w, 'b')
			sym(w, ls)
			if ls == 284 {
				w.bits(extra, 5)
			}
			w.code(canonical(dl)[dc], uint(dl[dc]))
			sym(w, 256)
		}
	}
	one := []uint8{1}        // a single distance code of length 1: accepted
	two := []uint8{0, 2}     // a single distance code of length 2: rejected
	none := []uint8{0}       // no distance code: accepted, until used
	full := []uint8{1, 2, 2} // distances 1, 2 and 3
	over := []uint8{1, 1, 1} // over-subscribed
	literals := func(w *bitWriter, _ []uint) { sym(w, 'a'); sym(w, 256) }
	fixed := func(codes ...uint) []byte { // a final fixed block of 8-bit codes
		var w bitWriter
		w.bits(1, 1)
		w.bits(1, 2)
		for _, c := range codes {
			w.code(c, 8)
		}
		return w.bytes()
	}
	stored := []byte{1, 3, 0, 0xfc, 0xff, 'a', 'b', 'c'}
	tests := []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"one distance code", dynamic(lit, one, match(one, 257, 0, 0)), true},
		{"one distance code, 2 bits", dynamic(lit, two, literals), false},
		{"no distance code", dynamic(lit, none, literals), true},
		{"no distance code, used", dynamic(lit, none, match(none, 257, 0, 0)), false},
		{"over-subscribed distance code", dynamic(lit, over, literals), false},
		{"distance 2 after 2 bytes", dynamic(lit, full, match(full, 257, 0, 1)), true},
		{"distance 3 after 2 bytes", dynamic(lit, full, match(full, 257, 0, 2)), false},
		{"length 284 plus 31", dynamic(lit, full, match(full, 284, 31, 0)), true},
		{"length 285", dynamic(lit, full, match(full, 285, 0, 0)), true},
		{"incomplete literal code", dynamic(lit[:257], full, literals), false},
		{"31 distance lengths", dynamic(lit, make([]uint8, 31), literals), false},
		{"287 literal lengths", dynamic(append(slices.Clone(lit), 0), full, literals), false},
		// In the fixed code, 0x91 is 'a', 0xc0–0xc7 are symbols 280–287, and zeros are distance
		// code 0 and the end of the block.
		{"fixed, symbol 286", fixed(0x91, 0xc6), false},
		{"fixed, symbol 285", fixed(0x91, 0xc5, 0, 0), true},
		{"fixed, distance code 30", fixed(0x91, 0xc5, 0xf0, 0), false},
		{"fixed, distance 1 first", fixed(0xc5, 0, 0), false},
		{"stored, then trailing bytes", stored, true},
		{"stored, NLEN wrong", []byte{1, 3, 0, 0xfc, 0xfe, 'a', 'b', 'c'}, false},
		{"stored, short", stored[:7], false},
		{"empty", nil, false},
		{"reserved block type", []byte{7}, false},
	}
	for _, tt := range tests {
		want, wantErr := flateInflate(tt.in, maxInflated)
		got, err := inflateInto(nil, tt.in, maxInflated)
		if (err == nil) != (wantErr == nil) || err == nil && !bytes.Equal(got, want) {
			t.Errorf("%s: inflateInto = %q, %v; compress/flate = %q, %v", tt.name, got, err, want, wantErr)
		}
		if (err == nil) != tt.ok {
			t.Errorf("%s: inflateInto error %v, want success %v", tt.name, err, tt.ok)
		}
	}
}
