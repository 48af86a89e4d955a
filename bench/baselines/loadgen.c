/*
 * The load generator of bench/run.sh: one thread, epoll, so that no server measures itself and the client's
 * own cost is as small as C makes it. Every echo is checked byte for byte.
 *
 *   loadgen echo HOST PORT -c N -s SIZE -d SECS -w SECS   TCP ping-pong, one message in flight per connection
 *   loadgen udp  HOST PORT -c N -s SIZE -d SECS -w SECS   UDP ping-pong per socket; no reply in 1 s counts as lost
 *   loadgen time HOST PORT -c N -d SECS -w SECS           connect, read to EOF, close; N at once
 *   loadgen idle HOST PORT -c N                           open N connections, print "ready N", hold them until stdin ends
 *
 * Prints one line: ops=... secs=... rate=... mbps=... p50_us=... p99_us=... errors=... mismatched=... lost=...
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HIST 1000000 /* latency buckets of 1 us up to 1 s; the last one holds everything slower */

struct conn { int fd; size_t sent, got; uint64_t start; uint64_t seq; };

static uint64_t hist[HIST];
static long long ops, bytes, errors, mismatched, lost;
static int measuring;
static struct sockaddr_in target;
static char *pattern;
static size_t size = 64;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void done(uint64_t start, uint64_t end, size_t n)
{
    if (!measuring || end < start) return;
    uint64_t us = (end - start) / 1000;
    hist[us >= HIST ? HIST - 1 : us]++;
    ops++;
    bytes += (long long)n;
}

static long percentile(double p)
{
    long long total = 0, want, seen = 0;
    for (int i = 0; i < HIST; i++) total += (long long)hist[i];
    if (total == 0) return 0;
    want = (long long)(total * p / 100.0 + 0.5);
    if (want < 1) want = 1;
    for (int i = 0; i < HIST; i++) { seen += (long long)hist[i]; if (seen >= want) return i; }
    return HIST - 1;
}

static int tcp_connect(int ep, struct conn *c)
{
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    c->sent = c->got = 0;
    c->start = now_ns();
    if (connect(c->fd, (struct sockaddr *)&target, sizeof target) < 0 && errno != EINPROGRESS) {
        errors++; close(c->fd); c->fd = -1; return -1;
    }
    struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
    return 0;
}

static void tcp_close(int ep, struct conn *c)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
}

/* Sends the rest of the current message; the pattern offset changes with each message so a repeat would show. */
static int echo_send(struct conn *c)
{
    const char *msg = pattern + (c->seq % 251);
    while (c->sent < size) {
        ssize_t n = send(c->fd, msg + c->sent, size - c->sent, MSG_NOSIGNAL);
        if (n > 0) { c->sent += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: loadgen echo|udp|time|idle HOST PORT [-c N] [-s SIZE] [-d SECS] [-w SECS]\n"); return 2; }
    const char *mode = argv[1];
    int nconn = 1, opt;
    double secs = 10, warm = 1;
    target.sin_family = AF_INET;
    target.sin_port = htons((uint16_t)atoi(argv[3]));
    if (inet_pton(AF_INET, argv[2], &target.sin_addr) != 1) { fprintf(stderr, "HOST must be an IPv4 address\n"); return 2; }
    optind = 4;
    while ((opt = getopt(argc, argv, "c:s:d:w:")) != -1) {
        switch (opt) {
        case 'c': nconn = atoi(optarg); break;
        case 's': size = (size_t)atol(optarg); break;
        case 'd': secs = atof(optarg); break;
        case 'w': warm = atof(optarg); break;
        default: return 2;
        }
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }
    int udp = strcmp(mode, "udp") == 0, timemode = strcmp(mode, "time") == 0, idle = strcmp(mode, "idle") == 0;
    if (!udp && !timemode && !idle && strcmp(mode, "echo") != 0) { fprintf(stderr, "unknown mode %s\n", mode); return 2; }
    if (udp && size < 8) size = 8;
    if (size < 1 || size > (1u << 24) || nconn < 1) { fprintf(stderr, "size must be 1..16 MiB, connections at least 1\n"); return 2; }

    pattern = malloc(size + 251);
    srand(7);
    for (size_t i = 0; i < size + 251; i++) pattern[i] = (char)rand();
    char *rbuf = malloc(size > 65536 ? size : 65536);
    struct conn *conns = calloc((size_t)nconn, sizeof *conns);
    int ep = epoll_create1(0);
    struct epoll_event events[512];

    if (idle) {
        int established = 0;
        for (int i = 0; i < nconn; i++) tcp_connect(ep, &conns[i]);
        uint64_t deadline = now_ns() + 60ull * 1000000000ull;
        while (established + errors < nconn && now_ns() < deadline) {
            int n = epoll_wait(ep, events, 512, 1000);
            for (int i = 0; i < n; i++) {
                struct conn *c = events[i].data.ptr;
                int err = 0; socklen_t el = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
                if (err) { errors++; tcp_close(ep, c); continue; }
                struct epoll_event ev = { .events = 0, .data.ptr = c };
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                established++;
            }
        }
        printf("ready=%d errors=%lld\n", established, errors);
        fflush(stdout);
        char x[16];
        while (read(0, x, sizeof x) > 0) {}
        return 0;
    }

    uint64_t t0 = now_ns(), tmeasure = t0 + (uint64_t)(warm * 1e9), tend = tmeasure + (uint64_t)(secs * 1e9);
    if (udp) {
        for (int i = 0; i < nconn; i++) {
            struct conn *c = &conns[i];
            c->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
            connect(c->fd, (struct sockaddr *)&target, sizeof target);
            struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
            epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        }
    }
    for (int i = 0; i < nconn; i++) {
        struct conn *c = &conns[i];
        c->seq = (uint64_t)i * 7;
        if (udp) {
            char *d = rbuf;
            memcpy(d, &c->seq, 8); memcpy(d + 8, pattern + (c->seq % 251), size - 8);
            c->start = now_ns();
            send(c->fd, d, size, 0);
        } else {
            tcp_connect(ep, c);
        }
    }

    uint64_t last_scan = t0;
    for (;;) {
        uint64_t t = now_ns();
        if (!measuring && t >= tmeasure) { measuring = 1; }
        if (t >= tend) break;
        int n = epoll_wait(ep, events, 512, 100);
        uint64_t now = now_ns();
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (udp) {
                for (;;) {
                    ssize_t r = recv(c->fd, rbuf, 65536, 0);
                    if (r < 0) { if (errno != EAGAIN && errno != EWOULDBLOCK) errors++; break; }
                    uint64_t seq;
                    if (r < 8) { mismatched += r; continue; }
                    memcpy(&seq, rbuf, 8);
                    if (seq != c->seq) continue; /* a late reply to a datagram already counted lost */
                    if ((size_t)r != size || memcmp(rbuf + 8, pattern + (seq % 251), size - 8) != 0) {
                        if (measuring) mismatched++;
                    }
                    done(c->start, now_ns(), (size_t)r);
                    c->seq++;
                    memcpy(rbuf, &c->seq, 8); memcpy(rbuf + 8, pattern + (c->seq % 251), size - 8);
                    c->start = now_ns();
                    send(c->fd, rbuf, size, 0);
                }
                continue;
            }
            if (c->fd < 0) continue;
            uint32_t e = events[i].events;
            if (timemode) {
                if (e & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
                    for (;;) {
                        ssize_t r = recv(c->fd, rbuf, 65536, 0);
                        if (r > 0) { c->got += (size_t)r; continue; }
                        if (r == 0) { done(c->start, now_ns(), c->got); tcp_close(ep, c); tcp_connect(ep, c); break; }
                        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                        errors++; tcp_close(ep, c); tcp_connect(ep, c); break;
                    }
                } else if (e & EPOLLOUT) {
                    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
                continue;
            }
            /* echo */
            if (e & (EPOLLERR | EPOLLHUP)) { errors++; tcp_close(ep, c); tcp_connect(ep, c); continue; }
            if ((e & EPOLLOUT) && c->sent < size) {
                if (c->sent == 0) c->start = now;
                if (echo_send(c) < 0) { errors++; tcp_close(ep, c); tcp_connect(ep, c); continue; }
                if (c->sent == size) {
                    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = c };
                    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                }
            }
            if (e & EPOLLIN) {
                for (;;) {
                    ssize_t r = recv(c->fd, rbuf, size - c->got, 0);
                    if (r > 0) {
                        if (memcmp(rbuf, pattern + (c->seq % 251) + c->got, (size_t)r) != 0) {
                            for (ssize_t k = 0; k < r; k++)
                                if (rbuf[k] != pattern[(c->seq % 251) + c->got + (size_t)k] && measuring) mismatched++;
                        }
                        c->got += (size_t)r;
                        if (c->got == size) {
                            done(c->start, now_ns(), size);
                            c->seq++; c->got = 0; c->sent = 0;
                            c->start = now_ns();
                            if (echo_send(c) < 0) { errors++; tcp_close(ep, c); tcp_connect(ep, c); break; }
                            if (c->sent < size) {
                                struct epoll_event ev = { .events = EPOLLOUT | EPOLLIN, .data.ptr = c };
                                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
                                break;
                            }
                        }
                        continue;
                    }
                    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                    errors++; tcp_close(ep, c); tcp_connect(ep, c); break;
                }
            }
        }
        if (udp && now - last_scan > 100000000ull) {
            last_scan = now;
            for (int i = 0; i < nconn; i++) {
                struct conn *c = &conns[i];
                if (now > c->start && now - c->start > 1000000000ull) { /* no reply in 1 s: lost; send the next one */
                    if (measuring) lost++;
                    c->seq++;
                    memcpy(rbuf, &c->seq, 8); memcpy(rbuf + 8, pattern + (c->seq % 251), size - 8);
                    c->start = now_ns();
                    send(c->fd, rbuf, size, 0);
                }
            }
        }
    }
    double measured = (double)(now_ns() - tmeasure) / 1e9;
    printf("ops=%lld secs=%.3f rate=%.1f mbps=%.3f p50_us=%ld p90_us=%ld p99_us=%ld p999_us=%ld errors=%lld mismatched=%lld lost=%lld\n",
           ops, measured, ops / measured, bytes / measured / 1e6, percentile(50), percentile(90), percentile(99), percentile(99.9),
           errors, mismatched, lost);
    return 0;
}
