/*
 * udp_echo_quit_empty: a UDP echo server that leaves its loop and exits when recvfrom() returns 0, taking it
 * for "the client closed the connection" as recv() == 0 means on TCP.
 * Bug: UDP has no connection to close; 0 is an empty datagram, and anyone can stop this server with one.
 * Checks that must FAIL: udp-empty (no reply, then the server has exited). The checks after it are skipped
 * (the program is no longer running); udp-truncation PASSes before it.
 * Usage: udp_echo_quit_empty [port]   (0 = any; prints "port N" once bound)
 */
#include "udp_common.h"

static char buf[65536];

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in client_addr;
    socklen_t addr_len;
    ssize_t n;

    sock = udp_bind(argc, argv);

    while (1) {
        addr_len = sizeof(client_addr);
        n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len);
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        if (n == 0) /* the bug: "the client closed", which UDP has no notion of */
            break;
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    printf("client closed\n");
    close(sock);
    return 0;
}
