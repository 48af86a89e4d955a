/*
 * A UDP time client without a receive timeout (netprog check udp-time-client: no-reply must FAIL, refused must WARN,
 * the other checks PASS).
 * It sends with sendto() and waits in recvfrom() with no timeout on an unconnected socket: when the server is not
 * there (the ICMP port unreachable is not reported to an unconnected UDP socket, udp(7)) or the datagram or its reply
 * is lost (UDP does not retransmit), recvfrom() waits forever and the program hangs.
 * Usage: client_udp_notimeout host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_DGRAM, 0);
    char buf[256];
    ssize_t n;

    if (sendto(sock, "time\n", 5, 0, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        perror("sendto");
        return 1;
    }
    /* The bug: no SO_RCVTIMEO (or select() with a timeout) before this. */
    if ((n = recvfrom(sock, buf, sizeof(buf) - 1, 0, NULL, NULL)) < 0) {
        perror("recvfrom");
        return 1;
    }
    close(sock);
    buf[n] = '\0';
    printf("Time: %s", buf);
    return 0;
}
