package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"

	"github.com/aithena/aithena/config"
	"github.com/aithena/aithena/flags"
	"github.com/aithena/aithena/store"
)

// runFlags lists flags, or sets one: aithena flags set NAME --on|--off [--percent N].
func runFlags(ctx context.Context, cfg config.Config, _ *slog.Logger, args []string) error {
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(args) >= 2 && args[0] == "set" {
		fs := flag.NewFlagSet("flags set", flag.ContinueOnError)
		on := fs.Bool("on", false, "turn the flag on")
		off := fs.Bool("off", false, "turn the flag off")
		percent := fs.Int("percent", 100, "share of users it is on for (0-100)")
		if err := fs.Parse(args[2:]); err != nil {
			return err
		}
		if *on == *off {
			return errors.New("say --on or --off")
		}
		if *percent < 0 || *percent > 100 {
			return errors.New("--percent must be between 0 and 100")
		}
		if err := st.SetFlag(ctx, flags.Flag{Name: args[1], Enabled: *on, Percentage: *percent}); err != nil {
			return err
		}
	} else if len(args) > 0 {
		return errors.New("usage: aithena flags [set NAME --on|--off [--percent N]]")
	}
	fs, err := st.Flags(ctx)
	if err != nil {
		return err
	}
	for _, f := range fs {
		state := "off"
		if f.Enabled {
			state = fmt.Sprintf("on for %d%% of users", f.Percentage)
		}
		fmt.Printf("%-32s %s\n", f.Name, state)
	}
	return nil
}
