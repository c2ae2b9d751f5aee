package court

import "testing"

func TestJudgmentRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		state State
		kind  Kind
		want  error
		after Status
	}{
		{"first tentative", State{Status: Filed}, Tentative, nil, Judged},
		{"second tentative", State{Status: Judged, Versions: 1}, Tentative, ErrTentativeExists, ""},
		{"reconsider before judgment", State{Status: Filed}, Reconsidered, ErrNothingToRevise, ""},
		{"reconsider while arguing", State{Status: Arguing, Versions: 2, Answered: 2}, Reconsidered, nil, Arguing},
		{"final before judgment", State{Status: Filed}, Final, ErrFinalTooEarly, ""},
		{"final while an argument is answered", State{Status: Arguing, Versions: 1, Answered: 1, Live: 1}, Final, ErrArgumentPending, ""},
		{"final after judgment", State{Status: Judged, Versions: 1}, Final, nil, Closed},
		{"final after arguments", State{Status: Arguing, Versions: 3, Answered: 5}, Final, nil, Closed},
		{"anything after final", State{Status: Closed, Versions: 4}, Reconsidered, ErrClosedJudgment, ""},
		{"final twice", State{Status: Closed, Versions: 4}, Final, ErrClosedJudgment, ""},
		{"unknown kind", State{Status: Judged, Versions: 1}, Kind("draft"), ErrBadKind, ""},
		{"appeal before the final verdict", State{Status: Arguing, Versions: 2, Answered: 1}, AppealKind, ErrAppealTooEarly, ""},
		{"appeal from the final verdict", State{Status: Closed, Versions: 3}, AppealKind, nil, Closed},
		{"a second appeal", State{Status: Closed, Versions: 4, Appealed: true}, AppealKind, ErrAppealed, ""},
		{"anything after an appeal", State{Status: Closed, Versions: 4, Appealed: true}, Final, ErrClosedJudgment, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.state.AllowJudgment(tt.kind); err != tt.want {
				t.Fatalf("AllowJudgment(%s) = %v, want %v", tt.kind, err, tt.want)
			}
			if tt.want == nil {
				if got := tt.state.StatusAfter(tt.kind); got != tt.after {
					t.Errorf("StatusAfter(%s) = %s, want %s", tt.kind, got, tt.after)
				}
			}
		})
	}
}

func TestArgumentRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		state State
		want  error
	}{
		{"before judgment", State{Status: Filed}, ErrNoJudgment},
		{"first argument", State{Status: Judged, Versions: 1}, nil},
		{"fifth argument", State{Status: Arguing, Versions: 1, Answered: 4}, nil},
		{"sixth argument", State{Status: Arguing, Versions: 1, Answered: 5}, ErrArgumentsFull},
		{"slots held by live reservations", State{Status: Arguing, Versions: 1, Answered: 3, Live: 2}, ErrArgumentsFull},
		{"after the final verdict", State{Status: Closed, Versions: 2, Answered: 1}, ErrClosedArgument},
	}
	for _, tt := range tests {
		if err := tt.state.AllowArgument(); err != tt.want {
			t.Errorf("%s: AllowArgument() = %v, want %v", tt.name, err, tt.want)
		}
	}
}
