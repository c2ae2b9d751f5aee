package ui

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// gaugeSVG draws a confidence (0–100) as a half-circle gauge. Only
// numbers go into the markup, so it is safe to mark as HTML.
func gaugeSVG(confidence int, label string) template.HTML {
	c := min(max(confidence, 0), 100)
	theta := math.Pi * (1 - float64(c)/100)
	x, y := 60+50*math.Cos(theta), 60-50*math.Sin(theta)
	level := "low"
	switch {
	case c >= 70:
		level = "high"
	case c >= 40:
		level = "mid"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="gauge" viewBox="0 0 120 72" role="img" aria-label="%s">`, template.HTMLEscapeString(label))
	b.WriteString(`<path class="gauge-track" d="M10 60 A50 50 0 0 1 110 60" fill="none" stroke-width="12"/>`)
	if c > 0 {
		fmt.Fprintf(&b, `<path class="gauge-value gauge-%s" d="M10 60 A50 50 0 0 1 %.2f %.2f" fill="none" stroke-width="12"/>`, level, x, y)
	}
	fmt.Fprintf(&b, `<text x="60" y="58" text-anchor="middle" class="gauge-text">%d%%</text></svg>`, c)
	return template.HTML(b.String())
}

// timeline is the confidence of every judgment version, laid out for an
// SVG line chart.
type timeline struct {
	Points []timelinePoint
	Line   string // the polyline's points attribute
	Width  int
}

type timelinePoint struct {
	X, Y       int
	Version    int
	Kind       court.Kind
	Confidence int
}

// newTimeline lays the versions out 80 units apart on a 0–100 scale
// drawn 120 units high (y grows downwards).
func newTimeline(js []court.Judgment) timeline {
	t := timeline{Width: max(200, 80*len(js)+40)}
	var pts []string
	for i, j := range js {
		p := timelinePoint{X: 40 + 80*i, Y: 130 - j.Confidence, Version: j.Version, Kind: j.Kind, Confidence: j.Confidence}
		t.Points = append(t.Points, p)
		pts = append(pts, fmt.Sprintf("%d,%d", p.X, p.Y))
	}
	t.Line = strings.Join(pts, " ")
	return t
}
