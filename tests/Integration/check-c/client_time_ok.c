/*
 * A correct TCP time client (netprog check time-client: every check must PASS).
 * It reads until the server closes (the reply may come in pieces), terminates the text at the length received, says
 * why on every error and exits 1 (refused, closed without a byte), and gives up after a receive timeout (SO_RCVTIMEO).
 * Usage: client_time_ok host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char buf[256];
    size_t n;

    client_connect(sock, &addr);
    n = client_read_all(sock, buf, sizeof(buf) - 1);
    close(sock);
    return client_print_time(buf, n);
}
