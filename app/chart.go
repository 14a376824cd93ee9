package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/callboard-app/callboard/charts"
)

// hourChart shows today's calls by hour. It draws the PNG at the size it
// is given, in the screen's own pixels (twice as many on a HiDPI screen),
// so text in the chart keeps its size whatever the window's size.
type hourChart struct {
	widget.BaseWidget
	hours [24]charts.HourCounts
	image *canvas.Image
	drawn fyne.Size
	dark  bool
}

func newHourChart() *hourChart {
	c := &hourChart{image: canvas.NewImageFromResource(nil)}
	c.image.FillMode = canvas.ImageFillStretch
	c.image.ScaleMode = canvas.ImageScaleSmooth
	c.ExtendBaseWidget(c)
	return c
}

// set changes the data and redraws.
func (c *hourChart) set(hours [24]charts.HourCounts) {
	// A call that rings or ends often leaves the hours as they were, and
	// drawing the chart is most of what a call costs the window.
	if hours == c.hours && c.drawn != (fyne.Size{}) {
		return
	}
	c.hours = hours
	c.drawn = fyne.Size{}
	c.Refresh()
}

func (c *hourChart) draw(size fyne.Size) {
	dark := fyne.CurrentApp() != nil && fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark
	if size == c.drawn && dark == c.dark || size.Width < 10 || size.Height < 10 {
		return
	}
	scale := float32(2) // until the chart is on a screen, assume a sharp one
	if app := fyne.CurrentApp(); app != nil {
		if cv := app.Driver().CanvasForObject(c); cv != nil {
			scale = max(1, cv.Scale())
		}
	}
	png, err := charts.TodayByHour(c.hours, int(size.Width*scale), int(size.Height*scale), charts.Theme{Dark: dark, Scale: float64(scale)})
	if err != nil {
		return
	}
	c.drawn, c.dark = size, dark
	c.image.Resource = fyne.NewStaticResource("today-by-hour.png", png)
	c.image.Image = nil
	c.image.Refresh()
}

func (c *hourChart) CreateRenderer() fyne.WidgetRenderer { return &hourChartRenderer{c} }

type hourChartRenderer struct{ c *hourChart }

func (r *hourChartRenderer) Layout(size fyne.Size) {
	r.c.image.Resize(size)
	r.c.draw(size)
}
func (r *hourChartRenderer) MinSize() fyne.Size           { return fyne.NewSize(320, 160) }
func (r *hourChartRenderer) Refresh()                     { r.c.draw(r.c.Size()) }
func (r *hourChartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.image} }
func (r *hourChartRenderer) Destroy()                     {}
