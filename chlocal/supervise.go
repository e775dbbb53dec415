package chlocal

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// SuperviseOptions configure the restarts of a supervised server. Zero values take the
// defaults noted on each field.
type SuperviseOptions struct {
	// GiveUpAfter is how long the server may stay down, restarts failing, before supervision
	// gives up (default 10 minutes).
	GiveUpAfter time.Duration
	// MinBackoff is the wait before the first restart; it doubles after each failed one
	// (default 0.5 s).
	MinBackoff time.Duration
	// MaxBackoff caps the wait between restarts (default 30 s).
	MaxBackoff time.Duration
}

func (o *SuperviseOptions) defaults() {
	if o.GiveUpAfter <= 0 {
		o.GiveUpAfter = 10 * time.Minute
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 500 * time.Millisecond
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
}

// Health is the state of a supervised server.
type Health struct {
	// Up is false from the moment the child exits until a restart answers.
	Up bool
	// DownSince is when the child exited.
	DownSince time.Time
	// Attempt counts the restarts tried since then (0: waiting for the first).
	Attempt int
	// Exit says how the child ended, e.g. "signal: killed".
	Exit string
}

// Health returns the server's current state; a server that is not supervised reports up
// until Supervise is called.
func (s *Server) Health() Health { return *s.health.Load() }

// Supervise restarts the server whenever its process exits, on the same port (connections
// made to Addr keep working once it is back), waiting MinBackoff before the first try and
// doubling up to MaxBackoff. Every exit and restart is logged with the exit status and the
// log file. When the server stays down longer than GiveUpAfter, supervision ends and the
// returned channel receives the reason. Stop ends supervision first. Call it once.
func (s *Server) Supervise(o SuperviseOptions) <-chan error {
	o.defaults()
	failed := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	s.superStop, s.superDone = cancel, make(chan struct{})
	go func() {
		defer close(s.superDone)
		if err := s.supervise(ctx, o); err != nil {
			failed <- err
		}
	}()
	return failed
}

// supervise runs until ctx ends (nil) or the server cannot be restarted in time.
func (s *Server) supervise(ctx context.Context, o SuperviseOptions) error {
	for {
		c := s.current()
		select {
		case <-ctx.Done():
			return nil
		case <-c.exited:
		}
		select {
		case <-s.stopping: // an exit during Stop is expected
			return nil
		default:
		}
		down := time.Now()
		exit := exitStatus(c.waitErr)
		s.health.Store(&Health{DownSince: down, Exit: exit})
		s.opts.Logger.Error("local ClickHouse exited unexpectedly; restarting it",
			"pid", c.cmd.Process.Pid, "status", exit, "log", s.logPath)
		if err := s.restart(ctx, o, down, exit); err != nil {
			return err
		}
	}
}

// restart tries to start the server again until it answers (nil), ctx ends (nil) or
// GiveUpAfter has passed since down.
func (s *Server) restart(ctx context.Context, o SuperviseOptions, down time.Time, exit string) error {
	backoff := o.MinBackoff
	var lastErr error
	for attempt := 1; ; attempt++ {
		wait := min(backoff, max(time.Until(down.Add(o.GiveUpAfter)), 0))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		s.health.Store(&Health{DownSince: down, Attempt: attempt, Exit: exit})
		err := waitStatusFree(ctx, filepath.Join(s.opts.Dir, "data", "status"), s.opts.StopTimeout+5*time.Second)
		if err == nil {
			err = s.launch(ctx)
		}
		if ctx.Err() != nil {
			return nil
		}
		if err == nil {
			s.health.Store(&Health{Up: true})
			s.opts.Logger.Warn("local ClickHouse restarted", "attempt", attempt, "pid", s.PID(), "addr", s.addr,
				"down_for", time.Since(down).Round(time.Millisecond).String(), "log", s.logPath)
			return nil
		}
		if errors.Is(err, errPortTaken) {
			err = fmt.Errorf("chlocal: port %d is taken by another process", s.port)
		}
		lastErr = err
		s.opts.Logger.Error("local ClickHouse could not be restarted; trying again", "attempt", attempt,
			"retry_in", min(backoff*2, o.MaxBackoff).String(), "err", err, "log", s.logPath)
		if time.Since(down) >= o.GiveUpAfter {
			return fmt.Errorf("chlocal: the private ClickHouse exited (%s) and could not be restarted within %s (%d attempts); see %s: %w",
				exit, o.GiveUpAfter, attempt, s.logPath, lastErr)
		}
		backoff = min(backoff*2, o.MaxBackoff)
	}
}

// exitStatus describes how a child ended.
func exitStatus(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}
