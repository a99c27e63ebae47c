package workflows

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/worker"
)

// TestConversationBeforeV1Replays replays a conversation recorded with the code before
// version 1 ("chat-v1"): linked, a draft, /recent in the middle of it, /budget, /compare and
// /undo (then unknown commands), the draft added. The current code must issue the same
// commands for it, or every chat running at a deploy would be stuck.
func TestConversationBeforeV1Replays(t *testing.T) {
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflow(ConversationWorkflow)
	require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(nil, "testdata/conversation-before-v1.json"))
}
