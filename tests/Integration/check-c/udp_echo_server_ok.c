/*
 * udp_echo_server_ok: a correct UDP echo server (RFC 862), the reference the udp-* checks compare against.
 * It receives into a 65,536-byte buffer (larger than any UDP payload, 65,507 bytes over IPv4), answers every
 * datagram (an empty one too) with exactly the n bytes recvfrom() returned, on the same socket, to the address
 * recvfrom() gave for that datagram.
 * Bug: none. Checks that must FAIL: none (udp-truncation, udp-empty, binary-data, stale-bytes, udp-reply-source,
 * udp-multi-client all PASS).
 * Usage: udp_echo_server_ok [port]   (0 = any; prints "port N" once bound)
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
        /* n == 0 is an empty datagram, not the end of anything: echo it (an empty datagram back). */
        if (sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len) < 0)
            perror("sendto");
    }
    return 0;
}
