package main

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"syscall"
)

// connLimits are the caps on open HTTP connections.
type connLimits struct {
	// Total caps every open connection together; further ones wait in the kernel's
	// backlog until one closes. 0: no cap.
	Total int
	// PerAddr caps the open connections of one client address (an IPv6 client by its /64);
	// further ones are closed at once. 0: no cap.
	PerAddr int
	// Exempt are the networks not capped per address (trusted reverse proxies, which carry
	// every client's connections).
	Exempt []netip.Prefix
	// Refused is told of every connection closed for its address's cap; may be nil.
	Refused func()
}

// limitListener is a net.Listener that enforces connLimits, so that one client cannot take
// every file descriptor and starve the rest.
type limitListener struct {
	net.Listener
	lim   connLimits
	slots chan struct{} // one per open connection; nil: no total cap

	mu   sync.Mutex
	open map[netip.Prefix]int

	closeOnce sync.Once
	done      chan struct{}
}

func newLimitListener(ln net.Listener, lim connLimits) *limitListener {
	l := &limitListener{Listener: ln, lim: lim, open: map[netip.Prefix]int{}, done: make(chan struct{})}
	if lim.Total > 0 {
		l.slots = make(chan struct{}, lim.Total)
	}
	return l
}

// Accept waits for a free slot, accepts, and closes at once every connection beyond its
// address's cap.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		if l.slots != nil {
			select {
			case l.slots <- struct{}{}:
			case <-l.done:
				return nil, net.ErrClosed
			}
		}
		c, err := l.Listener.Accept()
		if err != nil {
			l.freeSlot()
			return nil, err
		}
		key, capped := l.key(c.RemoteAddr())
		if capped {
			l.mu.Lock()
			if l.open[key] >= l.lim.PerAddr {
				l.mu.Unlock()
				resetConn(c)
				l.freeSlot()
				if l.lim.Refused != nil {
					l.lim.Refused()
				}
				continue
			}
			l.open[key]++
			l.mu.Unlock()
		}
		return &limitedConn{Conn: c, l: l, key: key, capped: capped}, nil
	}
}

// Close closes the listener and wakes an Accept waiting for a slot.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// OpenFrom is the number of open connections counted for addr's address.
func (l *limitListener) OpenFrom(addr net.Addr) int {
	key, _ := l.key(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open[key]
}

func (l *limitListener) freeSlot() {
	if l.slots != nil {
		<-l.slots
	}
}

// key is the address a connection is counted under: the IPv4 address, or the /64 of an
// IPv6 one (a single client commonly holds a whole /64). capped is false for exempt
// networks, or without a per-address cap.
func (l *limitListener) key(a net.Addr) (key netip.Prefix, capped bool) {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return netip.Prefix{}, false
	}
	ip := ap.Addr().Unmap()
	bits := 32
	if ip.Is6() {
		bits = 64
	}
	key, _ = ip.Prefix(bits)
	if l.lim.PerAddr <= 0 {
		return key, false
	}
	for _, p := range l.lim.Exempt {
		if p.Contains(ip) {
			return key, false
		}
	}
	return key, true
}

// resetConn closes c with a reset: no FIN handshake and no TIME_WAIT kept on our side.
func resetConn(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// limitedConn gives its slot and its address's count back when closed.
type limitedConn struct {
	net.Conn
	l      *limitListener
	key    netip.Prefix
	capped bool
	once   sync.Once
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		if c.capped {
			c.l.mu.Lock()
			if c.l.open[c.key]--; c.l.open[c.key] <= 0 {
				delete(c.l.open, c.key)
			}
			c.l.mu.Unlock()
		}
		c.l.freeSlot()
	})
	return err
}

// raiseFileLimit raises the soft limit on open files to the hard limit and returns it.
// (Go's runtime does the same at start on Linux; doing it here says so in one place and
// lets the private ClickHouse, started later, inherit it.)
func raiseFileLimit() (uint64, error) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, fmt.Errorf("read the open-file limit: %w", err)
	}
	if r.Cur < r.Max {
		r.Cur = r.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
			return r.Cur, fmt.Errorf("raise the open-file limit to %d: %w", r.Max, err)
		}
	}
	return r.Cur, nil
}

// defaultMaxConns derives the total connection cap from the open-file limit, keeping a
// quarter (at most 1 024) for the spool, ClickHouse connections, logs and the like.
func defaultMaxConns(fileLimit uint64) int {
	reserve := min(fileLimit/4, 1024)
	n := fileLimit - reserve
	if n > 1<<20 {
		n = 1 << 20
	}
	return max(int(n), 16)
}

// parsePrefixes parses comma-separated CIDRs or single addresses.
func parsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, errors.New("not a CIDR or address: " + s)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
