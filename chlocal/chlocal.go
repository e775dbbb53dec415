// Package chlocal runs a private ClickHouse server as a child process of skm: generated
// configuration under skm's data directory, loopback only, free ports, its own log file.
// The child never outlives skm: it is stopped on shutdown, and the kernel kills it if skm
// dies without shutting down (SIGKILL included).
package chlocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrNotInstalled is returned by Start and FindBinary when no ClickHouse server binary exists.
var ErrNotInstalled = errors.New("no ClickHouse server binary found (looked for clickhouse-server and clickhouse in PATH, /usr/sbin and /usr/bin). " +
	"Install it with `sudo apt-get install clickhouse-server` on Debian or Ubuntu (or run `make deps`), " +
	"or connect to an existing server with --clickhouse clickhouse://host:9000/skm")

// ErrBusy is returned by Start when another process already uses the data directory.
var ErrBusy = errors.New("data directory is in use by another skm process")

// Options configure a local server. Zero values take the defaults noted on each field.
type Options struct {
	// Dir holds everything of the server: config, data, log and lock. Required.
	Dir string
	// Binary is the server executable; empty means FindBinary("").
	Binary string
	// StartTimeout bounds the wait until the server answers (default 60 s).
	StartTimeout time.Duration
	// StopTimeout bounds a graceful stop before the server is killed (default 20 s).
	StopTimeout time.Duration
	// MaxMemoryPerQuery limits one query's memory in bytes (default 4 GB).
	MaxMemoryPerQuery int64
	// Logger receives lifecycle messages (default: discard).
	Logger *slog.Logger
	// Port is the native-protocol port; 0 picks a free one.
	Port int
}

func (o *Options) defaults() error {
	if o.Dir == "" {
		return errors.New("chlocal: Options.Dir is required")
	}
	abs, err := filepath.Abs(o.Dir)
	if err != nil {
		return fmt.Errorf("chlocal: data directory %q: %w", o.Dir, err)
	}
	o.Dir = abs
	if o.StartTimeout <= 0 {
		o.StartTimeout = 60 * time.Second
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = 20 * time.Second
	}
	if o.MaxMemoryPerQuery <= 0 {
		o.MaxMemoryPerQuery = 4_000_000_000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Server is a running child ClickHouse server. Supervised (Supervise), it is restarted on
// the same port whenever it exits.
type Server struct {
	opts    Options
	bin     string
	prefix  []string
	port    int
	addr    string
	logPath string
	// password is User's; the server's users.xml holds its SHA-256.
	password string
	lock     *os.File

	mu  sync.Mutex
	cur *child // the current child process; replaced by a restart

	health    atomic.Pointer[Health]
	stopOnce  sync.Once
	stopping  chan struct{}      // closed by Stop: no more restarts
	superStop context.CancelFunc // cancels a restart in progress
	superDone chan struct{}      // closed when the supervisor has returned; nil: not supervised
}

// child is one run of the server process.
type child struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	waitErr error
}

// FindBinary returns the ClickHouse server executable and the arguments that select server
// mode: explicit if given, else clickhouse-server or the multi-tool clickhouse binary.
func FindBinary(explicit string) (path string, prefixArgs []string, err error) {
	if explicit != "" {
		p, err := exec.LookPath(explicit)
		if err != nil {
			return "", nil, fmt.Errorf("chlocal: ClickHouse binary %q: %w", explicit, err)
		}
		if filepath.Base(p) == "clickhouse" {
			return p, []string{"server"}, nil
		}
		return p, nil, nil
	}
	for _, name := range []string{"clickhouse-server", "clickhouse"} {
		candidates := []string{name, "/usr/sbin/" + name, "/usr/bin/" + name, "/usr/local/bin/" + name}
		for _, c := range candidates {
			p, err := exec.LookPath(c)
			if err != nil {
				continue
			}
			if name == "clickhouse" {
				return p, []string{"server"}, nil
			}
			return p, nil, nil
		}
	}
	return "", nil, ErrNotInstalled
}

// Start launches the server under opts.Dir and returns once it accepts native-protocol
// connections. On any failure the child is stopped and the lock released before returning.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if err := opts.defaults(); err != nil {
		return nil, err
	}
	bin, prefix, err := FindBinary(opts.Binary)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(opts.Dir, "data"), 0o750); err != nil {
		return nil, fmt.Errorf("chlocal: create %s: %w", opts.Dir, err)
	}
	lock, err := acquireLock(filepath.Join(opts.Dir, "skm.lock"))
	if err != nil {
		return nil, err
	}
	password, err := loadOrCreatePassword(opts.Dir)
	if err != nil {
		releaseLock(lock)
		return nil, err
	}
	// A previous skm that died may have left its server shutting down; ClickHouse holds a
	// lock on its status file until it is gone.
	if err := waitStatusFree(ctx, filepath.Join(opts.Dir, "data", "status"), opts.StopTimeout+5*time.Second); err != nil {
		releaseLock(lock)
		return nil, err
	}
	s := &Server{opts: opts, bin: bin, prefix: prefix, lock: lock, logPath: filepath.Join(opts.Dir, "clickhouse-server.log"),
		password: password, stopping: make(chan struct{})}
	s.health.Store(&Health{Up: true})
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s.port = opts.Port
		if s.port == 0 && attempt == 0 {
			// The port of the last start, when it is free: the configuration is then
			// unchanged and need not be written (a full disk must not keep skm from
			// starting and delivering what its spool holds).
			s.port = previousPort(opts.Dir)
		}
		if s.port == 0 {
			if s.port, err = freePort(); err != nil {
				lastErr = err
				break
			}
		}
		s.addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
		err := s.launch(ctx)
		if err == nil {
			// Other skm commands (import, migrate) find the running server here while the
			// data directory is locked.
			if err := writeFileAtomic(filepath.Join(opts.Dir, endpointFile), []byte(s.addr+"\n")); err != nil {
				// Only commands run beside the server need it; the server itself goes on.
				opts.Logger.Warn("could not write the private ClickHouse's address for other skm commands", "err", err)
			}
			return s, nil
		}
		lastErr = err
		if !errors.Is(err, errPortTaken) || opts.Port != 0 || ctx.Err() != nil {
			break
		}
	}
	releaseLock(lock)
	return nil, lastErr
}

var errPortTaken = errors.New("port taken")

const endpointFile = "endpoint"

// Running returns the endpoint of the server another skm process runs under dir, when the
// directory is locked by a live process and it has written its endpoint. Reading the
// password needs the rights of the server's owner.
func Running(dir string) (Endpoint, bool) {
	b, err := os.ReadFile(filepath.Join(dir, endpointFile))
	if err != nil {
		return Endpoint{}, false
	}
	password, err := readPassword(dir)
	if err != nil {
		return Endpoint{}, false
	}
	e := Endpoint{Addr: strings.TrimSpace(string(b)), Password: password}
	if e.Ping(context.Background()) != nil {
		return Endpoint{}, false
	}
	return e, true
}

// launch writes the configuration for s.port, starts a child and waits until it answers.
// On failure the child is killed; errPortTaken says the port was in use.
func (s *Server) launch(ctx context.Context) error {
	cfg := filepath.Join(s.opts.Dir, "config.xml")
	if err := writeConfig(s.opts, s.port, s.password); err != nil {
		return err
	}
	logFile, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return fmt.Errorf("chlocal: open log: %w", err)
	}
	defer logFile.Close() // the child keeps its own descriptor
	fmt.Fprintf(logFile, "\n%s clickhouse on %s at %s ===\n", startMarker, s.addr, time.Now().UTC().Format(time.RFC3339))
	cmd := exec.Command(s.bin, append(append([]string{}, s.prefix...), "--config-file="+cfg)...)
	cmd.Dir = s.opts.Dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{
		// Own process group: a Ctrl-C in the terminal reaches skm only, which then stops the
		// server in order (HTTP first, then the database).
		Setpgid: true,
		// If skm dies in any way, the kernel kills the server: no orphan, ever.
		Pdeathsig: syscall.SIGKILL,
	}
	c := &child{cmd: cmd, exited: make(chan struct{})}
	if err := c.spawn(); err != nil {
		return fmt.Errorf("chlocal: start %s: %w", s.bin, err)
	}
	s.mu.Lock()
	s.cur = c
	s.mu.Unlock()
	s.opts.Logger.Info("local ClickHouse starting", "pid", cmd.Process.Pid, "addr", s.addr, "log", s.logPath)
	if err := s.waitReady(ctx, c); err != nil {
		c.kill()
		tail := logTail(s.logPath, 2048)
		if strings.Contains(tail, "Address already in use") {
			return errPortTaken
		}
		return fmt.Errorf("chlocal: ClickHouse did not become ready: %w; last lines of %s:\n%s", err, s.logPath, tail)
	}
	s.opts.Logger.Info("local ClickHouse ready", "addr", s.addr)
	return nil
}

// spawn starts the child from a goroutine locked to its OS thread, which stays alive until
// the child exits: Pdeathsig fires when the creating thread ends, not the process. A
// restart spawns from a new such goroutine, so the rule holds for every child.
func (c *child) spawn() error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		// Never unlocked: when this goroutine returns the thread ends with it.
		if err := c.cmd.Start(); err != nil {
			started <- err
			close(c.exited)
			return
		}
		started <- nil
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	return <-started
}

func (s *Server) waitReady(ctx context.Context, c *child) error {
	ctx, cancel := context.WithTimeout(ctx, s.opts.StartTimeout)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		if err := s.Endpoint().Ping(ctx); err == nil {
			return nil
		}
		select {
		case <-c.exited:
			return fmt.Errorf("server exited: %v", c.waitErr)
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// Addr is the server's native-protocol address, host:port on loopback.
func (s *Server) Addr() string { return s.addr }

// LogPath is the file that receives the server's output.
func (s *Server) LogPath() string { return s.logPath }

// PID is the current child's process id.
func (s *Server) PID() int { return s.current().cmd.Process.Pid }

// Password is the password of User on this server, also kept in PasswordFile.
func (s *Server) Password() string { return s.password }

// PasswordPath is the file that holds the password (mode 0600).
func (s *Server) PasswordPath() string { return filepath.Join(s.opts.Dir, PasswordFile) }

// Endpoint is the server's address and password.
func (s *Server) Endpoint() Endpoint { return Endpoint{Addr: s.addr, Password: s.password} }

// DSN is the clickhouse:// URL of database db on this server, with the credentials.
func (s *Server) DSN(db string) string { return s.Endpoint().DSN(db) }

// Exited is closed when the current child process has ended, expectedly or not.
func (s *Server) Exited() <-chan struct{} { return s.current().exited }

func (s *Server) current() *child {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// Stop ends supervision (no restart during shutdown), asks the server to shut down, kills
// it after StopTimeout, waits for it and releases the data-directory lock. It is safe to
// call more than once.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		close(s.stopping)
		if s.superStop != nil {
			s.superStop()
			<-s.superDone
		}
	})
	defer func() {
		if s.lock != nil {
			_ = os.Remove(filepath.Join(s.opts.Dir, endpointFile))
			releaseLock(s.lock)
			s.lock = nil
		}
	}()
	c := s.current()
	select {
	case <-c.exited:
		return nil
	default:
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
		s.opts.Logger.Info("local ClickHouse stopped")
		return nil
	case <-time.After(s.opts.StopTimeout):
		s.opts.Logger.Warn("local ClickHouse did not stop in time; killing it", "timeout", s.opts.StopTimeout)
		c.kill()
		return fmt.Errorf("chlocal: server did not stop within %s and was killed", s.opts.StopTimeout)
	}
}

func (c *child) kill() {
	_ = c.cmd.Process.Kill()
	<-c.exited
}

// previousPort is the port in the configuration of the last start when it is free now, else 0.
func previousPort(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "config.xml"))
	if err != nil {
		return 0
	}
	m := tcpPortRe.FindSubmatch(b)
	if m == nil {
		return 0
	}
	port, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return 0
	}
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return 0
	}
	l.Close()
	return port
}

var tcpPortRe = regexp.MustCompile(`<tcp_port>(\d+)</tcp_port>`)

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("chlocal: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func logTail(path string, n int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ""
	}
	if st.Size() > n {
		_, _ = f.Seek(st.Size()-n, io.SeekStart)
	}
	b, _ := io.ReadAll(f)
	if i := bytes.IndexByte(b, '\n'); st.Size() > n && i >= 0 {
		b = b[i+1:]
	}
	return strings.TrimSpace(string(b))
}
