package workflows

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aithena/aithena/activities"
	"github.com/google/uuid"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"
)

// chatEnv is a linked chat's conversation; say sends updates one after another, an hour
// apart, and collects the replies.
func chatEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *[]Reply, func(in ...Incoming)) {
	env := newEnv()
	var acts *activities.Activities
	env.OnActivity(acts.LookupChat, mock.Anything, int64(7)).Return(activities.ChatUser{Linked: true, UserID: uuid.New(), Name: "Ann"}, nil)
	var replies []Reply
	say := func(ins ...Incoming) {
		for i, in := range ins {
			in.UpdateID = int64(i + 1)
			env.RegisterDelayedCallback(func() {
				env.UpdateWorkflow(MessageUpdate, fmt.Sprint(in.UpdateID), &testsuite.TestUpdateCallback{
					OnReject:   func(err error) { t.Errorf("update %d rejected: %v", in.UpdateID, err) },
					OnComplete: func(r any, err error) { require.NoError(t, err); replies = append(replies, r.(Reply)) },
				}, in)
			}, time.Duration(i+1)*time.Hour)
		}
	}
	return env, &replies, say
}

// TestUnexpectedInputGetsTheStepsHint: text in the middle of a flow gets that step's hint,
// a stale button is out of date, /cancel works from any step, and nothing crashes.
func TestUnexpectedInputGetsTheStepsHint(t *testing.T) {
	env, replies, say := chatEnv(t)
	say(
		Incoming{Text: "/compare"},
		Incoming{Text: "coffee 4.50"},
		Incoming{CallbackData: "budget:TRAVEL", MessageID: 3},
		Incoming{Text: "/cancel"},
		Incoming{CallbackData: "month:2026-01", MessageID: 3},
		Incoming{CallbackData: "undo:not-a-uuid", MessageID: 3},
		Incoming{CallbackData: "review:nope:maybe", MessageID: 3},
		Incoming{Text: "/nosuch"},
	)
	start := env.Now()
	env.ExecuteWorkflow(ConversationWorkflow, ConversationState{ChatID: 7})
	require.NoError(t, env.GetWorkflowError())
	// It ended a week after the last update (the eighth, at eight hours).
	require.Equal(t, 8*time.Hour+conversationIdle, env.Now().Sub(start).Round(time.Minute))
	var got []string
	for _, r := range *replies {
		got = append(got, strings.SplitN(r.Text, "\n", 2)[0])
	}
	require.Equal(t, []string{
		"Compare which month?",
		"Pick the first month above, or /cancel\\.",
		"That button is out of date\\.",
		"Cancelled\\.",
		"That button is out of date\\.",
		"That button is out of date\\.",
		"That button is out of date\\.",
		"I don't know /nosuch\\. Send an expense like `coffee 4.50`, `lunch 12 yesterday`, `uber 23,40 eur` or `+1200 salary`\\.",
	}, got)
	require.Len(t, (*replies)[0].Keyboard, 3) // six months, three a row, and Cancel
}

// TestConversationContinuesAsNew: after many updates the conversation continues as new with
// its state, once the handlers are done. The updates come an hour apart, 200 hours in all:
// longer than the idle time, which counts from the last update.
func TestConversationContinuesAsNew(t *testing.T) {
	env, replies, say := chatEnv(t)
	ins := make([]Incoming, continueAfter)
	for i := range ins {
		ins[i] = Incoming{Text: "/help"}
	}
	ins[0] = Incoming{Text: "/compare"}
	say(ins...)
	env.ExecuteWorkflow(ConversationWorkflow, ConversationState{ChatID: 7})
	require.Equal(t, continueAfter, len(*replies))
	err := env.GetWorkflowError()
	require.True(t, workflow.IsContinueAsNewError(err), "got %v", err)
}
