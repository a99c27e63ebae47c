package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/aithena/aithena/ledger"
	"github.com/aithena/aithena/store"
	"github.com/aithena/aithena/workflows"
)

// createImport takes a CSV file (a text/csv body, or multipart field "file") for the account
// in ?account= and starts an ImportWorkflow. Without an Idempotency-Key the import is keyed by
// the file's content and account, so uploading the same file twice is one import.
func (s *Server) createImport(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	content, filename, ok := readUpload(w, r)
	if !ok {
		return
	}
	ref := r.URL.Query().Get("account")
	acct, err := s.Store.Account(r.Context(), u.ID, ref)
	if errors.Is(err, store.ErrNotFound) {
		writeValidation(w, r, []ledger.FieldError{{Field: "account", Message: fmt.Sprintf("no account %q; create it with POST /v1/accounts", ref)}})
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	im, err := s.starter().StartImport(r.Context(), u.ID, acct, filename, content, strings.TrimSpace(r.Header.Get("Idempotency-Key")))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	url := "/v1/imports/" + im.ID.String()
	w.Header().Set("Location", url)
	writeJSON(w, http.StatusAccepted, map[string]any{"id": im.ID, "status_url": url, "workflow_id": im.WorkflowID, "account": acct.Name})
}

func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, string, bool) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	var content []byte
	var err error
	filename := r.URL.Query().Get("filename")
	switch mt {
	case "multipart/form-data":
		f, hdr, ferr := r.FormFile("file")
		if ferr != nil {
			var tooBig *http.MaxBytesError
			if errors.As(ferr, &tooBig) {
				writeDecodeError(w, r, ferr, maxImportBody)
			} else {
				writeValidation(w, r, []ledger.FieldError{{Field: "file", Message: "a multipart field \"file\" with the CSV is required"}})
			}
			return nil, "", false
		}
		defer f.Close()
		filename = hdr.Filename
		content, err = io.ReadAll(f)
	case "text/csv", "text/plain", "application/octet-stream", "":
		content, err = io.ReadAll(r.Body)
	default:
		writeProblem(w, r, http.StatusUnsupportedMediaType, "unsupported-media-type", "send the file as text/csv or multipart/form-data")
		return nil, "", false
	}
	if err != nil {
		writeDecodeError(w, r, err, maxImportBody)
		return nil, "", false
	}
	if len(content) == 0 {
		writeValidation(w, r, []ledger.FieldError{{Field: "file", Message: "is empty"}})
		return nil, "", false
	}
	return content, filename, true
}

// getImport shows an import's progress (from the workflow's query) or its stored outcome.
func (s *Server) getImport(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	u := userFrom(r.Context())
	im, err := s.Store.Import(r.Context(), u.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		writeProblem(w, r, http.StatusNotFound, "not-found", "no import "+id.String())
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := map[string]any{"id": im.ID, "filename": im.Filename, "created_at": im.CreatedAt}
	v, err := s.Temporal.QueryWorkflow(r.Context(), workflows.ImportWorkflowID(u.ID, id), "", workflows.ProgressQuery)
	var p workflows.ImportProgress
	if err == nil && v.Get(&p) == nil {
		out["progress"] = p
	} else {
		// The workflow is past its retention: the stored outcome is all there is.
		out["progress"] = map[string]any{"status": im.Status, "total_rows": im.TotalRows, "accepted": im.Accepted, "rejected": im.Rejected}
	}
	writeJSON(w, http.StatusOK, out)
}
