package wire

// Dialect is an envelope generation (§1.3, §4.3).
type Dialect int

// The three envelope dialects. Their names are the PRONOTE versions that introduced them.
const (
	D2023 Dialect = iota + 1 // nom / numeroOrdre / donneesSec; inner donnees / _Signature_
	D2024                    // 2024.3.9: inner data / Signature
	D2025                    // 2025.1.3: outer id / no / dataSec
)

// Keys are the JSON key names of one dialect.
type Keys struct {
	Name      string // function name: nom or id
	Order     string // order number: numeroOrdre or no
	Payload   string // donneesSec or dataSec
	Data      string // inner data: donnees or data
	Signature string // inner signature: _Signature_ or Signature
}

// Keys returns the key names of d.
func (d Dialect) Keys() Keys {
	switch d {
	case D2023:
		return Keys{"nom", "numeroOrdre", "donneesSec", "donnees", "_Signature_"}
	case D2024:
		return Keys{"nom", "numeroOrdre", "donneesSec", "data", "Signature"}
	default:
		return Keys{"id", "no", "dataSec", "data", "Signature"}
	}
}

// String names the dialect by the version that introduced it.
func (d Dialect) String() string {
	switch d {
	case D2023:
		return "2023"
	case D2024:
		return "2024.3.9"
	case D2025:
		return "2025.1.3"
	}
	return "unknown"
}

// Version is a PRONOTE version, compared on its first three components.
type Version [3]int

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

// DialectOf returns the dialect a server of version v speaks (§1.3 rule 4).
func DialectOf(v Version) Dialect {
	switch {
	case !v.Less(Version{2025, 1, 3}):
		return D2025
	case !v.Less(Version{2024, 3, 9}):
		return D2024
	}
	return D2023
}
