/*
 * A TCP time client that writes the bytes it received as they are (netprog check time-client: with-nul must WARN,
 * every other check PASS).
 * fwrite() of n bytes is right for data, but the course's server sends ctime()'s text with its terminating NUL
 * (strlen + 1 bytes), so this client prints a '\0' to the terminal, where it shows as nothing or as a box, and a script
 * reading the output gets a binary byte.
 * Usage: client_time_write host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char buf[256];
    size_t n;

    client_connect(sock, &addr);
    n = client_read_all(sock, buf, sizeof(buf));
    close(sock);
    if (n == 0) {
        fprintf(stderr, "the server closed the connection without sending the time\n");
        return 1;
    }
    fwrite(buf, 1, n, stdout);
    return 0;
}
