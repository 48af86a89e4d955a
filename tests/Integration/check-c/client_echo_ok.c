/*
 * A correct TCP echo client (netprog check echo-client: every check must PASS).
 * For each line of its input it sends the whole line, reads back exactly as many bytes (recv() in a loop: the echo can
 * come in pieces), and prints them. At the end of its input it closes and exits 0; a server that closes early, an
 * error or no reply within the receive timeout (SO_RCVTIMEO) is said on stderr with exit code 1.
 * Usage: client_echo_ok host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char line[4096];

    client_connect(sock, &addr);
    while (fgets(line, sizeof(line), stdin) != NULL)
        client_echo_line(sock, line, strlen(line));
    close(sock);
    return 0;
}
