/*
 * udp_echo_buf128: a UDP echo server that receives into a 128-byte buffer, as the course's example does.
 * Bug: recvfrom() into 128 bytes cuts every longer datagram to 128 bytes and drops the rest silently (recv(2):
 * MSG_TRUNC; no error, no second part to read).
 * Checks that must FAIL: udp-truncation (129 bytes and more come back as 128). The others PASS (their datagrams
 * are shorter than 128 bytes).
 * Usage: udp_echo_buf128 [port]   (0 = any; prints "port N" once bound)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in server_addr, client_addr;
    socklen_t addr_len;
    char buf[128];
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
        n = recvfrom(sock, buf, sizeof(buf), 0, (struct sockaddr *)&client_addr, &addr_len); /* the bug: 128 */
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    return 0;
}
