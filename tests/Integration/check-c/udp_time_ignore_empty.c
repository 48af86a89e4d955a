/*
 * udp_time_ignore_empty: a UDP time server (ctime() text and its NUL, as the course's) that answers only
 * datagrams with data in them, skipping one for which recvfrom() returns 0.
 * Bug: RFC 868 and RFC 867 over UDP answer any datagram, and time clients such as rdate -u send an empty one:
 * they never get the time from this server.
 * Checks that must FAIL: udp-empty. udp-reply-source and udp-multi-client PASS.
 * Usage: udp_time_ignore_empty [port]   (0 = any; prints "port N" once bound)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in server_addr, client_addr;
    socklen_t addr_len;
    char buf[65536];
    int port = 30000;
    ssize_t n;
    time_t now;
    char *text;

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
        if (n <= 0) /* the bug: an empty datagram is a request for the time too */
            continue;
        time(&now);
        text = ctime(&now);
        sendto(sock, text, strlen(text) + 1, 0, (struct sockaddr *)&client_addr, addr_len);
    }
    return 0;
}
