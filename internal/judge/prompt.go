package judge

import (
	"bytes"
	"crypto/rand"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge/inject"
	"github.com/aijudge/aijudge/internal/law"
)

// PromptVersion names the prompts and schemas below. Change it with any
// change to them: it is part of every cache key, so that answers to old
// prompts are not served for new ones.
const PromptVersion = "2026-12-01.3"

// Limits on what one prompt carries, to keep a case with many long
// documents inside every supported model's context window. Filing limits
// (court.MaxSummaryChars and the like) already bound the rest.
//
// Each side's documents share maxSideDocumentChars (about 19,000 tokens);
// document.Budget decides what of them the judge reads.
const maxSideDocumentChars = 75_000

//go:embed prompts/*.tmpl
var promptFS embed.FS

var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(promptFS, "prompts/*.tmpl"))

// The stages, named as their schemas are.
const (
	stageTentative = "tentative_verdict"
	stageArgument  = "argument_evaluation"
	stageFinal     = "final_verdict"
)

// system is a jurisdiction's legal system as the prompts name it.
type system struct{ name, law string }

var systems = map[court.Jurisdiction]system{
	court.India:         {"India", "the law of India: the Constitution of India, central and state statutes (for example the Indian Contract Act, 1872, the Bharatiya Nyaya Sanhita, 2023, the Consumer Protection Act, 2019 and the Code of Civil Procedure, 1908) and the judgments of the Supreme Court of India and the High Courts"},
	court.USA:           {"the United States", "the law of the United States: the U.S. Constitution, federal statutes (U.S.C.) and regulations, the applicable state law (noting where states differ), the Uniform Commercial Code and the Restatements where relevant, and federal and state case law"},
	court.UK:            {"the United Kingdom", "the law of England and Wales (noting where Scots or Northern Irish law would differ): Acts of Parliament, statutory instruments, retained case law and the judgments of the UK Supreme Court and the Court of Appeal"},
	court.Canada:        {"Canada", "the law of Canada: the Constitution Acts and the Canadian Charter of Rights and Freedoms, federal and provincial statutes (the Civil Code of Québec for civil matters in Québec) and the judgments of the Supreme Court of Canada and the provincial courts of appeal"},
	court.Australia:     {"Australia", "the law of Australia: the Commonwealth Constitution, Commonwealth, state and territory legislation (for example the Australian Consumer Law) and the judgments of the High Court of Australia and the state courts"},
	court.International: {"international law", "international law: treaties and conventions, customary international law, general principles of law, and the decisions of international courts and tribunals; for commercial disputes also the CISG and the UNIDROIT Principles"},
}

// promptData is what the templates see. Everything a party wrote is
// already rendered into a data block by the time it gets here.
type promptData struct {
	Stage            string
	Boundary         string
	Law              string
	JurisdictionName string
	CaseType         string
	RoleA, RoleB     string
	Standard         string
	MaxArguments     int
	A, B             sideData
	Latest           *court.Judgment
	History          []court.Judgment
	Prior            []argData
	Argument         *argData
	Flags            []court.Flag
	// Today is the judge's date and Filed the case's filing date
	// (YYYY-MM-DD, empty when not recorded); Provisions are the statute
	// table's provisions for the case, as legal-basis lines.
	Today, Filed string
	Provisions   []string
	size         int // of the fenced text
	// Repair only.
	Problem string
}

type sideData struct {
	Label, Role string
	Summary     string
	Evidence    []string
	Documents   []string
}

type argData struct {
	Seq                            int
	Side                           string
	Text                           string
	Response, Strengthens, Weakens string
	Uncertainty                    string
	Reconsidered                   bool
}

// newBoundary returns a code the parties cannot know, so that no filed
// text can close its data block and speak as the court.
func newBoundary() string { return rand.Text()[:16] }

// prompter builds one request's prompts: it fences the parties' text with
// one boundary and collects the injection flags of what it fences.
type prompter struct {
	boundary string
	scan     func(source, text string) []court.Flag
	now      time.Time // the judge's clock when the request began
	flags    []court.Flag
	size     int // of the fenced text, to size the prompt's buffer
	sources  map[string]source
}

// source is what one data block holds, recorded by the block's label so
// that a finding's source can be checked against what the judge was
// shown and linked to it.
type source struct {
	kind       court.SourceKind
	side       court.SideID
	documentID string // empty when two documents share a label
}

// shown records that a data block labelled label was given to the judge.
func (p *prompter) shown(label string, s source) {
	if p.sources == nil {
		p.sources = map[string]source{}
	}
	if prev, ok := p.sources[label]; ok && prev.documentID != s.documentID {
		// Two documents of one side with the same name: the label cannot
		// tell them apart.
		s.documentID = ""
	}
	p.sources[label] = s
}

// record is what the answer is checked against.
func (p *prompter) record() record { return record{sources: p.sources, today: p.now} }

// block fences text as data from source and scans it.
func (p *prompter) block(source, text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	// The boundary is random, so this only matters if a party guessed it.
	text = strings.ReplaceAll(text, p.boundary, strings.Repeat("x", len(p.boundary)))
	p.flags = append(p.flags, p.scan(source, text)...)
	text = strings.TrimRight(text, "\n")
	p.size += len(text)
	var b strings.Builder
	b.Grow(len(text) + len(source) + 2*len(p.boundary) + 40)
	b.WriteString("<<<BEGIN DATA ")
	b.WriteString(p.boundary)
	b.WriteString(" | ")
	b.WriteString(source)
	b.WriteString(">>>\n")
	b.WriteString(text)
	b.WriteString("\n<<<END DATA ")
	b.WriteString(p.boundary)
	b.WriteString(">>>")
	return b.String()
}

// docName makes a file name one plain line of a data block.
func docName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune("<>|\"`", r) {
			return ' '
		}
		return r
	}, name)
	return clip(strings.TrimSpace(name), 80)
}

func (p *prompter) side(c *court.Case, id court.SideID) sideData {
	s := c.Side(id)
	role := "plaintiff or petitioner"
	if id == court.SideB {
		role = "defendant or respondent"
	}
	if c.Type == court.Criminal {
		role = map[court.SideID]string{court.SideA: "prosecution", court.SideB: "defence"}[id]
	}
	label := id.Label()
	d := sideData{Label: label, Role: role, Summary: p.block(label+" summary", s.Summary)}
	p.shown(label+" summary", source{kind: court.FromSummary, side: id})
	for i, e := range s.Evidence {
		name := label + " evidence " + strconv.Itoa(i+1)
		d.Evidence = append(d.Evidence, p.block(name, e))
		p.shown(name, source{kind: court.FromEvidence, side: id})
	}
	excerpts := document.Budget(s.Summary, s.Evidence, s.Documents, maxSideDocumentChars)
	// A document is named in the court's text by a neutral label only; its
	// file name is the party's text and goes inside its data block, where
	// it is scanned like the rest.
	for i, doc := range s.Documents {
		name := label + " document " + strconv.Itoa(i+1)
		fileName := "File name: " + docName(doc.Name)
		if strings.TrimSpace(doc.Text) == "" {
			// Nothing to cite: its block is not a source.
			d.Documents = append(d.Documents, fmt.Sprintf("(%s: no readable text was extracted; only its file name is given.)\n%s", name, p.block(name, fileName)))
			continue
		}
		text := excerpts[i].Text
		if doc.Method() == court.TextOCR {
			// Inside the block: the court's note on how the text was
			// read, neutral about what it says.
			fileName += fmt.Sprintf("\nText recognised by OCR from images of the document (mean word confidence %d of 100): it may contain recognition errors.", doc.OCRConfidence)
		}
		if n := excerpts[i].Omitted; n > 0 {
			text += fmt.Sprintf("\n[%d characters of this document were left out to fit the space available. What is kept is its beginning and the passages that %s's summary and evidence refer to; the markers show where text was cut.]", n, label)
		}
		d.Documents = append(d.Documents, p.block(name, fileName+"\n\n"+text))
		p.shown(name, source{kind: court.FromDocument, side: id, documentID: doc.ID})
	}
	return d
}

// base fills what every stage shares.
func (p *prompter) base(stage string, c *court.Case) *promptData {
	l, ok := systems[c.Jurisdiction]
	if !ok {
		l = systems[court.International]
	}
	d := &promptData{
		Stage:            stage,
		Boundary:         p.boundary,
		Law:              l.law,
		JurisdictionName: l.name,
		CaseType:         string(c.Type),
		RoleA:            "plaintiff or petitioner",
		RoleB:            "defendant or respondent",
		Standard:         "in civil matters, the balance of probabilities or preponderance of the evidence",
		MaxArguments:     court.MaxArguments,
		Today:            p.now.UTC().Format(time.DateOnly),
	}
	if !c.CreatedAt.IsZero() {
		d.Filed = c.CreatedAt.UTC().Format(time.DateOnly)
	}
	// Substantive provisions as in force today (the facts' date is for
	// the judge to find), procedure as on the filing date.
	for _, pr := range law.ProvisionsOn(c.Jurisdiction, c.Type, time.Time{}, c.CreatedAt) {
		d.Provisions = append(d.Provisions, pr.String())
	}
	if c.Type == court.Criminal {
		d.RoleA, d.RoleB = "prosecution", "defence"
		d.Standard = "in criminal matters, proof beyond reasonable doubt, with the burden on the prosecution"
	}
	d.A = p.side(c, court.SideA)
	d.B = p.side(c, court.SideB)
	return d
}

func (p *prompter) argument(seq int, a *court.Argument) argData {
	name := "argument " + strconv.Itoa(seq) + " by " + a.Side.Label()
	p.shown(name, source{kind: court.FromArgument, side: a.Side})
	return argData{
		Seq:          seq,
		Side:         a.Side.Label(),
		Text:         p.block(name, a.Text),
		Response:     a.Response,
		Strengthens:  a.Strengthens,
		Weakens:      a.Weakens,
		Uncertainty:  a.UncertaintyRemains,
		Reconsidered: a.Reconsidered,
	}
}

func (p *prompter) prior(c *court.Case) []argData {
	var out []argData
	for i := range c.Arguments {
		a := &c.Arguments[i]
		seq := a.Seq
		if seq == 0 {
			seq = i + 1
		}
		out = append(out, p.argument(seq, a))
	}
	return out
}

// render executes the system template and the stage's template.
func render(d *promptData) (system, user string, err error) {
	var b bytes.Buffer
	b.Grow(8 << 10)
	if err := templates.ExecuteTemplate(&b, "system.tmpl", d); err != nil {
		return "", "", err
	}
	system = b.String()
	b.Reset()
	b.Grow(d.size + 16<<10)
	name := map[string]string{stageTentative: "tentative.tmpl", stageArgument: "argument.tmpl", stageFinal: "final.tmpl"}[d.Stage]
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		return "", "", err
	}
	return system, b.String(), nil
}

func renderRepair(stage, problem string) (string, error) {
	var b bytes.Buffer
	err := templates.ExecuteTemplate(&b, "repair.tmpl", &promptData{Stage: stage, Problem: problem})
	return b.String(), err
}

// renderReground asks for the quotes of bad to be corrected.
func renderReground(stage string, bad []court.Source) (string, error) {
	var list strings.Builder
	for i, s := range bad {
		fmt.Fprintf(&list, "%d. %q, quoted from %q\n", i+1, clip(s.Quote, 300), s.Label)
	}
	var b bytes.Buffer
	err := templates.ExecuteTemplate(&b, "reground.tmpl", &promptData{Stage: stage, Problem: strings.TrimSuffix(list.String(), "\n")})
	return b.String(), err
}

// defaultScan is the injection scanner the judge uses.
var defaultScan = inject.Scan
