/* A poll() echo server that does not treat recv() == 0 as the end of the stream: it echoes the "empty message" and
 * keeps the socket in the poll set, which reports it readable forever, so once a client has left it spins at 100 %
 * CPU (and never closes the socket). busy-loop, closes-socket and fd-leak must FAIL; the others PASS.
 * Usage: local_echo_busyloop [port] */
#include <poll.h>
#include "local_common.h"

#define MAX_FDS 1024

int main(int argc, char *argv[])
{
    struct pollfd fds[MAX_FDS];
    char buf[1024];
    int count = 1;

    server_signals();
    fds[0].fd = listen_on(htons(port_arg(argc, argv)), htonl(INADDR_ANY), 1);
    fds[0].events = POLLIN;
    while (1) {
        if (poll(fds, count, -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("poll");
            exit(1);
        }
        if ((fds[0].revents & POLLIN) && count < MAX_FDS) {
            int client = accept_client(fds[0].fd);
            if (client >= 0) {
                fds[count].fd = client;
                fds[count].events = POLLIN;
                fds[count].revents = 0;
                count++;
            }
        }
        for (int i = 1; i < count; i++) {
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                ssize_t n = recv(fds[i].fd, buf, sizeof(buf), 0);
                if (n < 0) {
                    close(fds[i].fd);
                    fds[i--] = fds[--count];
                    continue;
                }
                send_all(fds[i].fd, buf, n); /* n == 0 is "echoed" too: the end of stream is never noticed */
            }
        }
    }
    return 0;
}
