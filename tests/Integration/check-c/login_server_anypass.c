/*
 * A login server that lets a known user in with any password: it tests the user name OR the password where both must
 * match (|| for &&), so a wrong password, or the right password with any name, logs in. Otherwise correct.
 * Must FAIL: wrong-password; enumeration then SKIPs (there is no refusal to compare). Everything else PASSes.
 * Usage: login_server_anypass [port]; user alice, password secret.
 */
#include "login_common.h"

static int check_either(const char *id, const char *pw)
{
    /* The bug: || where && belongs. */
    return strcmp(id, LOGIN_USER) == 0 || strcmp(pw, LOGIN_PASSWORD) == 0 ? 0 : 1;
}

int main(int argc, char *argv[])
{
    static const struct login_server server = { read_line_whole, check_either, "401 Login incorrect\n", "401 Login incorrect\n" };
    int listener = login_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    serve_forking(listener, &server);
    return 0;
}
