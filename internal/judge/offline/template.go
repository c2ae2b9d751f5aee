package offline

import (
	"regexp"

	"github.com/aijudge/aijudge/internal/court"
)

// Standards of proof, as the issues state them.
const (
	stdCivil     = "the balance of probabilities (a preponderance of the evidence)"
	stdCriminal  = "beyond reasonable doubt, the burden resting on the complainant throughout, subject to the statutory presumptions"
	stdRebuttal  = "a statutory presumption (ss. 118(a) and 139), which the accused may rebut on a preponderance of probabilities, by his own evidence or from the complainant's material"
	stdDates     = "a question of law on the dates, counted from the documents"
	stdNeutral   = "a neutral burden: the tribunal decides on the whole of the evidence whether the employer acted reasonably"
	stdDefendant = "the balance of probabilities, the burden resting on the side that raises the defence"
)

// fact is one thing an issue turns on, and the words that state it.
type fact struct {
	what string         // the fact in words, as a finding states it
	cue  *regexp.Regexp // a sentence that asserts it (lower-case)
	deny *regexp.Regexp // a sentence that denies it; a negated cue denies it too
	// negative marks a failure to pay: asserted, it stands unless payment
	// is proved, since the burden of proving payment is on the payer.
	negative bool
	// negativeWhy, for a negative fact other than a failure to pay, says
	// why it stands once asserted, and negativeApp how the issue then
	// applies it ({B} is the side that would have to prove the contrary).
	negativeWhy, negativeApp string
	// late marks a failure to deliver on time, decided by the calendar
	// when the day fixed and the day of delivery are both on the record
	// (delivery.go), and otherwise from the words of the filings.
	late bool
	// avoidedBy is the other side's plea that excuses the fact (a strike
	// that kept it from delivering): confession and avoidance, so the plea
	// admits the fact it answers.
	avoidedBy *regexp.Regexp
	// answeredBy, for a negative fact, is the other side's plea of the
	// contrary (a payment it says it made): the fact is then disputed, and
	// still stands unless that plea is proved.
	answeredBy *regexp.Regexp
}

// issueKind says how an issue is decided.
type issueKind int

const (
	onFacts      issueKind = iota // every fact must be proved or admitted
	onDefence                     // a defence: the other side's burden
	onNotice                      // s. 138 provisos (b) and (c), by date arithmetic
	onDebt                        // s. 139 presumption and its rebuttal
	onLimitation                  // a limitation period counted from the event
)

// issueTemplate is one point for determination of a dispute.
type issueTemplate struct {
	key      string
	question string // {A} and {B} are replaced by the parties' roles
	burden   court.SideID
	standard string
	rule     string
	// ruleIn adds to rule what one forum's own law says of the point.
	ruleIn map[court.Jurisdiction]string
	refs   map[court.Jurisdiction][]ref
	facts  []fact
	kind   issueKind
	// only frames the issue when the filings raise it (discrimination,
	// a divorce ground); nil frames it always.
	only *regexp.Regexp
	// limitation: the period and the event it runs from (a fact index of
	// another issue, by key).
	period limitation
	// alt is the law the issue rests on instead when the filings show
	// another kind of relation (a licence rather than a lease).
	alt *altLaw
	// quantum marks an issue that measures the sum due: stated but not
	// measured by any document, it leaves the sum to be assessed on proof
	// (quantumRule says why) instead of defeating the claim.
	quantum     bool
	quantumRule string
}

// altLaw is a rule and its provisions that replace an issue's own when
// the filings match when.
type altLaw struct {
	when *regexp.Regexp
	rule string
	refs map[court.Jurisdiction][]ref
}

// limitation is a period of limitation of one jurisdiction.
type limitation struct {
	from   string // the key of the issue whose first dated fact starts it
	months map[court.Jurisdiction]int
	days   map[court.Jurisdiction]int
	less1  map[court.Jurisdiction]bool // "beginning with": the period ends the day before
}

// reliefTemplate says what a successful claim usually yields.
type reliefTemplate struct {
	kind   court.ReliefKind
	what   string // description; {amount} is replaced by the sum
	amount string // the topic of the sum ("cheque", "price", "deposit", "claim", "balance")
	// refunded marks an order that goes with the refund of a price paid
	// for goods never delivered, and only with it.
	refunded bool
}

// template is a dispute's issues, defences and usual relief.
type template struct {
	d        dispute
	criminal bool
	issues   []issueTemplate
	relief   []reliefTemplate
	// eventTopics say which dated fact fixes the date of the events.
	factsFrom string
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func all(refs ...ref) map[court.Jurisdiction][]ref {
	return map[court.Jurisdiction][]ref{court.India: refs}
}

// Cues shared by several templates.
var (
	cuePaid = re(`\b(?:paid|transferred|deposited|remitted|advanced|lent)\b`)
	// cuePaymentPlea is a side's plea that it paid, in answer to a claim
	// that it did not.
	cuePaymentPlea = re(`\brepaid\b|\bpaid\b[^.;]{0,50}\bin full\b|\bin full payment\b|\bfull payment\b|\bpaid (?:it|the (?:invoice|price|bill|loan|sum))\b|\balready paid\b|\bsettled\b|\bset[- ]off\b`)
	// cueExcuse is a plea that a failure to perform was excused.
	cueExcuse  = re(`\bforce majeure\b|\bimpediment\b|\bbeyond (?:its|our|his|her|their) control\b|\bagreed (?:to )?(?:the |a )?(?:delay|extension|new date|later date)\b|\bextension of time\b|\bcaused by the (?:buyer|claimant|plaintiff)\b`)
	cueNotPaid = re(`\b(?:not (?:been )?(?:paid|repaid|refunded|returned)|no payment|failed to (?:pay|repay|refund|return)|did not (?:pay|repay|refund|return)|has not (?:paid|repaid|refunded|returned)|refused to (?:pay|repay|refund|return)|unpaid|outstanding|withh[oe]ld(?:ing)?|still owes?|remains? due)\b`)
	// cueDismissed frames the issues of a dismissal; a claim for wages
	// alone is tried without them.
	cueDismissed = re(`\bdismiss|\bterminat|\bsacked\b|\bfired\b|\blet go\b|\bretrench|\bredundan`)
	cueDelivery  = re(`\b(?:deliver(?:ed|y)|supplied|dispatched|installed|completed the work|handed over)\b`)
)

var templates = map[dispute]*template{
	chequeDishonour: {
		d: chequeDishonour, criminal: true, factsFrom: "notice",
		issues: []issueTemplate{
			{key: "cheque", burden: court.SideA, standard: stdCriminal,
				question: "Did the {B} draw the cheque on an account maintained by him, and was it returned unpaid by the bank because the funds were insufficient?",
				rule:     "Section 138 makes it an offence when a cheque drawn on an account the drawer maintains, for the discharge of a debt or other liability, is returned unpaid because the money standing to the credit of the account is insufficient or exceeds the arrangement, provided the cheque was presented within its validity, the statutory notice was given and payment was not made in time.",
				refs:     all(ref{actNIA, "s. 138"}),
				facts: []fact{
					{what: "the {B} drew the cheque", cue: re(`\bcheque\b[^.;]{0,80}\b(?:drawn|issued|signed|gave|given|handed|issue)\b|\b(?:drawn|issued|signed|gave|given|handed)\b[^.;]{0,60}\bcheque\b|\bdrawer\b|\bdrawn by\b`), deny: re(`\bforged\b|\bnot (?:my|his) signature\b|\bnever (?:signed|issued)\b`)},
					{what: "the bank returned the cheque unpaid for insufficiency of funds", cue: re(`\bdishono(?:u)?red\b|\breturned unpaid\b|\bfunds insufficient\b|\binsufficien(?:t|cy of) funds\b|\bexceeds arrangement\b|\bbounced\b|\breturn memo\b`)},
				}},
			{key: "notice", burden: court.SideA, standard: stdDates, kind: onNotice,
				question: "Was the demand notice given within 30 days of the information of dishonour, and did the {B} fail to pay within 15 days of receiving it?",
				rule:     "Under provisos (b) and (c) to s. 138 the payee must demand the amount by a notice in writing within 30 days of receiving information from the bank that the cheque was returned unpaid, and the offence is complete only when the drawer fails to pay within 15 days of receiving that notice. A notice sent by post to the drawer's correct address is deemed served unless the drawer shows otherwise (s. 27 of the General Clauses Act, 1897); a drawer who says he never received it may still pay within 15 days of receiving the court's summons, and one who does not cannot rely on non-receipt (C.C. Alavi Haji v. Palapetty Muhammed, (2007) 6 SCC 555).",
				refs:     all(ref{actNIA, "s. 138"}),
				facts: []fact{
					{what: "the demand notice was sent", cue: re(`\b(?:legal |demand |statutory )?notice\b`)},
					{what: "the {B} did not pay within 15 days of the notice", cue: re(`\bno payment\b|\bnot (?:been )?paid\b|\bfailed to pay\b|\bdid not pay\b|\bhas not paid\b|\bnot made (?:the )?payment\b`)},
					{what: "the {B} received the notice", cue: re(`\b(?:notice\b[^.;]{0,60}\b(?:served|received|delivered|acknowledg)|(?:served|received|delivered)\b[^.;]{0,40}\bnotice\b|postal acknowledg)`), deny: re(`\b(?:never|not|did not|didn't) (?:receive|received|served)\b|\bold (?:address|residence)\b|\bwrong address\b|\bno longer live\b`)},
				}},
			{key: "debt", burden: court.SideB, standard: stdRebuttal, kind: onDebt,
				question: "Was the cheque issued in discharge of a legally enforceable debt or other liability, or has the {B} rebutted the presumption that it was?",
				rule:     "Once the drawer's signature on the cheque is admitted or proved, s. 139 requires the court to presume, unless the contrary is proved, that the holder received it in discharge of a debt or liability, and s. 118(a) that it was made for consideration. The presumption extends to the existence of a legally enforceable debt; the accused rebuts it on a preponderance of probabilities by raising a probable defence, from his own evidence or the complainant's material (Rangappa v. Sri Mohan, (2010) 11 SCC 441; Basalingappa v. Mudibasappa, (2019) 5 SCC 418). A cheque given as security is not outside s. 138: if the debt it secured had fallen due when the cheque was presented, its dishonour is an offence (Sripati Singh v. State of Jharkhand, 2021).",
				refs:     all(ref{actNIA, "s. 139"}, ref{actNIA, "s. 118"}),
				facts: []fact{
					{what: "the {A} advanced the money the cheque was to repay", cue: re(`\b(?:lent|loan|advanced|neft|rtgs|imps|transfer(?:red)? to|borrowed|supplied|invoice|friendly loan|hand loan)\b`)},
					{what: "the cheque was given only as security, blank, or for no debt", cue: re(`\bsecurity\b|\bblank\b|\bno (?:legally enforceable )?(?:debt|liability|loan)\b|\bnever borrowed\b|\bmisused\b|\bfilled in\b|\b(?:i|he|she|we|accused|already|was|been|have|has|had) repaid\b|\breturned in cash\b|\bdenies any loan\b`)},
					{what: "the debt was repaid before the cheque was presented", cue: re(`\bfull and final settlement\b|\bno (?:further )?amount (?:is |was |remains )?(?:due|outstanding)\b|\b(?:debt|loan) (?:was |has been |had been )?(?:fully |wholly )?(?:repaid|discharged|paid off)\b|\brepaid (?:the )?(?:whole|entire|full) (?:of the )?(?:loan|debt|amount|sum)\b|\brepaid in full\b`)},
				}},
			{key: "limitation", burden: court.SideA, standard: stdDates, kind: onLimitation,
				question: "Was the complaint made within one month of the date on which the cause of action arose?",
				rule:     "Section 142(1)(b) requires the complaint to be made within one month of the date on which the cause of action arises under proviso (c) to s. 138, that is, of the expiry of the 15 days allowed for payment; the court may take cognizance of a later complaint if the complainant shows sufficient cause for the delay.",
				refs:     all(ref{actNIA, "s. 142"})},
		},
		relief: []reliefTemplate{
			{kind: court.Conviction, what: "Conviction under s. 138 of the Negotiable Instruments Act, 1881; the punishment provided is imprisonment for up to two years, or a fine of up to twice the amount of the cheque, which is {amount}, or both", amount: "cheque"},
			{kind: court.Compensation, what: "Compensation to the complainant of the cheque amount, {amount}, out of any fine imposed", amount: "cheque"},
		},
	},
	consumerDefect: {
		d: consumerDefect, factsFrom: "defect",
		issues: []issueTemplate{
			{key: "consumer", burden: court.SideA, standard: stdCivil,
				question: "Did the {A} buy the goods or hire the service from the {B} for a price, as a consumer?",
				rule:     "Only a consumer, one who buys goods or hires a service for consideration and not for resale or a commercial purpose, may complain of a defect or a deficiency.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actCPA, "s. 2(7)"}}, court.International: {{actRomeI, "Art. 6"}}},
				facts:    []fact{{what: "the {A} bought the goods or service from the {B} for a price", cue: re(`\b(?:bought|purchased|purchase|invoice|receipt|sale|sold|price|booked|hired|subscribed|ordered|paid)\b`)}}},
			{key: "defect", burden: court.SideA, standard: stdCivil,
				question: "Were the goods defective, or the service deficient?",
				rule:     "Goods must be of the quality, and fit for the purpose, that the law and the contract promise, and a service must be performed with the care and skill the contract and the law require; the consumer proves the defect or deficiency.",
				ruleIn:   map[court.Jurisdiction]string{court.India: "Once the defect or deficiency is found, the Commission may order the defect removed, the goods replaced, the price returned with interest, and compensation paid for the loss the opposite party's negligence caused."},
				refs: map[court.Jurisdiction][]ref{
					court.India: {{actCPA, "s. 2(10)"}, {actCPA, "s. 2(11)"}, {actCPA, "s. 39"}}, court.UK: {{actCRA, "s. 9"}, {actCRA, "s. 10"}},
					court.USA: {{actUCC, "§ 2-314"}}, court.Australia: {{actACL, "s. 54"}}, court.International: {{actCISG, "Art. 35"}}},
				facts: []fact{{what: "the goods or service were defective or deficient",
					cue:  re(`\bdefect(?:s|ive)?\b|\bdeficien(?:t|cy)\b|\bfaulty\b|\bstopped working\b|\bnot working\b|\bmalfunction|\bflicker|\bbroke(?:n| down)\b|\bissue persists\b|\bdid not work\b|\bunfit\b|\bnot of satisfactory quality\b`),
					deny: re(`\bno (?:manufacturing )?defects?\b|\bnot defective\b|\bworking (?:properly|fine|normally)\b|\bfree (?:from|of) defects?\b`)}}},
			{key: "exclusion", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} shown that the fault was caused by the {A}'s misuse, or falls outside the warranty?",
				rule:     "A seller or service provider who says the fault was caused by the buyer's misuse, or is excluded by the warranty, must prove it; an exclusion does not cut down the rights the consumer law gives.",
				facts: []fact{{what: "the fault was caused by misuse or is excluded by the warranty",
					cue: re(`\bliquid\b|\bwater damage\b|\bmisuse\b|\bmishandl|\bphysical damage\b|\btamper|\bwarranty (?:is )?void\b|\bnot covered\b|\bexcluded\b|\bdropped\b`)}}},
			{key: "limitation", burden: court.SideA, standard: stdDates, kind: onLimitation,
				question: "Was the complaint brought within the period of limitation?",
				rule:     "A consumer complaint is admitted only if it is filed within the period the law allows, counted from when the cause of action arose.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actCPA, "s. 69"}}, court.UK: {{actLA80, "s. 5"}}, court.Canada: {{actOntLA, "s. 4"}}},
				period:   limitation{from: "consumer", months: map[court.Jurisdiction]int{court.India: 24, court.UK: 72, court.Canada: 24}}},
		},
		relief: []reliefTemplate{
			{kind: court.Refund, what: "Refund of the price paid, {amount}, against return of the goods (or repair or replacement at the {A}'s option where the law allows)", amount: "price"},
			{kind: court.Compensation, what: "Compensation for the loss and inconvenience caused, in a sum the forum assesses on evidence of the loss", amount: ""},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	depositTenancy: {
		d: depositTenancy, factsFrom: "vacated",
		issues: []issueTemplate{
			{key: "deposit", burden: court.SideA, standard: stdCivil,
				question: "Did the {A} pay the deposit to the {B}, and how much was it?",
				rule:     "A deposit paid to secure the tenant's or licensee's obligations belongs to the payer, and is to be returned when the tenancy or licence ends, less what the agreement allows the landlord or licensor to keep; a failure to return it when due is a breach of the agreement, for which the loss, the sum withheld, is recovered as compensation.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 73"}}},
				facts:    []fact{{what: "the {A} paid the deposit", cue: re(`\bdeposit\b`)}}},
			{key: "vacated", burden: court.SideA, standard: stdCivil,
				question: "Did the tenancy end with possession handed back?",
				rule:     "The deposit falls due for return when the tenancy ends and the premises are given back.",
				facts: []fact{{what: "the tenancy ended and possession was handed back",
					cue: re(`\bvacat(?:ed|ing)\b|\bhanded (?:over|back) (?:the )?(?:keys|possession|flat|premises|house|apartment)\b|\b(?:keys|possession|flat|premises|house|apartment)\b[^.;]{0,60}\b(?:was|were) handed (?:over|back)\b|\b(?:took|taken|taking|take|takes) back (?:the )?(?:keys|possession|flat|premises|house|apartment)\b|\bsurrender|\bmoved out\b|\btenancy (?:ended|came to an end)\b|\bkeys (?:were )?returned\b`)}}},
			{key: "deductions", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} proved deductions, for arrears of rent or other dues or damage beyond fair wear and tear, that the agreement allows?",
				rule:     "A landlord or licensor who keeps any part of the deposit must prove the arrears or the damage and its cost, and that the agreement allows it to be deducted; fair wear and tear, such as repainting after years of ordinary occupation, is not damage (for a lease, s. 108(m) of the Transfer of Property Act, 1882, excepts reasonable wear and tear from the lessee's duty to restore).",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actTPA, "s. 108"}}},
				// A leave and licence passes no interest in the premises
				// and is no lease, so the lessee's duties under the Transfer
				// of Property Act do not apply: what may be kept rests on the
				// agreement's own terms, and what is withheld beyond them is
				// recovered as compensation for its breach.
				alt: &altLaw{when: re(`\bleave and licen[cs]e\b|\blicen[cs](?:or|ee)\b`),
					rule: "A licensor who keeps any part of the deposit must prove the dues or the damage and its cost, and that the agreement allows it to be deducted; a leave and licence is not a lease, so what may be kept rests on the agreement's own terms, and fair wear and tear, such as repainting after years of ordinary occupation, is not damage the licensee must make good unless the agreement says so. What is withheld beyond the agreed deductions is recovered as compensation for the breach.",
					refs: map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 73"}}}},
				facts: []fact{{what: "the deductions claimed are due",
					cue:  re(`\bdeduct|\bdamage[ds]?\b|\brepair|\barrears\b|\bunpaid\b|\bdues\b|\boutstanding\b|\bpainting\b|\bcleaning\b|\bbroken\b`),
					deny: re(`\b(?:fair|normal|ordinary|reasonable) wear and tear\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.Refund, what: "Refund of the deposit, {amount}", amount: "balance"},
			{kind: court.Interest, what: "Interest on that sum from the day the deposit fell due for return until payment, at a rate the court fixes", amount: ""},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	moneyContract: {
		d: moneyContract, factsFrom: "breach",
		issues: []issueTemplate{
			{key: "contract", burden: court.SideA, standard: stdCivil,
				question: "Was there a contract or loan between the parties, as the {A} pleads it?",
				rule:     "An agreement made by free consent of competent parties, for lawful consideration and a lawful object, is a contract; the party suing on it proves it and its terms.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 10"}}, court.International: {{actCISG, "Art. 1"}}},
				facts:    []fact{{what: "the parties made the contract or loan", cue: re(`\bagree(?:d|ment)\b|\bcontract\b|\bloan\b|\blent\b|\bborrowed\b|\bpurchase order\b|\border(?:ed)?\b|\binvoice\b|\bquotation\b`)}}},
			{key: "performance", burden: court.SideA, standard: stdCivil,
				question: "Did the {A} perform its own side: lend the money, deliver the goods or do the work?",
				rule:     "A party who sues for the price or for repayment shows that it performed, or was ready to perform, its own promise.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 37"}}},
				facts:    []fact{{what: "the {A} performed its side", cue: re(`\b(?:deliver(?:ed|y)|supplied|dispatched|completed|transferred|lent|advanced|paid|handed over|receiv(?:ed|ing))\b`)}}},
			{key: "breach", burden: court.SideA, standard: stdCivil,
				question: "Did the {B} fail to pay or perform as promised, and what sum is due?",
				rule:     "A party who breaks a contract must compensate the other for the loss that naturally arises from the breach or that both knew, when they contracted, was likely to result (Hadley v Baxendale (1854) 9 Exch 341); a debt due is recovered as such. A seller who has delivered the goods recovers the price itself, with interest on a sum in arrears.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 73"}}, court.International: {{actCISG, "Art. 53"}, {actCISG, "Art. 62"}, {actCISG, "Art. 78"}, {actCISG, "Art. 74"}}},
				facts: []fact{{what: "the {B} did not pay or perform as promised", cue: re(cueNotPaid.String() + `|\bbreach\b|\bdefault(?:ed)?\b|\bdishono(?:u)?red\b|\bbounced\b`),
					// Avoiding the contract for the other side's fundamental
					// breach is the buyer's answer, not an admission of its own.
					deny: re(`\bavoid(?:ed|s|ing|ance of)? (?:the |this )?contract\b|\bfundamental breach\b|\bnon-?conform|\black of conformity\b`), negative: true, answeredBy: cuePaymentPlea}}},
			{key: "defence", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} proved payment, set-off, or a failure in the {A}'s own performance?",
				rule:     "Payment, set-off and the other side's breach are defences the party raising them must prove. A buyer who says the goods did not conform to the contract must have given notice of the lack of conformity within a reasonable time, and may end (avoid) the contract only for a breach that is fundamental, one that substantially deprives it of what it was entitled to expect.",
				refs:     map[court.Jurisdiction][]ref{court.International: {{actCISG, "Art. 35"}, {actCISG, "Art. 39"}, {actCISG, "Art. 25"}, {actCISG, "Art. 49"}}},
				facts: []fact{{what: "the {B} paid, or may set off, or the {A} failed in its own performance",
					// Payment in full, as the payer pleads it or a bank's or
					// the payee's record shows it; a part payment on account
					// is no answer to the balance.
					cue: re(`\brepaid\b|\bpaid\b[^.;]{0,50}\bin full\b|\bin full payment\b|\bfull payment\b|\bpaid (?:it|the (?:invoice|price|bill))\b|\b(?:transfer|swift|wire)\b(?:[^.;]|\.\d){0,80}\b(?:paid|credited)\b|\bamount:?\s*(?:usd|eur|gbp|cad|aud|inr|rs\.?|[$£€]|c\$|a\$)\s?[\d,]+(?:\.\d+)?\s+(?:paid|credited)\b|\balready paid\b|\bsettled\b|\bset[- ]off\b|\bdefective\b|\bshort[- ]deliver|\blate deliver|\bdeficient\b|\bpoor quality\b|\bnon-?conform|\bdo(?:es)? not conform\b|\black of conformity\b|\bfundamental breach\b|\bavoid(?:ed|s|ing|ance of)? (?:the |this )?contract\b`),
					// The seller's answer that the buyer lost the right to
					// rely on a lack of conformity denies the defence; it
					// does not plead it.
					deny: re(`\b(?:loses?|lost|forfeits?|forfeited) (?:the |its |any )?right to rely on\b|\b(?:cannot|can not|may not|could not) (?:now )?rely on\b`)}}},
			{key: "limitation", burden: court.SideA, standard: stdDates, kind: onLimitation,
				question: "Was the claim brought within the period of limitation?",
				rule:     "A claim for breach of contract is barred once the period of limitation, counted from the breach, has run, whether or not limitation is pleaded.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actLA63, "Sch., Art. 55"}}, court.UK: {{actLA80, "s. 5"}}, court.Canada: {{actOntLA, "s. 4"}}},
				period:   limitation{from: "breach", months: map[court.Jurisdiction]int{court.India: 36, court.UK: 72, court.Canada: 24}}},
		},
		relief: []reliefTemplate{
			{kind: court.OtherRelief, what: "A money decree for {amount}, the sum due", amount: "claim"},
			{kind: court.Interest, what: "Interest on that sum from the date it fell due until payment, at the contract rate or, failing one, a rate the court fixes", amount: ""},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	buyerDelivery: {
		d: buyerDelivery, factsFrom: "breach",
		issues: []issueTemplate{
			{key: "contract", burden: court.SideA, standard: stdCivil,
				question: "Was there a contract between the parties for the goods or the work, as the {A} pleads it?",
				rule:     "An agreement made by free consent of competent parties, for lawful consideration and a lawful object, is a contract; the party suing on it proves it and its terms, including the time fixed for performance.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 10"}}, court.International: {{actCISG, "Art. 1"}}},
				facts:    []fact{{what: "the parties made the contract", cue: re(`\bagree(?:d|ment)\b|\bcontract(?:ed)?\b|\bpurchase order\b|\border(?:ed)?\b|\bbooked\b|\bbought\b`)}}},
			{key: "paid", burden: court.SideA, standard: stdCivil,
				question: "Did the {A} pay the price, or stand ready to pay it?",
				rule:     "A buyer who sues for the seller's breach shows that it performed, or was ready and willing to perform, its own side: to pay the price and take delivery.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 37"}}, court.International: {{actCISG, "Art. 53"}}},
				facts:    []fact{{what: "the {A} paid the price or was ready to pay it", cue: re(`\bpaid\b|\bpayment\b|\bprepaid\b|\badvance\b|\btransferred\b|\bready (?:and willing )?to pay\b`)}}},
			{key: "breach", burden: court.SideA, standard: stdCivil,
				question: "Did the {B} fail to deliver, or deliver after the time the contract fixed?",
				rule:     "A seller must deliver on the date fixed by or determinable from the contract; one who delivers late, or wrongfully neglects or refuses to deliver, is in breach, and the buyer may claim damages.",
				ruleIn:   map[court.Jurisdiction]string{court.India: "Where time was of the essence the buyer may also avoid the contract; where it was not, the buyer is entitled to compensation for the loss the delay caused, but one who accepts a late delivery keeps that claim only if it gives the seller notice of it when it accepts."},
				refs:     map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 55"}, {actSGA30, "s. 57"}}, court.International: {{actCISG, "Art. 33"}, {actCISG, "Art. 45"}}},
				facts: []fact{{what: "the {B} did not deliver as the contract required", late: true,
					// Goods that never came are a negative fact: the
					// seller who says it delivered must show it.
					negative: true, negativeWhy: "a failure to deliver, stated by the {A}, which the {B}, who would have to show delivery, has not shown",
					negativeApp: "The failure to deliver is stated, and the {B}, who would have to show delivery, has not shown it",
					answeredBy:  re(`\b(?:delivered|dispatched|shipped|supplied)\b`),
					avoidedBy:   cueExcuse,
					cue:         re(`\bdeliver(?:y|ed)? (?:was |came |arrived )?(?:\w+ )?(?:late|after the (?:agreed|fixed|due) date)\b|\blate deliver|\bdelay(?:ed)?\b|\bnever (?:delivered|supplied|came|arrived)\b|\bno goods\b|\bnon-?delivery\b|\bnot (?:been )?delivered\b|\bfailed to (?:deliver|supply)\b|\bdid not (?:deliver|supply)\b`),
					deny:        re(`\bdelivered (?:on time|in time|as agreed|on the agreed date)\b|\bno delay\b`)}}},
			{key: "excuse", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} shown that the delay or the failure to deliver was agreed, caused by the {A}, or due to an impediment beyond its control?",
				rule:     "A party is not liable for a failure to perform that it proves was due to an impediment beyond its control that it could not reasonably have taken into account or avoided, or that the other side agreed to or caused; the party that raises the excuse proves it.",
				refs:     map[court.Jurisdiction][]ref{court.International: {{actCISG, "Art. 79"}}, court.India: {{actICA, "s. 56"}}},
				facts: []fact{{what: "the delay or the failure to deliver was excused",
					cue: cueExcuse}}},
			{key: "loss", burden: court.SideA, standard: stdCivil,
				question:    "What loss did the late or failed delivery cause the {A}?",
				rule:        "Damages for breach are the loss that naturally arises from it, or that both parties knew, when they contracted, was likely to result (Hadley v Baxendale (1854) 9 Exch 341), such as the extra price of a substitute purchase; the buyer proves the loss and its amount, and cannot recover what it could reasonably have avoided.",
				refs:        map[court.Jurisdiction][]ref{court.India: {{actICA, "s. 73"}}, court.International: {{actCISG, "Art. 74"}, {actCISG, "Art. 77"}}},
				quantum:     true,
				quantumRule: "With the breach established, a loss stated to have followed it, such as the cost of buying elsewhere to meet the {A}'s own commitments, is taken to flow from it, so liability is found; but the amount is not awarded on the {A}'s word alone, and is left to be assessed on the evidence of the loss once it is produced.",
				facts:       []fact{{what: "the breach caused the {A} loss", cue: re(`\bloss\b|\blost\b|\bextra (?:cost|price)\b|\bhigher price\b|\belsewhere\b|\bsubstitute\b|\bdamages\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.Refund, what: "Refund of the price paid for goods never delivered, {amount}", amount: "paid"},
			{kind: court.Interest, what: "Interest on the price from the day it was paid until it is returned, at a rate the court fixes", refunded: true},
			{kind: court.Compensation, what: "Damages for the late or failed delivery, {amount}", amount: "loss"},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	dataBreach: {
		d: dataBreach, factsFrom: "breach",
		issues: []issueTemplate{
			{key: "data", burden: court.SideA, standard: stdCivil,
				question: "Did the {B} hold the {A}'s personal data, including sensitive personal data, in a computer resource it owned, controlled or operated?",
				rule:     "A body corporate that possesses, deals with or handles sensitive personal data in a computer resource it owns, controls or operates owes a duty to protect it.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actITA, "s. 43A"}, {actSPDI, "r. 3"}, {actDPDP, "s. 8"}}},
				facts:    []fact{{what: "the {B} held the {A}'s personal data", cue: re(`\bpersonal data\b|\bdata(?:base)?\b|\b(?:customer |his |her |my )?records?\b|\bkyc\b|\baadhaar\b|\bpan\b|\bcard details\b|\bpassword|\bmedical records?\b|\baccount details\b|\bcustomer records?\b`)}}},
			{key: "breach", burden: court.SideA, standard: stdCivil,
				question: "Was the data exposed through a breach: unauthorised access, a leak or a disclosure?",
				rule:     "Liability arises when the data is actually exposed, whether by an intrusion or by a disclosure.",
				facts:    []fact{{what: "the data was exposed in a breach", cue: re(`\bbreach\b|\bleak(?:ed)?\b|\bhack(?:ed|ers?)?\b|\bunauthori[sz]ed\b|\bexposed?\b|\bexposure\b|\bcompromised\b|\bdisclosed\b|\bpublished\b|\b(?:left |publicly )?accessible\b[^.;]{0,40}\bwithout\b|\bwithout (?:a |any )?password\b`)}}},
			{key: "security", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} shown that it implemented and maintained reasonable security practices and procedures?",
				rule:     "Section 43A makes a body corporate that is negligent in implementing and maintaining reasonable security practices and procedures, and so causes wrongful loss, liable to pay compensation. One that has implemented IS/ISO/IEC 27001 or an approved code of practice, and shows it was followed, is taken to have complied; a bare claim of security is not enough, and data left open to the internet without a password or other access control is not kept with reasonable security on any standard.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actITA, "s. 43A"}, {actSPDI, "r. 8"}}},
				facts: []fact{{what: "the {B} maintained reasonable security practices",
					cue:  re(`\biso\b|\b27001\b|\bencrypt|\baudit(?:ed)?\b|\bcertif|\breasonable security\b|\bsafeguards?\b|\bfirewall`),
					deny: re(`\bwithout (?:a |any )?(?:password|encryption|authentication|access control)\b|\bno (?:password|encryption|authentication|access control)\b|\bunencrypted\b|\bunsecured\b|\bunprotected\b|\bleft (?:open|exposed|accessible|unsecured)\b|\bpublicly accessible\b`)}}},
			{key: "loss", burden: court.SideA, standard: stdCivil,
				question:    "What wrongful loss did the breach cause the {A}?",
				rule:        "Compensation is for the wrongful loss the negligence caused; the complainant proves the loss and its link to the breach.",
				quantum:     true,
				quantumRule: "Section 43A makes the body corporate whose negligence in keeping reasonable security causes wrongful loss liable to pay damages by way of compensation: with the negligence and the exposure established, a loss stated to have followed the exposure, and answered only with the possibility of another cause, is taken to flow from it, so liability is found; but the amount is not awarded on the {A}'s word alone, and is left to be assessed on the evidence of the loss the {A} lists, once it is produced.",
				facts:       []fact{{what: "the breach caused the {A} loss", cue: re(`\bloss\b|\blost\b|\bdebited\b|\bfraudulent\b|\bwithdrawn\b|\bspam\b|\bharass|\bdistress\b|\bscam\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.Compensation, what: "Compensation for the wrongful loss proved, {amount}", amount: "loss"},
			{kind: court.Injunction, what: "A direction to secure the {A}'s data and to erase what it no longer needs"},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	dismissalWages: {
		d: dismissalWages, factsFrom: "dismissal",
		issues: []issueTemplate{
			{key: "employee", burden: court.SideA, standard: stdCivil,
				question: "Was the {A} an employee of the {B}, with the qualifying period of service to bring the claim?",
				rule:     "Only an employee may complain of unfair dismissal, and in most cases only after a qualifying period of continuous employment (two years in Great Britain for employment that began on or after 6 April 2012; six months, or one year for a small business, under the Fair Work Act; twelve months under the Canada Labour Code).",
				refs: map[court.Jurisdiction][]ref{court.UK: {{actERA, "s. 94"}, {actERA, "s. 108"}}, court.Australia: {{actFWA, "s. 382"}},
					court.Canada: {{actCLC, "s. 240"}}, court.India: {{actIDA, "s. 2(s)"}, {actIRC, "s. 2(zr)"}}},
				facts: []fact{{what: "the {A} was employed by the {B}", cue: re(`\bemploy(?:ed|ee|ment)\b|\bjoined\b|\bappointed\b|\bworked\b|\bdismiss(?:ed|al)\b|\bsacked\b|\bfired\b|\bretrench`)}}},
			{key: "dismissal", burden: court.SideA, standard: stdCivil,
				only:     cueDismissed,
				question: "Was the {A} dismissed, and when did the employment end?",
				rule:     "An employee is dismissed when the employer ends the contract, with or without notice.",
				refs:     map[court.Jurisdiction][]ref{court.UK: {{actERA, "s. 95"}}},
				facts:    []fact{{what: "the {B} dismissed the {A}", cue: re(`\bdismiss(?:ed|al)\b|\bterminat(?:e|ed|ion)\b|\bsacked\b|\bfired\b|\blet go\b|\bretrench`)}}},
			{key: "reason", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				only:     cueDismissed,
				question: "Has the {B} shown the reason for the dismissal, and that it was a potentially fair one (conduct, capability, redundancy or another substantial reason)?",
				rule:     "The employer must show the reason for the dismissal and that it is one the law accepts as potentially fair; for misconduct, that it genuinely believed the employee guilty.",
				refs:     map[court.Jurisdiction][]ref{court.UK: {{actERA, "s. 98"}}, court.Australia: {{actFWA, "s. 387"}}, court.International: {{actILO, "Art. 4"}}},
				facts:    []fact{{what: "the {B} had a potentially fair reason for the dismissal", cue: re(`\bmisconduct\b|\bcapability\b|\bperformance\b|\bredundan|\btheft\b|\bstole\b|\babsen(?:ce|t)\b|\bgross\b|\bdisciplinary\b|\bwarnings?\b`)}}},
			{key: "fairness", burden: court.SideB, standard: stdNeutral, kind: onDefence,
				only:     cueDismissed,
				question: "Did the {B} act reasonably in treating that reason as sufficient: a fair investigation and hearing, a right of appeal, and a sanction within the band of reasonable responses?",
				rule:     "Whether the dismissal was fair depends on whether the employer acted reasonably in all the circumstances, judged by the band of reasonable responses of a reasonable employer (Iceland Frozen Foods Ltd v Jones [1983] ICR 17); for misconduct, the belief in the employee's guilt must rest on reasonable grounds, after as much investigation as was reasonable (British Home Stores Ltd v Burchell [1980] ICR 303), and the employee must be told of the allegation and heard before the decision (Acas Code, paras. 4, 9 and 11); a failure of procedure is not cured by showing that a fair procedure would have made no difference, which goes only to compensation (Polkey v A E Dayton Services Ltd [1988] AC 344).",
				refs:     map[court.Jurisdiction][]ref{court.UK: {{actERA, "s. 98"}, {actAcas, "para. 4"}}, court.Australia: {{actFWA, "s. 385"}, {actFWA, "s. 387"}}},
				facts: []fact{{what: "the {B} investigated, heard the {A} and offered an appeal before dismissing",
					cue:  re(`\binvestigat(?:ed|ion (?:was|found|showed))\b|\binterviewed\b|\b(?:held|attended|conducted|had) (?:a |the )?(?:disciplinary |investigat\w+ )?(?:hearing|meeting|interview)\b|\b(?:hearing|meeting|interview) (?:was |were )?(?:held|conducted|attended)\b|\bappeal (?:was )?(?:heard|offered|rejected|dismissed)\b|\b(?:offered|given) (?:a |an |the right of )?(?:appeal|hearing)\b|\b(?:was|were) accompanied\b|\b(?:final |written )?warnings? (?:was |were )?(?:given|issued)\b|\bafter (?:two |three |several |repeated )?(?:final |written )?warnings\b|\b(?:first|second|final) written warning\b|\b(?:was|were) heard\b|\bheard at (?:a |the )?(?:disciplinary )?(?:hearing|meeting)\b|\bappeal\b[^.;]{0,60}\b(?:is|was) (?:heard|dismissed|rejected|upheld)\b|\binvestigation (?:of \d|compared|found|showed|established)|\b(?:was|were) told (?:of )?the (?:allegation|reason)s?\b|\b(?:given|had) (?:the |an )?opportunity to respond\b`),
					deny: re(`\bno (?:\w+ )?(?:hearing|investigation|interview|warning|chance|opportunity|appeal)\b|\bwithout (?:a |any )?(?:\w+ )?(?:hearing|investigation|warning|notice|appeal)\b|\bnot (?:allowed|given|offered) (?:a |an |any )?(?:hearing|appeal|chance)\b|\bnever (?:told|interviewed|heard|investigated|given)\b|\bgiven no\b`)}}},
			{key: "discrimination", burden: court.SideA, standard: stdCivil,
				only:     re(`\bdiscriminat|\bbecause of (?:my|her|his) (?:race|sex|gender|religion|age|disability|pregnancy)\b|\bharass`),
				question: "Was the {A} treated less favourably because of a protected characteristic?",
				rule:     "Less favourable treatment because of a protected characteristic is direct discrimination; once facts are shown from which it could be inferred, the employer must show a non-discriminatory explanation.",
				refs:     map[court.Jurisdiction][]ref{court.UK: {{actEqA, "s. 13"}, {actEqA, "s. 39"}}, court.USA: {{actUS42, "§ 2000e-2"}}},
				facts:    []fact{{what: "the {A} was treated less favourably because of a protected characteristic", cue: re(`\bdiscriminat|\bbecause of (?:my|her|his) (?:race|sex|gender|religion|age|disability|pregnancy)\b|\bharass`)}}},
			{key: "wages", burden: court.SideA, standard: stdCivil,
				only:     re(`\bwages\b|\bsalary\b|\bovertime\b|\bnotice pay\b|\barrears\b`),
				question: "Are wages, overtime or notice pay owed to the {A}, and how much?",
				rule:     "Wages earned are due on the day the contract or the law fixes; the employee proves the work and the rate, the employer any payment.",
				refs:     map[court.Jurisdiction][]ref{court.USA: {{actUS29, "§ 206"}, {actUS29, "§ 207"}}},
				facts:    []fact{{what: "wages remain unpaid", negative: true, cue: re(`\b(?:wages|salary|overtime|notice pay)\b[^.;]{0,60}\b(?:unpaid|not paid|owed|outstanding|due|withheld)\b|\b(?:unpaid|owed|outstanding)\b[^.;]{0,30}\b(?:wages|salary|overtime)\b`)}}},
			{key: "limitation", burden: court.SideA, standard: stdDates, kind: onLimitation,
				question: "Was the claim presented within the time limit?",
				rule:     "A claim of unfair dismissal must be presented within a short statutory period after the employment ends (in Great Britain, within the three months beginning with the effective date of termination, extended for early conciliation; under the Fair Work Act, within 21 days after the dismissal took effect).",
				refs:     map[court.Jurisdiction][]ref{court.UK: {{actERA, "s. 111"}}, court.Australia: {{actFWA, "s. 394"}}},
				period:   limitation{from: "dismissal", months: map[court.Jurisdiction]int{court.UK: 3}, days: map[court.Jurisdiction]int{court.Australia: 21}, less1: map[court.Jurisdiction]bool{court.UK: true}}},
		},
		relief: []reliefTemplate{
			{kind: court.Declaration, what: "A declaration that the {A} was unfairly dismissed"},
			{kind: court.Compensation, what: "Compensation (in Great Britain a basic and a compensatory award, the latter adjusted for any unreasonable failure to follow the Acas Code), assessed at a remedy hearing on evidence of pay and loss", amount: ""},
			{kind: court.OtherRelief, what: "Payment of the wages shown to be owed, {amount}", amount: "wages"},
		},
	},
	matrimonial: {
		d: matrimonial, factsFrom: "marriage",
		issues: []issueTemplate{
			{key: "marriage", burden: court.SideA, standard: stdCivil,
				question: "Is the marriage between the parties proved or admitted?",
				rule:     "Relief between spouses rests on a subsisting (or, for some orders, a past) marriage.",
				facts:    []fact{{what: "the parties are married", cue: re(`\bmarried\b|\bmarriage\b|\bwife\b|\bhusband\b|\bspouse\b`)}}},
			{key: "ground", burden: court.SideA, standard: stdCivil,
				// A divorce sought, not one merely pending: a claim for
				// maintenance during the proceedings does not try the
				// ground the divorce petition will be decided on.
				only:     re(`\b(?:seeks?|sought|claims?|prays? for|asks? for|petition(?:s|ed)? for|files? for|filed for|wants?|grant(?:ed)? (?:of )?)(?: a)?(?: decree of)? divorce\b|\bdivorce on the ground|\bcruelty\b|\bdesert|\bdissolution\b`),
				question: "Is a ground for divorce made out?",
				rule:     "The court grants a divorce on the ground the law of the forum requires: in India a fault ground under s. 13 (cruelty, desertion for two years …) or mutual consent; in England and Wales, since 6 April 2022, a statement that the marriage has broken down irretrievably, without proof of fault; in Canada and Australia, breakdown shown by separation for a year.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actHMA, "s. 13"}}, court.UK: {{actMCA, "s. 1"}}, court.Canada: {{actDiv, "s. 8"}}, court.Australia: {{actFLA, "s. 48"}}},
				facts:    []fact{{what: "a ground for divorce is shown", cue: re(`\bcruelty\b|\bdesert(?:ed|ion)\b|\badultery\b|\bseparat(?:ed|ion)\b|\birretrievabl|\bbroken down\b|\bmutual consent\b`)}}},
			{key: "need", burden: court.SideA, standard: stdCivil,
				only:     re(`\bmaintenance\b|\balimony\b|\bsupport\b`),
				question: "Is the {A} unable to maintain herself or himself, and has the {B} the means to pay maintenance?",
				rule:     "A spouse unable to maintain himself or herself may be awarded maintenance from a spouse with sufficient means, in a sum fixed on both parties' incomes, needs and standard of living, on affidavits disclosing assets and liabilities (Rajnesh v. Neha, (2021) 2 SCC 324).",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actHMA, "s. 24"}, {actHMA, "s. 25"}, {actBNSS, "s. 144"}}, court.UK: {{actMCA, "s. 25"}}, court.Canada: {{actDiv, "s. 15.2"}}, court.Australia: {{actFLA, "s. 79"}}},
				facts: []fact{
					{what: "the {A} has no sufficient income of her or his own", negative: true,
						negativeWhy: "a want of means, stated by the {A}, which the {B}, who says there are means, has to show",
						negativeApp: "The want of income of her or his own is stated, and the {B}, who would have to show means, has shown none: capacity to earn is not income earned",
						cue:         re(`\bno (?:independent |sufficient )?(?:income|means|job|employment)\b|\bunable to maintain\b|\bunemployed\b|\bhomemaker\b|\bhousewife\b|\bdependent\b`)},
					{what: "the {B} has the means to pay", cue: re(`\bearns?\b|\b(?:his|her|its) (?:employment|job) as (?:an? |the )?\w+|\bemployment income\b|\bsalary\b|\bincome\b[^.;]{0,30}\b(?:of|is)\b|\bper month\b|\bper annum\b|\bbusiness\b|\b(?:employed|works|working|engaged) (?:as|at|with) (?:an? |the )?\w+|\bin (?:gainful |regular )?employment\b`)},
				}},
			{key: "answer", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} shown that the {A} has income enough, or left without reasonable cause?",
				rule:     "A spouse with adequate income of her or his own, or who refuses without reasonable cause to live with the other, may be refused maintenance; the party raising it proves it.",
				facts: []fact{{what: "the {A} has sufficient income, or left without reasonable cause",
					cue: re(`\b(?:she|he) (?:earns|works|is employed)\b|\bincome of (?:her|his) own\b|\bwell[- ]qualified\b|\bleft the (?:matrimonial )?home\b|\brefus(?:ed|es) to (?:live|return|cohabit)\b|\bwithout (?:any )?reasonable cause\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.OtherRelief, what: "Maintenance of {amount} a month from the date of the application", amount: "maintenance"},
			{kind: court.Declaration, what: "A decree of divorce", amount: "divorce"},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	possession: {
		d: possession, factsFrom: "occupation",
		issues: []issueTemplate{
			{key: "title", burden: court.SideA, standard: stdCivil,
				question: "Has the {A} shown title to the property, or a better right to possess it than the {B}?",
				rule:     "A suit for possession on title succeeds on the strength of the plaintiff's own title; a transfer of immovable property worth one hundred rupees or more needs a registered instrument.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actRA, "s. 17"}}},
				facts:    []fact{{what: "the {A} holds title to the property", cue: re(`\bsale deed\b|\btitle\b|\bowner(?:ship)?\b|\bregistered\b|\bconveyance\b|\bmutation\b|\bgift deed\b|\bpatta\b`)}}},
			{key: "occupation", burden: court.SideA, standard: stdCivil,
				question: "Is the {B} in possession without a right to it?",
				rule:     "One who occupies another's land without a right to it, or stays on after the right ends, may be ordered to give it up.",
				facts: []fact{{what: "the {B} occupies the property without right",
					cue: re(`\bencroach|\btrespass|\boccup(?:ies|ied|ying|ation)\b|\bin possession\b|\brefuses? to vacate\b|\bforcibly\b|\bdispossess|\bholding over\b`)}}},
			{key: "right", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} shown a right to remain: a tenancy, part performance of a contract of sale, or title by adverse possession?",
				rule:     "A defendant may resist possession by proving a subsisting right: a tenancy, part performance under a written contract of sale, or open, hostile and continuous possession for the twelve years of limitation, which extinguishes the owner's title.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actTPA, "s. 53A"}, {actLA63, "Sch., Art. 65"}}},
				facts: []fact{{what: "the {B} has a right to remain",
					cue: re(`\btenan(?:t|cy)\b|\blease\b|\bagreement (?:to|for) sale\b|\bpart performance\b|\badverse(?:ly)? possession\b|\bcontinuous(?:ly)? (?:possession|in possession)\b|\bgift\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.OtherRelief, what: "A decree for possession of the property in favour of the {A}"},
			{kind: court.Injunction, what: "An injunction restraining the {B} from interfering with the {A}'s possession after it is delivered"},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
	general: {
		d: general,
		issues: []issueTemplate{
			{key: "claim", burden: court.SideA, standard: stdCivil,
				question: "Has the {A} proved the facts on which the claim rests?",
				rule:     "The party who asks the court to act on facts must prove them.",
				refs:     map[court.Jurisdiction][]ref{court.India: {{actBSA, "s. 104"}}},
				facts:    []fact{{what: "the facts of the claim", cue: re(`[a-z]`)}}},
			{key: "defence", burden: court.SideB, standard: stdDefendant, kind: onDefence,
				question: "Has the {B} proved a fact that answers the claim?",
				rule:     "A party who relies on a fact in answer to a claim must prove it.",
				facts:    []fact{{what: "the facts of the defence", cue: re(`\bpaid\b|\bsettled\b|\bagreed\b|\bconsented\b|\bwaived\b|\bexpired\b|\bbarred\b`)}}},
		},
		relief: []reliefTemplate{
			{kind: court.Declaration, what: "A declaration that the {A} is entitled to the relief claimed, to the extent the facts are proved"},
			{kind: court.Costs, what: "Costs of the proceedings to the {A}"},
		},
	},
}

// The consumer template as the law of Great Britain and of the United
// States frames it.
func init() {
	templates[goodsUK] = localConsumer(goodsUK, map[string]string{
		"defect": "Were the goods of satisfactory quality, fit for their purpose and as described (or the service performed with reasonable care and skill)?",
	}, issueTemplate{key: "reject", burden: court.SideA, standard: stdCivil,
		only:     re(`\breject|\brefund\b`),
		question: "Did the {A} exercise the short-term right to reject within 30 days, and could the {B} insist on a repair instead?",
		rule:     "Goods that are not of satisfactory quality may be rejected under the short-term right to reject, which lasts 30 days from the day ownership passes and the goods are delivered (ss. 20 and 22); the consumer who rejects in time is entitled to a full refund, and the trader cannot insist on repair or replacement first. A term or shop policy that would exclude or restrict these statutory rights does not bind the consumer (s. 31).",
		refs:     map[court.Jurisdiction][]ref{court.UK: {{actCRA, "s. 19"}, {actCRA, "s. 20"}, {actCRA, "s. 22"}, {actCRA, "s. 31"}}},
		facts: []fact{{what: "the {A} rejected the goods and asked for a refund",
			cue: re(`\breject(?:ed|ing|s)?\b|\brejection\b`)}}})
	templates[goodsUS] = localConsumer(goodsUS, map[string]string{
		"consumer": "Did the {A} buy the goods from the {B}, a merchant with respect to goods of that kind?",
		"defect":   "Were the goods merchantable, that is fit for the ordinary purposes for which such goods are used, as the implied warranty of merchantability requires?",
	})
	// The seller of goods gives the implied warranty itself, whatever the
	// manufacturer also warrants.
	t := templates[goodsUS]
	for i := range t.issues {
		if t.issues[i].key == "defect" {
			t.issues[i].rule = "Unless excluded or modified, a warranty that the goods shall be merchantable is implied in a contract for their sale if the seller is a merchant with respect to goods of that kind; merchantable goods are at least fit for the ordinary purposes for which such goods are used (UCC § 2-314). The warranty is the seller's own: a buyer need not pursue the manufacturer's warranty instead."
		}
	}
}

// localConsumer copies the consumer template for dispute d, with the
// questions named in q and any further issues placed before limitation.
func localConsumer(d dispute, q map[string]string, extra ...issueTemplate) *template {
	base := templates[consumerDefect]
	t := *base
	t.d = d
	t.issues = nil
	for _, it := range base.issues {
		if s, ok := q[it.key]; ok {
			it.question = s
		}
		if it.kind == onLimitation {
			t.issues = append(t.issues, extra...)
		}
		t.issues = append(t.issues, it)
	}
	return &t
}
