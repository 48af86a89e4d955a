/* A correct TCP echo server, for `netprog check echo-server`: every check of the tcp family must PASS.
 * One child per client (fork), so a silent client never blocks another; SO_REUSEADDR (tcp_common.h); SIGPIPE
 * ignored, so a client that resets makes send() fail with EPIPE/ECONNRESET instead of killing the process
 * (signal(7)); loops on recv() until it returns 0 (the client's FIN) or an error, and sends every byte it got,
 * looping on short sends (send_all).
 * Usage: tcp_echo_server_ok [port]   (0 = any free port; prints "port N")
 */
#include "tcp_common.h"

static void echo(int client)
{
    char buf[4096];
    ssize_t n;

    for (;;) {
        n = recv(client, buf, sizeof(buf), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;                         /* 0: the client closed its side; < 0: it is gone */
        if (send_all(client, buf, (size_t)n) < 0)
            return;                         /* the client is gone: this client only */
    }
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    tcp_fork_serve(server, echo);
    return 0;
}
