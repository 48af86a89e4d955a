/*
 * The C baseline of bench/run.sh: a one-thread epoll echo (RFC 862) or daytime (RFC 867) server, TCP or UDP.
 * The practical ceiling of the machine for one core: non-blocking sockets, level-triggered epoll, one shared 64 KiB
 * buffer, no per-connection allocation unless a write would block (then the rest waits in a heap buffer and reading
 * pauses until it is sent: bounded, like netprog's pipes).
 *
 * usage: epoll_server [-s echo|daytime] [-u] [-b] [-p PORT] [-a ADDR]
 *   -u  UDP instead of TCP       -b  busy-poll: epoll_wait(..., 0) in a spin (no sleep, no wake-up latency)
 * Prints "listening on ADDR:PORT" (the real port when -p 0) and serves until SIGINT/SIGTERM.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF 65536
#define MAX_EVENTS 256

struct pending { size_t len, off; char data[]; };

static struct pending **pendings; /* by fd: the unsent rest of an echo, or NULL (8 bytes per fd) */
static int max_fds;
static volatile sig_atomic_t stop;
static char buf[BUF];

static void on_signal(int sig) { (void)sig; stop = 1; }

static int daytime(char *out, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (int)strftime(out, size, "%a %b %e %H:%M:%S %Y\r\n", &tm);
}

static void drop(int ep, int fd)
{
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
    free(pendings[fd]);
    pendings[fd] = NULL;
    close(fd);
}

/* Writes what it can; keeps the rest and waits for EPOLLOUT instead of EPOLLIN. Returns -1 when the peer is gone. */
static int echo_write(int ep, int fd, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, data + off, len - off, MSG_NOSIGNAL);
        if (n > 0) { off += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        return -1;
    }
    if (off == len) return 0;
    struct pending *p = malloc(sizeof *p + (len - off));
    if (!p) return -1;
    p->len = len - off; p->off = 0;
    memcpy(p->data, data + off, p->len);
    pendings[fd] = p;
    struct epoll_event ev = { .events = EPOLLOUT, .data.fd = fd };
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
    return 0;
}

static void tcp_echo_ready(int ep, int fd, uint32_t events)
{
    if (events & EPOLLOUT) {
        struct pending *p = pendings[fd];
        while (p && p->off < p->len) {
            ssize_t n = send(fd, p->data + p->off, p->len - p->off, MSG_NOSIGNAL);
            if (n > 0) { p->off += (size_t)n; continue; }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
            drop(ep, fd); return;
        }
        free(p); pendings[fd] = NULL;
        struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };
        epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
        return;
    }
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            if (echo_write(ep, fd, buf, (size_t)n) < 0) { drop(ep, fd); return; }
            if (pendings[fd] || n < (ssize_t)sizeof buf) return; /* drained (level-triggered: more wakes us again) */
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        drop(ep, fd); /* EOF or error: nothing pending, so the echo is complete */
        return;
    }
}

int main(int argc, char **argv)
{
    const char *service = "echo", *addr = "127.0.0.1";
    int port = 0, udp = 0, busy = 0, opt;
    while ((opt = getopt(argc, argv, "s:ubp:a:")) != -1) {
        switch (opt) {
        case 's': service = optarg; break;
        case 'u': udp = 1; break;
        case 'b': busy = 1; break;
        case 'p': port = atoi(optarg); break;
        case 'a': addr = optarg; break;
        default:
            fprintf(stderr, "usage: %s [-s echo|daytime] [-u] [-b] [-p PORT] [-a ADDR]\n", argv[0]);
            return 2;
        }
    }
    int is_echo = strcmp(service, "echo") == 0;
    if (!is_echo && strcmp(service, "daytime") != 0) { fprintf(stderr, "unknown service %s\n", service); return 2; }

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }
    max_fds = (int)(rl.rlim_cur > 1048576 ? 1048576 : rl.rlim_cur);
    pendings = calloc((size_t)max_fds, sizeof *pendings);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    int ls = socket(AF_INET, (udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    inet_pton(AF_INET, addr, &sa.sin_addr);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0) { perror("bind"); return 1; }
    if (!udp && listen(ls, 4096) < 0) { perror("listen"); return 1; }
    socklen_t sl = sizeof sa;
    getsockname(ls, (struct sockaddr *)&sa, &sl);
    printf("listening on %s:%d/%s\n", addr, ntohs(sa.sin_port), udp ? "udp" : "tcp");
    fflush(stdout);

    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = ls }, events[MAX_EVENTS];
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
    char text[64];

    while (!stop) {
        int n = epoll_wait(ep, events, MAX_EVENTS, busy ? 0 : -1);
        if (n < 0) { if (errno == EINTR) continue; perror("epoll_wait"); return 1; }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == ls && udp) {
                for (;;) {
                    struct sockaddr_storage from; socklen_t fl = sizeof from;
                    ssize_t r = recvfrom(ls, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
                    if (r < 0) break;
                    if (is_echo) sendto(ls, buf, (size_t)r, 0, (struct sockaddr *)&from, fl);
                    else sendto(ls, text, (size_t)daytime(text, sizeof text), 0, (struct sockaddr *)&from, fl);
                }
            } else if (fd == ls) {
                for (;;) {
                    int c = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
                    if (c < 0) break;
                    if (c >= max_fds) { close(c); continue; }
                    if (!is_echo) {
                        /* daytime: the text in one send, then close: the server closes first, as netprog's does */
                        send(c, text, (size_t)daytime(text, sizeof text), MSG_NOSIGNAL);
                        close(c);
                        continue;
                    }
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event ce = { .events = EPOLLIN, .data.fd = c };
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
                }
            } else {
                tcp_echo_ready(ep, fd, events[i].events);
            }
        }
    }
    return 0;
}
