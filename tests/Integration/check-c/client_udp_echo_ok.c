/*
 * A correct UDP echo client (netprog check udp-echo-client: every check must PASS).
 * One datagram per line of its input, the whole line (fgets into 4 KiB); the reply is received into a buffer as large as
 * any datagram (a smaller one silently cuts a longer datagram, recv(2) MSG_TRUNC), through a connect()ed socket
 * (ECONNREFUSED when nothing listens) with a receive timeout (SO_RCVTIMEO). Errors: a message and exit code 1.
 * Usage: client_udp_echo_ok host port
 */
#include "client_common.h"

#ifndef REPLY_BUFFER
#define REPLY_BUFFER 65536
#endif

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_DGRAM, CLIENT_TIMEOUT_SECONDS);
    static char line[4096];
    static char echo[REPLY_BUFFER];
    ssize_t n;

    client_connect(sock, &addr);
    while (fgets(line, sizeof(line), stdin) != NULL) {
        if (send(sock, line, strlen(line), 0) < 0) {
            perror("send");
            return 1;
        }
        if ((n = recv(sock, echo, sizeof(echo), 0)) < 0)
            client_recv_failed();
        fwrite(echo, 1, (size_t)n, stdout);
        fflush(stdout);
    }
    close(sock);
    return 0;
}
