package offline

import (
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

// ref names a provision of the statute table by its act and section, as
// the table writes them.
type ref struct{ act, sec string }

// Act names as the statute table writes them.
const (
	actNIA   = "Negotiable Instruments Act, 1881"
	actCPA   = "Consumer Protection Act, 2019"
	actICA   = "Indian Contract Act, 1872"
	actSGA30 = "Sale of Goods Act, 1930"
	actTPA   = "Transfer of Property Act, 1882"
	actSRA   = "Specific Relief Act, 1963"
	actLA63  = "Limitation Act, 1963"
	actBSA   = "Bharatiya Sakshya Adhiniyam, 2023"
	actITA   = "Information Technology Act, 2000"
	actSPDI  = "Information Technology (Reasonable Security Practices and Procedures and Sensitive Personal Data or Information) Rules, 2011"
	actDPDP  = "Digital Personal Data Protection Act, 2023"
	actHMA   = "Hindu Marriage Act, 1955"
	actBNSS  = "Bharatiya Nagarik Suraksha Sanhita, 2023"
	actIDA   = "Industrial Disputes Act, 1947"
	actIRC   = "Industrial Relations Code, 2020"
	actRA    = "Registration Act, 1908"
	actUCC   = "Uniform Commercial Code"
	actUS29  = "29 U.S.C."
	actUS42  = "42 U.S.C."
	actERA   = "Employment Rights Act 1996"
	actAcas  = "Acas Code of Practice on Disciplinary and Grievance Procedures"
	actEqA   = "Equality Act 2010"
	actCRA   = "Consumer Rights Act 2015"
	actLA80  = "Limitation Act 1980"
	actLTA   = "Landlord and Tenant Act 1985"
	actMCA   = "Matrimonial Causes Act 1973"
	actCLC   = "Canada Labour Code, R.S.C. 1985, c. L-2"
	actOntLA = "Limitations Act, 2002, S.O. 2002, c. 24, Sch. B"
	actDiv   = "Divorce Act, R.S.C. 1985, c. 3 (2nd Supp.)"
	actACL   = "Competition and Consumer Act 2010 (Cth), Sch. 2 (Australian Consumer Law)"
	actFWA   = "Fair Work Act 2009 (Cth)"
	actFLA   = "Family Law Act 1975 (Cth)"
	actCISG  = "UN Convention on Contracts for the International Sale of Goods (1980)"
	actILO   = "ILO Termination of Employment Convention, 1982 (No. 158)"
	actRomeI = "Regulation (EC) No 593/2008 (Rome I)"
)

// table is the statute table by act and section, each with every version.
var table = func() map[ref][]law.Provision {
	m := map[ref][]law.Provision{}
	for _, p := range law.All() {
		k := ref{p.Act, p.Section}
		m[k] = append(m[k], p)
	}
	return m
}()

// provisions returns what applies of the cited refs on the case's dates:
// substantive law as it stood on facts, procedure and evidence as they
// stand on proceedings. A provision repealed or not yet in force on its
// day gives way to what the table says applied then (law.At), so a
// burden-of-proof issue of 2023 proceedings rests on the Evidence Act and
// one of 2025 on the Sakshya Adhiniyam. The provisions the table lists
// for the case type (law.ProvisionsOn) are taken as they are.
func provisions(j court.Jurisdiction, t court.CaseType, refs []ref, facts, proceedings time.Time) []law.Provision {
	listed := map[ref]law.Provision{}
	for _, p := range law.ProvisionsOn(j, t, facts, proceedings) {
		listed[ref{p.Act, p.Section}] = p
	}
	var out []law.Provision
	add := func(p law.Provision) {
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	for _, r := range refs {
		if p, ok := listed[r]; ok {
			add(p)
			continue
		}
		versions := table[r]
		if len(versions) == 0 {
			continue
		}
		on := facts
		if versions[0].Procedural || on.IsZero() {
			on = proceedings
		}
		if on.IsZero() {
			on = time.Now()
		}
		found := false
		for _, p := range versions {
			if p.InForce(on) {
				add(p)
				found = true
				break
			}
		}
		if !found {
			for _, p := range law.At(versions[len(versions)-1], on) {
				add(p)
			}
		}
	}
	return out
}
