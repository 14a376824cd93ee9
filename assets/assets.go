// Package assets holds the files Callboard ships inside its binary.
package assets

import (
	"bytes"
	_ "embed"
)

// iconPNG is rendered from icon.svg: rsvg-convert -w 512 -h 512 icon.svg -o icon.png
//
//go:embed icon.png
var iconPNG []byte

// Icon is the app icon, a 512×512 PNG. Each call returns a fresh copy, so a
// caller that changes its bytes cannot spoil the icon for the others.
func Icon() []byte { return bytes.Clone(iconPNG) }
