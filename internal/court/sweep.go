package court

// Swept counts the rows a store's Sweep deleted because they had expired:
// sessions, invitations (used or not) and Idempotency-Key outcomes. They
// are kept here, next to IdempotentRequest, because one sweep covers the
// records of several packages.
type Swept struct {
	Sessions        int
	Invites         int
	IdempotencyKeys int
}

// Total is the number of rows deleted.
func (s Swept) Total() int { return s.Sessions + s.Invites + s.IdempotencyKeys }
