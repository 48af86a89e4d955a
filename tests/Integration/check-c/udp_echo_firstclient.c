/*
 * udp_echo_firstclient: a UDP echo server that keeps the address of the first client it heard from and sends
 * every reply there; later recvfrom() calls pass NULL for the address.
 * Bug: only the first client ever gets replies; every later client (another port) waits in vain, and its
 * replies go to the first one.
 * Checks that must FAIL: udp-truncation, udp-empty, binary-data, stale-bytes, udp-reply-source, udp-multi-client
 * (all of them send from new ports after reachable's first datagram was answered).
 * Usage: udp_echo_firstclient [port]   (0 = any; prints "port N" once bound)
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
    int sock;
    struct sockaddr_in server_addr, client_addr;
    socklen_t addr_len;
    int port = 30000;
    ssize_t n;

    if (argc > 1)
        port = atoi(argv[1]);

    if ((sock = socket(PF_INET, SOCK_DGRAM, 0)) < 0) {
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
