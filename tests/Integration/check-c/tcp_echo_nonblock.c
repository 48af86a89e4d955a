/* A buggy TCP echo server: non-blocking sockets and send()'s result not looked at. It serves many clients from one
 * process with poll(2), which is right, but on a non-blocking socket send(2) takes only what fits in the socket's
 * buffer (a short send) or fails with EAGAIN, and the rest is dropped; a client that reads slowly loses data.
 * Checks that must FAIL: bulk. The others PASS (SIGPIPE is ignored, short messages always fit).
 * Usage: tcp_echo_nonblock [port]   (0 = any free port; prints "port N")
 */
#include <fcntl.h>
#include <poll.h>
#include "tcp_common.h"

#define MAX_CLIENTS 64

int main(int argc, char *argv[])
{
    struct pollfd fds[MAX_CLIENTS + 1];
    int count = 1;
    char buf[4096];
    int i;

    signal(SIGPIPE, SIG_IGN);
    fds[0].fd = tcp_listen(argc, argv);
    fds[0].events = POLLIN;
    for (;;) {
        if (poll(fds, (nfds_t)count, -1) < 0) {
            if (errno != EINTR)
                perror("poll");
            continue;
        }
        if (fds[0].revents & POLLIN) {
            int client = accept(fds[0].fd, NULL, NULL);
            if (client >= 0 && count <= MAX_CLIENTS) {
                fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK);
                fds[count].fd = client;
                fds[count].events = POLLIN;
                fds[count].revents = 0;
                count++;
            } else if (client >= 0) {
                close(client);
            }
        }
        for (i = 1; i < count; i++) {
            ssize_t n;
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            n = recv(fds[i].fd, buf, sizeof(buf), 0);
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            if (n > 0) {
                send(fds[i].fd, buf, (size_t)n, 0);   /* BUG: a short send or EAGAIN loses the rest */
                continue;
            }
            close(fds[i].fd);
            fds[i] = fds[--count];
            i--;
        }
    }
    return 0;
}
