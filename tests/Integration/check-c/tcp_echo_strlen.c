/* A buggy TCP echo server: send(strlen(buf)) instead of the count recv() returned. It collects what recv() returns
 * until a '\n' has arrived, then sends strlen(buf) bytes of its buffer, which it never clears: a NUL byte in the
 * data ends the echo early, and a short line after a longer one comes back with the longer one's old tail.
 * Checks that must FAIL: binary-data, stale-bytes, bulk (its reads hold several lines and an old tail). The others
 * PASS: it forks per client and ignores SIGPIPE, and a first line of up to 16 KiB comes back right.
 * Usage: tcp_echo_strlen [port]   (0 = any free port; prints "port N")
 */
#include "tcp_common.h"

static void echo_strlen(int client)
{
    static char buf[16384];
    size_t len = 0;
    ssize_t n;

    memset(buf, 0, sizeof(buf));                    /* once per connection, not per message */
    while ((n = recv(client, buf + len, sizeof(buf) - 1 - len, 0)) > 0) {
        len += (size_t)n;
        if (memchr(buf, '\n', len) == NULL && len < sizeof(buf) - 1)
            continue;
        if (send_all(client, buf, strlen(buf)) < 0)  /* BUG: strlen(), not len; buf[len] is not '\0' */
            return;
        len = 0;
    }
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    tcp_fork_serve(server, echo_strlen);
    return 0;
}
