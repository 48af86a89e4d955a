/*
 * A TCP time client that prints a buffer it never terminated (netprog check time-client: without-nul must FAIL,
 * every other check PASS).
 * It is client_time_ok with one bug: no buf[n] = '\0' after the read. printf("%s") then runs on past the reply into
 * whatever the buffer held before. Against the course's server the NUL it sends ends the text and nothing shows; against
 * a server that sends no NUL (RFC 867) the old bytes are printed too. The buffer stands for an uninitialised stack
 * buffer; it is filled with 'X' so that the garbage is the same on every run.
 * Usage: client_time_unterminated host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char buf[128];
    size_t n;

    memset(buf, 'X', sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    client_connect(sock, &addr);
    n = client_read_all(sock, buf, sizeof(buf) - 1);
    close(sock);
    if (n == 0) {
        fprintf(stderr, "the server closed the connection without sending the time\n");
        return 1;
    }
    /* The bug: buf[n] = '\0' is missing. */
    printf("Time: %s", buf);
    return 0;
}
