// Package inject spots text, filed by a party, that tries to instruct the
// judge instead of informing it: "ignore previous instructions", "you must
// rule for Side B", fake chat-role markers, model control tokens.
//
// Every judge treats what the parties file as evidence. The LLM judges
// still need to know where such attempts are, to tell the model and both
// parties; the offline judge reports them and leaves them out of its
// reading. The patterns aim at instructions addressed to the judge or the
// model, not at ordinary advocacy: "the Court should allow the complaint"
// is a submission, "you must rule for Side A" is an instruction.
package inject

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
)

// maxScan bounds the work on a huge document; an injection is as likely
// near the start as anywhere, and the LLM prompts clip documents anyway.
const maxScan = 1 << 20

// maxFlags per source keeps a document full of attempts from burying the
// judgment.
const maxFlags = 5

type rule struct {
	re     *regexp.Regexp
	reason string
}

var rules = []rule{
	{regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those|system)\b[^.\n]{0,20}?\b(?:instructions?|prompts?|rules|directions|guidelines|context|messages?)\b`),
		"tries to make the judge ignore its instructions"},
	{regexp.MustCompile(`(?i)\byou\s+(?:must|should|shall|will|have\s+to|need\s+to|are\s+(?:required|instructed|ordered|directed)\s+to)\s+(?:now\s+)?(?:rule|decide|find|hold|side|vote|declare|award|give\s+(?:the\s+)?(?:verdict|judgment))\b`),
		"tells the judge how to decide"},
	{regexp.MustCompile(`(?i)\b(?:ai|a\.i\.|language\s+model|llm|chatbot|gpt|gemini|claude|assistant|model)\s+(?:must|should|shall|will|is\s+(?:required|instructed)\s+to)\s+(?:rule|decide|find|hold|side|declare|award|output|respond|answer|ignore)\b`),
		"tells the AI judge how to decide or answer"},
	{regexp.MustCompile(`(?i)\b(?:set|make|give|put|output|report)\s+(?:the\s+|your\s+)?confidence\s+(?:to|at|of|as|=)\s*\d+`),
		"tries to set the judge's confidence"},
	{regexp.MustCompile(`(?im)^[ \t>#*\-\[(<]*(?:system|assistant|developer)\s*[\])>]?\s*:`),
		"contains a fake chat role marker"},
	{regexp.MustCompile(`(?i)<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\|>|\[/?INST\]|<</?SYS>>|</?(?:system|assistant|instructions?)>`),
		"contains model control tokens"},
	{regexp.MustCompile(`(?i)\b(?:new|updated|real|actual|hidden)\s+(?:system\s+)?instructions?\s*:|\bsystem\s+prompt\b|\byou\s+are\s+now\b|\bdeveloper\s+mode\b|\bjailbreak\b|\bact\s+as\s+(?:if\s+you\s+were\s+)?(?:a|an|the)\s+(?:different|new|unrestricted)\b`),
		"tries to change the judge's role or instructions"},
	{regexp.MustCompile(`(?i)\b(?:respond|reply|answer|output)\s+(?:only\s+)?(?:with|in)\s+(?:the\s+)?(?:json|verdict|following|exactly)\b|\breturn\s+(?:only\s+)?(?:the\s+)?following\s+json\b`),
		"tries to dictate the judge's output"},
}

// Scan returns a flag for each kind of attempt to instruct the judge in
// text, naming source (e.g. "Side B summary") as where it was found.
func Scan(source, text string) []court.Flag {
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var flags []court.Flag
	for _, r := range rules {
		loc := r.re.FindStringIndex(text)
		if loc == nil {
			continue
		}
		flags = append(flags, court.Flag{Source: source, Reason: r.reason, Excerpt: excerpt(text, loc[0], loc[1])})
		if len(flags) == maxFlags {
			break
		}
	}
	return flags
}

// Redact blanks out the instructing parts of text, so that a judge which
// reads the rest as evidence does not also read the instructions. Line
// structure is kept.
func Redact(text string) string {
	if len(text) > maxScan {
		text = text[:maxScan]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	for _, r := range rules {
		text = r.re.ReplaceAllStringFunc(text, func(m string) string {
			return strings.Map(func(c rune) rune {
				if c == '\n' {
					return c
				}
				return ' '
			}, m)
		})
	}
	return text
}

// excerpt quotes the match with a little context, on one line and short
// enough for a list shown to both parties.
func excerpt(text string, start, end int) string {
	const around, limit = 30, 160
	lo, hi := max(0, start-around), min(len(text), end+around)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	s := strings.Join(strings.Fields(text[lo:hi]), " ")
	if r := []rune(s); len(r) > limit {
		s = string(r[:limit]) + "…"
	}
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(text) && !strings.HasSuffix(s, "…") {
		s += "…"
	}
	return s
}
