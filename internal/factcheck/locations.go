package factcheck

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// places is a curated list rather than a gazetteer: Indian states, union
// territories and major cities, and the countries and cities that turn up
// in Indian and common-law disputes. Names that are also common surnames
// or words (Puri, Nice, Jordan, Reading) are left out on purpose.
var places = setOf(
	// Indian states and union territories.
	"Andhra Pradesh", "Arunachal Pradesh", "Assam", "Bihar", "Chhattisgarh", "Goa", "Gujarat",
	"Haryana", "Himachal Pradesh", "Jharkhand", "Karnataka", "Kerala", "Madhya Pradesh",
	"Maharashtra", "Manipur", "Meghalaya", "Mizoram", "Nagaland", "Odisha", "Orissa", "Punjab",
	"Rajasthan", "Sikkim", "Tamil Nadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand",
	"West Bengal", "Andaman and Nicobar Islands", "Chandigarh",
	"Dadra and Nagar Haveli and Daman and Diu", "Delhi", "Jammu and Kashmir", "Ladakh",
	"Lakshadweep", "Puducherry", "Pondicherry",
	// Indian cities.
	"Mumbai", "Bombay", "New Delhi", "Kolkata", "Calcutta", "Chennai", "Madras", "Bengaluru",
	"Bangalore", "Hyderabad", "Ahmedabad", "Pune", "Surat", "Jaipur", "Lucknow", "Kanpur",
	"Nagpur", "Indore", "Thane", "Bhopal", "Visakhapatnam", "Patna", "Vadodara", "Ghaziabad",
	"Ludhiana", "Agra", "Nashik", "Faridabad", "Meerut", "Rajkot", "Varanasi", "Srinagar",
	"Aurangabad", "Amritsar", "Navi Mumbai", "Allahabad", "Prayagraj", "Ranchi", "Howrah",
	"Coimbatore", "Jabalpur", "Gwalior", "Vijayawada", "Jodhpur", "Madurai", "Raipur",
	"Guwahati", "Mysuru", "Mysore", "Gurugram", "Gurgaon", "Noida", "Greater Noida",
	"Bhubaneswar", "Dehradun", "Kochi", "Cochin", "Thiruvananthapuram", "Trivandrum",
	"Mangaluru", "Mangalore", "Shimla", "Panaji", "Gandhinagar", "Jammu", "Udaipur", "Ajmer",
	"Tiruchirappalli", "Kozhikode", "Vellore", "Cuttack", "Dhanbad", "Jamshedpur", "Bhilai",
	"Siliguri", "Durgapur", "Asansol", "Hubballi", "Hubli", "Belagavi", "Belgaum", "Nellore",
	"Warangal", "Guntur", "Tirupati", "Haridwar", "Rishikesh", "Ambala", "Panipat", "Sonipat",
	"Karnal", "Rohtak", "Hisar", "Bathinda", "Jalandhar", "Patiala", "Mohali", "Aligarh",
	"Bareilly", "Moradabad", "Gorakhpur", "Jhansi", "Mathura", "Solapur", "Kolhapur",
	"Secunderabad", "Kalyan", "Vasai", "Margao", "Shillong", "Imphal", "Agartala", "Aizawl",
	"Kohima", "Itanagar", "Gangtok", "Port Blair",
	// Countries.
	"India", "United States", "United States of America", "USA", "United Kingdom", "England",
	"Scotland", "Wales", "Northern Ireland", "Ireland", "Canada", "Australia", "New Zealand",
	"Singapore", "United Arab Emirates", "UAE", "Sri Lanka", "Nepal", "Bangladesh", "Pakistan",
	"Bhutan", "Maldives", "Myanmar", "China", "Japan", "South Korea", "Germany", "France",
	"Italy", "Spain", "Portugal", "Netherlands", "Belgium", "Switzerland", "Austria", "Sweden",
	"Norway", "Denmark", "Finland", "Poland", "Russia", "Ukraine", "Brazil", "Mexico",
	"Argentina", "South Africa", "Nigeria", "Kenya", "Egypt", "Saudi Arabia", "Qatar", "Oman",
	"Kuwait", "Bahrain", "Israel", "Iran", "Malaysia", "Thailand", "Indonesia", "Vietnam",
	"Philippines", "Hong Kong",
	// World cities.
	"London", "Manchester", "Birmingham", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Dublin",
	"New York", "Washington", "Los Angeles", "San Francisco", "Chicago", "Boston", "Seattle",
	"Houston", "Dallas", "Miami", "Atlanta", "Toronto", "Vancouver", "Montreal", "Ottawa",
	"Calgary", "Sydney", "Melbourne", "Brisbane", "Perth", "Canberra", "Adelaide", "Auckland",
	"Wellington", "Dubai", "Abu Dhabi", "Sharjah", "Doha", "Riyadh", "Muscat", "Kathmandu",
	"Dhaka", "Colombo", "Karachi", "Lahore", "Islamabad", "Kuala Lumpur", "Bangkok", "Jakarta",
	"Tokyo", "Beijing", "Shanghai", "Seoul", "Moscow", "Paris", "Berlin", "Frankfurt", "Munich",
	"Rome", "Milan", "Madrid", "Barcelona", "Amsterdam", "The Hague", "Brussels", "Geneva",
	"Zurich", "Vienna", "Stockholm", "Cape Town", "Johannesburg", "Nairobi", "Cairo", "Lagos",
)

// placeFirst maps the first word of each place to the most words a place
// starting with it has, so the scanner tries only what can match.
var placeFirst = func() map[string]int {
	m := map[string]int{}
	for p := range places {
		f := strings.Fields(p)
		m[f[0]] = max(m[f[0]], len(f))
	}
	return m
}()

func isLocation(s string) bool { return places[strings.Join(strings.Fields(s), " ")] }

// placeSuffixes end the names of Indian towns and localities; with "at"
// or "in" before them they are almost always a place ("at Rampur",
// "in Laxmi Nagar").
var placeSuffixes = []string{"pur", "pura", "puram", "nagar", "abad", "garh", "ganj", "gaon", "halli", "palli", "pet", "wadi", "kot", "patnam"}

// atPlaceRE finds "at/in/near <Capitalised words>" and what follows, which
// decides whether the words are a place.
var atPlaceRE = regexp.MustCompile(`\b(?:at|in|near|of|from)\s+((?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\b(,?\s*[A-Za-z]*)`)

var atPlacePattern = newPattern(atPlaceRE, "ainof", func(s string, i int) bool {
	return wordStart(s, i) && hasPrefix(s[i:], []string{"at", "in", "near", "of", "from"})
})

func findLocations(text string) []string {
	var out []string
	for _, w := range capitalisedRuns(text) {
		out = appendString(out, w)
	}
	for _, m := range findAll(atPlacePattern, text) {
		place := text[m[2]:m[3]]
		if isLocation(place) || hasString(out, place) {
			continue
		}
		words := strings.Fields(place)
		if stopWords[strings.ToLower(words[0])] && !strings.EqualFold(words[0], "new") {
			continue
		}
		last := strings.ToLower(words[len(words)-1])
		next := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text[m[4]:m[5]]), ","))
		ok := false
		for _, suf := range placeSuffixes {
			if strings.HasSuffix(last, suf) && len(last) > len(suf)+1 || last == suf {
				ok = true
			}
		}
		switch strings.ToLower(next) {
		case "district", "city", "village", "taluka", "tehsil", "town", "state", "county", "province":
			ok = true
		}
		if placeFirst[next] > 0 && isLocation(next) {
			ok = true // "at Khanna, Punjab"
		}
		if ok {
			out = appendString(out, place)
		}
	}
	return out
}

// capitalisedRuns returns the known places in text, longest match first
// ("New Delhi", not "Delhi"), in order of appearance.
func capitalisedRuns(text string) []string {
	type word struct {
		s          string
		start, end int
	}
	var words []word
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, word{text[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, word{text[start:], start, len(text)})
	}
	var out []string
	for i := 0; i < len(words); i++ {
		r, _ := utf8.DecodeRuneInString(words[i].s)
		if !unicode.IsUpper(r) {
			continue
		}
		n := placeFirst[words[i].s]
		if n == 0 {
			continue
		}
		for k := min(n, len(words)-i); k >= 1; k-- {
			// Words of one place are separated by single spaces only.
			joined := true
			for j := i + 1; j < i+k; j++ {
				if text[words[j-1].end:words[j].start] != " " {
					joined = false
					break
				}
			}
			if !joined {
				continue
			}
			parts := make([]string, k)
			for j := range k {
				parts[j] = words[i+j].s
			}
			if p := strings.Join(parts, " "); places[p] {
				out = append(out, p)
				i += k - 1
				break
			}
		}
		if len(out) >= maxPerKind {
			break
		}
	}
	return out
}
