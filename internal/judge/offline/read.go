package offline

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
	"github.com/aijudge/aijudge/internal/judge/inject"
	"github.com/aijudge/aijudge/internal/law"
)

// Evidence statuses, as the reasoning names them.
const (
	corroborated   = "corroborated"
	partly         = "partly corroborated"
	uncorroborated = "uncorroborated"
	contradicted   = "contradicted"
)

// Weights of an evidence point. A point the documents bear out counts
// three times a bare assertion; one they contradict counts for little,
// because the documents are the better record.
const (
	weightBare         = 0.5
	weightTerms        = 1.0
	weightFacts        = 1.5
	weightFactsMax     = 2.0
	weightContradicted = 0.25
	bonusAdmission     = 0.25 // the opponent's own documents bear it out
)

// margin beyond which one side is ahead; below it the engine says that
// there is no clear winner.
const clearMargin = 0.08

type evidence struct {
	text      string
	status    string
	support   []string // document values that bear the point out
	against   []factcheck.Claim
	weight    float64
	admission bool
}

type side struct {
	id       court.SideID
	role     string
	claims   factcheck.Details // summary and evidence
	docs     factcheck.Details
	docTerms map[string]bool
	text     string // summary and evidence, instructions removed
	nDocs    int    // documents with text
	evidence []evidence
	summary  []factcheck.Claim // facts of the summary checked against all documents
	strength float64
}

type reading struct {
	c          *court.Case
	a, b       *side
	allDocs    factcheck.Details
	docTerms   map[string]bool
	agree      []string
	conflict   []string
	flags      []court.Flag
	legalBasis []string
}

func (r *reading) side(id court.SideID) *side {
	if id == court.SideB {
		return r.b
	}
	return r.a
}

func (r *reading) other(id court.SideID) *side {
	if id == court.SideB {
		return r.a
	}
	return r.b
}

// read analyses everything the parties filed. Argument texts are not part
// of it; they are weighed one by one on top.
func read(c *court.Case) *reading {
	r := &reading{c: c, docTerms: map[string]bool{}}
	ra, rb := roles(c.Type)
	r.a = readSide(c, court.SideA, ra, &r.flags)
	r.b = readSide(c, court.SideB, rb, &r.flags)
	r.allDocs = r.a.docs
	r.allDocs.Merge(r.b.docs)
	for _, s := range []*side{r.a, r.b} {
		for t := range s.docTerms {
			r.docTerms[t] = true
		}
	}
	for _, s := range []*side{r.a, r.b} {
		r.weigh(s)
	}
	r.compare()
	r.legalBasis = chooseProvisions(c, r.a.text+" "+r.b.text)
	return r
}

func readSide(c *court.Case, id court.SideID, role string, flags *[]court.Flag) *side {
	f := c.Side(id)
	s := &side{id: id, role: role, docTerms: map[string]bool{}}
	label := id.Label()
	*flags = append(*flags, inject.Scan(label+" summary", f.Summary)...)
	parts := []string{inject.Redact(f.Summary)}
	s.claims = factcheck.ExtractDetails(parts[0])
	for i, e := range f.Evidence {
		*flags = append(*flags, inject.Scan(fmt.Sprintf("%s evidence %d", label, i+1), e)...)
		clean := inject.Redact(e)
		parts = append(parts, clean)
		s.claims.Merge(factcheck.ExtractDetails(clean))
		s.evidence = append(s.evidence, evidence{text: clean})
	}
	s.text = strings.Join(parts, "\n")
	for _, d := range f.Documents {
		if strings.TrimSpace(d.Text) == "" {
			continue
		}
		*flags = append(*flags, inject.Scan(label+" document "+d.Name, d.Text)...)
		clean := inject.Redact(d.Text)
		s.nDocs++
		s.docs.Merge(factcheck.ExtractDetails(clean))
		for _, t := range terms(clean) {
			s.docTerms[t] = true
		}
	}
	return s
}

// weigh marks each evidence point of s by what the documents of both sides
// say about it, and totals the side's strength.
func (r *reading) weigh(s *side) {
	opp := r.other(s.id)
	s.strength = 0
	for i := range s.evidence {
		e := &s.evidence[i]
		facts := factcheck.ExtractDetails(e.text)
		claims := factcheck.Check(facts, r.allDocs)
		var sup float64
		var con int
		for _, cl := range claims {
			switch cl.Status {
			case factcheck.Supported:
				e.support = append(e.support, cl.DocumentValue)
				if cl.Type == "name" {
					sup += 0.5 // a name alone shows who, not what happened
				} else {
					sup++
				}
			case factcheck.Contradicted:
				e.against = append(e.against, cl)
				con++
			}
		}
		ts := terms(e.text)
		shared := 0
		for _, t := range ts {
			if r.docTerms[t] {
				shared++
			}
		}
		switch {
		case float64(con) > sup:
			e.status, e.weight = contradicted, weightContradicted
		case sup >= 1:
			e.status = corroborated
			e.weight = min(weightFactsMax, weightFacts+0.25*(sup-1)) - 0.25*float64(con)
		case len(ts) >= 3 && 2*shared >= len(ts):
			e.status, e.weight = partly, weightTerms
		case sup > 0:
			e.status, e.weight = partly, weightTerms
		default:
			e.status, e.weight = uncorroborated, weightBare
		}
		if e.status == corroborated || e.status == partly {
			for _, cl := range factcheck.Check(facts, opp.docs) {
				if cl.Status == factcheck.Supported && cl.Type != "name" {
					e.admission = true
					e.weight += bonusAdmission
					break
				}
			}
		}
		s.strength += e.weight
	}
	s.summary = factcheck.Check(factcheck.ExtractDetails(strings.SplitN(s.text, "\n", 2)[0]), r.allDocs)
	var sum float64
	for _, cl := range s.summary {
		switch cl.Status {
		case factcheck.Supported:
			sum += 0.25
		case factcheck.Contradicted:
			sum -= 0.25
		}
	}
	s.strength += max(-1, min(1, sum))
	s.strength += 0.125 * float64(min(s.nDocs, 4))
	s.strength = max(0, s.strength)
}

// compare finds the dates, sums and names both sides mention, and where
// they tell different stories about the same thing.
func (r *reading) compare() {
	a, b := r.a.claims, r.b.claims
	a.Merge(r.a.docs)
	b.Merge(r.b.docs)
	const most = 5
	for _, x := range a.Amounts {
		var same, diff *factcheck.Amount
		for i := range b.Amounts {
			y := &b.Amounts[i]
			if factcheck.SameAmount(x, *y) {
				same = y
				break
			}
			if diff == nil && sharedTopic(x.Topics, y.Topics) != "" && x.Currency == y.Currency {
				diff = y
			}
		}
		switch {
		case same != nil:
			r.agree = appendCap(r.agree, fmt.Sprintf("both sides refer to the sum of %s%s", x.Format(), topicNote(x.Topics, same.Topics)), most)
		case diff != nil:
			r.conflict = appendCap(r.conflict, fmt.Sprintf("the sum for the %s: %s puts it at %s, %s at %s",
				sharedTopic(x.Topics, diff.Topics), court.SideA.Label(), x.Format(), court.SideB.Label(), diff.Format()), most)
		}
	}
	for _, x := range a.Dates {
		var same, diff *factcheck.Date
		for i := range b.Dates {
			y := &b.Dates[i]
			if x.Value == y.Value {
				same = y
				break
			}
			if diff == nil && x.Precise() && y.Precise() && sharedTopic(x.Topics, y.Topics) != "" {
				diff = y
			}
		}
		switch {
		case same != nil:
			r.agree = appendCap(r.agree, fmt.Sprintf("both sides refer to %s%s", x.Format(), topicNote(x.Topics, same.Topics)), most)
		case diff != nil && !hasDate(a.Dates, diff.Value):
			r.conflict = appendCap(r.conflict, fmt.Sprintf("the date of the %s: %s gives %s, %s gives %s",
				sharedTopic(x.Topics, diff.Topics), court.SideA.Label(), x.Format(), court.SideB.Label(), diff.Format()), most)
		}
	}
	var names []string
	for _, x := range a.Names {
		for _, y := range b.Names {
			if factcheck.SameName(x, y) {
				names = append(names, strings.TrimSuffix(x.Text, "."))
				break
			}
		}
	}
	if len(names) > 0 {
		r.agree = appendCap(r.agree, "both sides name "+list(names, 4), most+1)
	}
	for _, p := range polarities {
		sa, sb := p.stance(r.a.text), p.stance(r.b.text)
		if sa != 0 && sb != 0 && sa != sb {
			say := func(st int) string {
				if st > 0 {
					return p.yes
				}
				return p.no
			}
			r.conflict = appendCap(r.conflict, fmt.Sprintf("%s: %s says %s; %s says %s",
				p.topic, court.SideA.Label(), say(sa), court.SideB.Label(), say(sb)), most+2)
		}
	}
}

func hasDate(ds []factcheck.Date, v string) bool {
	for _, d := range ds {
		if d.Value == v {
			return true
		}
	}
	return false
}

func sharedTopic(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

func topicNote(a, b []string) string {
	if t := sharedTopic(a, b); t != "" {
		return " (the " + t + ")"
	}
	return ""
}

func appendCap(list []string, s string, n int) []string {
	if len(list) >= n {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// polarity is an event one side may assert and the other deny: the
// commonest shape of a dispute of fact.
type polarity struct {
	topic   string
	yes, no string
	pos     *regexp.Regexp
	neg     *regexp.Regexp
}

// stance is +1 when text asserts the event, -1 when it denies it, 0 when
// it does neither or both.
func (p polarity) stance(text string) int {
	negs := p.neg.FindAllStringIndex(text, -1)
	pos := 0
	for _, m := range p.pos.FindAllStringIndex(text, -1) {
		inside := false
		for _, n := range negs {
			if m[0] >= n[0] && m[1] <= n[1] {
				inside = true
				break
			}
		}
		if !inside {
			pos++
		}
	}
	switch {
	case pos > 0 && len(negs) == 0:
		return 1
	case len(negs) > 0 && pos == 0:
		return -1
	}
	return 0
}

var polarities = []polarity{
	{"payment", "the payment was made", "it was not made",
		regexp.MustCompile(`(?i)\b(?:paid|repaid|made\s+(?:the\s+|full\s+)?payment|payment\s+was\s+made|cleared\s+the\s+dues)\b`),
		regexp.MustCompile(`(?i)\b(?:not|never|no)\s+(?:been\s+|yet\s+)?(?:paid|repaid|payment)\b|\b(?:did\s+not|didn't|failed\s+to|refused\s+to)\s+(?:pay|repay|make\s+(?:the\s+)?payment)\b|\bunpaid\b|\bnon-?payment\b|\bdefault(?:ed)?\s+(?:in|on)\b`)},
	{"delivery", "the goods were delivered", "they were not delivered",
		regexp.MustCompile(`(?i)\b(?:delivered|delivery\s+was\s+made)\b`),
		regexp.MustCompile(`(?i)\b(?:not|never)\s+(?:been\s+)?delivered\b|\bnon-?delivery\b|\b(?:did\s+not|didn't|failed\s+to)\s+deliver\b`)},
	{"a defect", "the product is defective", "it has no defect",
		regexp.MustCompile(`(?i)\b(?:defect(?:s|ive)?|malfunction(?:ed|ing|s)?|stopped\s+working|not\s+working)\b`),
		regexp.MustCompile(`(?i)\bno\s+(?:manufacturing\s+)?defects?\b|\bnot\s+defective\b|\b(?:is|was)\s+working\s+(?:properly|fine|normally)\b|\bfree\s+(?:from|of)\s+(?:any\s+)?defects?\b`)},
	{"the refund", "a refund was made", "none was made",
		regexp.MustCompile(`(?i)\b(?:refunded|refund\s+was\s+(?:made|paid|processed|issued))\b`),
		regexp.MustCompile(`(?i)\b(?:not|never)\s+(?:been\s+)?refunded\b|\brefused\s+(?:to\s+|a\s+)?refund\b|\bno\s+refund\b|\b(?:did\s+not|didn't|failed\s+to)\s+refund\b`)},
	{"the notice", "notice was served", "no notice was received",
		regexp.MustCompile(`(?i)\bnotice\s+was\s+(?:duly\s+)?(?:served|sent|issued|received|delivered)\b|\b(?:served|sent|issued|received)\s+(?:a|the)\s+(?:legal\s+|demand\s+)?notice\b`),
		regexp.MustCompile(`(?i)\bno\s+(?:legal\s+|demand\s+)?notice\b|\bnotice\s+was\s+(?:not|never)\s+(?:served|received|delivered)\b|\b(?:did\s+not|didn't|never)\s+receive\s+(?:any\s+|the\s+|a\s+)?(?:legal\s+|demand\s+)?notice\b`)},
	{"the signature", "the document was signed", "the signature is denied or forged",
		regexp.MustCompile(`(?i)\b(?:duly\s+)?(?:signed|executed)\b`),
		regexp.MustCompile(`(?i)\b(?:forged|fabricated|not\s+signed|never\s+signed|did\s+not\s+sign|didn't\s+sign)\b`)},
}

// chooseProvisions takes the legal basis from the table, preferring the
// provisions whose subject the parties' own words touch (a cheque case
// cites s. 138 before theft).
func chooseProvisions(c *court.Case, text string) []string {
	ps := law.Provisions(c.Jurisdiction, c.Type)
	have := map[string]bool{}
	for _, t := range terms(text) {
		have[t] = true
	}
	score := make([]int, len(ps))
	for i, p := range ps {
		for _, t := range terms(p.Title) {
			if have[t] {
				score[i]++
			}
		}
	}
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return score[idx[i]] > score[idx[j]] })
	n := min(len(ps), 4)
	out := make([]string, 0, n)
	for _, i := range idx[:n] {
		out = append(out, ps[i].String())
	}
	return out
}

// roles are the names a court of the case type gives the two sides.
func roles(t court.CaseType) (a, b string) {
	switch t {
	case court.Criminal:
		return "the prosecution", "the accused"
	case court.Consumer:
		return "the complainant", "the opposite party"
	case court.Constitutional, court.Family, court.Labour, court.Tax:
		return "the petitioner", "the respondent"
	}
	return "the plaintiff", "the defendant"
}
