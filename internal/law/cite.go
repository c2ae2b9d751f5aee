package law

import (
	"strconv"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Status is what Check found of a citation.
type Status uint8

const (
	// Unreadable: no act could be read in the text ("the Act", "equity").
	Unreadable Status = iota
	// Verified: the act and section are in the table and in force on the day.
	Verified
	// UnknownSection: the act is in the table but that section is not (or
	// no section was given).
	UnknownSection
	// NotInForce: the section is in the table but was repealed before the
	// day or had not yet come into force; Instead names what applied.
	NotInForce
	// OutsideTable: the text names an act the table does not hold for the
	// jurisdiction.
	OutsideTable
)

var statusNames = [...]string{"unreadable", "verified", "unknown section", "not in force", "outside the table"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Citation is what Check made of a legal basis as a judge wrote it.
type Citation struct {
	Status Status
	// Act as the table names it; outside the table, as written.
	Act string
	// Section as the table writes it ("s. 138"); when the table has no such
	// section, as written ("999"); empty when none was read.
	Section string
	// Sub is the part cited below the table's provision ("(1)(b)" of
	// "s. 138(1)(b)"); the table does not check it.
	Sub string
	// Title of the table's provision.
	Title string
	// Provision is the table's row (Verified and NotInForce).
	Provision Provision
	// Instead lists, for NotInForce, the provisions that apply on the day
	// in its place (see At): the replacement of a repealed provision, or
	// the law still in force before a new one begins.
	Instead []Provision
}

// String is a one-line account of c: "verified: Negotiable Instruments
// Act, 1881, s. 138 — …", or "not in force: Indian Penal Code, 1860,
// s. 420 — cheating …; instead: Bharatiya Nyaya Sanhita, 2023, s. 318 — …".
func (c Citation) String() string {
	switch c.Status {
	case Verified:
		return "verified: " + c.Provision.String()
	case NotInForce:
		s := "not in force: " + c.Provision.String()
		for i, p := range c.Instead {
			if i == 0 {
				s += "; instead: "
			} else {
				s += "; "
			}
			s += p.String()
		}
		return s
	case UnknownSection:
		if c.Section == "" {
			return "unknown section: " + c.Act + " (no section given)"
		}
		return "unknown section: " + c.Act + ", " + c.Section
	case OutsideTable:
		return "outside the table: " + c.Act
	}
	return "unreadable"
}

// Check reads a legal basis as judges write it — "Section 138, Negotiable
// Instruments Act, 1881", "NI Act s.138", "s. 73 of the Indian Contract
// Act", "Employment Rights Act 1996, s 98", "BNS s.318", "IPC 420",
// "Art. 21 of the Constitution", "O. XXXIX r. 1 CPC", "Fourteenth
// Amendment" — and resolves it against the table of jurisdiction j
// (international instruments are held for every jurisdiction) on the day
// of on.
//
// The act is the longest name or abbreviation of the table found in the
// text; a year after it chooses between acts of one name (Consumer
// Protection Act, 1986 or 2019), and without one the act in force on the
// day is preferred. The section is the first one the text designates (s.,
// section, §, Art., O., r., Sch., Pt., amend.), or a bare number next to
// the act ("IPC 420", "420 IPC"). A subsection not in the table is checked
// as its section and returned in Sub. Only the first 96 words and numbers
// of the text are read.
//
// Check does not allocate except to list Instead.
func Check(j court.Jurisdiction, citation string, on time.Time) Citation {
	var p parsed
	tokenize(citation, &p)
	d := DateOf(on)
	m := p.findAct(j, d)
	a := m.act
	if a == nil && j == court.USA && usConst != nil {
		// "the First Amendment" names the Constitution without naming it.
		p.components(-1, -1)
		if p.comp[cAm].set {
			a = usConst
		}
	}
	switch {
	case m.badYear:
		return Citation{Status: OutsideTable, Act: citation[p.toks[m.as].s:p.toks[m.ae-1].e], Section: p.sectionText(m.as, m.ae)}
	case a == nil && m.other != nil:
		return Citation{Status: OutsideTable, Act: m.other.name, Section: p.sectionText(m.as, m.ae)}
	case a == nil:
		if s, e := p.foreignAct(); s >= 0 {
			return Citation{Status: OutsideTable, Act: citation[p.toks[s].s:p.toks[e].e], Section: p.sectionText(-1, -1)}
		}
		return Citation{Status: Unreadable}
	}
	c := Citation{Act: a.name, Status: UnknownSection}
	p.components(m.as, m.ae)
	if !p.any() {
		p.bareNumber(m.as, m.ae)
	}
	if !p.any() {
		return c
	}
	ids, sub := p.lookup(a)
	for i := 0; len(ids) == 0 && i < m.nalts; i++ {
		// "Income Tax Act s. 279": the act of that name that has the section.
		if alt := m.alts[i]; alt != a {
			if ids, sub = p.lookup(alt); len(ids) > 0 {
				a = alt
				c.Act = a.name
			}
		}
	}
	if len(ids) == 0 {
		c.Section = p.sectionText(m.as, m.ae)
		return c
	}
	row := pickVersion(ids, d)
	c.Provision = row.p
	c.Section, c.Title, c.Sub = row.p.Section, row.p.Title, sub
	if row.p.inForce(d) {
		c.Status = Verified
		return c
	}
	c.Status = NotInForce
	c.Instead = At(row.p, on)
	return c
}

// pickVersion is the row of ids in force on d; else the one that ended
// last before d; else the one that begins first after it.
func pickVersion(ids []int32, d Date) *row {
	var before, after *row
	for _, id := range ids {
		r := &rows[id-1]
		switch {
		case r.p.inForce(d):
			return r
		case r.p.Until != 0 && d > r.p.Until:
			if before == nil || r.p.Until > before.p.Until {
				before = r
			}
		default:
			if after == nil || r.p.From < after.p.From {
				after = r
			}
		}
	}
	if before != nil {
		return before
	}
	return after
}

// Tokens.

const maxTok = 96

type kind uint8

const (
	kWord kind = iota + 1 // letters
	kNum                  // starts with a digit: 138, 2(7), 43A, 134.1, 2-314, 14th
	kSect                 // §
)

type token struct {
	s, e  int32
	kind  kind
	upper uint8 // 1: first letter upper case; 2: all upper case (2+ letters)
	h     uint64
}

// Section components, in the order a key is written.
const (
	cSch = iota
	cPt
	cAm
	cO
	cMain
	cR
	nComp
)

type val struct {
	set    bool
	plural bool
	txt    string // the number as written, or "" when num is used
	num    int    // a roman or ordinal number, converted
}

type parsed struct {
	src  string
	toks [maxTok]token
	n    int
	comp [nComp]val
	in   [2]int // the act's token span, excluded from sections
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

// dashAt is the length of a hyphen or dash at s[i], 0 if none.
func dashAt(s string, i int) int {
	if i < len(s) && s[i] == '-' {
		return 1
	}
	// U+2010 to U+2014: hyphen, non-breaking hyphen, figure dash, en and em dash.
	if i+2 < len(s) && s[i] == 0xE2 && s[i+1] == 0x80 && s[i+2] >= 0x90 && s[i+2] <= 0x94 {
		return 3
	}
	return 0
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashLower(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// tokenize splits s into words, numbers and § signs; everything else
// separates them.
func tokenize(s string, p *parsed) {
	p.src = s
	p.n = 0
	p.in = [2]int{-1, -1}
	for i := 0; i < len(s) && p.n < maxTok; {
		c := s[i]
		switch {
		case isLetter(c):
			j := i
			up := 0
			for j < len(s) && isLetter(s[j]) {
				if s[j] >= 'A' && s[j] <= 'Z' {
					up++
				}
				j++
			}
			t := token{s: int32(i), e: int32(j), kind: kWord, h: hashLower(s[i:j])}
			if s[i] >= 'A' && s[i] <= 'Z' {
				t.upper = 1
				if up == j-i && j-i > 1 {
					t.upper = 2
				}
			}
			p.toks[p.n] = t
			p.n++
			i = j
		case isDigit(c):
			j := scanNumber(s, i)
			p.toks[p.n] = token{s: int32(i), e: int32(j), kind: kNum, h: hashLower(s[i:j])}
			p.n++
			i = j
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA7: // §
			p.toks[p.n] = token{s: int32(i), e: int32(i + 2), kind: kSect}
			p.n++
			i += 2
		default:
			i++
		}
	}
}

// scanNumber reads a section number from s[i] (a digit): digits and
// letters (43A, 2000e, 14th), then any of "(x)" groups, ".digits" and
// "-x" parts: 2(1)(d), 134.1, 6-5, 2-314, 2000e-2, 25-F, 1–2.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	for j < len(s) {
		if s[j] == '(' {
			k := j + 1
			for k < len(s) && isAlnum(s[k]) && k-j <= 8 {
				k++
			}
			if k > j+1 && k < len(s) && s[k] == ')' {
				j = k + 1
				continue
			}
			break
		}
		if s[j] == '.' && j+1 < len(s) && isDigit(s[j+1]) {
			j++
			for j < len(s) && isAlnum(s[j]) {
				j++
			}
			continue
		}
		if n := dashAt(s, j); n > 0 && j+n < len(s) && isAlnum(s[j+n]) {
			j += n
			for j < len(s) && isAlnum(s[j]) {
				j++
			}
			continue
		}
		break
	}
	return j
}

func (p *parsed) text(i int) string { return p.src[p.toks[i].s:p.toks[i].e] }

func (p *parsed) inAct(i int) bool { return i >= p.in[0] && i < p.in[1] }

// isYear is the year a four-digit number token stands for, or 0.
func isYear(s string) int {
	if len(s) != 4 {
		return 0
	}
	v := 0
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return 0
		}
		v = v*10 + int(s[i]-'0')
	}
	if v < 1600 || v > 2100 {
		return 0
	}
	return v
}

// Acts.

// actMatch is the act findAct read: its token span [as, ae) (with the
// year, when one follows the name), the act when the table of the
// jurisdiction or the international one holds it, or other, an act of
// another jurisdiction's table. badYear: the year after the name is one
// that no act of that name in the table has.
type actMatch struct {
	as, ae  int
	act     *actDef
	other   *actDef
	badYear bool
	alts    [8]*actDef // other acts of the same name that the table of the jurisdiction holds
	nalts   int
}

// findAct finds the longest act name of the table in the text, the
// earliest when two are as long.
func (p *parsed) findAct(j court.Jurisdiction, d Date) actMatch {
	bestLen, bestAt := 0, -1
	var cands [8]*actDef
	nc := 0
	for i := 0; i < p.n; i++ {
		for _, al := range aliasIdx[p.toks[i].h] {
			l := len(al.toks)
			if l < bestLen || i+l > p.n || p.toks[i].kind == kSect {
				continue
			}
			ok := true
			for k := 1; k < l; k++ {
				if p.toks[i+k].h != al.toks[k] || p.toks[i+k].kind == kSect {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if l > bestLen {
				bestLen, bestAt, nc = l, i, 0
			}
			if l == bestLen && i == bestAt && nc < len(cands) {
				dup := false
				for _, c := range cands[:nc] {
					dup = dup || c == al.act
				}
				if !dup {
					cands[nc] = al.act
					nc++
				}
			}
		}
	}
	if nc == 0 {
		return actMatch{as: -1, ae: -1}
	}
	m := actMatch{as: bestAt, ae: bestAt + bestLen}
	year := 0
	if m.ae < p.n && p.toks[m.ae].kind == kNum {
		year = isYear(p.text(m.ae))
	}
	score := -1
	for _, c := range cands[:nc] {
		if year != 0 && c.year != 0 && c.year != year {
			continue
		}
		if c.j != j && c.j != court.International {
			if m.other == nil {
				m.other = c
			}
			continue
		}
		if m.nalts < len(m.alts) {
			m.alts[m.nalts] = c
			m.nalts++
		}
		sc := 0
		if year != 0 && c.year == year {
			sc += 8
		}
		if c.j == j {
			sc += 4
		}
		if d.between(c.from, c.until) {
			sc += 2
		}
		if sc > score || (sc == score && c.from > m.act.from) {
			m.act, score = c, sc
		}
	}
	if year != 0 {
		m.ae++ // the year is part of the name
	}
	p.in = [2]int{m.as, m.ae}
	if m.act != nil {
		m.other = nil
	} else if m.other == nil {
		m.badYear = true
	}
	return m
}

// actWords end the name of an act the table does not hold; connectors
// may stand inside it. These and the designators and ordinals are set by
// variable initialisers, which run before the init that builds the table.
var (
	actWords = hashSet("act", "acts", "code", "rules", "regulations", "regulation", "convention", "constitution", "covenant",
		"sanhita", "adhiniyam", "ordinance", "statute", "treaty", "charter", "declaration", "directive", "protocol")
	connectors = hashSet("of", "and", "the", "for", "on", "in", "to", "with", "relating")
)

func hashSet(words ...string) map[uint64]bool {
	m := make(map[uint64]bool, len(words))
	for _, w := range words {
		m[hashLower(w)] = true
	}
	return m
}

// foreignAct finds the name of an act the table does not hold: capitalised
// words, with connectors, ending in an act word ("Sale of Goods Act,
// 1930"), or an upper-case abbreviation next to a section ("RERA s. 18").
// It returns the first and last token, or -1.
func (p *parsed) foreignAct() (s, e int) {
	for i := 0; i < p.n; i++ {
		t := p.toks[i]
		if t.kind != kWord || !actWords[t.h] {
			continue
		}
		words := 0
		s = i
		for k := i - 1; k >= 0; k-- {
			u := p.toks[k]
			if u.kind == kWord && u.upper > 0 && !isDesig(u) {
				words++
				s = k
				continue
			}
			if u.kind == kWord && connectors[u.h] {
				continue
			}
			break
		}
		if words == 0 {
			continue
		}
		e = i
		if i+1 < p.n && p.toks[i+1].kind == kNum && isYear(p.text(i+1)) != 0 {
			e = i + 1
		}
		return s, e
	}
	for i := 0; i < p.n; i++ {
		t := p.toks[i]
		if t.kind != kWord || t.upper != 2 || isDesig(t) || roman(p.text(i)) > 0 || actWords[t.h] {
			continue
		}
		near := func(k int) bool {
			if k < 0 || k >= p.n {
				return false
			}
			u := p.toks[k]
			return u.kind == kNum || u.kind == kSect || isDesig(u)
		}
		if near(i-1) || near(i+1) {
			return i, i
		}
	}
	return -1, -1
}

// Sections.

type desig struct {
	kind   int // cMain, cO, …
	plural bool
}

var (
	designators = func() map[uint64]desig {
		m := map[uint64]desig{}
		for w, d := range map[string]desig{
			"s": {cMain, false}, "sec": {cMain, false}, "section": {cMain, false},
			"ss": {cMain, true}, "secs": {cMain, true}, "sections": {cMain, true},
			"art": {cMain, false}, "article": {cMain, false}, "arts": {cMain, true}, "articles": {cMain, true},
			"para": {cMain, false}, "paragraph": {cMain, false}, "paras": {cMain, true}, "paragraphs": {cMain, true},
			"o": {cO, false}, "ord": {cO, false}, "order": {cO, false},
			"r": {cR, false}, "rule": {cR, false}, "rr": {cR, true}, "rules": {cR, true},
			"sch": {cSch, false}, "schedule": {cSch, false},
			"pt": {cPt, false}, "part": {cPt, false},
			"amend": {cAm, false}, "amdt": {cAm, false}, "amendment": {cAm, false},
		} {
			m[hashLower(w)] = d
		}
		return m
	}()
	ordinals = func() map[uint64]int {
		m := map[uint64]int{}
		for i, w := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
			"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"} {
			m[hashLower(w)] = i + 1
		}
		return m
	}()
)

func isDesig(t token) bool { _, ok := designatorOf(t); return ok }

func designatorOf(t token) (desig, bool) {
	if t.kind == kSect {
		return desig{cMain, false}, true
	}
	if t.kind != kWord {
		return desig{}, false
	}
	d, ok := designators[t.h]
	return d, ok
}

// roman is the value of a roman numeral of up to 399, or 0.
func roman(s string) int {
	if len(s) == 0 || len(s) > 9 {
		return 0
	}
	v, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		var n int
		switch s[i] | 0x20 {
		case 'i':
			n = 1
		case 'v':
			n = 5
		case 'x':
			n = 10
		case 'l':
			n = 50
		case 'c':
			n = 100
		default:
			return 0
		}
		if n < prev {
			v -= n
		} else {
			v += n
			prev = n
		}
	}
	if v <= 0 || v > 399 {
		return 0
	}
	return v
}

// ordinalNum is the value of "14th", "1st" or "fourteenth", or 0.
func (p *parsed) ordinalNum(i int) int {
	t := p.toks[i]
	if t.kind == kWord {
		return ordinals[t.h]
	}
	if t.kind != kNum {
		return 0
	}
	s := p.text(i)
	v, k := 0, 0
	for k < len(s) && isDigit(s[k]) && k < 4 {
		v = v*10 + int(s[k]-'0')
		k++
	}
	rest := s[k:]
	if len(rest) == 2 {
		r0, r1 := rest[0]|0x20, rest[1]|0x20
		if (r0 == 's' && r1 == 't') || (r0 == 'n' && r1 == 'd') || (r0 == 'r' && r1 == 'd') || (r0 == 't' && r1 == 'h') {
			return v
		}
	}
	return 0
}

// components reads the section designated in the text outside the act's
// span [as, ae): the first value of each kind.
func (p *parsed) components(as, ae int) {
	p.comp = [nComp]val{}
	if as >= 0 {
		p.in = [2]int{as, ae}
	}
	for i := 0; i < p.n; i++ {
		if p.inAct(i) {
			continue
		}
		d, ok := designatorOf(p.toks[i])
		if !ok {
			continue
		}
		plural := d.plural
		if p.toks[i].kind == kSect && i+1 < p.n && p.toks[i+1].kind == kSect {
			plural = true
			i++
		}
		next := i + 1
		if next < p.n && p.inAct(next) {
			next = p.n
		}
		var v val
		switch {
		case next < p.n && p.toks[next].kind == kNum:
			if d.kind == cAm {
				v = val{set: true, num: p.ordinalNum(next)}
				if v.num == 0 {
					v = val{set: true, txt: p.text(next)}
				}
			} else {
				v = val{set: true, plural: plural, txt: p.text(next)}
			}
		case next < p.n && p.toks[next].kind == kWord && d.kind != cMain && d.kind != cR && roman(p.text(next)) > 0:
			v = val{set: true, num: roman(p.text(next))}
		case d.kind == cAm && i > 0 && !p.inAct(i-1) && p.ordinalNum(i-1) > 0:
			v = val{set: true, num: p.ordinalNum(i - 1)}
			next = i
		case d.kind == cSch && (next >= p.n || isDesig(p.toks[next])):
			v = val{set: true}
			next = i
		default:
			continue
		}
		if !p.comp[d.kind].set {
			p.comp[d.kind] = v
		}
		i = next
	}
	// A rule outside an order is the instrument's own numbering (SPDI
	// Rules r. 8, FRCP Rule 56): read it as the main number.
	if p.comp[cR].set && !p.comp[cO].set && !p.comp[cMain].set {
		p.comp[cMain], p.comp[cR] = p.comp[cR], val{}
	}
}

func (p *parsed) any() bool {
	for _, v := range p.comp {
		if v.set {
			return true
		}
	}
	return false
}

// bareNumber takes a number right after the act (and its year) or right
// before it as the section: "IPC 420", "420 IPC".
func (p *parsed) bareNumber(as, ae int) {
	for _, k := range [2]int{ae, as - 1} {
		if k >= 0 && k < p.n && p.toks[k].kind == kNum && isYear(p.text(k)) == 0 {
			p.comp[cMain] = val{set: true, txt: p.text(k)}
			return
		}
	}
}

// sectionText is the section as written, for a citation the table cannot
// resolve: the designated number, or a bare one next to the act.
func (p *parsed) sectionText(as, ae int) string {
	if !p.any() {
		p.components(as, ae)
		if !p.any() && as >= 0 {
			p.bareNumber(as, ae)
		}
	}
	for _, k := range [...]int{cMain, cO, cR, cAm, cSch, cPt} {
		v := p.comp[k]
		if v.set && v.txt != "" {
			return v.txt
		}
		if v.set && v.num > 0 {
			return strconv.Itoa(v.num)
		}
	}
	return ""
}

// keyBuf holds one section key: "138", "2(7)", "o39.r1", "sch1.6",
// "am14.1", "sch.113".
type keyBuf struct {
	b [64]byte
	n int
}

func (k *keyBuf) byte(c byte) {
	if k.n < len(k.b) {
		k.b[k.n] = c
		k.n++
	}
}

func (k *keyBuf) str(s string) {
	for i := 0; i < len(s); i++ {
		k.byte(s[i])
	}
}

func (k *keyBuf) int(v int) {
	var tmp [8]byte
	i := len(tmp)
	for v > 0 && i > 0 {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	for ; i < len(tmp); i++ {
		k.byte(tmp[i])
	}
}

// num writes a number as a key: lower case, dashes as "-", the dash of
// "25-F" or "43-A" dropped. cut drops that many trailing "(x)" groups.
func (k *keyBuf) num(s string, cut int) {
	start := k.n
	for i := 0; i < len(s); {
		if n := dashAt(s, i); n > 0 {
			k.byte('-')
			i += n
			continue
		}
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		k.byte(c)
		i++
	}
	b := k.b[start:k.n]
	// "25-f" → "25f": a dash after a digit followed only by letters up to
	// the end or a bracket.
	for i := 1; i < len(b)-1; i++ {
		if b[i] != '-' || !isDigit(b[i-1]) {
			continue
		}
		j := i + 1
		for j < len(b) && isLetter(b[j]) {
			j++
		}
		if j > i+1 && (j == len(b) || b[j] == '(') {
			copy(b[i:], b[i+1:])
			b = b[:len(b)-1]
			k.n--
		}
	}
	for ; cut > 0; cut-- {
		if len(b) == 0 || b[len(b)-1] != ')' {
			break
		}
		o := len(b) - 1
		for o > 0 && b[o] != '(' {
			o--
		}
		if o == 0 {
			break
		}
		k.n -= len(b) - o
		b = b[:o]
	}
}

// parens counts the trailing "(x)" groups of a number.
func parens(s string) int {
	n := 0
	for len(s) > 0 && s[len(s)-1] == ')' {
		o := len(s) - 1
		for o > 0 && s[o] != '(' {
			o--
		}
		if o == 0 {
			break
		}
		s = s[:o]
		n++
	}
	return n
}

// key writes the key of the components, without those dropped; cut
// trailing groups are taken off the main number; v, when set, replaces a
// plural main or rule value by one of its range.
func (p *parsed) key(k *keyBuf, drop [nComp]bool, cut int) {
	k.n = 0
	sep := func() {
		if k.n > 0 {
			k.byte('.')
		}
	}
	prefix := [nComp]string{cSch: "sch", cPt: "pt", cAm: "am", cO: "o", cMain: "", cR: "r"}
	for c := 0; c < nComp; c++ {
		v := p.comp[c]
		if !v.set || drop[c] {
			continue
		}
		sep()
		k.str(prefix[c])
		switch {
		case v.num > 0:
			k.int(v.num)
		case v.txt != "":
			txt := v.txt
			if v.plural {
				txt = firstOfRange(txt)
			}
			if c == cO || c == cSch || c == cPt {
				if n := roman(txt); n > 0 && !isDigit(txt[0]) {
					k.int(n)
					continue
				}
			}
			if c == cMain {
				k.num(txt, cut)
			} else {
				k.num(txt, 0)
			}
		}
	}
}

// firstOfRange is "415" of "415-420" or "1–2" (plural designators only).
func firstOfRange(s string) string {
	for i := 0; i < len(s); i++ {
		if n := dashAt(s, i); n > 0 {
			if i > 0 && isDigit(s[i-1]) && i+n < len(s) && isDigit(s[i+n]) {
				return s[:i]
			}
		}
	}
	return s
}

// lookup finds the rows of act a for the components: the full key, then
// without trailing subsection groups (returned as sub), then without
// schedule and part, then the main number alone.
func (p *parsed) lookup(a *actDef) (ids []int32, sub string) {
	var k keyBuf
	main := p.comp[cMain]
	groups := 0
	if main.set && main.txt != "" && !main.plural {
		groups = parens(main.txt)
	}
	var drops [3][nComp]bool
	drops[1][cSch], drops[1][cPt] = true, true
	drops[2] = [nComp]bool{cSch: true, cPt: true, cAm: true, cO: true, cR: true}
	for di, drop := range drops {
		if di == 2 && !main.set {
			break
		}
		for cut := 0; cut <= groups; cut++ {
			p.key(&k, drop, cut)
			if k.n == 0 {
				continue
			}
			if ids := a.keys[string(k.b[:k.n])]; len(ids) > 0 {
				if cut > 0 {
					sub = main.txt[len(main.txt)-subLen(main.txt, cut):]
				}
				return ids, sub
			}
		}
	}
	return nil, ""
}

// subLen is the length of the last n "(x)" groups of s.
func subLen(s string, n int) int {
	l := len(s)
	for ; n > 0; n-- {
		o := l - 1
		for o > 0 && s[o] != '(' {
			o--
		}
		l = o
	}
	return len(s) - l
}

// entryKeys is the keys of a table Section string (several for "rr. 1–2")
// and its shorter forms: without schedule and part, the order without its
// rule, the amendment without its section.
func (p *parsed) entryKeys() (keys, short []string) {
	var k keyBuf
	var none [nComp]bool
	add := func(list *[]string, drop [nComp]bool) {
		p.key(&k, drop, 0)
		if k.n > 0 {
			*list = append(*list, string(k.b[:k.n]))
		}
	}
	// Ranges: "rr. 1–2" gives r1 and r2.
	if v := p.comp[cR]; v.set && v.plural && v.txt != "" {
		lo, hi, ok := rangeOf(v.txt)
		if ok {
			for n := lo; n <= hi && n-lo < 20; n++ {
				p.comp[cR] = val{set: true, num: n}
				add(&keys, none)
			}
			p.comp[cR] = v
		}
	}
	if len(keys) == 0 {
		add(&keys, none)
	}
	if p.comp[cSch].set || p.comp[cPt].set {
		add(&short, [nComp]bool{cSch: true, cPt: true})
	}
	if p.comp[cO].set && p.comp[cR].set {
		add(&short, [nComp]bool{cR: true})
	}
	if p.comp[cAm].set && p.comp[cMain].set {
		add(&short, [nComp]bool{cMain: true})
	}
	return keys, short
}

// rangeOf reads "1–2" or "1-2".
func rangeOf(s string) (lo, hi int, ok bool) {
	for i := 0; i < len(s); i++ {
		if n := dashAt(s, i); n > 0 {
			a, err1 := strconv.Atoi(s[:i])
			b, err2 := strconv.Atoi(s[i+n:])
			if err1 == nil && err2 == nil && a <= b {
				return a, b, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}
