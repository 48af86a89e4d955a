/*
 * What every check-c client program (client_*.c) does the same way, so that each program shows only the behaviour it
 * is about: read HOST PORT from the command line, make a socket with a receive timeout, connect, and the two read loops
 * of a correct client. All of it written the way the course's programs are, with every return value checked.
 * Usage of every client program: PROGRAM host port  (netprog check passes {host} {port}).
 */
#ifndef CLIENT_COMMON_H
#define CLIENT_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>

/* The receive timeout of the correct programs: short, so a check with --timeout 2s sees them give up by themselves. */
#define CLIENT_TIMEOUT_SECONDS 1

/* The server's address from argv[1] and argv[2]; a wrong command line exits 2. */
static inline struct sockaddr_in client_address(int argc, char *argv[])
{
    struct sockaddr_in addr;

    if (argc != 3) {
        fprintf(stderr, "usage: %s host port\n", argv[0]);
        exit(2);
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_port = htons(atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
        fprintf(stderr, "%s: not an IPv4 address\n", argv[1]);
        exit(2);
    }
    return addr;
}

/* A socket of TYPE whose recv() gives up after SECONDS (0: never), socket(7) SO_RCVTIMEO. */
static inline int client_socket(int type, int seconds)
{
    struct timeval tv;
    int sock = socket(AF_INET, type, 0);

    if (sock < 0) {
        perror("socket");
        exit(1);
    }
    if (seconds > 0) {
        tv.tv_sec = seconds;
        tv.tv_usec = 0;
        if (setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0) {
            perror("setsockopt");
            exit(1);
        }
    }
    return sock;
}

/* connect(2), and say why when it fails: ECONNREFUSED for TCP means nothing listens on the port. */
static inline void client_connect(int sock, const struct sockaddr_in *addr)
{
    if (connect(sock, (const struct sockaddr *)addr, sizeof(*addr)) < 0) {
        perror("connect");
        exit(1);
    }
}

/* recv(2) failed: EAGAIN/EWOULDBLOCK is the SO_RCVTIMEO timeout, anything else the error itself. Exits 1. */
static inline void client_recv_failed(void)
{
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        fprintf(stderr, "recv: no reply within %d s\n", CLIENT_TIMEOUT_SECONDS);
    else
        perror("recv");
    exit(1);
}

/*
 * Reads until the server closes (recv() returns 0) or BUF is full, and returns how many bytes came: one recv()
 * returns only what has arrived so far (recv(2)), a reply in pieces needs the loop.
 */
static inline size_t client_read_all(int sock, char *buf, size_t size)
{
    size_t total = 0;
    ssize_t n;

    while (total < size && (n = recv(sock, buf + total, size - total, 0)) != 0) {
        if (n < 0)
            client_recv_failed();
        total += (size_t)n;
    }
    return total;
}

/*
 * Reads the echo of LENGTH bytes: recv() until that many came (an echo can come back in pieces) or the server closed.
 * Returns how many came; fewer than LENGTH means the server closed first.
 */
static inline size_t client_read_exact(int sock, char *buf, size_t length)
{
    size_t total = 0;
    ssize_t n;

    while (total < length && (n = recv(sock, buf + total, length - total, 0)) != 0) {
        if (n < 0)
            client_recv_failed();
        total += (size_t)n;
    }
    return total;
}

/* send(2) may take less than asked (a full socket buffer): loop until all of it is gone. MSG_NOSIGNAL: EPIPE, not SIGPIPE. */
static inline void client_send_all(int sock, const char *data, size_t length)
{
    ssize_t n;

    while (length > 0) {
        if ((n = send(sock, data, length, MSG_NOSIGNAL)) < 0) {
            perror("send");
            exit(1);
        }
        data += n;
        length -= (size_t)n;
    }
}

/* A time client's end: nothing came (the server closed at once) is an error; else the text, terminated at its length. */
static inline int client_print_time(char *buf, size_t n)
{
    if (n == 0) {
        fprintf(stderr, "the server closed the connection without sending the time\n");
        return 1;
    }
    buf[n] = '\0';
    printf("Time: %s", buf);
    return 0;
}

/* One line of an echo client: all of it sent, exactly as many bytes read back (or a message and exit 1), printed. */
static inline void client_echo_line(int sock, const char *line, size_t length)
{
    static char echo[4096];

    client_send_all(sock, line, length);
    if (client_read_exact(sock, echo, length) < length) {
        fprintf(stderr, "the server closed the connection before echoing the line\n");
        exit(1);
    }
    fwrite(echo, 1, length, stdout);
    fflush(stdout);
}

#endif
