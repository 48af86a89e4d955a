/*
 * A TCP echo client that quits as soon as its input ends (netprog check echo-client: echo-eof must FAIL, no-reply must
 * WARN, the other checks PASS).
 * It waits on the keyboard and the socket at once with select(2) and prints what the server sends as it comes, which
 * is right; but at the end of its input it closes the socket and exits at once, so the echo of the last line, still on
 * its way, is never printed (`echo hello | ./client` prints nothing from a server that takes a moment). The fix is
 * shutdown(sock, SHUT_WR) at the end of the input and reading until recv() returns 0.
 * Usage: client_echo_eofquit host port
 */
#include <sys/select.h>
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, 0);
    char buf[4096];
    fd_set readable;
    ssize_t n;

    client_connect(sock, &addr);
    while (1) {
        FD_ZERO(&readable);
        FD_SET(0, &readable);
        FD_SET(sock, &readable);
        if (select(sock + 1, &readable, NULL, NULL, NULL) < 0) {
            perror("select");
            return 1;
        }
        /* The socket first: what has already arrived is printed before the input is looked at. */
        if (FD_ISSET(sock, &readable)) {
            if ((n = recv(sock, buf, sizeof(buf), 0)) < 0)
                client_recv_failed();
            if (n == 0) {
                fprintf(stderr, "the server closed the connection\n");
                return 1;
            }
            fwrite(buf, 1, (size_t)n, stdout);
            fflush(stdout);
        }
        if (FD_ISSET(0, &readable)) {
            if ((n = read(0, buf, sizeof(buf))) < 0) {
                perror("read");
                return 1;
            }
            if (n == 0)
                break; /* The bug: the echo still on its way is left unread. */
            client_send_all(sock, buf, (size_t)n);
        }
    }
    close(sock);
    return 0;
}
