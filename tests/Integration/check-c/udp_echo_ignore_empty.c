/*
 * udp_echo_ignore_empty: a UDP echo server that skips a datagram when recvfrom() returns 0, as if 0 meant
 * "nothing" or "connection closed" the way recv() == 0 does on TCP.
 * Bug: for UDP, 0 is an empty datagram, a real request; RFC 862 answers it with an empty datagram.
 * Checks that must WARN: udp-empty. The others PASS.
 * Usage: udp_echo_ignore_empty [port]   (0 = any; prints "port N" once bound)
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

    while (1) {
        addr_len = sizeof(client_addr);
        n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len);
        if (n <= 0) /* the bug: n == 0 is an empty datagram, not an error */
            continue;
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    return 0;
}
