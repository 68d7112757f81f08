package protocol

import (
	"fmt"
	"strings"
	"testing"
)

// treeSample is a reply of the shape PRONOTE sends for grades: some 25 KB of objects with
// {_T, V} values, ids, French text and numbers.
func treeSample() []byte {
	var b strings.Builder
	b.WriteString(`{"nom":"DernieresNotes","donnees":{"listeDevoirs":{"_T":24,"V":[`)
	for i := range 120 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"N":"%d#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ","G":60,"note":{"_T":10,"V":"%d,5"},"bareme":{"_T":10,"V":"20"},"coefficient":%d,"date":{"_T":7,"V":"%02d/11/2026"},"service":{"_T":24,"V":{"N":"%d#s","L":"Mathématiques \"avancées\"","couleur":"#FF8800"}},"commentaire":"Contrôle n°%d","estBonus":false,"moyenne":{"_T":10,"V":"11,25"}}`, i, i%20, 1+i%3, 1+i%28, i%9, i)
	}
	b.WriteString(`]},"moyGenerale":{"_T":10,"V":"13,42"}}}`)
	return []byte(b.String())
}

func BenchmarkParseTree(b *testing.B) {
	text := treeSample()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseTree(text); err != nil {
			b.Fatal(err)
		}
	}
}
