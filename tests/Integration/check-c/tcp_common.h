/* Shared by the tcp_*.c programs that `netprog check` is tested on (not a course file).
 *
 * tcp_listen(): a TCP socket bound to INADDR_ANY on the port in argv[1] (0 = any free port; default 30000), with
 * SO_REUSEADDR, listening; it prints "port N" as the course's programs do, so a test or the checker can find it.
 * tcp_fork_serve(): accept() forever and serve each client in a child of its own (fork(2)); children are reaped by
 * the kernel because SIGCHLD is ignored (POSIX: no zombies then), and the parent closes its copy of the accepted socket.
 * send_all(): send(2) may send fewer bytes than asked (a short send); loop until everything is sent or it fails.
 */
#ifndef TCP_COMMON_H
#define TCP_COMMON_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static inline int tcp_listen(int argc, char *argv[])
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int port = argc > 1 ? atoi(argv[1]) : 30000;
    int on = 1;
    int sock = socket(PF_INET, SOCK_STREAM, 0);

    if (sock < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
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

/* Blocks in accept(); returns a connected socket (retries on EINTR and on a client that left before accept). */
static inline int tcp_accept(int server)
{
    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client >= 0)
            return client;
        if (errno != EINTR && errno != ECONNABORTED)
            perror("accept");
    }
}

static inline void tcp_fork_serve(int server, void (*serve)(int client))
{
    signal(SIGCHLD, SIG_IGN);
    for (;;) {
        int client = tcp_accept(server);
        pid_t pid = fork();
        if (pid == 0) {
            close(server);
            serve(client);
            close(client);
            _exit(0);
        }
        if (pid < 0)
            perror("fork");
        close(client);
    }
}

static inline int send_all(int sock, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(sock, buf, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

#endif
