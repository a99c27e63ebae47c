package activities

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aithena/aithena/csvimport"
	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/vocab"
	"github.com/google/uuid"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
)

// ErrUnreadableFile is the application error type of a file that cannot be imported at all.
const ErrUnreadableFile = "UnreadableFile"

// Rejection is a row that was not imported, and why.
type Rejection struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

type ImportRef struct {
	ImportID  uuid.UUID
	UserID    uuid.UUID
	AccountID uuid.UUID
	// Currency applies to rows without a currency column: the account's currency.
	Currency string
}

type ParseImportResult struct {
	TotalRows int
	ValidRows int
	Rejected  []Rejection
	Layout    string
}

// ParseImport reads the stored file and reports its layout and the rows that cannot be used.
func (a *Activities) ParseImport(ctx context.Context, in ImportRef) (ParseImportResult, error) {
	res, err := a.parse(ctx, in)
	if err != nil {
		return ParseImportResult{}, err
	}
	out := ParseImportResult{TotalRows: len(res.Rows) + len(res.Rejected), ValidRows: len(res.Rows),
		Layout: fmt.Sprintf("%+v", res.Layout)}
	for _, r := range res.Rejected {
		out.Rejected = append(out.Rejected, Rejection{r.Line, r.Reason})
	}
	return out, nil
}

func (a *Activities) parse(ctx context.Context, in ImportRef) (csvimport.Result, error) {
	content, err := a.Store.ImportContent(ctx, in.UserID, in.ImportID)
	if err != nil {
		return csvimport.Result{}, err
	}
	res, err := csvimport.Parse(bytes.NewReader(content), in.Currency)
	if err != nil {
		return res, temporal.NewNonRetryableApplicationError(err.Error(), ErrUnreadableFile, nil)
	}
	return res, nil
}

type ImportChunkInput struct {
	Import ImportRef
	// Start and End index the valid rows of the file: [Start, End).
	Start, End int
}

type ImportChunkResult struct {
	Accepted           int
	PossibleDuplicates int
	NeedsReview        int
	Rejected           []Rejection
}

// ImportChunk runs rows [Start, End) through the pipeline. A retry after a crash finds the
// rows it already stored (same idempotency keys) and counts them once.
func (a *Activities) ImportChunk(ctx context.Context, in ImportChunkInput) (ImportChunkResult, error) {
	res, err := a.parse(ctx, in.Import)
	if err != nil {
		return ImportChunkResult{}, err
	}
	keys := RowKeys(in.Import.AccountID, res.Rows)
	var out ImportChunkResult
	now := time.Now()
	for i := in.Start; i < min(in.End, len(res.Rows)); i++ {
		row := res.Rows[i]
		activity.RecordHeartbeat(ctx, i)
		sub := ledger.Submission{
			TransactionID: ledger.TransactionID(in.Import.UserID, keys[i]), UserID: in.Import.UserID,
			AccountID: in.Import.AccountID, IdempotencyKey: keys[i], ImportID: &in.Import.ImportID,
			PostedAt: row.Date, AmountMinor: row.AmountMinor, Currency: row.Currency, Description: row.Description,
			WorkflowID: activity.GetInfo(ctx).WorkflowExecution.ID,
		}
		o, err := a.Ledger.Ingest(ctx, sub, now)
		if err != nil {
			var ve ledger.ValidationError
			if errors.As(err, &ve) {
				out.Rejected = append(out.Rejected, Rejection{row.Line, ve.Error()})
				continue
			}
			return ImportChunkResult{}, err
		}
		t := o.Transaction
		if !o.Inserted && (t.ImportID == nil || *t.ImportID != in.Import.ImportID) {
			out.Rejected = append(out.Rejected, Rejection{row.Line, "already imported as transaction " + t.ID.String()})
			continue
		}
		out.Accepted++
		if t.PossibleDuplicateOf != nil {
			out.PossibleDuplicates++
		}
		if t.Status == vocab.StatusNeedsReview {
			out.NeedsReview++
		}
	}
	return out, nil
}

// RowKeys gives each row an idempotency key from its content, so importing the same file
// (or an overlapping export) twice never stores a row twice. Identical rows within one file
// are told apart by their occurrence number: two equal coffees on one day are two coffees.
func RowKeys(accountID uuid.UUID, rows []csvimport.Row) []string {
	seen := map[string]int{}
	keys := make([]string, len(rows))
	for i, r := range rows {
		base := strings.Join([]string{accountID.String(), r.Date.Format("2006-01-02"), r.Amount, r.Currency,
			strings.Join(strings.Fields(r.Description), " ")}, "|")
		seen[base]++
		h := sha256.Sum256([]byte(fmt.Sprintf("%s|%d", base, seen[base])))
		keys[i] = "import:" + hex.EncodeToString(h[:16])
	}
	return keys
}

type FinishImportInput struct {
	Import    ImportRef
	TotalRows int
	Accepted  int
	Rejected  []Rejection
}

// FinishImport records the import's outcome.
func (a *Activities) FinishImport(ctx context.Context, in FinishImportInput) error {
	rej := in.Rejected
	if rej == nil {
		rej = []Rejection{}
	}
	return a.Store.FinishImport(ctx, in.Import.UserID, in.Import.ImportID, in.TotalRows, in.Accepted, rej)
}
