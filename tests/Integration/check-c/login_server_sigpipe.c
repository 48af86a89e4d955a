/*
 * A login server that dies when a client resets mid-login. Its line reader treats only recv() == 0 as the end; -1 (the
 * client reset the connection, ECONNRESET) goes on as an empty line, so it answers the empty password with a send() to
 * the dead connection. That send() raises SIGPIPE (send(2), signal(7)), whose default action kills the process, and
 * with a thread per client that is the whole server. Otherwise correct.
 * Must FAIL: reset-mid-login; after it the server is gone, so concurrent-sessions SKIPs.
 * Usage: login_server_sigpipe [port]; user alice, password secret.
 */
#include "login_common.h"

static int read_line_ignoring_errors(int fd, char *buf, size_t size)
{
    int n;

    errno = 0;
    n = read_line_whole(fd, buf, size);
    if (n == -1 && errno != 0) {
        /* The bug: only recv() == 0 ends the session; an error (ECONNRESET) goes on as an empty line. */
        buf[0] = '\0';
        return 0;
    }
    return n;
}

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_ignoring_errors, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };

    /* The other bug: no signal(SIGPIPE, SIG_IGN), no MSG_NOSIGNAL. SIGPIPE is set to its default action explicitly,
     * as a shell leaves it, whoever starts this program: an ignored signal stays ignored across execve(2) (signal(7)),
     * and a parent that ignores SIGPIPE would hide the bug. */
    signal(SIGPIPE, SIG_DFL);
    serve_threads(login_listen(argc, argv), &server);
    return 0;
}
