/* TCP echo server (iterative). Usage: echo_server [port] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

int main(int argc, char *argv[])
{
    int server_sock, client_sock;
    struct sockaddr_in server_addr, client_addr;
    socklen_t addr_len;
    char buf[128];
    int port = 30000;
    int on = 1;
    int n;

    if (argc > 1)
        port = atoi(argv[1]);

    if ((server_sock = socket(PF_INET, SOCK_STREAM, 0)) < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(server_sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));

    memset(&server_addr, 0, sizeof(server_addr));
    server_addr.sin_family = AF_INET;
    server_addr.sin_addr.s_addr = htonl(INADDR_ANY);
    server_addr.sin_port = htons(port);

    if (bind(server_sock, (struct sockaddr *)&server_addr, sizeof(server_addr)) < 0) {
        perror("bind");
        exit(1);
    }
    if (listen(server_sock, 5) < 0) {
        perror("listen");
        exit(1);
    }
    addr_len = sizeof(server_addr);
    getsockname(server_sock, (struct sockaddr *)&server_addr, &addr_len);
    printf("port %d\n", ntohs(server_addr.sin_port));
    fflush(stdout);

    while (1) {
        printf("Server : waiting connection request.\n");
        fflush(stdout);
        addr_len = sizeof(client_addr);
        client_sock = accept(server_sock, (struct sockaddr *)&client_addr, &addr_len);
        if (client_sock < 0) {
            perror("accept");
            continue;
        }
        printf("Server : %s client connected.\n", inet_ntoa(client_addr.sin_addr));
        fflush(stdout);
        while ((n = recv(client_sock, buf, sizeof(buf), 0)) > 0) {
            if (send(client_sock, buf, n, 0) < 0)
                break;
        }
        close(client_sock);
    }
    return 0;
}
