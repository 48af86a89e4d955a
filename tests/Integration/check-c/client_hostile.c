/*
 * A hostile client, for netprog check's own robustness (every check of every client kind must end in a verdict, none
 * may hang, and no process may be left behind): it ignores SIGTERM, never exits, floods its stdout with bytes that are
 * not text, and sends garbage to the server over TCP (when it can connect) and UDP, as fast as it can.
 * Usage: client_hostile host port
 */
#include <fcntl.h>
#include <signal.h>
#include "client_common.h"

int main(int argc, char *argv[])
{
    struct sockaddr_in addr = client_address(argc, argv);
    int tcp = socket(AF_INET, SOCK_STREAM, 0);
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    char garbage[4096];
    size_t i;

    signal(SIGTERM, SIG_IGN);
    for (i = 0; i < sizeof(garbage); i++)
        garbage[i] = (char)(0x80 + i % 0x80);
    if (tcp < 0 || udp < 0 || connect(tcp, (struct sockaddr *)&addr, sizeof(addr)) < 0)
        tcp = -1;
    else
        fcntl(tcp, F_SETFL, O_NONBLOCK);
    while (1) {
        /* The return values are ignored on purpose: whatever fails, it goes on. */
        if (write(1, garbage, sizeof(garbage)) < 0)
            usleep(1000);
        if (tcp >= 0 && send(tcp, garbage, sizeof(garbage), MSG_NOSIGNAL) < 0)
            usleep(1000);
        if (sendto(udp, garbage, 512, MSG_DONTWAIT, (struct sockaddr *)&addr, sizeof(addr)) < 0)
            usleep(1000);
        /* Still a flood (megabytes a second), but one that leaves the machine's few cores to the checker beside it. */
        usleep(200);
    }
}
