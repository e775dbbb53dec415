package main

import (
	"errors"
	"net"
	"net/netip"
	"testing"
	"time"
)

// acceptAll accepts from l until it is closed, handing each connection to conns.
func acceptAll(l net.Listener, conns chan<- net.Conn) {
	for {
		c, err := l.Accept()
		if err != nil {
			close(conns)
			return
		}
		conns <- c
	}
}

func dialFrom(t *testing.T, src, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", src, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedByPeer reports whether the server closed c (EOF or reset) within a short wait.
func closedByPeer(c net.Conn) bool {
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	return err != nil
}

func TestLimitListenerCapsEachAddressAndFreesOnClose(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	l := newLimitListener(inner, connLimits{PerAddr: 2, Total: 100,
		Exempt: []netip.Prefix{netip.MustParsePrefix("127.0.0.9/32")}, Refused: func() { refused++ }})
	defer l.Close()
	conns := make(chan net.Conn, 100)
	go acceptAll(l, conns)
	addr := inner.Addr().String()

	a1, a2 := dialFrom(t, "127.0.0.2", addr), dialFrom(t, "127.0.0.2", addr)
	s1, s2 := <-conns, <-conns
	// The third may be reset before its dial even returns.
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: 2 * time.Second}
	if a3, err := d.Dial("tcp", addr); err == nil {
		defer a3.Close()
		if !closedByPeer(a3) {
			t.Error("the third connection from 127.0.0.2 (cap 2) was not closed at once")
		}
	}
	if closedByPeer(a1) || closedByPeer(a2) {
		t.Error("a connection within the cap was closed")
	}
	// Another address is unaffected; an exempt one is not capped.
	dialFrom(t, "127.0.0.3", addr)
	<-conns
	for range 4 {
		dialFrom(t, "127.0.0.9", addr)
		<-conns
	}
	// Closing one gives its place back.
	_ = s1.Close()
	_ = s1.Close() // twice: counted once
	dialFrom(t, "127.0.0.2", addr)
	select {
	case <-conns:
	case <-time.After(2 * time.Second):
		t.Fatal("a connection after one was closed was not accepted")
	}
	if n := l.OpenFrom(s2.RemoteAddr()); n != 2 {
		t.Errorf("open from 127.0.0.2: %d, want 2", n)
	}
	if refused != 1 {
		t.Errorf("refused %d, want 1", refused)
	}
}

func TestLimitListenerTotalCapWaitsForAFreeSlot(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := newLimitListener(inner, connLimits{Total: 2})
	conns := make(chan net.Conn, 10)
	go acceptAll(l, conns)
	addr := inner.Addr().String()
	dialFrom(t, "127.0.0.2", addr)
	dialFrom(t, "127.0.0.3", addr)
	dialFrom(t, "127.0.0.4", addr)
	s1 := <-conns
	<-conns
	select {
	case <-conns:
		t.Fatal("a third connection was accepted with a total cap of 2")
	case <-time.After(200 * time.Millisecond):
	}
	_ = s1.Close()
	select {
	case <-conns:
	case <-time.After(2 * time.Second):
		t.Fatal("the waiting connection was not accepted after one closed")
	}
	// Close wakes an Accept that waits for a slot.
	_ = l.Close()
	select {
	case _, ok := <-conns:
		if ok {
			t.Error("accepted after Close")
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Accept still waits after Close")
	}
}

func TestDefaultMaxConnsKeepsDescriptorsBack(t *testing.T) {
	for _, c := range []struct {
		limit uint64
		want  int
	}{{1024, 768}, {20000, 18976}, {40, 30}, {8, 16}} {
		if got := defaultMaxConns(c.limit); got != c.want {
			t.Errorf("defaultMaxConns(%d) = %d, want %d", c.limit, got, c.want)
		}
	}
}
