/*
 * A TCP echo client that does not notice the end of its input (netprog check echo-client: basic, fragmented-reply,
 * long-reply and echo-eof must FAIL, refused, closed-early and no-reply PASS).
 * It is client_echo_ok whose loop does not stop when fgets() returns NULL: the buffer still holds the last line, so it
 * is sent again and again, and its echo printed again and again, until the server stops answering or closes.
 * Usage: client_echo_eofignore host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char line[4096] = "";

    client_connect(sock, &addr);
    while (1) {
        /* The bug: NULL (the end of the input) only clears the end-of-file flag; the old line is sent again. */
        if (fgets(line, sizeof(line), stdin) == NULL)
            clearerr(stdin);
        client_echo_line(sock, line, strlen(line));
    }
}
