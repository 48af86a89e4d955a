/*
 * load.c: the load for bench/forward/run.sh. One program, three roles, so the relays under test are the only difference:
 *   load serve PORT            target on 127.0.0.1:PORT; per connection the first byte picks the test:
 *                              'B' read and discard to EOF, then send the byte count (8 bytes, big-endian) and close;
 *                              'R' echo 64-byte messages until EOF. On UDP PORT too: every datagram echoed.
 *   load bulk HOST PORT MIB    send MIB MiB, half-close, wait for the count; prints "bulk MiB/s"
 *   load rtt HOST PORT N       N round trips of 64 bytes, one at a time; prints "rtt median_us round_trips_per_s p99_us"
 *   load urtt HOST PORT N      the same in 64-byte UDP datagrams, each waited for (1 s, then it counts as lost and is
 *                              sent again); prints "urtt median_us round_trips_per_s p99_us lost"
 * Build: cc -O2 -pthread -o load load.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MSG 64

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static int read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const char *buf, size_t n)
{
    size_t sent = 0;
    while (sent < n) {
        ssize_t w = write(fd, buf + sent, n - sent);
        if (w <= 0)
            return -1;
        sent += (size_t)w;
    }
    return 0;
}

static void *serve_one(void *arg)
{
    int fd = (int)(intptr_t)arg;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char mode;
    if (read_full(fd, &mode, 1) == 0) {
        if (mode == 'B') {
            static __thread char buf[1 << 17];
            uint64_t total = 0;
            ssize_t r;
            while ((r = read(fd, buf, sizeof buf)) > 0)
                total += (uint64_t)r;
            unsigned char out[8];
            for (int i = 0; i < 8; i++)
                out[i] = (unsigned char)(total >> (56 - 8 * i));
            write_full(fd, (char *)out, 8);
        } else {
            char buf[MSG];
            while (read_full(fd, buf, MSG) == 0 && write_full(fd, buf, MSG) == 0) {
            }
        }
    }
    close(fd);
    return NULL;
}

static void *serve_udp(void *arg)
{
    int port = (int)(intptr_t)arg;
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0)
        die("bind udp");
    char buf[65536];
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t r = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
        if (r >= 0)
            sendto(s, buf, (size_t)r, 0, (struct sockaddr *)&from, len);
    }
    return NULL;
}

static int serve(int port)
{
    pthread_t udp;
    pthread_create(&udp, NULL, serve_udp, (void *)(intptr_t)port);
    pthread_detach(udp);

    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0)
        die("bind");
    if (listen(s, 128) < 0)
        die("listen");
    printf("serving on 127.0.0.1:%d\n", port);
    fflush(stdout);
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0)
            continue;
        pthread_t t;
        pthread_create(&t, NULL, serve_one, (void *)(intptr_t)c);
        pthread_detach(t);
    }
    return 0;
}

static int dial(const char *host, int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, host, &a.sin_addr);
    if (connect(s, (struct sockaddr *)&a, sizeof a) < 0)
        die("connect");
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return s;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "serve") == 0)
        return serve(atoi(argv[2]));
    if (argc != 5) {
        fprintf(stderr, "usage: load serve PORT | load bulk HOST PORT MIB | load rtt HOST PORT N | load urtt HOST PORT N\n");
        return 2;
    }
    int port = atoi(argv[3]);
    long n = atol(argv[4]);
    if (strcmp(argv[1], "bulk") == 0) {
        static char buf[1 << 17];
        memset(buf, 'x', sizeof buf);
        double start = now();
        int s = dial(argv[2], port);
        write_full(s, "B", 1);
        uint64_t total = (uint64_t)n << 20;
        for (uint64_t sent = 0; sent < total; sent += sizeof buf)
            if (write_full(s, buf, sizeof buf) < 0)
                die("write");
        shutdown(s, SHUT_WR);
        unsigned char in[8];
        if (read_full(s, (char *)in, 8) < 0)
            die("read count");
        uint64_t got = 0;
        for (int i = 0; i < 8; i++)
            got = got << 8 | in[i];
        double secs = now() - start;
        if (got != total) {
            fprintf(stderr, "target counted %llu bytes, sent %llu\n", (unsigned long long)got, (unsigned long long)total);
            return 1;
        }
        printf("bulk %.1f\n", (double)n / secs);
        return 0;
    }
    if (strcmp(argv[1], "rtt") == 0) {
        int s = dial(argv[2], port);
        write_full(s, "R", 1);
        char msg[MSG], back[MSG];
        memset(msg, 'r', sizeof msg);
        double *lat = malloc(sizeof(double) * (size_t)n);
        double start = now();
        for (long i = 0; i < n; i++) {
            double t = now();
            if (write_full(s, msg, MSG) < 0 || read_full(s, back, MSG) < 0)
                die("round trip");
            lat[i] = now() - t;
        }
        double secs = now() - start;
        qsort(lat, (size_t)n, sizeof(double), cmp);
        printf("rtt %.1f %.0f %.1f\n", lat[n / 2] * 1e6, (double)n / secs, lat[n * 99 / 100] * 1e6);
        close(s);
        return 0;
    }
    if (strcmp(argv[1], "urtt") == 0) {
        int s = socket(AF_INET, SOCK_DGRAM, 0);
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
        inet_pton(AF_INET, argv[2], &a.sin_addr);
        if (connect(s, (struct sockaddr *)&a, sizeof a) < 0)
            die("connect udp");
        struct timeval wait = { .tv_sec = 1 };
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
        char msg[MSG], back[MSG + 1];
        memset(msg, 'u', sizeof msg);
        double *lat = malloc(sizeof(double) * (size_t)n);
        long lost = 0;
        double start = now();
        for (long i = 0; i < n; i++) {
            double t = now();
            if (send(s, msg, MSG, 0) != MSG)
                die("send udp");
            if (recv(s, back, sizeof back, 0) != MSG) {
                if (++lost > 100)
                    die("more than 100 datagrams lost");
                i--;
                continue;
            }
            lat[i] = now() - t;
        }
        double secs = now() - start;
        qsort(lat, (size_t)n, sizeof(double), cmp);
        printf("urtt %.1f %.0f %.1f %ld\n", lat[n / 2] * 1e6, (double)n / secs, lat[n * 99 / 100] * 1e6, lost);
        close(s);
        return 0;
    }
    fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
}
