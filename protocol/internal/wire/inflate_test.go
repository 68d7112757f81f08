package wire

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
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
