/*
 * udp_time_ignore_empty: a UDP time server (ctime() text and its NUL, as the course's) that answers only
 * datagrams with data in them, skipping one for which recvfrom() returns 0.
 * Bug: RFC 868 and RFC 867 over UDP answer any datagram, and time clients such as rdate -u send an empty one:
 * they never get the time from this server.
 * Checks that must FAIL: udp-empty. udp-reply-source and udp-multi-client PASS.
 * Usage: udp_time_ignore_empty [port]   (0 = any; prints "port N" once bound)
 */
#include <time.h>
#include "udp_common.h"

int main(int argc, char *argv[])
{
    int sock;
    struct sockaddr_in client_addr;
    socklen_t addr_len;
    char buf[65536];
    ssize_t n;
    time_t now;
    char *text;

    sock = udp_bind(argc, argv);

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
