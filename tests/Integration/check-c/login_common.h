/*
 * What the login_server_*.c programs share: they are the course's login homework (a banner, an "ID: " and a "PW: "
 * prompt, one line each, "200 Welcome alice" and then an echo of every line), each with one bug of its own, on which
 * `netprog check login-server` is tested. Each program passes its own line reader and refusal texts to
 * login_session() and picks how it serves clients (fork, threads, one at a time).
 *
 * The account is fixed: user "alice", password "secret". A line longer than a 128-byte buffer is refused.
 */
#ifndef LOGIN_COMMON_H
#define LOGIN_COMMON_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/resource.h>
#include <sys/socket.h>

#define LOGIN_USER "alice"
#define LOGIN_PASSWORD "secret"
#define LOGIN_BUF 128

/* A line without its "\n" or "\r\n" into buf (NUL-terminated): its length, -1 at the end of the stream or on an
 * error, -2 when it does not fit in buf. */
typedef int (*read_line_fn)(int fd, char *buf, size_t size);

/* 0: logged in; 1: unknown user; 2: wrong password. */
typedef int (*check_fn)(const char *id, const char *pw);

struct login_server {
    read_line_fn read_line;
    check_fn check;
    const char *bad_user;     /* the reply to an unknown user name */
    const char *bad_password; /* the reply to a wrong password */
};

struct login_client {
    int fd;
    const struct login_server *server;
};

/* socket, SO_REUSEADDR, bind to port argv[1] (default 30000) on every address, listen; prints "port N". */
static inline int login_listen(int argc, char *argv[])
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int on = 1;
    int fd = socket(PF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(argc > 1 ? atoi(argv[1]) : 30000);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 5) < 0) {
        perror("bind/listen");
        exit(1);
    }
    getsockname(fd, (struct sockaddr *)&addr, &len);
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return fd;
}

static inline int send_text(int fd, const char *text)
{
    return send(fd, text, strlen(text), 0) < 0 ? -1 : 0;
}

/* The right way: recv() until the "\n" has come (TCP may deliver a line in pieces), never past the buffer. */
static inline int read_line_whole(int fd, char *buf, size_t size)
{
    size_t len = 0;
    char c;

    for (;;) {
        ssize_t n = recv(fd, &c, 1, 0);
        if (n <= 0)
            return -1;
        if (c == '\n')
            break;
        if (len + 1 >= size)
            return -2;
        buf[len++] = c;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    buf[len] = '\0';
    return (int)len;
}

/* The right way: both must match, each compared whole (the line ends are already cut). */
static inline int check_both(const char *id, const char *pw)
{
    if (strcmp(id, LOGIN_USER) != 0)
        return 1;
    return strcmp(pw, LOGIN_PASSWORD) != 0 ? 2 : 0;
}

static inline void login_session(int fd, const struct login_server *server)
{
    char id[LOGIN_BUF], pw[LOGIN_BUF], line[LOGIN_BUF + 1];
    int n;

    /* The banner and the first prompt in one send(): a client that connects and leaves at once (a port scan) is then
     * answered once, and the next recv() sees its FIN. */
    if (send_text(fd, "Welcome to the login server\nID: ") < 0)
        return;
    if ((n = server->read_line(fd, id, sizeof(id))) < 0) {
        if (n == -2)
            send_text(fd, "400 Line too long\n");
        return;
    }
    if (send_text(fd, "PW: ") < 0)
        return;
    if ((n = server->read_line(fd, pw, sizeof(pw))) < 0) {
        if (n == -2)
            send_text(fd, "400 Line too long\n");
        return;
    }
    if ((n = server->check(id, pw)) != 0) {
        send_text(fd, n == 1 ? server->bad_user : server->bad_password);
        return;
    }
    if (send_text(fd, "200 Welcome " LOGIN_USER "\n") < 0)
        return;
    while ((n = server->read_line(fd, line, sizeof(line) - 1)) >= 0) {
        line[n] = '\n';
        if (send(fd, line, n + 1, 0) < 0)
            return;
    }
}

static inline int accept_client(int listener)
{
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd >= 0 || errno != EINTR)
            return fd;
    }
}

/* A child process per client; the parent closes its copy of the socket and accepts the next. */
static inline void serve_forking(int listener, const struct login_server *server)
{
    signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel: no zombies */
    for (;;) {
        int fd = accept_client(listener);
        if (fd < 0)
            continue;
        if (fork() == 0) {
            close(listener);
            login_session(fd, server);
            close(fd);
            _exit(0);
        }
        close(fd);
    }
}

static inline void *login_thread(void *arg)
{
    struct login_client *client = arg;
    login_session(client->fd, client->server);
    close(client->fd);
    free(client);
    return NULL;
}

/* A thread per client: one process, so whatever kills one thread kills the whole server. */
static inline void serve_threads(int listener, const struct login_server *server)
{
    for (;;) {
        pthread_t thread;
        struct login_client *client = malloc(sizeof(*client));
        if (client == NULL || (client->fd = accept_client(listener)) < 0) {
            free(client);
            continue;
        }
        client->server = server;
        if (pthread_create(&thread, NULL, login_thread, client) != 0) {
            close(client->fd);
            free(client);
            continue;
        }
        pthread_detach(thread);
    }
}

/* One client after the other: the next is accepted only when the current one has left. */
static inline void serve_iterative(int listener, const struct login_server *server)
{
    for (;;) {
        int fd = accept_client(listener);
        if (fd < 0)
            continue;
        login_session(fd, server);
        close(fd);
    }
}

#endif
