/* UDP echo client. Usage: udp_echo_client [ip] [port]; type lines, "quit" ends. */
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
    int n;

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

    while (1) {
        printf("Input : ");
        fflush(stdout);
        memset(buf, 0, sizeof(buf));
        if (fgets(buf, sizeof(buf), stdin) == NULL)
            break;
        if (strncmp(buf, "quit", 4) == 0)
            break;
        if (sendto(sock, buf, strlen(buf), 0, (struct sockaddr *)&server_addr, sizeof(server_addr)) < 0) {
            perror("sendto");
            break;
        }
        memset(buf, 0, sizeof(buf));
        if ((n = recvfrom(sock, buf, sizeof(buf) - 1, 0, NULL, NULL)) < 0) {
            perror("recvfrom");
            exit(1);
        }
        printf("Echo : %s", buf);
        fflush(stdout);
    }
    close(sock);
    return 0;
}
