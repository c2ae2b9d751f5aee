package ui

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strings"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

func (u *UI) cases(q *request) error {
	if err := u.needUser(q); err != nil {
		return err
	}
	var list []auth.CaseSummary
	if u.o.Auth != nil {
		var err error
		if list, err = u.o.Auth.Cases(q.ctx, q.user.ID); err != nil {
			return err
		}
	}
	u.render(q, http.StatusOK, "cases", &page{Title: q.cat.T("cases.title"), Data: list})
	return nil
}

// filingForm is the filing page's data: the choices, what was typed, and
// errors by field ("caseType", "sideASummary", "sideADocs" …).
type filingForm struct {
	CaseTypes     []court.CaseType
	Jurisdictions []court.Jurisdiction
	CaseType      string
	Jurisdiction  string
	CreatorSide   string
	A, B          sideForm
	Errors        map[string]string
	FileErrors    map[string][]string // per side field, one message per file
	MaxFileSize   int64
	MaxFiles      int // per side
}

type sideForm struct {
	Summary, Evidence string
}

func (u *UI) newFiling() *filingForm {
	return &filingForm{CaseTypes: court.CaseTypes, Jurisdictions: court.Jurisdictions,
		Jurisdiction: string(court.India), CaseType: string(court.Civil), CreatorSide: "A",
		Errors: map[string]string{}, FileErrors: map[string][]string{}, MaxFileSize: u.o.MaxFileSize,
		MaxFiles: court.MaxDocumentsPerSide}
}

func (u *UI) newCaseForm(q *request) error {
	if err := u.needUser(q); err != nil {
		return err
	}
	u.render(q, http.StatusOK, "new", &page{Title: q.cat.T("new.title"), Data: u.newFiling()})
	return nil
}

// documentTypes are the extensions the document reader accepts; the
// reader sniffs the content too, this only catches the obvious early.
var documentTypes = map[string]bool{".pdf": true, ".docx": true, ".txt": true,
	".jpg": true, ".jpeg": true, ".png": true, ".webp": true}

func (u *UI) fileCase(q *request) error {
	if err := u.needUser(q); err != nil {
		return err
	}
	q.r.Body = http.MaxBytesReader(q.w, q.r.Body, u.o.MaxCaseBytes+1<<20)
	if err := q.r.ParseMultipartForm(32 << 20); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return court.Errorf(court.ETooLarge, "The filing is larger than the limit per case.")
		}
		if err := q.r.ParseForm(); err != nil {
			return court.Errorf(court.EInvalid, "The form is malformed.")
		}
	}
	if q.r.MultipartForm != nil {
		defer q.r.MultipartForm.RemoveAll()
	}
	v := q.r.FormValue
	f := u.newFiling()
	f.CaseType, f.Jurisdiction, f.CreatorSide = v("caseType"), v("jurisdiction"), v("creatorSide")
	f.A = sideForm{v("sideASummary"), v("sideAEvidence")}
	f.B = sideForm{v("sideBSummary"), v("sideBEvidence")}
	filing := &court.Filing{CaseType: f.CaseType, Jurisdiction: f.Jurisdiction}
	filing.A.Summary, filing.B.Summary = f.A.Summary, f.B.Summary
	filing.A.Evidence, filing.B.Evidence = evidenceLines(f.A.Evidence), evidenceLines(f.B.Evidence)
	filing.CreatorSide = court.SideA
	if f.CreatorSide == "B" {
		filing.CreatorSide = court.SideB
	}
	for _, field := range []string{"sideADocs", "sideBDocs"} {
		var files []*multipart.FileHeader
		if q.r.MultipartForm != nil {
			files = q.r.MultipartForm.File[field]
		}
		ups, errs := u.readFiles(files)
		for _, e := range errs {
			f.FileErrors[field] = append(f.FileErrors[field], q.errorText(e))
		}
		if field == "sideADocs" {
			filing.A.Uploads = ups
		} else {
			filing.B.Uploads = ups
		}
	}
	if len(f.FileErrors) > 0 {
		u.render(q, http.StatusBadRequest, "new", &page{Title: q.cat.T("new.title"), Error: q.cat.T("new.fix"), Data: f})
		return nil
	}
	c, err := u.o.Clerk.File(q.ctx, q.userID(), filing, nil)
	if err != nil {
		code := court.ErrorCode(err)
		if code == court.EInternal || code == court.EUnavailable {
			return err
		}
		field := court.FieldOf(err)
		if field == "" {
			field = "form"
		}
		f.Errors[field] = q.errorText(err)
		u.render(q, statusOf(code), "new", &page{Title: q.cat.T("new.title"), Error: q.cat.T("new.fix"), Data: f})
		return nil
	}
	u.redirect(q, "/cases/"+c.ID)
	return nil
}

// readFiles reads a side's files, with one error for each file that
// cannot be accepted, so the party sees which to drop.
func (u *UI) readFiles(files []*multipart.FileHeader) ([]court.Upload, []*court.Error) {
	var ups []court.Upload
	var errs []*court.Error
	if len(files) > court.MaxDocumentsPerSide {
		return nil, []*court.Error{court.Errorf(court.ETooLarge, "At most %d files are accepted per side.", court.MaxDocumentsPerSide)}
	}
	for _, fh := range files {
		name := fh.Filename
		switch {
		case fh.Size > u.o.MaxFileSize:
			errs = append(errs, court.Errorf(court.ETooLarge, "%s: larger than the %s limit per file.", name, humanBytes(u.o.MaxFileSize)))
			continue
		case !documentTypes[strings.ToLower(path.Ext(name))]:
			errs = append(errs, court.Errorf(court.EUnsupported, "%s: only PDF, DOCX and TXT files and JPEG, PNG or WebP images are accepted.", name))
			continue
		}
		fl, err := fh.Open()
		if err != nil {
			errs = append(errs, court.Wrapf(court.EUnprocessable, err, "%s: could not be read.", name))
			continue
		}
		data, err := io.ReadAll(io.LimitReader(fl, u.o.MaxFileSize+1))
		fl.Close()
		if err != nil {
			errs = append(errs, court.Wrapf(court.EUnprocessable, err, "%s: could not be read.", name))
			continue
		}
		ups = append(ups, court.Upload{Name: name, Data: data})
	}
	return ups, errs
}

// evidenceLines is the no-script evidence box: one point per line.
func evidenceLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
