/*
 * A login server that tells an unknown user from a wrong password: "401 Invalid ID" and "402 Invalid Password", the
 * usual homework answer. An attacker can try names until the reply changes and so learn which accounts exist (user
 * enumeration). Otherwise correct (login_common.h, fork per client).
 * Must FAIL: enumeration. Everything else PASSes. Usage: login_server_enum [port]; user alice, password secret.
 */
#include "login_common.h"

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_whole, check_both, "401 Invalid ID\n", "402 Invalid Password\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    serve_forking(listener, &server);
    return 0;
}
