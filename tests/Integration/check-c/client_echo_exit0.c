/*
 * A TCP echo client that does not check connect() and always exits 0 (netprog check echo-client: refused must FAIL,
 * closed-early and no-reply must WARN, the other checks PASS).
 * Without a server it goes on as if connected: send() and recv() fail, it leaves its loop and returns 0, so a script
 * (or a TA's grader) sees success. The same for a server that closed, or a reply that never came: every error ends the
 * loop quietly with exit code 0.
 * Usage: client_echo_exit0 host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char line[4096];
    char echo[4096];
    size_t length;
    ssize_t n;
    size_t got;

    /* The bug: the result of connect() is not looked at. */
    connect(sock, (struct sockaddr *)&addr, sizeof(addr));
    while (fgets(line, sizeof(line), stdin) != NULL) {
        length = strlen(line);
        if (send(sock, line, length, MSG_NOSIGNAL) < 0)
            break;
        for (got = 0; got < length; got += (size_t)n)
            if ((n = recv(sock, echo + got, length - got, 0)) <= 0)
                break;
        if (got < length)
            break;
        fwrite(echo, 1, length, stdout);
        fflush(stdout);
    }
    close(sock);
    return 0;
}
