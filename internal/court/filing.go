package court

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Filing is what the two parties submit to open a case.
type Filing struct {
	CaseType     string
	Jurisdiction string
	A, B         SideFiling
	// CreatorSide is the side the person filing takes ("A" by default).
	// The court does not use it; access control (internal/auth) does.
	CreatorSide SideID
}

// SideFiling is one party's part of a Filing.
type SideFiling struct {
	Summary  string
	Evidence []string
	Uploads  []Upload
}

// normalize validates f and returns the case it describes, without
// documents, ids or timestamps. def is the jurisdiction used when the
// filing names none.
func (f *Filing) normalize(def Jurisdiction) (*Case, error) {
	t, err := ParseCaseType(f.CaseType)
	if err != nil {
		return nil, err
	}
	j, err := ParseJurisdiction(f.Jurisdiction, def)
	if err != nil {
		return nil, err
	}
	c := &Case{Type: t, Jurisdiction: j, Status: Filed}
	for _, s := range []SideID{SideA, SideB} {
		in := f.A
		if s == SideB {
			in = f.B
		}
		side, err := in.normalize(s)
		if err != nil {
			return nil, err
		}
		*c.Side(s) = side
	}
	return c, nil
}

func (f *SideFiling) normalize(s SideID) (Side, error) {
	field := "side" + string(s)
	summary := strings.TrimSpace(f.Summary)
	if summary == "" {
		return Side{}, Errorf(EInvalid, "%sSummary is required.", field).On(field + "Summary")
	}
	if err := checkText(field+"Summary", summary, MaxSummaryChars); err != nil {
		return Side{}, err.On(field + "Summary")
	}
	if len(f.Evidence) > MaxEvidencePoints {
		return Side{}, Errorf(ETooLarge, "%sEvidence has %d points; at most %d are accepted.", field, len(f.Evidence), MaxEvidencePoints).On(field + "Evidence")
	}
	evidence := make([]string, 0, len(f.Evidence))
	for i, e := range f.Evidence {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if err := checkText(field+"Evidence point "+strconv.Itoa(i+1), e, MaxEvidenceChars); err != nil {
			return Side{}, err.On(field + "Evidence")
		}
		evidence = append(evidence, e)
	}
	if len(f.Uploads) > MaxDocumentsPerSide {
		return Side{}, Errorf(ETooLarge, "%sDocs has %d files; at most %d are accepted.", field, len(f.Uploads), MaxDocumentsPerSide).On(field + "Docs")
	}
	return Side{Summary: summary, Evidence: evidence}, nil
}

// checkText rejects text that is not UTF-8, holds control characters other
// than tab and newlines, or is longer than limit characters.
func checkText(field, s string, limit int) *Error {
	if !utf8.ValidString(s) {
		return Errorf(EInvalid, "%s is not valid UTF-8 text.", field)
	}
	n := 0
	for _, r := range s {
		n++
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return Errorf(EInvalid, "%s contains control characters.", field)
		}
	}
	if n > limit {
		return Errorf(ETooLarge, "%s has %d characters; the limit is %d.", field, n, limit)
	}
	return nil
}
