/*
 * udp_echo_othersocket: a UDP echo server that receives on its bound socket but sends the replies from a second
 * socket, which the kernel binds to another (ephemeral) port on its first sendto().
 * Bug: the reply comes from another port than the one the client sent to; a client that connect()ed its UDP
 * socket (netprog, most libraries) and any NAT router drop it as a datagram from a stranger.
 * Checks that must FAIL: udp-reply-source. The others PASS (netprog's check reads replies from any port).
 * Usage: udp_echo_othersocket [port]   (0 = any; prints "port N" once bound)
 */
#include "udp_common.h"

static char buf[65536];

int main(int argc, char *argv[])
{
    int sock, out;
    struct sockaddr_in client_addr;
    socklen_t addr_len;
    ssize_t n;

    sock = udp_bind(argc, argv);
    if ((out = socket(PF_INET, SOCK_DGRAM, 0)) < 0) {
        perror("socket");
        exit(1);
    }

    while (1) {
        addr_len = sizeof(client_addr);
        n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len);
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        sendto(out, buf, n, 0, (struct sockaddr *)&client_addr, addr_len); /* the bug: out, not sock */
    }
    return 0;
}
