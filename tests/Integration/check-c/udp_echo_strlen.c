/*
 * udp_echo_strlen: a UDP echo server that sends strlen(buf) bytes back, from a buffer it never clears or
 * NUL-terminates after recvfrom().
 * Bug: strlen() stops at the first NUL of a binary datagram, and runs on into the tail of an earlier, longer
 * datagram after a short one (and an empty datagram gets the whole previous one back).
 * Checks that must FAIL: udp-truncation (its 1-byte datagram comes back with the tail of the datagram before),
 * udp-empty (the previous datagram comes back), binary-data (cut at the first NUL), stale-bytes (the old tail).
 * udp-reply-source and udp-multi-client PASS.
 * Usage: udp_echo_strlen [port]   (0 = any; prints "port N" once bound)
 */
#include "udp_common.h"

static char buf[65536];

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in client_addr;
    socklen_t addr_len;

    sock = udp_bind(argc, argv);

    while (1) {
        addr_len = sizeof(client_addr);
        /* sizeof(buf) - 1 keeps a NUL at the very end, so strlen() stays inside the buffer. */
        if (recvfrom(sock, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&client_addr, &addr_len) < 0) {
            perror("recvfrom");
            continue;
        }
        sendto(sock, buf, strlen(buf), 0, (struct sockaddr *)&client_addr, addr_len); /* the bug: strlen, not n */
    }
    return 0;
}
