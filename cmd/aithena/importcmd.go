package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/workflows"
	"github.com/schollz/progressbar/v3"
)

// apiClient is the CLI's view of the REST API: AITHENA_API_URL and AITHENA_API_KEY.
type apiClient struct {
	base, key string
	http      *http.Client
}

func newAPIClient(cfg config.Config) apiClient {
	key := cfg.APIKey
	if key == "" {
		key = DemoAPIKey
	}
	return apiClient{base: cfg.APIURL, key: key, http: &http.Client{Timeout: time.Minute}}
}

func (c apiClient) do(ctx context.Context, method, path, contentType string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(b))
	}
	return json.Unmarshal(b, out)
}

// runImport uploads a CSV through the API and follows the import's progress.
func runImport(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	account := fs.String("account", "", "account name or ID (default: your first account)")
	// Accept the file before or after the flags.
	var file string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		return errors.New("usage: aithena import FILE.csv --account ACCOUNT")
	}
	content, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	c := newAPIClient(cfg)
	q := url.Values{"account": {*account}, "filename": {filepath.Base(file)}}
	var started struct {
		ID        string `json:"id"`
		StatusURL string `json:"status_url"`
	}
	if err := c.do(ctx, http.MethodPost, "/v1/imports?"+q.Encode(), "text/csv", bytes.NewReader(content), &started); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "import %s started\n", started.ID)
	bar := progressbar.NewOptions(-1, progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(),
		progressbar.OptionSetWriter(os.Stderr))
	var st struct {
		Progress workflows.ImportProgress `json:"progress"`
	}
	for {
		if err := c.do(ctx, http.MethodGet, started.StatusURL, "", nil, &st); err != nil {
			return err
		}
		p := st.Progress
		if p.TotalRows > 0 {
			bar.ChangeMax(p.TotalRows)
			_ = bar.Set(p.Processed)
		}
		if p.Status == "completed" || p.Status == "failed" {
			_ = bar.Finish()
			fmt.Fprintln(os.Stderr)
			fmt.Printf("%s: %d rows, %d accepted, %d rejected, %d possible duplicates, %d to review\n",
				p.Status, p.TotalRows, p.Accepted, p.RejectedCount, p.PossibleDuplicates, p.NeedsReview)
			for _, r := range p.Rejected {
				fmt.Printf("  line %d: %s\n", r.Line, r.Reason)
			}
			if p.Status == "failed" {
				return errors.New(p.Error)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
}
