package offline

import "github.com/aijudge/aijudge/internal/court"

// chequeCase is a cheque-bounce complaint under s. 138 of the Negotiable
// Instruments Act. With corroborated, Side A's documents (the cheque, the
// bank's return memo, the notice) match its evidence; without, they tell
// a different story about the sum and the dates.
func chequeCase(corroborated bool) *court.Case {
	docA := `CHEQUE RETURN MEMO
State Bank of India, Andheri Branch, Mumbai
Cheque No. 456789 dated 12/03/2024 for Rs. 5,00,000/- drawn by Mr. Rajesh Kumar in favour of Mr. Suresh Patel.
Reason for return: FUNDS INSUFFICIENT. Date of return: 15/03/2024.

LEGAL NOTICE dated 20 March 2024 under Section 138 of the Negotiable Instruments Act, 1881, served on Mr. Rajesh Kumar demanding payment of Rs. 5,00,000 within 15 days.`
	if !corroborated {
		docA = `CHEQUE RETURN MEMO
State Bank of India, Andheri Branch, Mumbai
Cheque No. 456789 dated 02/01/2023 for Rs. 3,00,000/- drawn by Mr. Rajesh Kumar in favour of Mr. Suresh Patel.
Reason for return: Payment stopped by drawer. Date of return: 05/01/2023.`
	}
	return &court.Case{
		ID: "cheque", Type: court.Criminal, Jurisdiction: court.India, Status: court.Filed,
		A: court.Side{
			Summary: "The complainant Mr. Suresh Patel lent Rs. 5,00,000 to the accused Mr. Rajesh Kumar. To repay the loan the accused issued cheque No. 456789 dated 12/03/2024, which was dishonoured for insufficient funds. Despite the legal notice the accused has not paid the amount.",
			Evidence: []string{
				"Cheque No. 456789 dated 12/03/2024 for Rs. 5,00,000 signed by the accused",
				"Bank return memo dated 15/03/2024 stating funds insufficient",
				"Legal notice dated 20 March 2024 demanding payment within 15 days",
			},
			Documents: []court.Document{{ID: "d1", Side: court.SideA, Name: "return-memo.txt", Status: court.DocExtracted, Text: docA}},
		},
		B: court.Side{
			Summary:  "The accused Mr. Rajesh Kumar says the cheque was given only as security for a business arrangement and that no legally enforceable debt existed.",
			Evidence: []string{"The cheque was handed over as security, not for repayment of any loan", "No loan agreement was ever executed between the parties"},
		},
	}
}

// phoneCase is a consumer complaint about a defective phone.
func phoneCase() *court.Case {
	return &court.Case{
		ID: "phone", Type: court.Consumer, Jurisdiction: court.India, Status: court.Filed,
		A: court.Side{
			Summary: "The complainant Ms. Anita Desai bought a Galaxy phone from ABC Electronics Pvt. Ltd. in Pune on 5 January 2024 for Rs. 45,000. The phone stopped working within three weeks; the service centre kept it for a month and returned it still defective. The opposite party refused a refund.",
			Evidence: []string{
				"Tax invoice No. 1187 dated 05/01/2024 for Rs. 45,000 issued by ABC Electronics Pvt. Ltd.",
				"Job sheet dated 27 January 2024 recording display and charging defect",
				"Email of 3 March 2024 refusing a refund",
			},
			Documents: []court.Document{{ID: "a1", Side: court.SideA, Name: "invoice.pdf", Status: court.DocExtracted,
				Text: "ABC Electronics Pvt. Ltd., FC Road, Pune. TAX INVOICE No. 1187. Date: 05/01/2024. Customer: Ms. Anita Desai. Item: Galaxy smartphone 256 GB. Total: Rs. 45,000. Warranty: one year.\nSERVICE JOB SHEET dated 27/01/2024: complaint - display flickers, charging defect. Status: returned 28/02/2024, issue persists."}},
		},
		B: court.Side{
			Summary:  "ABC Electronics Pvt. Ltd. says the phone had no manufacturing defect and that the damage was caused by liquid, which the warranty excludes.",
			Evidence: []string{"Service report noting liquid damage indicator triggered"},
			Documents: []court.Document{{ID: "b1", Side: court.SideB, Name: "service-report.txt", Status: court.DocExtracted,
				Text: "Service report dated 27/01/2024 for invoice No. 1187 (Rs. 45,000). Liquid damage indicator: triggered. Warranty void."}},
		},
	}
}

// rentCase is a dispute between a landlord and a tenant over arrears of
// rent and the security deposit.
func rentCase() *court.Case {
	return &court.Case{
		ID: "rent", Type: court.Property, Jurisdiction: court.India, Status: court.Filed,
		A: court.Side{
			Summary:  "The landlord Smt. Kavita Rao let a flat in Bengaluru to Mr. Arjun Mehta at a monthly rent of Rs. 25,000 under a lease dated 1 April 2023. The tenant has not paid the rent for four months and owes Rs. 1,00,000.",
			Evidence: []string{"Lease deed dated 01/04/2023 fixing the rent at Rs. 25,000 per month", "Bank statement showing no rent received after October 2023"},
			Documents: []court.Document{{ID: "l1", Side: court.SideA, Name: "lease.docx", Status: court.DocExtracted,
				Text: "LEASE DEED executed at Bengaluru on 01/04/2023 between Smt. Kavita Rao (lessor) and Mr. Arjun Mehta (lessee). Monthly rent: Rs. 25,000. Security deposit: Rs. 1,50,000. Term: eleven months."}},
		},
		B: court.Side{
			Summary:  "The tenant Mr. Arjun Mehta says he paid the rent in cash every month and that the landlord is withholding his security deposit of Rs. 2,00,000.",
			Evidence: []string{"Receipts for rent paid in cash", "Security deposit of Rs. 2,00,000 paid at the start of the tenancy"},
		},
	}
}
