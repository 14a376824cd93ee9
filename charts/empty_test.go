package charts

import "testing"

func TestEmptyStateDrawsTheMessage(t *testing.T) {
	for _, theme := range []Theme{{}, {Dark: true}, {Scale: 2}} {
		b, err := EmptyState("No calls this week", 320, 180, theme)
		if err != nil {
			t.Fatal(err)
		}
		if img := decodePNG(t, b, 320, 180); isUniform(img) {
			t.Errorf("%+v: the image is blank", theme)
		}
	}
}

func TestEmptyStateFitsANarrowImage(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {60, 200}, {400, 20}} {
		b, err := EmptyState("No calls from this campaign yet", size[0], size[1], Theme{})
		if err != nil {
			t.Fatalf("%dx%d: %v", size[0], size[1], err)
		}
		decodePNG(t, b, size[0], size[1])
	}
}

func TestWrapBreaksAtSpacesWithinTheRoom(t *testing.T) {
	c, err := newCanvas(100, 100, Theme{})
	if err != nil {
		t.Fatal(err)
	}
	room := c.textWidth("campaign yet", 12)
	lines := c.wrap("No calls from this campaign yet", 12, room)
	if len(lines) < 2 {
		t.Errorf("want the message on several lines, got %q", lines)
	}
	for _, line := range lines {
		if w := c.textWidth(line, 12); w > room {
			t.Errorf("line %q is %d px, room is %d", line, w, room)
		}
	}
}

func TestEmptyStateRefusesAnEmptyImageSize(t *testing.T) {
	if _, err := EmptyState("nothing", 0, 10, Theme{}); err == nil {
		t.Error("want an error for a zero-width image")
	}
}
