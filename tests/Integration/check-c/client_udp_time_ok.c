/*
 * A correct UDP time client (netprog check udp-time-client: every check must PASS).
 * It connect()s its UDP socket to the server, so the kernel reports an ICMP port unreachable as ECONNREFUSED on recv()
 * (udp(7)) instead of silence, waits for the reply at most SO_RCVTIMEO, and terminates the text at the length received.
 * Usage: client_udp_time_ok host port
 */
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int sock = client_socket(SOCK_DGRAM, CLIENT_TIMEOUT_SECONDS);
    char buf[256];
    ssize_t n;

    client_connect(sock, &addr);
    if (send(sock, "time\n", 5, 0) < 0) {
        perror("send");
        return 1;
    }
    if ((n = recv(sock, buf, sizeof(buf) - 1, 0)) < 0)
        client_recv_failed();
    close(sock);
    buf[n] = '\0';
    printf("Time: %s", buf);
    return 0;
}
