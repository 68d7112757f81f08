// Command extzip finishes the browser extension's build: it draws the extension's icons into
// the unpacked directory and packs the directory into a zip for the browsers' stores, with
// the names sorted and a fixed timestamp, so the same files give the same bytes.
//
//	go run ./internal/extzip DIR ZIP
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: extzip DIR ZIP")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "extzip:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	for _, n := range []int{16, 48, 128} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("icon-%d.png", n)), icon(n), 0o644); err != nil {
			return err
		}
	}
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return err
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// icon draws the extension's mark at n×n pixels: a rounded blue square with a white roof (a
// préau is a school's covered playground).
func icon(n int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	blue, white := color.NRGBA{0x1d, 0x4e, 0xd8, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xff}
	r := float64(n) / 5
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			cx, cy := clamp(fx, r, float64(n)-r), clamp(fy, r, float64(n)-r)
			if (fx-cx)*(fx-cx)+(fy-cy)*(fy-cy) > r*r {
				continue
			}
			img.Set(x, y, blue)
			// The roof: a band under the line from the left to the top centre to the right.
			u, v := fx/float64(n), fy/float64(n)
			roof := 0.2 + 2*0.25*abs(u-0.5)
			pillar := (abs(u-0.28) < 0.05 || abs(u-0.72) < 0.05) && v > roof && v < 0.8
			if v > roof && v < roof+0.12 && u > 0.12 && u < 0.88 || pillar {
				img.Set(x, y, white)
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(hi, v)) }

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
