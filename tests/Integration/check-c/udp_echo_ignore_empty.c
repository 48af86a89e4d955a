/*
 * udp_echo_ignore_empty: a UDP echo server that skips a datagram when recvfrom() returns 0, as if 0 meant
 * "nothing" or "connection closed" the way recv() == 0 does on TCP.
 * Bug: for UDP, 0 is an empty datagram, a real request; RFC 862 answers it with an empty datagram.
 * Checks that must WARN: udp-empty. The others PASS.
 * Usage: udp_echo_ignore_empty [port]   (0 = any; prints "port N" once bound)
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
        if (n <= 0) /* the bug: n == 0 is an empty datagram, not an error */
            continue;
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    return 0;
}
