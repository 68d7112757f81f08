package wire

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"sync"
)

// This file is a raw DEFLATE (RFC 1951) decoder working on a byte slice. compress/flate reads
// its input a byte at a time through an io.ByteReader, which is slow in WebAssembly; here the
// bits come from the slice eight bytes at a time and codes are decoded by table lookup. It
// accepts exactly the streams compress/flate accepts (FuzzInflate compares the two).

// tableBits is the width of a code's lookup table: codes up to this long decode in one
// lookup, longer ones (rare by construction) bit by bit.
const tableBits = 10

// maxMatch is the longest match, and so the most one symbol writes.
const maxMatch = 258

// A huffman is a canonical Huffman code (RFC 1951 §3.2.2) ready to decode.
type huffman struct {
	table [1 << tableBits]uint16 // by the next tableBits bits: symbol<<4 | length, 0 for a longer or no code
	count [16]uint16             // number of codes of each length
	syms  [288]uint16            // symbols in code order
}

// build makes h the code with the given code lengths (0 for an unused symbol). Like
// compress/flate, it accepts a complete code, no code at all (whose use fails) and a single
// code of length one; it rejects other incomplete codes and over-subscribed ones.
func (h *huffman) build(lens []uint8) bool {
	h.count = [16]uint16{}
	for _, n := range lens {
		h.count[n&15]++
	}
	h.count[0] = 0
	left := 1 // codes of the current length not yet used
	for n := 1; n < 16; n++ {
		left = left<<1 - int(h.count[n])
		if left < 0 {
			return false
		}
	}
	if left != 0 && left != 1<<15 && !(left == 1<<14 && h.count[1] == 1) {
		return false
	}
	var offs [16]uint16
	for n := 1; n < 15; n++ {
		offs[n+1] = offs[n] + h.count[n]
	}
	for s, n := range lens {
		if n != 0 {
			h.syms[offs[n&15]] = uint16(s)
			offs[n&15]++
		}
	}
	h.table = [1 << tableBits]uint16{}
	code, i := 0, 0 // the canonical code of syms[i]
	for n := 1; n <= tableBits; n++ {
		for range h.count[n] {
			e := h.syms[i]<<4 | uint16(n)
			for k := int(bits.Reverse16(uint16(code)) >> (16 - n)); k < len(h.table); k += 1 << n {
				h.table[k] = e
			}
			code++
			i++
		}
		code <<= 1
	}
	return true
}

// slow decodes the code at the start of b (least significant bit first) bit by bit, for codes
// longer than tableBits. It returns the symbol and the code's length, 0 if b starts no code.
func (h *huffman) slow(b uint64) (int, uint) {
	code, first, index := 0, 0, 0 // first is the first code of length n, index its symbol's
	for n := uint(1); n < 16; n++ {
		code |= int(b & 1)
		b >>= 1
		count := int(h.count[n])
		if code-first < count {
			return int(h.syms[index+code-first]), n
		}
		index += count
		first = (first + count) << 1
		code <<= 1
	}
	return 0, 0
}

// lengths and dists are the base values and extra bits of length symbols 257–285 and
// distance symbols 0–29 (RFC 1951 §3.2.5).
var (
	lengths = [29]struct {
		base  uint16
		extra uint8
	}{
		{3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0}, {10, 0},
		{11, 1}, {13, 1}, {15, 1}, {17, 1}, {19, 2}, {23, 2}, {27, 2}, {31, 2},
		{35, 3}, {43, 3}, {51, 3}, {59, 3}, {67, 4}, {83, 4}, {99, 4}, {115, 4},
		{131, 5}, {163, 5}, {195, 5}, {227, 5}, {258, 0},
	}
	dists = [30]struct {
		base  uint16
		extra uint8
	}{
		{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 1}, {7, 1}, {9, 2}, {13, 2},
		{17, 3}, {25, 3}, {33, 4}, {49, 4}, {65, 5}, {97, 5}, {129, 6}, {193, 6},
		{257, 7}, {385, 7}, {513, 8}, {769, 8}, {1025, 9}, {1537, 9}, {2049, 10}, {3073, 10},
		{4097, 11}, {6145, 11}, {8193, 12}, {12289, 12}, {16385, 13}, {24577, 13},
	}
)

// clenOrder is the order of the code length code's lengths in a dynamic block header.
var clenOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// fixed returns the fixed literal/length and distance codes (RFC 1951 §3.2.6), built on
// first use.
var fixed = sync.OnceValue(func() *[2]huffman {
	var lens [288]uint8
	for i := range lens {
		switch {
		case i < 144, i >= 280:
			lens[i] = 8
		case i < 256:
			lens[i] = 9
		default:
			lens[i] = 7
		}
	}
	h := new([2]huffman)
	h[0].build(lens[:])
	for i := range 32 {
		lens[i] = 5
	}
	h[1].build(lens[:32])
	return h
})

// An inflater holds one stream's input state and the codes of its current dynamic block.
// The bit buffer b holds nb bits of input, least significant first; past the end of the
// input it reads as zeros and nb goes negative, which the decoder checks before trusting
// what it decoded.
type inflater struct {
	src       []byte
	pos       int // next byte of src to load into b
	b         uint64
	nb        int
	lit, dist huffman
	lens      [286 + 30]uint8
}

// inflaters keep the code tables (about 6 KB) from one reply to the next.
var inflaters = sync.Pool{New: func() any { return new(inflater) }}

// inflateInto appends the inflated raw DEFLATE stream src to dst. It decodes up to the end of
// the final block and ignores any bytes after it. A truncated or malformed stream, or one that
// inflates to more than limit bytes, is ErrPayload.
func inflateInto(dst, src []byte, limit int) ([]byte, error) {
	f := inflaters.Get().(*inflater)
	f.src, f.pos, f.b, f.nb = src, 0, 0, 0
	defer func() {
		f.src = nil // the pool must not keep the caller's input alive
		inflaters.Put(f)
	}()
	base, w := len(dst), len(dst)
	dst = dst[:cap(dst)]
	for last := false; !last; {
		hdr := f.bits(3)
		last = hdr&1 != 0
		ok := f.nb >= 0
		switch {
		case !ok:
		case hdr>>1 == 0:
			dst, w, ok = f.stored(dst, w, base, limit)
		case hdr>>1 == 1:
			h := fixed()
			dst, w, ok = f.codes(dst, w, base, limit, &h[0], &h[1])
		case hdr>>1 == 2:
			if ok = f.tables(); ok {
				dst, w, ok = f.codes(dst, w, base, limit, &f.lit, &f.dist)
			}
		default:
			ok = false
		}
		if !ok || w-base > limit {
			return nil, ErrPayload
		}
	}
	return dst[:w], nil
}

// refill loads bytes into the bit buffer until it holds more than 56 bits or the input ends.
func (f *inflater) refill() {
	for f.nb <= 56 && f.pos < len(f.src) {
		f.b |= uint64(f.src[f.pos]) << uint(f.nb)
		f.pos++
		f.nb += 8
	}
}

// bits returns the next n (at most 32) bits of input.
func (f *inflater) bits(n uint) int {
	if f.nb < int(n) {
		f.refill()
	}
	v := int(f.b & (1<<n - 1))
	f.b >>= n
	f.nb -= int(n)
	return v
}

// sym returns the next symbol of h, or -1 when the input starts no code of h.
func (f *inflater) sym(h *huffman) int {
	if f.nb < 15 {
		f.refill()
	}
	e := h.table[f.b&(1<<tableBits-1)]
	s, n := int(e>>4), uint(e&15)
	if e == 0 {
		if s, n = h.slow(f.b); n == 0 {
			return -1
		}
	}
	f.b >>= n
	f.nb -= int(n)
	return s
}

// tables reads the codes of a dynamic block (RFC 1951 §3.2.7) into f.lit and f.dist. The code
// length code lives in f.lit while the other two codes' lengths are read.
func (f *inflater) tables() bool {
	nlit, ndist, nclen := f.bits(5)+257, f.bits(5)+1, f.bits(4)+4
	if nlit > 286 || ndist > 30 {
		return false
	}
	for i, s := range clenOrder {
		f.lens[s] = 0
		if i < nclen {
			f.lens[s] = uint8(f.bits(3))
		}
	}
	if f.nb < 0 || !f.lit.build(f.lens[:19]) {
		return false
	}
	n := nlit + ndist
	for i := 0; i < n; {
		s := f.sym(&f.lit)
		if s < 0 {
			return false
		}
		if s < 16 {
			f.lens[i] = uint8(s)
			i++
			continue
		}
		var v uint8 // the repeated length
		var rep int
		switch s {
		case 16:
			if i == 0 {
				return false
			}
			v, rep = f.lens[i-1], 3+f.bits(2)
		case 17:
			rep = 3 + f.bits(3)
		default:
			rep = 11 + f.bits(7)
		}
		if i+rep > n {
			return false
		}
		for range rep {
			f.lens[i] = v
			i++
		}
	}
	return f.nb >= 0 && f.lit.build(f.lens[:nlit]) && f.dist.build(f.lens[nlit:n])
}

// stored copies a stored block's data (RFC 1951 §3.2.4) to dst at w.
func (f *inflater) stored(dst []byte, w, base, limit int) ([]byte, int, bool) {
	// Skip to a byte boundary and give back the whole bytes left in the bit buffer.
	f.pos -= f.nb >> 3
	f.b, f.nb = 0, 0
	p := f.src[f.pos:]
	if len(p) < 4 {
		return dst, w, false
	}
	n := int(binary.LittleEndian.Uint16(p))
	if uint16(n) != ^binary.LittleEndian.Uint16(p[2:]) || len(p)-4 < n || w-base+n > limit {
		return dst, w, false
	}
	dst = grow(dst, w, n)
	w += copy(dst[w:], p[4:4+n])
	f.pos += 4 + n
	return dst, w, true
}

// codes decodes the data of a Huffman-coded block (RFC 1951 §3.2.5) with the literal/length
// code lit and the distance code dist, to dst at w. It keeps the bit buffer in locals.
func (f *inflater) codes(dst []byte, w, base, limit int, lit, dist *huffman) ([]byte, int, bool) {
	src, pos, b, nb := f.src, f.pos, f.b, f.nb
	for {
		// A symbol and its distance take at most 48 bits.
		if nb < 48 {
			if pos+8 <= len(src) {
				b |= binary.LittleEndian.Uint64(src[pos:]) << uint(nb)
				pos += (63 - nb) >> 3
				nb |= 56
			} else {
				for ; nb <= 56 && pos < len(src); pos++ {
					b |= uint64(src[pos]) << uint(nb)
					nb += 8
				}
			}
		}
		if len(dst)-w < maxMatch {
			if w-base > limit {
				return dst, w, false
			}
			dst = grow(dst, w, maxMatch)
		}
		e := lit.table[b&(1<<tableBits-1)]
		s, n := int(e>>4), uint(e&15)
		if e == 0 {
			if s, n = lit.slow(b); n == 0 {
				return dst, w, false
			}
		}
		b >>= n
		nb -= int(n)
		if s < 256 {
			if nb < 0 {
				return dst, w, false
			}
			dst[w] = byte(s)
			w++
			continue
		}
		if s == 256 {
			break
		}
		if s > 285 {
			return dst, w, false
		}
		l := lengths[s-257]
		length := int(l.base) + int(b&(1<<l.extra-1))
		b >>= l.extra
		nb -= int(l.extra)

		e = dist.table[b&(1<<tableBits-1)]
		s, n = int(e>>4), uint(e&15)
		if e == 0 {
			if s, n = dist.slow(b); n == 0 {
				return dst, w, false
			}
		}
		b >>= n
		nb -= int(n)
		if s >= len(dists) {
			return dst, w, false
		}
		d := dists[s]
		dd := int(d.base) + int(b&(1<<d.extra-1))
		b >>= d.extra
		nb -= int(d.extra)
		if nb < 0 || dd > w-base {
			return dst, w, false
		}
		if dd >= length {
			copy(dst[w:w+length], dst[w-dd:])
		} else {
			// An overlapping match repeats its last dd bytes: copy them, then twice as many.
			for p, end := w, w+length; p < end; {
				p += copy(dst[p:end], dst[w-dd:p])
			}
		}
		w += length
	}
	f.pos, f.b, f.nb = pos, b, nb
	return dst, w, nb >= 0
}

// grow returns dst with room for n more bytes after w.
func grow(dst []byte, w, n int) []byte {
	if len(dst)-w >= n {
		return dst
	}
	dst = slices.Grow(dst[:w], n)
	return dst[:cap(dst)]
}
