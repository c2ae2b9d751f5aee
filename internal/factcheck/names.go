package factcheck

import (
	"regexp"
	"sort"
	"strings"
)

const capWord = `[A-Z][a-zA-Z'’-]+`

// personRE finds names led by a title, the surest sign of a person.
// Initials ("R. K. Sharma") are allowed before the name.
var personRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Dr|Shri|Shree|Sri|Smt|Kumari|Justice|Prof|Adv|Advocate)\.?\s+` +
	`((?:[A-Z]\.\s*){0,3}` + capWord + `(?:\s+(?:[A-Z]\.\s*)*` + capWord + `){0,3})`)

// orgRE finds organisations by their legal suffix or by "Bank of …"-style
// names.
var orgRE = regexp.MustCompile(`(?:` +
	`\b(?:[A-Z][A-Za-z0-9&'’.-]*\s+){0,4}(?:Bank|Authority|Board|Corporation|Council|Commission)\s+of\s+` + capWord + `(?:\s+` + capWord + `){0,2}` +
	`|\b(?:[A-Z][A-Za-z0-9&'’.-]*\s+(?:(?:&|and)\s+)?){1,5}(?:Pvt\.?\s*Ltd\b\.?|Private\s+Limited\b|Ltd\b\.?|Limited\b|LLP\b|Inc\b\.?|Corp\b\.?|Corporation\b|Company\b|Co\.|Bank\b|Authority\b|Board\b|Municipal\s+Corporation\b|Trust\b|Society\b|Insurance\b|Enterprises\b|Industries\b|Technologies\b|Traders\b|Motors\b|Electronics\b|Builders\b|Developers\b)` +
	`)`)

// plainRE finds runs of two or three capitalised words, which are often a
// person's name ("Rajesh Kumar") but as often a heading or a term of art;
// stopWords filters the latter.
var plainRE = regexp.MustCompile(`\b` + capWord + `(?:[ \t]+` + capWord + `){1,2}\b`)

// Names begin a word with a capital letter; a person's, with a title.
var (
	personPattern = newPattern(personRE, "MDSKJPA", func(s string, i int) bool {
		return wordStart(s, i) && hasPrefix(s[i:], personTitles)
	})
	orgPattern   = newPattern(orgRE, upperLetters, wordStart)
	plainPattern = newPattern(plainRE, upperLetters, wordStart)
)

// personTitles are the titles of personRE.
var personTitles = []string{"Mr", "Ms", "Miss", "Dr", "Shri", "Shree", "Sri", "Smt", "Kumari", "Justice", "Prof", "Adv"}

const upperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

// stopWords are capitalised words that are not part of a person's name.
var stopWords = setOf("the", "a", "an", "this", "that", "these", "those", "on", "in", "at", "by",
	"for", "from", "to", "with", "and", "or", "of", "as", "if", "but", "he", "she", "it", "they",
	"we", "i", "his", "her", "their", "our", "my", "your", "you", "there", "then", "thus", "hence",
	"however", "further", "furthermore", "moreover", "also", "after", "before", "when", "while",
	"since", "because", "although", "whereas", "therefore", "accordingly", "subsequently", "later",
	"despite", "no", "not", "yes", "all", "any", "each", "every", "both", "some", "such", "upon",
	"under", "dear", "sir", "madam", "sincerely", "regards", "yours", "faithfully", "truly",
	"side", "court", "high", "supreme", "district", "commission", "forum", "tribunal", "bench",
	"act", "section", "sections", "order", "rule", "rules", "article", "articles", "schedule",
	"chapter", "clause", "code", "constitution", "law", "laws", "state", "states", "national",
	"central", "union", "government", "ministry", "department", "police", "station", "officer",
	"plaintiff", "defendant", "complainant", "respondent", "petitioner", "appellant", "accused",
	"prosecution", "defence", "defense", "opposite", "party", "parties", "applicant", "judge",
	"magistrate", "honourable", "hon'ble", "learned", "counsel", "advocate", "notice", "legal",
	"agreement", "contract", "lease", "deed", "invoice", "receipt", "cheque", "bill", "account",
	"bank", "limited", "ltd", "company", "private", "public", "consumer", "protection", "indian",
	"penal", "civil", "criminal", "procedure", "evidence", "information", "technology", "negotiable",
	"instruments", "specific", "relief", "transfer", "property", "income", "tax", "goods", "services",
	"sale", "rent", "payment", "amount", "total", "date", "dated", "subject", "reference", "ref",
	"exhibit", "annexure", "page", "paragraph", "para", "item", "details", "summary", "statement",
	"affidavit", "complaint", "petition", "appeal", "application", "reply", "written", "final",
	"tentative", "verdict", "judgment", "decree", "road", "street", "lane", "nagar", "colony",
	"sector", "block", "floor", "building", "tower", "apartment", "flat", "house", "plot", "marg",
	"phase", "city", "village", "town", "post", "office", "email", "phone", "mobile", "whatsapp",
	"warranty", "service", "centre", "center", "customer", "care", "manager", "director", "owner",
	"landlord", "tenant", "employer", "employee", "workman", "husband", "wife", "father", "mother",
	"son", "daughter", "brother", "sister", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "rs", "inr", "usd", "gbp", "eur", "rupees", "lakh", "crore",
	"mr", "mrs", "ms", "miss", "dr", "shri", "shree", "sri", "smt", "kumari", "justice", "prof",
	"adv", "ignore", "system", "assistant", "user", "please", "kindly", "note", "see", "refer",
	"english", "hindi", "god", "apple", "samsung", "google", "amazon", "flipkart", "iphone", "galaxy",
	"north", "south", "east", "west", "new", "old", "great", "greater", "republic", "united",
	"kingdom", "america", "american", "british", "international", "world", "global")

// titles are dropped from a name's key, so "Mr. Rajesh Kumar" and
// "Rajesh Kumar" compare equal.
var titles = setOf("mr", "mrs", "ms", "miss", "dr", "shri", "shree", "sri", "smt", "kumari", "justice", "prof", "adv", "advocate", "m", "s", "messrs")

// leadingNoise is stripped from the front of an organisation's name.
var leadingNoise = setOf("the", "a", "an", "on", "in", "at", "by", "from", "to", "with", "and", "of", "m/s", "messrs", "against", "between", "vs", "v")

func findNames(text string) []Name {
	type found struct {
		pos  int
		name Name
	}
	var all []found
	var taken, persons []span
	for _, m := range findAll(orgPattern, text) {
		s, start := trimLeadingNoise(afterSentenceEnd(text[m[0]:m[1]], m[0]))
		s = strings.TrimSpace(s)
		if len(strings.Fields(s)) < 2 {
			continue
		}
		taken = append(taken, span{start, m[1]})
		all = append(all, found{start, Name{Text: s, Kind: Organisation, Key: nameKey(s)}})
	}
	for _, m := range findAll(personPattern, text) {
		if overlaps(taken, m[0], m[1]) {
			continue
		}
		name := trimTrailingStop(text[m[2]:m[3]])
		if name == "" {
			continue
		}
		end := m[2] + len(name)
		persons = append(persons, span{m[0], end})
		all = append(all, found{m[0], Name{Text: strings.TrimSpace(text[m[0]:end]), Kind: Person, Key: nameKey(name)}})
	}
	taken = append(taken, persons...)
	sort.Slice(taken, func(i, j int) bool { return taken[i].start < taken[j].start })
	for _, m := range findAll(plainPattern, text) {
		if overlaps(taken, m[0], m[1]) {
			continue
		}
		s := text[m[0]:m[1]]
		if !plausiblePerson(s) {
			continue
		}
		all = append(all, found{m[0], Name{Text: s, Kind: Person, Key: nameKey(s)}})
	}
	// Each pass returns its names in text order; callers expect one order.
	sort.SliceStable(all, func(i, j int) bool { return all[i].pos < all[j].pos })
	var out []Name
	for _, f := range all {
		if f.name.Key != "" {
			out = appendName(out, f.name)
		}
	}
	return out
}

// afterSentenceEnd drops what precedes the last full stop that ends a
// sentence inside s ("Monday. The Municipal Corporation …"), since the
// capitalised words before it belong to another sentence.
func afterSentenceEnd(s string, start int) (string, int) {
	for i := len(s) - 2; i > 0; i-- {
		if s[i] != '.' || s[i+1] != ' ' && s[i+1] != '\n' {
			continue
		}
		j := i
		for j > 0 && s[j-1] != ' ' && s[j-1] != '\n' {
			j--
		}
		if i-j > 1 && !abbrevDot(s, i) {
			return s[i+1:], start + i + 1
		}
	}
	return s, start
}

func trimLeadingNoise(s string, start int) (string, int) {
	for {
		f := strings.Fields(s)
		if len(f) == 0 || !leadingNoise[strings.ToLower(strings.TrimSuffix(f[0], "."))] {
			return s, start
		}
		i := strings.Index(s, f[0]) + len(f[0])
		start += i
		s = s[i:]
		trimmed := strings.TrimLeft(s, " \t\r\n")
		start += len(s) - len(trimmed)
		s = trimmed
	}
}

func trimTrailingStop(s string) string {
	f := strings.Fields(s)
	for len(f) > 0 && stopWords[strings.ToLower(f[len(f)-1])] {
		f = f[:len(f)-1]
	}
	if len(f) == 0 {
		return ""
	}
	last := f[len(f)-1]
	return s[:strings.LastIndex(s, last)+len(last)]
}

func plausiblePerson(s string) bool {
	for _, w := range strings.Fields(s) {
		lw := strings.ToLower(w)
		if stopWords[lw] || len(lw) < 2 || isLocation(w) {
			return false
		}
		// "ABC" or "HDFC" is an acronym, not a name.
		if strings.ToUpper(w) == w {
			return false
		}
	}
	return !isLocation(s)
}

// nameKey is the comparable form of a name: lower-case words without
// titles or punctuation.
func nameKey(s string) string {
	var keep []string
	for _, w := range Words(s) {
		if titles[w] {
			continue
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, " ")
}
