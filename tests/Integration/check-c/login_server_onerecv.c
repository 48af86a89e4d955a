/*
 * A login server that takes what one recv() returned as the whole line. TCP is a byte stream: a line typed slowly, or
 * sent in pieces, arrives in several recv()s, and this server then reads "a" as the user name and "lice" as the
 * password. (It also cuts a line longer than its buffer, treating the rest as the next line.) Otherwise correct.
 * Must FAIL: fragmented-login. Everything else PASSes. Usage: login_server_onerecv [port]; user alice, password secret.
 */
#include "login_common.h"

static int read_line_one_recv(int fd, char *buf, size_t size)
{
    ssize_t n = recv(fd, buf, size - 1, 0); /* the bug: one recv() is not one line */

    if (n <= 0)
        return -1;
    buf[n] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    return (int)strlen(buf);
}

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_one_recv, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    serve_forking(listener, &server);
    return 0;
}
