/*
 * A correct login server for `netprog check login-server`: banner, "ID: " and "PW: " prompts, one line each, read with
 * recv() until the "\n" (login_common.h), a 128-byte buffer that refuses longer lines ("400 Line too long"), the same
 * "401 Login incorrect" for an unknown user and a wrong password, a child process per client (fork), SIGPIPE ignored.
 * No bug: every check must PASS. Usage: login_server_ok [port]; user alice, password secret.
 */
#include "login_common.h"

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_whole, check_both, "401 Login incorrect\n", "401 Login incorrect\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN); /* a client that resets makes send() fail with EPIPE instead of killing us */
    serve_forking(listener, &server);
    return 0;
}
