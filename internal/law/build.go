package law

import "github.com/aijudge/aijudge/internal/court"

// actDef is one statute, code, constitution or instrument of the table,
// with what its rows share. A row may override the dates, scope, source
// and note.
type actDef struct {
	name       string             // as cited: "Negotiable Instruments Act, 1881"
	aliases    []string           // other ways judges name it, lower case, words separated by spaces
	j          court.Jurisdiction // the table that holds it
	scope      string             // territorial extent
	from       Date               // first day in force
	until      Date               // last day in force, zero while in force
	source     string             // official text checked against
	note       string             // the act's commencement or repeal, in a sentence
	procedural bool               // procedure or evidence: applies by the date of the proceedings

	idx  int32              // index in acts
	year int                // the year in its name, 0 if none
	keys map[string][]int32 // section key → row ids, oldest first
}

// sec is one row as written in table.go.
type sec struct {
	act      *actDef
	section  string
	title    string
	from     Date
	until    Date
	scope    string
	source   string
	note     string
	replaces []ref
}

// ref names a row by act and section as the table writes them.
type ref struct {
	act     *actDef
	section string
}

// opt adjusts a row: its own dates, scope, source, note or what it
// replaced.
type opt func(*sec)

func from(d Date) opt                 { return func(s *sec) { s.from = d } }
func until(d Date) opt                { return func(s *sec) { s.until = d } }
func scope(v string) opt              { return func(s *sec) { s.scope = v } }
func source(v string) opt             { return func(s *sec) { s.source = v } }
func note(v string) opt               { return func(s *sec) { s.note = v } }
func replaces(rs ...ref) opt          { return func(s *sec) { s.replaces = append(s.replaces, rs...) } }
func r(a *actDef, section string) ref { return ref{a, section} }

// rs is the refs of several sections of one act.
func rs(a *actDef, sections ...string) []ref {
	out := make([]ref, len(sections))
	for i, s := range sections {
		out[i] = ref{a, s}
	}
	return out
}

func s(a *actDef, section, title string, opts ...opt) sec {
	x := sec{act: a, section: section, title: title}
	for _, o := range opts {
		o(&x)
	}
	return x
}

// row is a provision of the built table with its links.
type row struct {
	p          Provision
	act        *actDef
	replaces   []int32
	replacedBy []int32
}

var (
	acts      []*actDef
	rows      []row
	firstLook map[court.Jurisdiction]map[court.CaseType][]int32
	bySection map[string][]int32 // act name + "\x00" + section → row ids, oldest first
	aliasIdx  map[uint64][]alias

	// buildErrors lists what the table could not resolve: a replaced or
	// listed provision with no row, an act without a row. The table test
	// requires it to be empty.
	buildErrors []string
)

// alias is one way of naming an act, as token hashes.
type alias struct {
	act  *actDef
	toks []uint64
}

func init() { build(tableActs, tableRows, tableLists) }

func build(defs []*actDef, secs []sec, lists map[court.Jurisdiction]map[court.CaseType][]ref) {
	acts = defs
	aliasIdx = map[uint64][]alias{}
	for i, a := range acts {
		a.idx = int32(i)
		a.year = yearIn(a.name)
		a.keys = map[string][]int32{}
		names := append([]string{a.name}, a.aliases...)
		for _, n := range names {
			hs := aliasHashes(n, a.year)
			if len(hs) == 0 {
				continue
			}
			aliasIdx[hs[0]] = append(aliasIdx[hs[0]], alias{a, hs})
		}
	}
	rows = make([]row, 0, len(secs))
	bySection = make(map[string][]int32, len(secs))
	used := map[*actDef]bool{}
	for _, x := range secs {
		a := x.act
		used[a] = true
		p := Provision{
			Act: a.name, Section: x.section, Title: x.title,
			Jurisdiction: a.j, Scope: a.scope, From: a.from, Until: a.until,
			Source: a.source, Note: a.note, Procedural: a.procedural,
		}
		if x.from != 0 {
			p.From = x.from
		}
		if x.until != 0 {
			p.Until = x.until
		}
		if x.scope != "" {
			p.Scope = x.scope
		}
		if x.source != "" {
			p.Source = x.source
		}
		if x.note != "" {
			p.Note = x.note
		}
		p.id = int32(len(rows) + 1)
		rows = append(rows, row{p: p, act: a})
		k := a.name + "\x00" + x.section
		bySection[k] = append(bySection[k], p.id)
	}
	for _, a := range acts {
		if !used[a] {
			buildErrors = append(buildErrors, "act without a row: "+a.name)
		}
	}
	// Links, both ways.
	for i, x := range secs {
		for _, rf := range x.replaces {
			id := lookupRef(rf)
			if id == 0 {
				buildErrors = append(buildErrors, x.act.name+" "+x.section+" replaces a missing row: "+rf.act.name+" "+rf.section)
				continue
			}
			rows[i].replaces = append(rows[i].replaces, id)
			rows[id-1].replacedBy = append(rows[id-1].replacedBy, int32(i+1))
		}
	}
	// Section keys: each row's own keys first, then the shorter forms
	// (without schedule or part, the order without its rule, the amendment
	// without its section) where no other row of the act has them.
	type alt struct {
		key string
		id  int32
	}
	alts := map[*actDef][]alt{}
	for i := range rows {
		rw := &rows[i]
		var p parsed
		tokenize(rw.p.Section, &p)
		p.components(-1, -1)
		keys, short := p.entryKeys()
		if len(keys) == 0 {
			buildErrors = append(buildErrors, "section that cannot be read: "+rw.p.Act+" "+rw.p.Section)
		}
		for _, k := range keys {
			rw.act.keys[k] = append(rw.act.keys[k], rw.p.id)
		}
		for _, k := range short {
			alts[rw.act] = append(alts[rw.act], alt{k, rw.p.id})
		}
	}
	for a, list := range alts {
		taken := map[string]bool{}
		for k := range a.keys {
			taken[k] = true
		}
		for _, x := range list {
			if taken[x.key] {
				continue
			}
			a.keys[x.key] = append(a.keys[x.key], x.id)
		}
	}
	firstLook = map[court.Jurisdiction]map[court.CaseType][]int32{}
	for j, byType := range lists {
		firstLook[j] = map[court.CaseType][]int32{}
		for t, refs := range byType {
			for _, rf := range refs {
				ids := bySection[rf.act.name+"\x00"+rf.section]
				if len(ids) == 0 {
					buildErrors = append(buildErrors, "first-look list "+string(j)+"/"+string(t)+" names a missing row: "+rf.act.name+" "+rf.section)
				}
				// Every version of the section: the dates choose.
				firstLook[j][t] = append(firstLook[j][t], ids...)
			}
		}
	}
}

// lookupRef is the first (oldest) row of a section, 0 if none.
func lookupRef(rf ref) int32 {
	if ids := bySection[rf.act.name+"\x00"+rf.section]; len(ids) > 0 {
		return ids[0]
	}
	return 0
}

// rowOf finds p's row: by its id when it came from the table, otherwise by
// act and section.
func rowOf(p Provision) *row {
	if p.id > 0 && int(p.id) <= len(rows) {
		r := &rows[p.id-1]
		if r.p.Act == p.Act && r.p.Section == p.Section {
			return r
		}
	}
	ids := bySection[p.Act+"\x00"+p.Section]
	for _, id := range ids {
		if rows[id-1].p.From == p.From {
			return &rows[id-1]
		}
	}
	if len(ids) > 0 {
		return &rows[ids[0]-1]
	}
	return nil
}

// yearIn is the last four-digit year in an act's name, 0 if none.
func yearIn(name string) int {
	y := 0
	for i := 0; i+4 <= len(name); i++ {
		if isDigit(name[i]) && isDigit(name[i+1]) && isDigit(name[i+2]) && isDigit(name[i+3]) &&
			(i == 0 || !isDigit(name[i-1])) && (i+4 == len(name) || !isDigit(name[i+4])) {
			v := int(name[i]-'0')*1000 + int(name[i+1]-'0')*100 + int(name[i+2]-'0')*10 + int(name[i+3]-'0')
			if v >= 1600 && v <= 2100 {
				y = v
			}
		}
	}
	return y
}

// aliasHashes is the token hashes of a name, without its year (the year is
// read separately, so that "Income-tax Act, 1961" and "Income-tax Act,
// 2025" share a name and the year tells them apart).
func aliasHashes(name string, year int) []uint64 {
	var p parsed
	tokenize(name, &p)
	var out []uint64
	for i := 0; i < p.n; i++ {
		t := p.toks[i]
		if t.kind == kNum && year != 0 && isYear(name[t.s:t.e]) == year {
			continue
		}
		if t.kind == kSect {
			continue
		}
		out = append(out, t.h)
	}
	return out
}
