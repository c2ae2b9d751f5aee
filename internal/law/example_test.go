package law_test

import (
	"fmt"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

func ExampleCheck() {
	on := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{
		"Section 138, Negotiable Instruments Act, 1881",
		"NI Act s.999",
		"IPC s.420",
		"Section 10 of the Indian Partnership Act, 1932",
	} {
		c := law.Check(court.India, text, on)
		fmt.Println(c.Status, "|", c.Act, "|", c.Section)
		for _, p := range c.Instead {
			fmt.Println("  instead:", p.Act, p.Section)
		}
	}
	// Output:
	// verified | Negotiable Instruments Act, 1881 | s. 138
	// unknown section | Negotiable Instruments Act, 1881 | 999
	// not in force | Indian Penal Code, 1860 | s. 420
	//   instead: Bharatiya Nyaya Sanhita, 2023 s. 318
	// outside the table | Indian Partnership Act, 1932 | 10
}

func ExampleProvisionsOn() {
	offence := time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC) // before the BNS
	trial := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)    // under the BNSS
	for _, p := range law.ProvisionsOn(court.India, court.Criminal, offence, trial)[:3] {
		fmt.Println(p.Act, p.Section)
	}
	// Output:
	// Indian Penal Code, 1860 s. 420
	// Indian Penal Code, 1860 s. 406
	// Indian Penal Code, 1860 s. 379
}

func ExampleAt() {
	for _, p := range law.All() {
		if p.Act == "Bharatiya Nyaya Sanhita, 2023" && p.Section == "s. 318" {
			for _, q := range law.At(p, time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC)) {
				fmt.Println(q.Act, q.Section)
			}
		}
	}
	// Output:
	// Indian Penal Code, 1860 s. 415
	// Indian Penal Code, 1860 s. 417
	// Indian Penal Code, 1860 s. 418
	// Indian Penal Code, 1860 s. 420
}
