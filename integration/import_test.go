package integration

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

type importStatus struct {
	ID       string `json:"id"`
	Progress struct {
		Status             string `json:"status"`
		TotalRows          int    `json:"total_rows"`
		Processed          int    `json:"processed"`
		Accepted           int    `json:"accepted"`
		RejectedCount      int    `json:"rejected_count"`
		PossibleDuplicates int    `json:"possible_duplicates"`
		Rejected           []struct {
			Line   int    `json:"line"`
			Reason string `json:"reason"`
		} `json:"rejected"`
	} `json:"progress"`
}

func (u *user) importCSV(csv string) (string, importStatus) {
	u.t.Helper()
	r := u.do("POST", "/v1/imports?account=checking", csv, "Content-Type", "text/csv")
	if r.Status != http.StatusAccepted {
		u.t.Fatalf("POST /v1/imports: %d %s", r.Status, r.Body)
	}
	var started struct {
		ID string `json:"id"`
	}
	r.json(u.t, &started)
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		var st importStatus
		u.do("GET", "/v1/imports/"+started.ID, nil).json(u.t, &st)
		if st.Progress.Status == "completed" || st.Progress.Status == "failed" {
			return started.ID, st
		}
		time.Sleep(100 * time.Millisecond)
	}
	u.t.Fatal("import did not finish")
	return "", importStatus{}
}

func TestImportCSVWithBadRows(t *testing.T) {
	u := newUser(t)
	csv := strings.Join([]string{
		"Posting Date,Description,Amount",
		"11/02/2026,POS PURCHASE STARBUCKS #1234 SEATTLE WA,-4.75",
		"11/03/2026,\"AMAZON MKTP US*2K4L33, SEATTLE\",-23.99",
		"11/31/2026,SHELL OIL 57442,-40.00", // no such date
		"11/04/2026,DIRECT DEPOSIT ACME CORP PAYROLL,3250.00",
		"11/05/2026,NETFLIX.COM,",    // no amount
		"11/06/2026,SPOTIFY USA,abc", // not a number
		"11/07/2026,WHOLEFDS MKT 10234,-82.17",
		"11/07/2026,WHOLEFDS MKT 10234,-82.17", // same again: kept, flagged
	}, "\n") + "\n"
	id, st := u.importCSV(csv)
	p := st.Progress
	if p.Status != "completed" || p.TotalRows != 8 || p.Accepted != 5 || p.RejectedCount != 3 || p.Processed != 8 {
		b, _ := json.Marshal(st)
		t.Fatalf("progress %s", b)
	}
	lines := map[int]string{}
	for _, r := range p.Rejected {
		lines[r.Line] = r.Reason
	}
	for _, line := range []int{4, 6, 7} {
		if lines[line] == "" {
			t.Errorf("line %d not rejected: %v", line, lines)
		}
	}
	if !strings.Contains(strings.ToLower(lines[4]), "date") || !strings.Contains(strings.ToLower(lines[6]), "amount") {
		t.Errorf("reasons do not name the column: %v", lines)
	}
	if p.PossibleDuplicates != 1 {
		t.Errorf("possible duplicates %d, want 1", p.PossibleDuplicates)
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != 5 {
		t.Fatalf("%d stored, want 5", n)
	}

	// The same file again is the same import: nothing new.
	id2, _ := u.importCSV(csv)
	if id2 != id {
		t.Fatalf("same file gave a new import %s", id2)
	}
	// An overlapping export (different file) dedupes against the rows already stored.
	overlap := "Date;Verwendungszweck;Betrag\n07.11.2026;WHOLEFDS MKT 10234;-82,17\n08.11.2026;REWE SAGT DANKE 1234;-31,40\n"
	_, st3 := u.importCSV(overlap)
	if st3.Progress.Accepted != 1 || st3.Progress.RejectedCount != 1 || !strings.Contains(st3.Progress.Rejected[0].Reason, "already imported") {
		b, _ := json.Marshal(st3)
		t.Fatalf("overlap: %s", b)
	}
	if n := count(t, `SELECT count(*) FROM transactions WHERE user_id = $1`, u.ID); n != 6 {
		t.Fatalf("%d stored, want 6", n)
	}
	var amount int64
	if err := deps.Store.Pool.QueryRow(t.Context(), `SELECT amount_minor FROM transactions WHERE user_id = $1 AND merchant_key LIKE 'rewe%'`, u.ID).Scan(&amount); err != nil || amount != -3140 {
		t.Fatalf("decimal comma: %d %v", amount, err)
	}
}

func TestImportUnusableFileFailsClearly(t *testing.T) {
	u := newUser(t)
	_, st := u.importCSV("foo,bar\n1,2\n")
	if st.Progress.Status != "failed" {
		t.Fatalf("status %s", st.Progress.Status)
	}
	if r := u.do("POST", "/v1/imports?account=nope", "Date,Description,Amount\n", "Content-Type", "text/csv"); r.Status != 422 {
		t.Fatalf("unknown account: %d", r.Status)
	}
}
