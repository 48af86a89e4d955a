/* A buggy TCP echo server: one recv() taken as the whole message. Each client gets one recv() (up to 1,024 bytes)
 * and one send() of it, then the connection is closed. recv(2) returns what has arrived so far, which is a part of
 * a message sent in pieces or of a long one, so the rest is lost.
 * Checks that must FAIL: fragmented-input, long-message (10,000 bytes), stale-bytes (closed after the first
 * message), bulk. The others PASS: it forks per client and ignores SIGPIPE.
 * Usage: tcp_echo_once [port]   (0 = any free port; prints "port N")
 */
#include "tcp_common.h"

static void echo_once(int client)
{
    char buf[1024];
    ssize_t n = recv(client, buf, sizeof(buf), 0);  /* BUG: one recv() is not one message */

    if (n > 0)
        send_all(client, buf, (size_t)n);
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    tcp_fork_serve(server, echo_once);
    return 0;
}
