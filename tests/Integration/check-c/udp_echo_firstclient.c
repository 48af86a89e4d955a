/*
 * udp_echo_firstclient: a UDP echo server that keeps the address of the first client it heard from and sends
 * every reply there; later recvfrom() calls pass NULL for the address.
 * Bug: only the first client ever gets replies; every later client (another port) waits in vain, and its
 * replies go to the first one.
 * Checks that must FAIL: udp-truncation, udp-empty, binary-data, stale-bytes, udp-reply-source, udp-multi-client
 * (all of them send from new ports after reachable's first datagram was answered).
 * Usage: udp_echo_firstclient [port]   (0 = any; prints "port N" once bound)
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

    /* The bug: the client's address is taken once, from the first datagram. */
    addr_len = sizeof(client_addr);
    n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len);
    while (1) {
        if (n >= 0)
            sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
        n = recvfrom(sock, buf, sizeof(buf), 0, NULL, NULL);
    }
    return 0;
}
