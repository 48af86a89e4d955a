/* What the UDP test servers share, so that each file shows only its own bug (or its absence).
 * udp_bind(): a UDP socket bound to INADDR_ANY on the port in argv[1] (0 = any free port; default 30000), which
 * prints "port N" once bound (the tests read it) and exits with perror()'s line when it cannot. */
#ifndef UDP_COMMON_H
#define UDP_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static inline int udp_bind(int argc, char *argv[])
{
    struct sockaddr_in addr;
    socklen_t len = sizeof(addr);
    int port = argc > 1 ? atoi(argv[1]) : 30000;
    int sock = socket(PF_INET, SOCK_DGRAM, 0);

    if (sock < 0) {
        perror("socket");
        exit(1);
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        perror("bind");
        exit(1);
    }
    getsockname(sock, (struct sockaddr *)&addr, &len);
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    return sock;
}

#endif
