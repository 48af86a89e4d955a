/*
 * udp_echo_quit_empty: a UDP echo server that leaves its loop and exits when recvfrom() returns 0, taking it
 * for "the client closed the connection" as recv() == 0 means on TCP.
 * Bug: UDP has no connection to close; 0 is an empty datagram, and anyone can stop this server with one.
 * Checks that must FAIL: udp-empty (no reply, then the server has exited). The checks after it are skipped
 * (the program is no longer running); udp-truncation PASSes before it.
 * Usage: udp_echo_quit_empty [port]   (0 = any; prints "port N" once bound)
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
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        if (n == 0) /* the bug: "the client closed", which UDP has no notion of */
            break;
        sendto(sock, buf, n, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    printf("client closed\n");
    close(sock);
    return 0;
}
