package offline

import (
	"regexp"
	"slices"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// dispute is the kind of case a template exists for.
type dispute string

// The disputes the engine recognises.
const (
	chequeDishonour dispute = "cheque dishonour"
	consumerDefect  dispute = "consumer defect or deficiency"
	depositTenancy  dispute = "deposit and tenancy"
	moneyContract   dispute = "recovery of money and breach of contract"
	buyerDelivery   dispute = "a buyer's claim for late or failed delivery"
	dataBreach      dispute = "data breach and privacy"
	dismissalWages  dispute = "dismissal and wages"
	matrimonial     dispute = "matrimonial and maintenance"
	possession      dispute = "property possession"
	goodsUK         dispute = "consumer goods and services (Consumer Rights Act 2015)"
	goodsUS         dispute = "breach of warranty in a sale of goods"
	general         dispute = "general"
)

// signs are the words that mark each dispute in what the parties filed,
// and the case types that suggest it.
//
// Every match of a sign begins, at a word boundary, with one of its
// anchors, so recognition looks for the anchors first and tries the
// expression only where one begins: a long record is read in one pass
// of plain string search instead of one pass of each expression.
var signs = []sign{
	{chequeDishonour, []court.CaseType{court.Criminal, court.Contract, court.Civil, court.Commercial},
		[]string{"cheque", "check", "section 138", "s.", "negotiable instruments act"},
		regexp.MustCompile(`\b(?:cheque|check)s?\b[^;\n]{0,120}\b(?:dishono(?:u)?red|bounced?|returned unpaid|funds insufficient|insufficient funds|return memo)|\bsection 138\b|\bs\.\s?138\b|\bnegotiable instruments act\b`)},
	{dataBreach, []court.CaseType{court.Cyber, court.Tort},
		[]string{"data breach", "personal data", "leak", "privacy", "hack", "unauthori", "data protection"},
		regexp.MustCompile(`\bdata breach\b|\bpersonal data\b|\bleak(?:ed)?\b|\bprivacy\b|\bhack(?:ed|ing)?\b|\bunauthori[sz]ed access\b|\bdata protection\b`)},
	{dismissalWages, []court.CaseType{court.Labour},
		[]string{"dismiss", "unfair", "terminat", "wages", "salary", "employer", "employed"},
		regexp.MustCompile(`\bdismiss(?:al|ed)\b[^.]{0,40}\b(?:employ|job|work|post)|\bemployed\b[^.]{0,120}\b(?:dismissed|terminated)\b|\bunfair(?:ly)? dismiss|\bterminat(?:ed|ion) (?:of (?:my |his |her |the )?)?(?:employment|services)\b|\bwages\b|\bsalary\b|\bemployer\b`)},
	{matrimonial, []court.CaseType{court.Family},
		[]string{"maintenance", "divorce", "alimony", "marriage", "husband", "wife", "custody"},
		regexp.MustCompile(`\bmaintenance\b|\bdivorce\b|\balimony\b|\bmarriage\b|\bhusband\b|\bwife\b|\bcustody\b`)},
	{depositTenancy, []court.CaseType{court.Property, court.Civil, court.Contract, court.Consumer, court.Commercial},
		[]string{"security ", "rental ", "tenancy ", "bond ", "deposit", "tenan", "landlord", "lease", "rent", "vacat", "licen"},
		regexp.MustCompile(`\b(?:security |rental |tenancy |bond )?deposit\b(?:[^.]|\b(?:rs|no|mr|ms|mrs|dr)\.){0,80}\b(?:tenan|landlord|lease|rent|licen[cs]|flat|apartment|premises|vacat)|\b(?:tenan|landlord|lease|rent|licen[cs]|vacat)(?:[^.]|\b(?:rs|no|mr|ms|mrs|dr)\.){0,80}\bdeposit\b|\bleave and licen[cs]e\b|\blicen[cs](?:or|ee)\b`)},
	{possession, []court.CaseType{court.Property, court.Tort},
		[]string{"possession", "encroach", "trespass", "sale deed", "title", "evict"},
		regexp.MustCompile(`\bpossession\b|\bencroach|\btrespass|\bsale deed\b|\btitle\b|\bevict`)},
	{consumerDefect, []court.CaseType{court.Consumer},
		[]string{"defect", "deficiency", "warranty", "not fit", "faulty", "stopped working", "refund"},
		regexp.MustCompile(`\bdefect(?:ive|s)?\b|\bdeficiency\b|\bwarranty\b|\bnot fit\b|\bfaulty\b|\bstopped working\b|\brefund\b`)},
	// Before the claim for money, which wins a tie: a buyer who paid and
	// sues for a delivery that came late or never is not a seller
	// suing for the price.
	{buyerDelivery, []court.CaseType{court.Contract, court.Commercial, court.Civil},
		[]string{"deliver", "to be delivered", "late", "delay", "never", "no goods", "non-delivery", "not ", "failed", "did not", "substitute", "buy", "bought", "purchase"},
		regexp.MustCompile(`\b(?:to be delivered|delivery) by\b|\bdeliver(?:y|ed)? (?:was |came |arrived )?(?:\w+ )?(?:late|after the (?:agreed|fixed|due) date)\b|\blate deliver|\bdelay(?:ed)? (?:in )?deliver|\bdelay was\b|\bnever (?:delivered|supplied|came|arrived)\b|\bno goods\b|\bnon-?delivery\b|\bnot (?:been )?delivered\b|\bfailed to (?:deliver|supply)\b|\bdid not (?:deliver|supply)\b|\bsubstitute (?:purchase|goods)\b|\b(?:buy|bought|purchase[ds]?) [^.;]{0,40}\belsewhere\b`)},
	{moneyContract, []court.CaseType{court.Contract, court.Civil, court.Commercial},
		[]string{"loan", "lent", "invoice", "unpaid", "breach", "in breach", "agreement", "contract", "dues", "recover"},
		regexp.MustCompile(`\bloan\b|\blent\b|\binvoice\b|\bunpaid\b|\bbreach(?:es|ed)? (?:of )?(?:the |this |its |their |his |her |our )?(?:contract|agreement|terms|warranty)\b|\bin breach\b|\bagreement\b|\bcontract\b|\bdues\b|\brecover`)},
}

// sign is what marks one dispute: the case types that suggest it, the
// words a match of re begins with, and re.
type sign struct {
	d       dispute
	types   []court.CaseType
	anchors []string
	re      *regexp.Regexp
}

// anchored is each sign's expression anchored at the start of the text.
var anchored = func() map[dispute]*regexp.Regexp {
	m := map[dispute]*regexp.Regexp{}
	for _, s := range signs {
		m[s.d] = regexp.MustCompile(`^(?:` + s.re.String() + `)`)
	}
	return m
}()

// signWindow bounds the text a match of a sign can span from its anchor;
// the longest any sign can match is under 200 bytes.
const signWindow = 512

// count is the number of non-overlapping matches of the sign in text, up
// to limit: what s.re.FindAllStringIndex(text, limit) would count, found
// by trying the anchored expression only where an anchor begins a word.
func (s *sign) count(text string, limit int) int {
	var at []int
	for _, a := range s.anchors {
		for off := 0; ; {
			i := strings.Index(text[off:], a)
			if i < 0 {
				break
			}
			i += off
			if i == 0 || !isWordByte(text[i-1]) {
				at = append(at, i)
			}
			off = i + 1
		}
	}
	slices.Sort(at)
	n, end := 0, 0
	for k, i := range at {
		if i < end || k > 0 && at[k-1] == i {
			continue
		}
		loc := anchored[s.d].FindStringIndex(text[i:min(len(text), i+signWindow)])
		if loc == nil {
			continue
		}
		n++
		if n == limit {
			break
		}
		end = i + max(loc[1], 1)
	}
	return n
}

// isWordByte is what \b counts as a word character.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// recognise names the dispute: the words of the filings decide, and the
// case type breaks ties and counts as much as two mentions. A s. 138
// complaint exists only in India; a dishonoured cheque elsewhere is a
// claim for the money.
func recognise(c *court.Case, text string) dispute {
	best, score := general, 0
	for _, s := range signs {
		n := s.count(text, 8)
		if n == 0 {
			continue
		}
		for _, t := range s.types {
			if t == c.Type {
				n += 2
				if t == s.types[0] {
					n++
				}
				break
			}
		}
		if s.d == chequeDishonour && c.Jurisdiction != court.India {
			s.d = moneyContract
		}
		if n > score {
			best, score = s.d, n
		}
	}
	if best == general {
		switch c.Type {
		case court.Consumer:
			return localGoods(c.Jurisdiction)
		case court.Labour:
			return dismissalWages
		case court.Family:
			return matrimonial
		case court.Contract, court.Commercial:
			return moneyContract
		case court.Cyber:
			return dataBreach
		}
	}
	if best == consumerDefect {
		return localGoods(c.Jurisdiction)
	}
	return best
}

// localGoods is the consumer dispute as the forum's own law frames it:
// in Great Britain goods of satisfactory quality and the short-term right
// to reject; in the United States the implied warranty of
// merchantability.
func localGoods(j court.Jurisdiction) dispute {
	switch j {
	case court.UK:
		return goodsUK
	case court.USA:
		return goodsUS
	}
	return consumerDefect
}

// roles are the names the forum gives the parties.
func roles(d dispute, c *court.Case) court.Roles {
	j := c.Jurisdiction
	switch d {
	case chequeDishonour:
		return court.Roles{A: "complainant", B: "accused"}
	case consumerDefect, goodsUK, goodsUS:
		switch j {
		case court.India:
			return court.Roles{A: "complainant", B: "opposite party"}
		case court.Australia:
			return court.Roles{A: "applicant", B: "respondent"}
		case court.International:
			return court.Roles{A: "claimant", B: "respondent"}
		case court.UK:
			return court.Roles{A: "claimant", B: "defendant"}
		}
	case dismissalWages:
		switch j {
		case court.UK:
			return court.Roles{A: "claimant", B: "respondent"}
		case court.Australia:
			return court.Roles{A: "applicant", B: "respondent"}
		case court.Canada:
			return court.Roles{A: "complainant", B: "employer"}
		case court.India:
			return court.Roles{A: "workman", B: "management"}
		case court.International:
			return court.Roles{A: "claimant", B: "respondent"}
		}
	case matrimonial:
		if j == court.UK || j == court.Australia {
			return court.Roles{A: "applicant", B: "respondent"}
		}
		return court.Roles{A: "petitioner", B: "respondent"}
	case dataBreach:
		if j == court.India {
			return court.Roles{A: "complainant", B: "respondent"}
		}
	}
	if c.Type == court.Criminal {
		if j == court.India {
			return court.Roles{A: "prosecution", B: "accused"}
		}
		return court.Roles{A: "prosecution", B: "defendant"}
	}
	if c.Type == court.Constitutional || c.Type == court.Tax {
		return court.Roles{A: "petitioner", B: "respondent"}
	}
	switch j {
	case court.UK:
		return court.Roles{A: "claimant", B: "defendant"}
	case court.International:
		return court.Roles{A: "claimant", B: "respondent"}
	}
	return court.Roles{A: "plaintiff", B: "defendant"}
}

// currency is the ISO code of the case's money.
func currency(j court.Jurisdiction, text string) string {
	switch j {
	case court.India:
		return "INR"
	case court.UK:
		return "GBP"
	case court.USA:
		return "USD"
	case court.Canada:
		return "CAD"
	case court.Australia:
		return "AUD"
	}
	switch {
	case strings.Contains(text, "€") || strings.Contains(text, "eur"):
		return "EUR"
	case strings.Contains(text, "£"):
		return "GBP"
	case strings.Contains(text, "rs.") || strings.Contains(text, "₹"):
		return "INR"
	}
	return "USD"
}
