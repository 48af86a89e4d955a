/*
 * A login server whose line reader has no bound: it copies bytes into its 128-byte buffer until the "\n", so a longer
 * user name overruns the buffer and the server crashes. To stay deterministic (no real undefined behaviour) it aborts at
 * the moment it would write past the buffer (a real overrun crashes, or a stack protector aborts, a little later). One
 * process with a thread per client, so the crash takes every client with it. Otherwise correct.
 * Must FAIL: long-line; after it the server is gone, so reset-mid-login and concurrent-sessions SKIP.
 * Usage: login_server_overflow [port]; user alice, password secret.
 */
#include "login_common.h"

static int read_line_unbounded(int fd, char *buf, size_t size)
{
    int n = read_line_whole(fd, buf, size);

    if (n == -2) {
        /* The bug: the student's loop has no bound and goes on writing buf[128], buf[129], ... here. */
        struct rlimit no_core = { 0, 0 };
        fprintf(stderr, "*** buffer overflow: a line longer than %zu bytes ***\n", size - 1);
        setrlimit(RLIMIT_CORE, &no_core); /* no core file left behind */
        abort();
    }
    return n;
}

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_unbounded, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    serve_threads(listener, &server);
    return 0;
}
