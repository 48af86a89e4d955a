/*
 * A TCP time client that takes one recv() as the whole reply (netprog check time-client: fragmented-reply must FAIL,
 * every other check PASS).
 * It is client_time_ok with one recv() instead of the loop: recv() returns what has arrived so far (recv(2)), so a
 * reply that comes in pieces is printed cut after its first piece. The fix is the loop of client_read_all().
 * Usage: client_time_onerecv host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_STREAM, CLIENT_TIMEOUT_SECONDS);
    char buf[256];
    ssize_t n;

    client_connect(sock, &addr);
    /* The bug: one recv(), taken as the whole reply. */
    if ((n = recv(sock, buf, sizeof(buf) - 1, 0)) < 0)
        client_recv_failed();
    close(sock);
    return client_print_time(buf, (size_t)n);
}
