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
        /* sizeof(buf) - 1 keeps a NUL at the very end, so strlen() stays inside the buffer. */
        if (recvfrom(sock, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&client_addr, &addr_len) < 0) {
            perror("recvfrom");
            continue;
        }
        sendto(sock, buf, strlen(buf), 0, (struct sockaddr *)&client_addr, addr_len); /* the bug: strlen, not n */
    }
    return 0;
}
