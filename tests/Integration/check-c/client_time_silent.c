/*
 * A TCP time client that exits 1 without a word when it cannot connect (netprog check time-client: refused must WARN,
 * every other check PASS).
 * It is client_time_ok with one bug: a failed connect() ends it with exit(1) but no perror(), so whoever runs it sees
 * nothing at all and cannot tell that nothing listens on the port (or that the address is wrong).
 * Usage: client_time_silent host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char buf[256];
    size_t n;

    /* The bug: no perror("connect") before the exit. */
    if (connect(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        return 1;
    n = client_read_all(sock, buf, sizeof(buf) - 1);
    close(sock);
    return client_print_time(buf, n);
}
