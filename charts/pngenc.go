package charts

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// encodePNG writes img as an 8-bit PNG: RGBA, or with a background as RGB
// laid over it (what a PDF embeds without an alpha mask). It is image/png with
// the row filters left out: choosing a filter per row took half of a
// chart's drawing time, and charts — flat colours in long runs — compress
// well without one.
func encodePNG(img *image.RGBA, background *drawing.Color) []byte {
	opaque := background != nil
	size := img.Bounds().Size()
	channels, colorType := 4, byte(6)
	if opaque {
		channels, colorType = 3, 2
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	header := make([]byte, 13)
	binary.BigEndian.PutUint32(header[0:], uint32(size.X))
	binary.BigEndian.PutUint32(header[4:], uint32(size.Y))
	header[8], header[9] = 8, colorType // bit depth, colour type; the rest is 0
	writeChunk(&out, "IHDR", header)

	var data bytes.Buffer
	z, _ := zlib.NewWriterLevel(&data, zlib.BestSpeed) // a valid level: no error
	row := make([]byte, 1+size.X*channels)             // row[0] = 0: no filter
	for y := range size.Y {
		pixels := img.Pix[y*img.Stride : y*img.Stride+size.X*4]
		out := row[1:]
		for x := range size.X {
			r, g, b, a := pixels[4*x], pixels[4*x+1], pixels[4*x+2], pixels[4*x+3]
			if opaque {
				// Premultiplied colour over the background: c + bg·(1-α).
				under := uint32(0xFF - a)
				out[3*x] = r + uint8(uint32(background.R)*under/0xFF)
				out[3*x+1] = g + uint8(uint32(background.G)*under/0xFF)
				out[3*x+2] = b + uint8(uint32(background.B)*under/0xFF)
				continue
			}
			// image.RGBA is premultiplied; PNG stores straight alpha.
			if a != 0 && a != 0xFF {
				r = uint8(uint32(r) * 0xFF / uint32(a))
				g = uint8(uint32(g) * 0xFF / uint32(a))
				b = uint8(uint32(b) * 0xFF / uint32(a))
			}
			out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, a
		}
		_, _ = z.Write(row) // writes to a bytes.Buffer do not fail
	}
	_ = z.Close()
	writeChunk(&out, "IDAT", data.Bytes())
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

func writeChunk(w *bytes.Buffer, kind string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	w.WriteString(kind)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}
