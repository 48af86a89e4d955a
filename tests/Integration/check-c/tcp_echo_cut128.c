/* A buggy TCP echo server: reads each line into a 128-byte buffer and drops what does not fit. It reads the
 * stream line by line correctly (whatever pieces recv() returns), but keeps only the first 127 bytes of a line and
 * sends those and a '\n' back, so a line of 200 bytes comes back as 128.
 * Checks that must FAIL: long-message. The others PASS (its lines of up to 127 bytes are fine).
 * Usage: tcp_echo_cut128 [port]   (0 = any free port; prints "port N")
 */
#include "tcp_common.h"

static void echo_lines(int client)
{
    char in[4096];
    char line[128];
    size_t len = 0;
    ssize_t n;
    ssize_t i;

    while ((n = recv(client, in, sizeof(in), 0)) > 0) {
        for (i = 0; i < n; i++) {
            if (in[i] == '\n') {
                line[len++] = '\n';
                if (send_all(client, line, len) < 0)
                    return;
                len = 0;
            } else if (len < sizeof(line) - 1) {
                line[len++] = in[i];
            }
            /* BUG: else the byte is dropped: the line is cut at 127 bytes + '\n' */
        }
    }
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    tcp_fork_serve(server, echo_lines);
    return 0;
}
