package main

import (
	"io"
	"log/slog"
	"os"
	"strings"
)

// logFlags choose the log format and level.
type logFlags struct {
	format string
	level  string
}

func (l *logFlags) register(f *flagSet) {
	f.StringVar(&l.format, "log-format", "auto", "log `format`: text, json, or auto (text on a terminal, JSON otherwise)")
	f.StringVar(&l.level, "log-level", "info", "log `level`: debug, info, warn, error")
}

// logger builds the structured logger that writes to w (standard error).
func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.level)); err != nil {
		return nil, usagef("--log-level %q: use debug, info, warn or error", l.level)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(l.format) {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "auto", "":
		if isTerminal(w) {
			return slog.New(slog.NewTextHandler(w, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("--log-format %q: use text, json or auto", l.format)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
