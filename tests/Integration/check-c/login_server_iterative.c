/*
 * A login server that serves one client at a time: it accept()s the next client only when the current one has gone.
 * A client that connects and does not finish its login (or just stays) blocks everybody else. Otherwise correct.
 * Must FAIL: concurrent-sessions. Everything else PASSes. Usage: login_server_iterative [port]; user alice, password secret.
 */
#include "login_common.h"

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_whole, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    serve_iterative(listener, &server);
    return 0;
}
