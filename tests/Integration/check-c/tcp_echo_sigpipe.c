/* A buggy TCP echo server: dies when a client resets. It does not ignore SIGPIPE and serves clients one at a time
 * in one process, like the course's echo_server.c, but:
 *   default:  it does not look at send()'s result: the send() after a client's reset raises SIGPIPE, whose default
 *             action ends the process (signal(7); send(2): EPIPE "the local end has been shut down").
 *   "exit":   it exits on any send() error (ECONNRESET when the client reset while it was sending).
 * Either way the next client finds nobody listening.
 * Checks that must FAIL: abrupt-close; concurrent-clients too (it is iterative). The others PASS.
 * Usage: tcp_echo_sigpipe [port] [exit]   (0 = any free port; prints "port N")
 */
#include "tcp_common.h"

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);
    int exit_on_error = argc > 2 && strcmp(argv[2], "exit") == 0;
    char buf[1024];
    ssize_t n;

    for (;;) {
        int client = tcp_accept(server);
        while ((n = recv(client, buf, sizeof(buf), 0)) > 0) {
            if (send(client, buf, (size_t)n, 0) < 0 && exit_on_error) {  /* BUG: exit or ignore, never "client gone" */
                perror("send");
                exit(1);
            }
        }
        close(client);
    }
    return 0;
}
