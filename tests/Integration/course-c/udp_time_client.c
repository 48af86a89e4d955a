/* Example 1-2: UDP time client. Usage: udp_time_client [ip] [port] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in server_addr;
    struct timeval tv;
    char buf[128];
    const char *ip = "127.0.0.1";
    int port = 30000;

    if (argc > 1)
        ip = argv[1];
    if (argc > 2)
        port = atoi(argv[2]);

    if ((sock = socket(PF_INET, SOCK_DGRAM, 0)) < 0) {
        perror("socket");
        exit(1);
    }
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

    memset(&server_addr, 0, sizeof(server_addr));
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = inet_addr(ip);
    server_addr.sin_port = htons(port);

    memset(buf, 0, sizeof(buf));
    strcpy(buf, "time");
    if (sendto(sock, buf, strlen(buf), 0, (struct sockaddr *)&server_addr, sizeof(server_addr)) < 0) {
        perror("sendto");
        exit(1);
    }
    memset(buf, 0, sizeof(buf));
    if (recvfrom(sock, buf, sizeof(buf) - 1, 0, NULL, NULL) < 0) {
        perror("recvfrom");
        exit(1);
    }
    printf("Time information from server is %s", buf);
    fflush(stdout);
    close(sock);
    return 0;
}
