package law

import "github.com/aijudge/aijudge/internal/court"

// Acts, named once so that every row spells them the same way.
const (
	inCPA   = "Consumer Protection Act, 2019"
	inICA   = "Indian Contract Act, 1872"
	inNIA   = "Negotiable Instruments Act, 1881"
	inITA   = "Information Technology Act, 2000"
	inBNS   = "Bharatiya Nyaya Sanhita, 2023"
	inCPC   = "Code of Civil Procedure, 1908"
	inSRA   = "Specific Relief Act, 1963"
	inTPA   = "Transfer of Property Act, 1882"
	inConst = "Constitution of India"
	inIDA   = "Industrial Disputes Act, 1947"
	inHMA   = "Hindu Marriage Act, 1955"
	inIT    = "Income-tax Act, 1961"
	inIEA   = "Indian Evidence Act, 1872"
	inACA   = "Arbitration and Conciliation Act, 1996"
	inRA    = "Registration Act, 1908"
	inDV    = "Protection of Women from Domestic Violence Act, 2005"
	inPGA   = "Payment of Gratuity Act, 1972"

	usConst = "U.S. Const."
	usUCC   = "Uniform Commercial Code"

	ukCRA  = "Consumer Rights Act 2015"
	ukSGA  = "Sale of Goods Act 1979"
	ukHRA  = "Human Rights Act 1998"
	ukERA  = "Employment Rights Act 1996"
	ukMCA  = "Matrimonial Causes Act 1973"
	ukUCTA = "Unfair Contract Terms Act 1977"

	caCharter = "Canadian Charter of Rights and Freedoms"
	caCC      = "Criminal Code, R.S.C. 1985, c. C-46"
	caDivorce = "Divorce Act, R.S.C. 1985, c. 3 (2nd Supp.)"
	caITA     = "Income Tax Act, R.S.C. 1985, c. 1 (5th Supp.)"

	auACL   = "Competition and Consumer Act 2010 (Cth), Sch. 2 (Australian Consumer Law)"
	auFWA   = "Fair Work Act 2009 (Cth)"
	auCrim  = "Criminal Code Act 1995 (Cth), Sch. (Criminal Code)"
	auConst = "Australian Constitution"
	auFLA   = "Family Law Act 1975 (Cth)"
	auITAA  = "Income Tax Assessment Act 1997 (Cth)"

	intCISG   = "UN Convention on Contracts for the International Sale of Goods (1980)"
	intICCPR  = "International Covenant on Civil and Political Rights (1966)"
	intUDHR   = "Universal Declaration of Human Rights (1948)"
	intBudap  = "Council of Europe Convention on Cybercrime (Budapest, 2001)"
	intHague  = "Hague Convention on the Civil Aspects of International Child Abduction (1980)"
	intOECD   = "OECD Model Tax Convention on Income and on Capital"
	intILO158 = "ILO Termination of Employment Convention, 1982 (No. 158)"
	intICESCR = "International Covenant on Economic, Social and Cultural Rights (1966)"
	intRome   = "Rome Statute of the International Criminal Court (1998)"
)

// table lists, per jurisdiction and case type, the provisions a judge of
// that system would look at first. Order matters: the judges prefer
// earlier rows when the case text gives no better hint.
var table = map[court.Jurisdiction]map[court.CaseType][]Provision{
	court.India: {
		court.Civil: {
			{inCPC, "s. 9", "civil courts try all suits of a civil nature unless barred"},
			{inCPC, "O. XXXIX rr. 1–2", "temporary injunctions"},
			{inCPC, "O. XXXVII", "summary suits on negotiable instruments and written contracts"},
			{inSRA, "s. 34", "declaratory decrees"},
			{inSRA, "s. 38", "perpetual injunctions"},
			{inICA, "s. 73", "compensation for loss or damage caused by breach of contract"},
			{inIEA, "s. 101", "burden of proof (pre-2024 proceedings)"},
		},
		court.Criminal: {
			{inBNS, "s. 318", "cheating (formerly IPC ss. 415 and 420)"},
			{inBNS, "s. 316", "criminal breach of trust (formerly IPC ss. 405 and 406)"},
			{inBNS, "s. 303", "theft (formerly IPC ss. 378 and 379)"},
			{inBNS, "s. 115", "voluntarily causing hurt (formerly IPC ss. 319 and 323)"},
			{inBNS, "s. 351", "criminal intimidation (formerly IPC ss. 503 and 506)"},
			{inBNS, "s. 61", "criminal conspiracy (formerly IPC ss. 120A and 120B)"},
			{inNIA, "s. 138", "dishonour of cheque for insufficiency of funds"},
			{inNIA, "s. 139", "presumption in favour of the holder of a cheque"},
			{inConst, "Art. 21", "protection of life and personal liberty"},
		},
		court.Constitutional: {
			{inConst, "Art. 14", "equality before the law and equal protection of the laws"},
			{inConst, "Art. 19", "protection of certain rights regarding freedom of speech, assembly, movement and profession"},
			{inConst, "Art. 21", "protection of life and personal liberty"},
			{inConst, "Art. 32", "remedies for enforcement of fundamental rights in the Supreme Court"},
			{inConst, "Art. 226", "power of High Courts to issue writs"},
		},
		court.Consumer: {
			{inCPA, "s. 2(7)", "definition of consumer"},
			{inCPA, "s. 2(10)", "defect in goods"},
			{inCPA, "s. 2(11)", "deficiency in service"},
			{inCPA, "s. 2(47)", "unfair trade practice"},
			{inCPA, "s. 35", "complaints before the District Commission"},
			{inCPA, "s. 39", "findings and reliefs the District Commission may order"},
			{inCPA, "s. 69", "two-year limitation period for complaints"},
		},
		court.Contract: {
			{inICA, "s. 10", "what agreements are contracts"},
			{inICA, "s. 37", "obligation of parties to perform their promises"},
			{inICA, "s. 56", "agreement to do an impossible act; supervening impossibility"},
			{inICA, "s. 73", "compensation for loss or damage caused by breach of contract"},
			{inICA, "s. 74", "compensation for breach where a penalty or sum is stipulated"},
			{inSRA, "s. 10", "specific performance of contracts"},
			{inNIA, "s. 138", "dishonour of cheque for insufficiency of funds"},
			{inACA, "s. 8", "reference of parties to arbitration where there is an arbitration agreement"},
		},
		court.Family: {
			{inHMA, "s. 13", "divorce"},
			{inHMA, "s. 13B", "divorce by mutual consent"},
			{inHMA, "s. 9", "restitution of conjugal rights"},
			{inHMA, "s. 24", "maintenance pendente lite and expenses of proceedings"},
			{inHMA, "s. 25", "permanent alimony and maintenance"},
			{inDV, "s. 12", "application to the Magistrate for relief"},
		},
		court.Property: {
			{inTPA, "s. 54", "sale of immovable property defined"},
			{inTPA, "s. 105", "lease defined"},
			{inTPA, "s. 106", "duration of certain leases and notice to quit"},
			{inTPA, "s. 108", "rights and liabilities of lessor and lessee"},
			{inTPA, "s. 111", "determination of lease"},
			{inSRA, "s. 6", "suit by a person dispossessed of immovable property"},
			{inRA, "s. 17", "documents of which registration is compulsory"},
			{inConst, "Art. 300A", "no deprivation of property save by authority of law"},
		},
		court.Cyber: {
			{inITA, "s. 43", "penalty and compensation for damage to computer systems"},
			{inITA, "s. 43A", "compensation for failure to protect sensitive personal data"},
			{inITA, "s. 66", "computer related offences"},
			{inITA, "s. 66C", "identity theft"},
			{inITA, "s. 66D", "cheating by personation using a computer resource"},
			{inBNS, "s. 318", "cheating (formerly IPC ss. 415 and 420)"},
			{inIEA, "s. 65B", "admissibility of electronic records (pre-2024 proceedings)"},
		},
		court.Labour: {
			{inIDA, "s. 2(s)", "workman defined"},
			{inIDA, "s. 10", "reference of industrial disputes to Boards, Courts or Tribunals"},
			{inIDA, "s. 25F", "conditions precedent to retrenchment of workmen"},
			{inPGA, "s. 4", "payment of gratuity"},
			{inConst, "Art. 14", "equality before the law and equal protection of the laws"},
		},
		court.Tax: {
			{inConst, "Art. 265", "no tax shall be levied or collected except by authority of law"},
			{inIT, "s. 143", "assessment"},
			{inIT, "s. 147", "income escaping assessment"},
			{inIT, "s. 148", "issue of notice where income has escaped assessment"},
			{inIT, "s. 246A", "appealable orders before the Commissioner (Appeals)"},
			{inIT, "s. 253", "appeals to the Appellate Tribunal"},
		},
	},
	court.USA: {
		court.Civil: {
			{usConst, "amend. XIV, § 1", "due process and equal protection"},
			{"42 U.S.C.", "§ 1983", "civil action for deprivation of rights"},
			{"Federal Rules of Civil Procedure", "Rule 56", "summary judgment"},
		},
		court.Criminal: {
			{usConst, "amend. IV", "unreasonable searches and seizures"},
			{usConst, "amend. V", "self-incrimination, double jeopardy and due process"},
			{usConst, "amend. VI", "speedy public trial, jury and counsel"},
			{"18 U.S.C.", "§ 1341", "mail fraud"},
			{"18 U.S.C.", "§ 1343", "wire fraud"},
		},
		court.Constitutional: {
			{usConst, "amend. I", "freedom of speech, religion, press and assembly"},
			{usConst, "amend. XIV, § 1", "due process and equal protection"},
			{"42 U.S.C.", "§ 1983", "civil action for deprivation of rights"},
		},
		court.Consumer: {
			{usUCC, "§ 2-314", "implied warranty of merchantability"},
			{usUCC, "§ 2-315", "implied warranty of fitness for a particular purpose"},
			{"15 U.S.C.", "§ 2310(d)", "Magnuson-Moss Warranty Act civil action"},
			{"15 U.S.C.", "§ 45", "unfair or deceptive acts or practices (FTC Act § 5)"},
		},
		court.Contract: {
			{usUCC, "§ 2-201", "statute of frauds for the sale of goods"},
			{usUCC, "§ 2-313", "express warranties"},
			{usUCC, "§ 2-314", "implied warranty of merchantability"},
			{usUCC, "§ 2-711", "buyer's remedies in general"},
		},
		court.Property: {
			{usConst, "amend. V", "takings clause: just compensation"},
			{usConst, "amend. XIV, § 1", "due process and equal protection"},
		},
		court.Cyber: {
			{"18 U.S.C.", "§ 1030", "Computer Fraud and Abuse Act"},
			{"18 U.S.C.", "§ 1343", "wire fraud"},
		},
		court.Labour: {
			{"29 U.S.C.", "§ 206", "minimum wage (Fair Labor Standards Act)"},
			{"29 U.S.C.", "§ 207", "overtime (Fair Labor Standards Act)"},
			{"42 U.S.C.", "§ 2000e-2", "unlawful employment practices (Title VII)"},
		},
		court.Tax: {
			{"26 U.S.C.", "§ 61", "gross income defined"},
			{"26 U.S.C.", "§ 6213(a)", "petition to the Tax Court against a deficiency"},
		},
	},
	court.UK: {
		court.Civil: {
			{ukHRA, "s. 6", "acts of public authorities"},
			{ukHRA, "Sch. 1, Art. 6", "right to a fair trial"},
			{ukUCTA, "s. 2", "negligence liability"},
		},
		court.Criminal: {
			{"Fraud Act 2006", "s. 1", "fraud"},
			{"Fraud Act 2006", "s. 2", "fraud by false representation"},
			{"Theft Act 1968", "s. 1", "basic definition of theft"},
			{"Criminal Justice Act 1988", "s. 39", "common assault and battery"},
			{"Offences Against the Person Act 1861", "s. 47", "assault occasioning actual bodily harm"},
		},
		court.Constitutional: {
			{ukHRA, "s. 3", "interpretation of legislation compatibly with Convention rights"},
			{ukHRA, "s. 4", "declaration of incompatibility"},
			{ukHRA, "s. 6", "acts of public authorities"},
		},
		court.Consumer: {
			{ukCRA, "s. 9", "goods to be of satisfactory quality"},
			{ukCRA, "s. 10", "goods to be fit for a particular purpose"},
			{ukCRA, "s. 19", "consumer's rights to enforce terms about goods"},
			{ukCRA, "s. 49", "service to be performed with reasonable care and skill"},
			{ukCRA, "s. 62", "requirement for contract terms and notices to be fair"},
		},
		court.Contract: {
			{ukSGA, "s. 14", "implied terms about quality or fitness"},
			{"Misrepresentation Act 1967", "s. 2(1)", "damages for misrepresentation"},
			{ukUCTA, "s. 2", "negligence liability"},
		},
		court.Family: {
			{ukMCA, "s. 1", "divorce on the ground of irretrievable breakdown"},
			{ukMCA, "s. 25", "matters to which the court is to have regard in financial orders"},
			{"Children Act 1989", "s. 1", "welfare of the child is paramount"},
		},
		court.Property: {
			{"Landlord and Tenant Act 1985", "s. 11", "repairing obligations in short leases"},
			{ukHRA, "Sch. 1, Pt. II, Art. 1", "protection of property (First Protocol)"},
		},
		court.Cyber: {
			{"Computer Misuse Act 1990", "s. 1", "unauthorised access to computer material"},
			{"Fraud Act 2006", "s. 2", "fraud by false representation"},
		},
		court.Labour: {
			{ukERA, "s. 94", "the right not to be unfairly dismissed"},
			{ukERA, "s. 98", "fairness of dismissal"},
			{"Equality Act 2010", "s. 13", "direct discrimination"},
		},
	},
	court.Canada: {
		court.Civil: {
			{caCharter, "s. 7", "life, liberty and security of the person"},
			{caCharter, "s. 15", "equality rights"},
			{caCharter, "s. 24", "enforcement of guaranteed rights and freedoms"},
		},
		court.Criminal: {
			{caCC, "s. 380", "fraud"},
			{caCC, "s. 322", "theft"},
			{caCC, "s. 266", "assault"},
			{caCharter, "s. 8", "search or seizure"},
			{caCharter, "s. 11(d)", "presumption of innocence"},
		},
		court.Constitutional: {
			{caCharter, "s. 1", "rights subject to reasonable limits"},
			{caCharter, "s. 2(b)", "freedom of expression"},
			{caCharter, "s. 7", "life, liberty and security of the person"},
			{caCharter, "s. 15", "equality rights"},
		},
		court.Consumer: {
			{"Competition Act, R.S.C. 1985, c. C-34", "s. 52", "false or misleading representations"},
		},
		court.Family: {
			{caDivorce, "s. 8", "divorce on breakdown of marriage"},
			{caDivorce, "s. 16", "best interests of the child"},
		},
		court.Cyber: {
			{caCC, "s. 342.1", "unauthorized use of computer"},
			{caCC, "s. 380", "fraud"},
		},
		court.Labour: {
			{"Canada Labour Code, R.S.C. 1985, c. L-2", "s. 240", "complaint of unjust dismissal"},
		},
		court.Tax: {
			{caITA, "s. 3", "income for a taxation year"},
			{caITA, "s. 169", "appeal to the Tax Court of Canada"},
		},
	},
	court.Australia: {
		court.Civil: {
			{auACL, "s. 18", "misleading or deceptive conduct"},
			{auACL, "s. 236", "actions for damages"},
		},
		court.Criminal: {
			{auCrim, "s. 134.1", "obtaining property by deception"},
			{auCrim, "s. 477.1", "unauthorised access, modification or impairment with intent to commit a serious offence"},
		},
		court.Constitutional: {
			{auConst, "s. 51(xxxi)", "acquisition of property on just terms"},
			{auConst, "s. 92", "trade within the Commonwealth to be free"},
			{auConst, "s. 116", "freedom of religion"},
			{auConst, "s. 117", "rights of residents in States"},
		},
		court.Consumer: {
			{auACL, "s. 18", "misleading or deceptive conduct"},
			{auACL, "s. 54", "guarantee as to acceptable quality"},
			{auACL, "s. 60", "guarantee as to due care and skill"},
			{auACL, "s. 259", "action against suppliers for failure to comply with a guarantee"},
		},
		court.Contract: {
			{auACL, "s. 18", "misleading or deceptive conduct"},
			{auACL, "s. 23", "unfair terms of consumer and small business contracts"},
			{auACL, "s. 236", "actions for damages"},
		},
		court.Family: {
			{auFLA, "s. 48", "divorce on irretrievable breakdown of marriage"},
			{auFLA, "s. 60CC", "how a court determines what is in a child's best interests"},
			{auFLA, "s. 79", "alteration of property interests"},
		},
		court.Property: {
			{auConst, "s. 51(xxxi)", "acquisition of property on just terms"},
		},
		court.Cyber: {
			{auCrim, "s. 477.1", "unauthorised access, modification or impairment with intent to commit a serious offence"},
			{auCrim, "s. 478.1", "unauthorised access to, or modification of, restricted data"},
		},
		court.Labour: {
			{auFWA, "s. 385", "what is an unfair dismissal"},
			{auFWA, "s. 394", "application for unfair dismissal remedy"},
			{auFWA, "s. 340", "protection of workplace rights"},
			{auFWA, "s. 351", "discrimination"},
		},
		court.Tax: {
			{auITAA, "s. 6-5", "ordinary income"},
			{auITAA, "s. 8-1", "general deductions"},
		},
	},
	court.International: {
		court.Civil: {
			{intICCPR, "Art. 14(1)", "equality before courts and a fair and public hearing"},
			{intUDHR, "Art. 10", "fair and public hearing by an independent tribunal"},
		},
		court.Criminal: {
			{intICCPR, "Art. 14(2)", "presumption of innocence"},
			{intICCPR, "Art. 9", "liberty and security of person"},
			{intRome, "Art. 5", "crimes within the jurisdiction of the Court"},
		},
		court.Constitutional: {
			{intICCPR, "Art. 19", "freedom of expression"},
			{intICCPR, "Art. 26", "equality before the law"},
			{intUDHR, "Art. 7", "equality before the law"},
		},
		court.Contract: {
			{intCISG, "Art. 25", "fundamental breach"},
			{intCISG, "Art. 35", "conformity of the goods"},
			{intCISG, "Art. 49", "buyer's right to declare the contract avoided"},
			{intCISG, "Art. 74", "damages for breach"},
			{intCISG, "Art. 79", "exemption for an impediment beyond a party's control"},
		},
		court.Family: {
			{intHague, "Art. 3", "wrongful removal or retention of a child"},
			{intHague, "Art. 12", "return of the child"},
			{intUDHR, "Art. 16", "marriage and the family"},
		},
		court.Property: {
			{intUDHR, "Art. 17", "right to own property and not to be arbitrarily deprived of it"},
		},
		court.Cyber: {
			{intBudap, "Art. 2", "illegal access"},
			{intBudap, "Art. 8", "computer-related fraud"},
		},
		court.Labour: {
			{intILO158, "Art. 4", "valid reason required for termination"},
			{intICESCR, "Art. 7", "just and favourable conditions of work"},
			{intUDHR, "Art. 23", "right to work"},
		},
		court.Tax: {
			{intOECD, "Art. 5", "permanent establishment"},
			{intOECD, "Art. 7", "business profits"},
		},
	},
}
