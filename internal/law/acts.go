package law

import "github.com/aijudge/aijudge/internal/court"

// The acts of the table. Each names the official text or gazette its rows
// were checked against; a row may name a more specific one (the amending
// Act that inserted it, the notification that brought it into force).

const (
	inScope = "India"
	gbScope = "England and Wales and Scotland"
	ewScope = "England and Wales"
	ukScope = "United Kingdom"
)

// India.
var (
	inConst = &actDef{name: "Constitution of India", aliases: []string{"constitution", "indian constitution", "coi"},
		j: court.India, scope: inScope, from: Day(1950, 1, 26), source: "India Code, Constitution of India"}

	inIPC = &actDef{name: "Indian Penal Code, 1860", aliases: []string{"ipc", "i p c", "penal code"},
		j: court.India, scope: inScope, from: Day(1862, 1, 1), until: Day(2024, 6, 30), source: "India Code, Act 45 of 1860",
		note: "Repealed by BNS s. 358 from 1 July 2024; it still governs offences committed before that day."}
	inBNS = &actDef{name: "Bharatiya Nyaya Sanhita, 2023", aliases: []string{"bns", "b n s", "nyaya sanhita"},
		j: court.India, scope: inScope, from: Day(2024, 7, 1), source: "India Code, Act 45 of 2023; MHA notification of 23 February 2024 (in force 1 July 2024)",
		note: "In force from 1 July 2024 (except s. 106(2)); applies to offences committed on or after that day."}

	inCrPC = &actDef{name: "Code of Criminal Procedure, 1973", aliases: []string{"crpc", "cr p c", "cr pc", "criminal procedure code"},
		j: court.India, scope: inScope, from: Day(1974, 4, 1), until: Day(2024, 6, 30), source: "India Code, Act 2 of 1974", procedural: true,
		note: "Repealed by BNSS s. 531 from 1 July 2024, with savings for appeals, inquiries, trials and investigations pending then."}
	inBNSS = &actDef{name: "Bharatiya Nagarik Suraksha Sanhita, 2023", aliases: []string{"bnss", "b n s s", "nagarik suraksha sanhita"},
		j: court.India, scope: inScope, from: Day(2024, 7, 1), source: "India Code, Act 46 of 2023; MHA notification of 23 February 2024 (in force 1 July 2024)", procedural: true}

	inIEA = &actDef{name: "Indian Evidence Act, 1872", aliases: []string{"evidence act", "iea", "i e a"},
		j: court.India, scope: inScope, from: Day(1872, 9, 1), until: Day(2024, 6, 30), source: "India Code, Act 1 of 1872", procedural: true,
		note: "Repealed by BSA s. 170 from 1 July 2024; it governs proceedings before that day."}
	inBSA = &actDef{name: "Bharatiya Sakshya Adhiniyam, 2023", aliases: []string{"bsa", "b s a", "sakshya adhiniyam"},
		j: court.India, scope: inScope, from: Day(2024, 7, 1), source: "India Code, Act 47 of 2023; MHA notification of 23 February 2024 (in force 1 July 2024)", procedural: true}

	inNIA = &actDef{name: "Negotiable Instruments Act, 1881", aliases: []string{"ni act", "n i act", "nia", "n i a"},
		j: court.India, scope: inScope, from: Day(1882, 3, 1), source: "India Code, Act 26 of 1881"}
	inCPA = &actDef{name: "Consumer Protection Act, 2019", aliases: []string{"consumer protection act", "cpa", "c p a"},
		j: court.India, scope: inScope, from: Day(2020, 7, 20), source: "India Code, Act 35 of 2019; notification of 15 July 2020 under s. 1(3) (in force 20 July 2020)",
		note: "Replaced the Consumer Protection Act, 1986 (s. 107)."}
	inICA = &actDef{name: "Indian Contract Act, 1872", aliases: []string{"contract act", "ica", "i c a"},
		j: court.India, scope: inScope, from: Day(1872, 9, 1), source: "India Code, Act 9 of 1872"}
	inSGA = &actDef{name: "Sale of Goods Act, 1930", aliases: []string{"sale of goods act", "sga", "s g a"},
		j: court.India, scope: inScope, from: Day(1930, 7, 1), source: "India Code, Act 3 of 1930"}
	inSRA = &actDef{name: "Specific Relief Act, 1963", aliases: []string{"sra", "s r a"},
		j: court.India, scope: inScope, from: Day(1964, 3, 1), source: "India Code, Act 47 of 1963"}
	inTPA = &actDef{name: "Transfer of Property Act, 1882", aliases: []string{"tpa", "t p act", "t p a", "tp act"},
		j: court.India, scope: inScope, from: Day(1882, 7, 1), source: "India Code, Act 4 of 1882"}
	inITA = &actDef{name: "Information Technology Act, 2000", aliases: []string{"it act", "i t act", "ita"},
		j: court.India, scope: inScope, from: Day(2000, 10, 17), source: "India Code, Act 21 of 2000"}
	inSPDI = &actDef{name: "Information Technology (Reasonable Security Practices and Procedures and Sensitive Personal Data or Information) Rules, 2011",
		aliases: []string{"spdi rules", "sensitive personal data rules", "reasonable security practices rules"},
		j:       court.India, scope: inScope, from: Day(2011, 4, 11), until: Day(2027, 5, 12), source: "G.S.R. 313(E), 11 April 2011",
		note: "Made under IT Act s. 87(2)(ob) read with s. 43A; both are omitted by DPDP Act s. 44(2) on the expiry of eighteen months from G.S.R. 843(E) of 13 November 2025 (taken here as 13 May 2027)."}
	inDPDP = &actDef{name: "Digital Personal Data Protection Act, 2023", aliases: []string{"dpdp act", "dpdpa", "dpdp", "d p d p act", "data protection act"},
		j: court.India, scope: inScope, from: Day(2027, 5, 13), source: "India Code, Act 22 of 2023; G.S.R. 843(E), 13 November 2025",
		note: "Brought into force in stages by G.S.R. 843(E) of 13 November 2025: ss. 1(2), 2, 18-26, 35, 38-43, 44(1) and 44(3) at once; ss. 6(9) and 27(1)(d) after one year; the rest, including ss. 3-17, 33 and 44(2), after eighteen months (taken here as 13 May 2027)."}
	inLA = &actDef{name: "Limitation Act, 1963", aliases: []string{"limitation act"},
		j: court.India, scope: inScope, from: Day(1964, 1, 1), source: "India Code, Act 36 of 1963", procedural: true}
	inCPC = &actDef{name: "Code of Civil Procedure, 1908", aliases: []string{"cpc", "c p c", "civil procedure code"},
		j: court.India, scope: inScope, from: Day(1909, 1, 1), source: "India Code, Act 5 of 1908", procedural: true}
	inCCA = &actDef{name: "Commercial Courts Act, 2015", aliases: []string{"commercial courts act"},
		j: court.India, scope: inScope, from: Day(2015, 10, 23), source: "India Code, Act 4 of 2016 (in force from 23 October 2015)", procedural: true}
	inMVA = &actDef{name: "Motor Vehicles Act, 1988", aliases: []string{"motor vehicles act", "mv act", "m v act"},
		j: court.India, scope: inScope, from: Day(1989, 7, 1), source: "India Code, Act 59 of 1988"}
	inRA = &actDef{name: "Registration Act, 1908", aliases: []string{"registration act"},
		j: court.India, scope: inScope, from: Day(1909, 1, 1), source: "India Code, Act 16 of 1908"}
	inACA = &actDef{name: "Arbitration and Conciliation Act, 1996", aliases: []string{"arbitration act", "a c act", "arbitration and conciliation act"},
		j: court.India, scope: inScope, from: Day(1996, 8, 22), source: "India Code, Act 26 of 1996"}
	inHMA = &actDef{name: "Hindu Marriage Act, 1955", aliases: []string{"hma", "h m act", "h m a"},
		j: court.India, scope: inScope, from: Day(1955, 5, 18), source: "India Code, Act 25 of 1955"}
	inDV = &actDef{name: "Protection of Women from Domestic Violence Act, 2005", aliases: []string{"dv act", "d v act", "pwdva", "domestic violence act"},
		j: court.India, scope: inScope, from: Day(2006, 10, 26), source: "India Code, Act 43 of 2005"}

	inIDA = &actDef{name: "Industrial Disputes Act, 1947", aliases: []string{"id act", "i d act", "ida"},
		j: court.India, scope: inScope, from: Day(1947, 4, 1), until: Day(2025, 11, 20), source: "India Code, Act 14 of 1947",
		note: "Repealed by the Industrial Relations Code, 2020 (s. 104) from 21 November 2025 (S.O. 5320(E)), with savings for what was done under it."}
	inPGA = &actDef{name: "Payment of Gratuity Act, 1972", aliases: []string{"gratuity act", "pga", "p g act"},
		j: court.India, scope: inScope, from: Day(1972, 9, 16), until: Day(2025, 11, 20), source: "India Code, Act 39 of 1972",
		note: "Repealed by the Code on Social Security, 2020 (s. 164) from 21 November 2025 (S.O. 5319(E))."}
	inMWA = &actDef{name: "Minimum Wages Act, 1948", aliases: []string{"minimum wages act", "mw act"},
		j: court.India, scope: inScope, from: Day(1948, 3, 15), until: Day(2025, 11, 20), source: "India Code, Act 11 of 1948",
		note: "Repealed by the Code on Wages, 2019 (s. 69) from 21 November 2025 (S.O. 5322(E))."}
	inIRC = &actDef{name: "Industrial Relations Code, 2020", aliases: []string{"ir code", "i r code", "irc"},
		j: court.India, scope: inScope, from: Day(2025, 11, 21), source: "India Code, Act 35 of 2020; S.O. 5320(E), 21 November 2025"}
	inCSS = &actDef{name: "Code on Social Security, 2020", aliases: []string{"social security code", "ss code", "code on social security"},
		j: court.India, scope: inScope, from: Day(2025, 11, 21), source: "India Code, Act 36 of 2020; S.O. 5319(E), 21 November 2025"}
	inCoW = &actDef{name: "Code on Wages, 2019", aliases: []string{"wage code", "wages code", "code on wages"},
		j: court.India, scope: inScope, from: Day(2025, 11, 21), source: "India Code, Act 29 of 2019; S.O. 5322(E), 21 November 2025",
		note: "Sections 1-41, 43-66, 68 and 69 are in force from 21 November 2025; parts of ss. 42 and 67 from 18 December 2020 (S.O. 4604(E))."}

	inIT61 = &actDef{name: "Income-tax Act, 1961", aliases: []string{"income tax act"},
		j: court.India, scope: inScope, from: Day(1962, 4, 1), until: Day(2026, 3, 31), source: "India Code, Act 43 of 1961",
		note: "Repealed by the Income-tax Act, 2025 (s. 536) from 1 April 2026; it still governs assessment years and proceedings saved by s. 536."}
	inIT25 = &actDef{name: "Income-tax Act, 2025", aliases: []string{"income tax act"},
		j: court.India, scope: inScope, from: Day(2026, 4, 1), source: "India Code, Act 30 of 2025 (s. 1(3): in force 1 April 2026)"}
)

// United States.
var (
	usConst = &actDef{name: "U.S. Const.", aliases: []string{"us const", "u s constitution", "us constitution", "united states constitution", "constitution of the united states", "constitution"},
		j: court.USA, scope: "United States", from: Day(1789, 3, 4), source: "Constitution of the United States (National Archives transcription)"}
	usC15 = &actDef{name: "15 U.S.C.", aliases: []string{"15 usc", "15 u s code"},
		j: court.USA, scope: "United States (federal)", from: Day(1914, 9, 26), source: "United States Code, Title 15 (uscode.house.gov)"}
	usC18 = &actDef{name: "18 U.S.C.", aliases: []string{"18 usc", "18 u s code"},
		j: court.USA, scope: "United States (federal)", from: Day(1948, 9, 1), source: "United States Code, Title 18 (uscode.house.gov)"}
	usC26 = &actDef{name: "26 U.S.C.", aliases: []string{"26 usc", "internal revenue code", "irc"},
		j: court.USA, scope: "United States (federal)", from: Day(1954, 8, 16), source: "United States Code, Title 26 (uscode.house.gov)",
		note: "Enacted as the Internal Revenue Code of 1954 (16 August 1954), redesignated the Internal Revenue Code of 1986."}
	usC28 = &actDef{name: "28 U.S.C.", aliases: []string{"28 usc", "28 u s code"},
		j: court.USA, scope: "United States (federal courts)", from: Day(1948, 9, 1), source: "United States Code, Title 28 (uscode.house.gov)", procedural: true}
	usC29 = &actDef{name: "29 U.S.C.", aliases: []string{"29 usc", "29 u s code"},
		j: court.USA, scope: "United States (federal)", from: Day(1938, 10, 24), source: "United States Code, Title 29 (uscode.house.gov)"}
	usC42 = &actDef{name: "42 U.S.C.", aliases: []string{"42 usc", "42 u s code"},
		j: court.USA, scope: "United States (federal)", from: Day(1871, 4, 20), source: "United States Code, Title 42 (uscode.house.gov)"}
	usFRCP = &actDef{name: "Federal Rules of Civil Procedure", aliases: []string{"frcp", "fed r civ p", "f r c p"},
		j: court.USA, scope: "United States (federal courts)", from: Day(1938, 9, 16), source: "Federal Rules of Civil Procedure (uscourts.gov)", procedural: true}
	usUCC = &actDef{name: "Uniform Commercial Code", aliases: []string{"ucc", "u c c"},
		j: court.USA, scope: "United States (state law, as enacted in each State; Article 2 not in Louisiana)", from: Day(1954, 7, 1),
		source: "Uniform Commercial Code, Official Text (American Law Institute and Uniform Law Commission)",
		note:   "Model law in force in each State from that State's enactment; the date is that of the first enactment (Pennsylvania)."}
)

// United Kingdom. The UK table is English law unless a row says otherwise.
var (
	ukERA = &actDef{name: "Employment Rights Act 1996", aliases: []string{"era", "e r a"},
		j: court.UK, scope: gbScope, from: Day(1996, 8, 22), source: "legislation.gov.uk ukpga/1996/18"}
	ukTULRCA = &actDef{name: "Trade Union and Labour Relations (Consolidation) Act 1992", aliases: []string{"tulrca", "tulr c a", "trade union and labour relations act"},
		j: court.UK, scope: gbScope, from: Day(1992, 10, 16), source: "legislation.gov.uk ukpga/1992/52"}
	ukAcas = &actDef{name: "Acas Code of Practice on Disciplinary and Grievance Procedures", aliases: []string{"acas code", "acas code of practice"},
		j: court.UK, scope: gbScope, from: Day(2015, 3, 11), source: "Acas Code of Practice 1 (2015), brought into effect by SI 2015/649",
		note: "Replaced the 2009 Code (in effect from 6 April 2009). Not law in itself: tribunals take it into account and may adjust awards under TULRCA s. 207A."}
	ukEqA = &actDef{name: "Equality Act 2010", aliases: []string{"equality act", "eqa"},
		j: court.UK, scope: gbScope, from: Day(2010, 10, 1), source: "legislation.gov.uk ukpga/2010/15"}
	ukCRA = &actDef{name: "Consumer Rights Act 2015", aliases: []string{"cra", "consumer rights act"},
		j: court.UK, scope: ukScope, from: Day(2015, 10, 1), source: "legislation.gov.uk ukpga/2015/15"}
	ukSGA = &actDef{name: "Sale of Goods Act 1979", aliases: []string{"sga", "sale of goods act"},
		j: court.UK, scope: ukScope, from: Day(1980, 1, 1), source: "legislation.gov.uk ukpga/1979/54",
		note: "For consumer contracts made on or after 1 October 2015 the Consumer Rights Act 2015 applies instead."}
	ukUCTA = &actDef{name: "Unfair Contract Terms Act 1977", aliases: []string{"ucta", "unfair contract terms act"},
		j: court.UK, scope: "England and Wales and Northern Ireland", from: Day(1978, 2, 1), source: "legislation.gov.uk ukpga/1977/50"}
	ukMisrep = &actDef{name: "Misrepresentation Act 1967", aliases: []string{"misrepresentation act"},
		j: court.UK, scope: ewScope, from: Day(1967, 4, 22), source: "legislation.gov.uk ukpga/1967/7"}
	ukLA = &actDef{name: "Limitation Act 1980", aliases: []string{"limitation act"},
		j: court.UK, scope: ewScope, from: Day(1981, 5, 1), source: "legislation.gov.uk ukpga/1980/58"}
	ukHRA = &actDef{name: "Human Rights Act 1998", aliases: []string{"hra", "human rights act"},
		j: court.UK, scope: ukScope, from: Day(2000, 10, 2), source: "legislation.gov.uk ukpga/1998/42"}
	ukFraud = &actDef{name: "Fraud Act 2006", aliases: []string{"fraud act"},
		j: court.UK, scope: "England and Wales and Northern Ireland", from: Day(2007, 1, 15), source: "legislation.gov.uk ukpga/2006/35"}
	ukTheft = &actDef{name: "Theft Act 1968", aliases: []string{"theft act"},
		j: court.UK, scope: ewScope, from: Day(1969, 1, 1), source: "legislation.gov.uk ukpga/1968/60"}
	ukOAPA = &actDef{name: "Offences against the Person Act 1861", aliases: []string{"oapa", "offences against the person act"},
		j: court.UK, scope: "England and Wales and Northern Ireland", from: Day(1861, 11, 1), source: "legislation.gov.uk ukpga/Vict/24-25/100"}
	ukCMA = &actDef{name: "Computer Misuse Act 1990", aliases: []string{"computer misuse act", "cma"},
		j: court.UK, scope: ukScope, from: Day(1990, 8, 29), source: "legislation.gov.uk ukpga/1990/18"}
	ukMCA = &actDef{name: "Matrimonial Causes Act 1973", aliases: []string{"mca", "matrimonial causes act"},
		j: court.UK, scope: ewScope, from: Day(1974, 1, 1), source: "legislation.gov.uk ukpga/1973/18"}
	ukChildren = &actDef{name: "Children Act 1989", aliases: []string{"children act"},
		j: court.UK, scope: ewScope, from: Day(1991, 10, 14), source: "legislation.gov.uk ukpga/1989/41"}
	ukLTA = &actDef{name: "Landlord and Tenant Act 1985", aliases: []string{"lta", "landlord and tenant act"},
		j: court.UK, scope: ewScope, from: Day(1986, 4, 1), source: "legislation.gov.uk ukpga/1985/70",
		note: "In Wales, occupation contracts under the Renting Homes (Wales) Act 2016 have replaced most tenancies since 1 December 2022."}
	ukOLA = &actDef{name: "Occupiers' Liability Act 1957", aliases: []string{"occupiers liability act", "occupiers' liability act"},
		j: court.UK, scope: ewScope, from: Day(1958, 1, 1), source: "legislation.gov.uk ukpga/Eliz2/5-6/31"}
	ukDefam = &actDef{name: "Defamation Act 2013", aliases: []string{"defamation act"},
		j: court.UK, scope: ewScope, from: Day(2014, 1, 1), source: "legislation.gov.uk ukpga/2013/26; SI 2013/3027 (in force 1 January 2014)"}
	ukHA88 = &actDef{name: "Housing Act 1988", aliases: []string{"housing act"},
		j: court.UK, scope: "England", from: Day(1989, 1, 15), source: "legislation.gov.uk ukpga/1988/50",
		note: "In Wales replaced for most tenancies by the Renting Homes (Wales) Act 2016 from 1 December 2022."}
)

// Canada.
var (
	caCharter = &actDef{name: "Canadian Charter of Rights and Freedoms", aliases: []string{"charter", "charter of rights", "canadian charter"},
		j: court.Canada, scope: "Canada (government action: s. 32)", from: Day(1982, 4, 17), source: "Constitution Act, 1982, Part I (laws-lois.justice.gc.ca)"}
	caCA1867 = &actDef{name: "Constitution Act, 1867", aliases: []string{"constitution act", "bna act", "british north america act"},
		j: court.Canada, scope: "Canada", from: Day(1867, 7, 1), source: "Constitution Act, 1867 (laws-lois.justice.gc.ca)"}
	caCC = &actDef{name: "Criminal Code, R.S.C. 1985, c. C-46", aliases: []string{"criminal code", "cc", "cr c"},
		j: court.Canada, scope: "Canada", from: Day(1988, 12, 12), source: "Justice Laws, R.S.C. 1985, c. C-46",
		note: "The date is that of the Revised Statutes of Canada, 1985; the Code itself dates from 1892."}
	caDivorce = &actDef{name: "Divorce Act, R.S.C. 1985, c. 3 (2nd Supp.)", aliases: []string{"divorce act"},
		j: court.Canada, scope: "Canada", from: Day(1986, 6, 1), source: "Justice Laws, R.S.C. 1985, c. 3 (2nd Supp.)"}
	caCompetition = &actDef{name: "Competition Act, R.S.C. 1985, c. C-34", aliases: []string{"competition act"},
		j: court.Canada, scope: "Canada", from: Day(1988, 12, 12), source: "Justice Laws, R.S.C. 1985, c. C-34"}
	caCLC = &actDef{name: "Canada Labour Code, R.S.C. 1985, c. L-2", aliases: []string{"canada labour code", "labour code", "clc"},
		j: court.Canada, scope: "Canada (federally regulated employers)", from: Day(1988, 12, 12), source: "Justice Laws, R.S.C. 1985, c. L-2"}
	caITA = &actDef{name: "Income Tax Act, R.S.C. 1985, c. 1 (5th Supp.)", aliases: []string{"income tax act", "ita"},
		j: court.Canada, scope: "Canada", from: Day(1991, 12, 1), source: "Justice Laws, R.S.C. 1985, c. 1 (5th Supp.); S.C. 1994, c. 7 (preamble)",
		note: "The revised Act applies to taxation years ending after November 1991."}
	caOntLim = &actDef{name: "Limitations Act, 2002, S.O. 2002, c. 24, Sch. B", aliases: []string{"limitations act"},
		j: court.Canada, scope: "Ontario", from: Day(2004, 1, 1), source: "Ontario e-Laws, S.O. 2002, c. 24, Sched. B", procedural: true}
)

// Australia.
var (
	auConst = &actDef{name: "Australian Constitution", aliases: []string{"constitution", "commonwealth constitution", "constitution of australia"},
		j: court.Australia, scope: "Australia", from: Day(1901, 1, 1), source: "Commonwealth of Australia Constitution Act 1900 (UK), s. 9 (legislation.gov.au)"}
	auACL = &actDef{name: "Competition and Consumer Act 2010 (Cth), Sch. 2 (Australian Consumer Law)", aliases: []string{"australian consumer law", "acl", "competition and consumer act"},
		j: court.Australia, scope: "Australia (Commonwealth and each State and Territory)", from: Day(2011, 1, 1), source: "legislation.gov.au, Competition and Consumer Act 2010, Sch. 2"}
	auNSWCLA = &actDef{name: "Civil Liability Act 2002 (NSW)", aliases: []string{"civil liability act"},
		j: court.Australia, scope: "New South Wales", from: Day(2002, 12, 6), source: "NSW Legislation, Act No. 22 of 2002; Part 1A inserted by the Civil Liability Amendment (Personal Responsibility) Act 2002 from 6 December 2002"}
	auFWA = &actDef{name: "Fair Work Act 2009 (Cth)", aliases: []string{"fair work act", "fwa", "fw act"},
		j: court.Australia, scope: "Australia (national system employers)", from: Day(2009, 7, 1), source: "legislation.gov.au, Fair Work Act 2009"}
	auCrim = &actDef{name: "Criminal Code Act 1995 (Cth), Sch. (Criminal Code)", aliases: []string{"criminal code", "commonwealth criminal code", "criminal code act", "cth criminal code"},
		j: court.Australia, scope: "Commonwealth", from: Day(1997, 1, 1), source: "legislation.gov.au, Criminal Code Act 1995"}
	auFLA = &actDef{name: "Family Law Act 1975 (Cth)", aliases: []string{"family law act", "fla"},
		j: court.Australia, scope: "Australia", from: Day(1976, 1, 5), source: "legislation.gov.au, Family Law Act 1975"}
	auITAA = &actDef{name: "Income Tax Assessment Act 1997 (Cth)", aliases: []string{"itaa", "itaa 1997", "income tax assessment act"},
		j: court.Australia, scope: "Australia", from: Day(1997, 7, 1), source: "legislation.gov.au, Income Tax Assessment Act 1997",
		note: "Applies from the 1997-98 income year."}
)

// International.
var (
	intCISG = &actDef{name: "UN Convention on Contracts for the International Sale of Goods (1980)", aliases: []string{"cisg", "vienna sales convention", "convention on contracts for the international sale of goods"},
		j: court.International, scope: "Contracting States (international sales of goods)", from: Day(1988, 1, 1), source: "UNCITRAL, United Nations Treaty Series vol. 1489"}
	intICCPR = &actDef{name: "International Covenant on Civil and Political Rights (1966)", aliases: []string{"iccpr", "covenant on civil and political rights"},
		j: court.International, scope: "States parties", from: Day(1976, 3, 23), source: "OHCHR, United Nations Treaty Series vol. 999"}
	intICESCR = &actDef{name: "International Covenant on Economic, Social and Cultural Rights (1966)", aliases: []string{"icescr", "covenant on economic social and cultural rights"},
		j: court.International, scope: "States parties", from: Day(1976, 1, 3), source: "OHCHR, United Nations Treaty Series vol. 993"}
	intUDHR = &actDef{name: "Universal Declaration of Human Rights (1948)", aliases: []string{"udhr", "universal declaration"},
		j: court.International, scope: "All States (a declaration of the General Assembly, not a treaty)", from: Day(1948, 12, 10), source: "UN General Assembly resolution 217 A (III)"}
	intBudapest = &actDef{name: "Council of Europe Convention on Cybercrime (Budapest, 2001)", aliases: []string{"budapest convention", "convention on cybercrime", "cybercrime convention"},
		j: court.International, scope: "States parties", from: Day(2004, 7, 1), source: "Council of Europe, ETS No. 185"}
	intHague = &actDef{name: "Hague Convention on the Civil Aspects of International Child Abduction (1980)", aliases: []string{"hague convention", "child abduction convention"},
		j: court.International, scope: "Contracting States", from: Day(1983, 12, 1), source: "HCCH, Convention of 25 October 1980"}
	intILO158 = &actDef{name: "ILO Termination of Employment Convention, 1982 (No. 158)", aliases: []string{"ilo convention 158", "ilo convention no 158", "c158", "termination of employment convention"},
		j: court.International, scope: "Ratifying States", from: Day(1985, 11, 23), source: "ILO NORMLEX, C158"}
	intRome = &actDef{name: "Rome Statute of the International Criminal Court (1998)", aliases: []string{"rome statute", "icc statute"},
		j: court.International, scope: "States parties", from: Day(2002, 7, 1), source: "United Nations Treaty Series vol. 2187"}
	intVCLT = &actDef{name: "Vienna Convention on the Law of Treaties (1969)", aliases: []string{"vclt", "vienna convention on the law of treaties"},
		j: court.International, scope: "States parties", from: Day(1980, 1, 27), source: "United Nations Treaty Series vol. 1155"}
	intRomeI = &actDef{name: "Regulation (EC) No 593/2008 (Rome I)", aliases: []string{"rome i", "rome i regulation"},
		j: court.International, scope: "European Union Member States except Denmark", from: Day(2009, 12, 17), source: "EUR-Lex 32008R0593"}
	intRomeII = &actDef{name: "Regulation (EC) No 864/2007 (Rome II)", aliases: []string{"rome ii", "rome ii regulation"},
		j: court.International, scope: "European Union Member States except Denmark", from: Day(2009, 1, 11), source: "EUR-Lex 32007R0864"}
	intBrussels = &actDef{name: "Regulation (EU) No 1215/2012 (Brussels I bis)", aliases: []string{"brussels i bis", "brussels i recast", "brussels ia"},
		j: court.International, scope: "European Union Member States", from: Day(2015, 1, 10), source: "EUR-Lex 32012R1215", procedural: true}
)

var tableActs = []*actDef{
	inConst, inIPC, inBNS, inCrPC, inBNSS, inIEA, inBSA, inNIA, inCPA, inICA, inSGA, inSRA, inTPA, inITA, inSPDI, inDPDP,
	inLA, inCPC, inCCA, inMVA, inRA, inACA, inHMA, inDV, inIDA, inPGA, inMWA, inIRC, inCSS, inCoW, inIT61, inIT25,
	usConst, usC15, usC18, usC26, usC28, usC29, usC42, usFRCP, usUCC,
	ukERA, ukTULRCA, ukAcas, ukEqA, ukCRA, ukSGA, ukUCTA, ukMisrep, ukLA, ukHRA, ukFraud, ukTheft, ukOAPA, ukCMA, ukMCA, ukChildren, ukLTA, ukOLA, ukDefam, ukHA88,
	caCharter, caCA1867, caCC, caDivorce, caCompetition, caCLC, caITA, caOntLim,
	auConst, auACL, auNSWCLA, auFWA, auCrim, auFLA, auITAA,
	intCISG, intICCPR, intICESCR, intUDHR, intBudapest, intHague, intILO158, intRome, intVCLT, intRomeI, intRomeII, intBrussels,
}
