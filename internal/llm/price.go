package llm

import "strings"

// Price is what a model costs, in US dollars per million tokens.
type Price struct {
	InputPerMillion  float64
	OutputPerMillion float64
}

// Prices maps model names, or prefixes of them, to prices. A model is
// priced by the longest key that is a prefix of its name, so that dated
// variants ("gpt-4o-2024-08-06") cost what their family costs.
type Prices map[string]Price

// DefaultPrices are list prices as published when this was written, for
// estimates only; operators override them with their own table. Unknown
// models cost zero rather than a guess.
func DefaultPrices() Prices {
	return Prices{
		"gemini-2.5-pro":        {1.25, 10},
		"gemini-2.5-flash":      {0.30, 2.50},
		"gemini-2.5-flash-lite": {0.10, 0.40},
		"gemini-2.0-flash":      {0.10, 0.40},
		"gemini-flash-latest":   {0.30, 2.50},
		"gpt-4o":                {2.50, 10},
		"gpt-4o-mini":           {0.15, 0.60},
		"gpt-4.1":               {2, 8},
		"gpt-4.1-mini":          {0.40, 1.60},
		"gpt-4.1-nano":          {0.10, 0.40},
		"claude-opus-4":         {15, 75},
		"claude-sonnet-4":       {3, 15},
		"claude-3-5-haiku":      {0.80, 4},
		"claude-haiku-4":        {1, 5},
	}
}

// Lookup returns the price of model and whether one is known.
func (p Prices) Lookup(model string) (Price, bool) {
	model = strings.TrimPrefix(model, "models/")
	best, found := "", false
	for k := range p {
		if strings.HasPrefix(model, k) && len(k) >= len(best) {
			best, found = k, true
		}
	}
	return p[best], found
}

// Cost estimates what a call cost.
func (p Prices) Cost(model string, in, out int64) float64 {
	pr, _ := p.Lookup(model)
	return (float64(in)*pr.InputPerMillion + float64(out)*pr.OutputPerMillion) / 1e6
}
