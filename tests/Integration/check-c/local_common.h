/* What the local_*.c test servers of `netprog check` share: a listening socket made the way the course does it, with
 * the three choices the classic bugs get wrong passed in (so each program shows its bug at the call), and the
 * correct serving pieces. Port from argv[1] (default 30000); `port N` is printed once it listens. */
#ifndef LOCAL_COMMON_H
#define LOCAL_COMMON_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/wait.h>

static inline int port_arg(int argc, char *argv[])
{
    return argc > 1 ? atoi(argv[1]) : 30000;
}

/* sin_port and s_addr are taken as the program wrote them: a correct one passes htons(port) and htonl(INADDR_ANY). */
static inline int listen_on(unsigned short sin_port, in_addr_t s_addr, int reuse)
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int on = 1;
    int sock = socket(PF_INET, SOCK_STREAM, 0);

    if (sock < 0) {
        perror("socket");
        exit(1);
    }
    if (reuse)
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = s_addr;
    addr.sin_port = sin_port;
    if (bind(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        perror("bind");
        exit(1);
    }
    if (listen(sock, 16) < 0) {
        perror("listen");
        exit(1);
    }
    getsockname(sock, (struct sockaddr *)&addr, &len);
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return sock;
}

/* send(2) may write less than asked: loop until all is out. */
static inline int send_all(int sock, const char *buf, ssize_t n)
{
    while (n > 0) {
        ssize_t sent = send(sock, buf, n, 0);
        if (sent < 0)
            return -1;
        buf += sent;
        n -= sent;
    }
    return 0;
}

/* Echoes until the client's end of stream (recv() == 0) or an error, then closes: what a correct server does. */
static inline void echo_until_eof(int client)
{
    char buf[1024];
    ssize_t n;

    while ((n = recv(client, buf, sizeof(buf), 0)) > 0)
        if (send_all(client, buf, n) < 0)
            break;
    close(client);
}

static inline void reap(int sig)
{
    int saved = errno;

    (void)sig;
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    errno = saved;
}

/* Finished children are reaped (no zombies); a client that resets gives EPIPE from send(), not a SIGPIPE death. */
static inline void server_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = reap;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* accept(2), retried when a signal interrupted it. */
static inline int accept_client(int server)
{
    while (1) {
        int client = accept(server, NULL, NULL);
        if (client >= 0 || errno != EINTR)
            return client;
    }
}

/* The correct fork server loop; close_in_parent = 0 is the CLOSE_WAIT bug. */
static inline void fork_server(int server, int close_in_parent)
{
    while (1) {
        int client = accept_client(server);
        if (client < 0) {
            perror("accept");
            continue;
        }
        if (fork() == 0) {
            close(server);
            echo_until_eof(client);
            _exit(0);
        }
        if (close_in_parent)
            close(client);
    }
}

#endif
