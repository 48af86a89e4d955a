/*
 * udp_echo_othersocket: a UDP echo server that receives on its bound socket but sends the replies from a second
 * socket, which the kernel binds to another (ephemeral) port on its first sendto().
 * Bug: the reply comes from another port than the one the client sent to; a client that connect()ed its UDP
 * socket (netprog, most libraries) and any NAT router drop it as a datagram from a stranger.
 * Checks that must FAIL: udp-reply-source. The others PASS (netprog's check reads replies from any port).
 * Usage: udp_echo_othersocket [port]   (0 = any; prints "port N" once bound)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static char buf[65536];

int main(int argc, char *argv[])
{
    int sock, out;
    struct sockaddr_in server_addr, client_addr;
    socklen_t addr_len;
    int port = 30000;
    ssize_t n;

    if (argc > 1)
        port = atoi(argv[1]);

    if ((sock = socket(PF_INET, SOCK_DGRAM, 0)) < 0 || (out = socket(PF_INET, SOCK_DGRAM, 0)) < 0) {
        perror("socket");
        exit(1);
    }
    memset(&server_addr, 0, sizeof(server_addr));
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = htonl(INADDR_ANY);
    server_addr.sin_port = htons(port);
    if (bind(sock, (struct sockaddr *)&server_addr, sizeof(server_addr)) < 0) {
        perror("bind");
        exit(1);
    }
    addr_len = sizeof(server_addr);
    getsockname(sock, (struct sockaddr *)&server_addr, &addr_len);
    printf("port %d\n", ntohs(server_addr.sin_port));
    fflush(stdout);

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
