/*
 * A TCP echo client that takes one recv() as the whole echo (netprog check echo-client: fragmented-reply must FAIL,
 * every other check PASS).
 * It is client_echo_ok with one recv() per line instead of client_read_exact(): its buffer is large enough for the
 * long line, which netprog echoes in one piece, but an echo that comes back in pieces is printed cut after the first
 * (recv(2) returns what has arrived so far; TCP keeps no message boundaries).
 * Usage: client_echo_onerecv host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char line[4096];
    char echo[4096];
    ssize_t n;

    client_connect(sock, &addr);
    while (fgets(line, sizeof(line), stdin) != NULL) {
        client_send_all(sock, line, strlen(line));
        /* The bug: one recv(), taken as the whole echo. */
        if ((n = recv(sock, echo, sizeof(echo), 0)) < 0)
            client_recv_failed();
        if (n == 0) {
            fprintf(stderr, "the server closed the connection before echoing the line\n");
            return 1;
        }
        fwrite(echo, 1, (size_t)n, stdout);
        fflush(stdout);
    }
    close(sock);
    return 0;
}
