package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// currencyOf is the currency of a jurisdiction's courts, for an amount
// that names none; "" for international cases.
func currencyOf(j court.Jurisdiction) string {
	switch j {
	case court.India:
		return "INR"
	case court.USA:
		return "USD"
	case court.UK:
		return "GBP"
	case court.Canada:
		return "CAD"
	case court.Australia:
		return "AUD"
	}
	return ""
}

// money writes an amount as the fact-check writes sums (Indian digit
// grouping for rupees, 5,00,000), with the rupee sign rather than "Rs.";
// a currency without a sign of its own is named by its code.
func money(amount float64, currency string) string {
	if amount < 0 {
		return "-" + money(-amount, currency)
	}
	a := factcheck.Amount{Minor: int64(math.Round(amount * 100)), Currency: currency}
	switch currency {
	case "INR":
		return "₹" + strings.TrimPrefix(a.Format(), "Rs. ")
	case "USD", "GBP", "EUR":
		return a.Format()
	case "":
		a.Currency = "USD" // Western grouping, then drop the sign
		return strings.TrimPrefix(a.Format(), "$")
	}
	a.Currency = "USD"
	return currency + " " + strings.TrimPrefix(a.Format(), "$")
}
