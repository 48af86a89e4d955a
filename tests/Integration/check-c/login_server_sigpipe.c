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
    size_t len = 0;
    char c;

    for (;;) {
        ssize_t n = recv(fd, &c, 1, 0);
        if (n == 0)
            return -1;
        if (n < 0)
            break; /* the bug: an error is taken as the end of the line */
        if (c == '\n')
            break;
        if (len + 1 >= size)
            return -2;
        buf[len++] = c;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    buf[len] = '\0';
    return (int)len;
}

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_ignoring_errors, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };

    /* The other bug: no signal(SIGPIPE, SIG_IGN), no MSG_NOSIGNAL. SIGPIPE is set to its default action explicitly,
     * as a shell leaves it: a parent may start a program with it ignored (an ignored signal stays ignored across
     * execve(2), signal(7)), and .NET does for programs it starts with redirected output, which would hide this bug. */
    signal(SIGPIPE, SIG_DFL);
    serve_threads(login_listen(argc, argv), &server);
    return 0;
}
