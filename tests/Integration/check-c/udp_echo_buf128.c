/*
 * udp_echo_buf128: a UDP echo server that receives into a 128-byte buffer, as the course's example does.
 * Bug: recvfrom() into 128 bytes cuts every longer datagram to 128 bytes and drops the rest silently (recv(2):
 * MSG_TRUNC; no error, no second part to read).
 * Checks that must FAIL: udp-truncation (129 bytes and more come back as 128). The others PASS (their datagrams
 * are shorter than 128 bytes).
 * Usage: udp_echo_buf128 [port]   (0 = any; prints "port N" once bound)
 */
#include "udp_common.h"

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in client_addr;
    socklen_t addr_len;
    char buf[128];
    ssize_t n;

    sock = udp_bind(argc, argv);

    while (1) {
        addr_len = sizeof(client_addr);
        n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len); /* the bug: 128 */
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    return 0;
}
