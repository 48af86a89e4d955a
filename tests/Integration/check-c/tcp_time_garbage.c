/* A hostile TCP "time server", to show that `netprog check` gives a verdict and never hangs:
 *   default ("garbage"): 40 binary bytes that are no time, then close.
 *   "silent":            accepts and never sends nor closes (keeps up to 64 connections open).
 *   "endless":           sends the time and then text without end, never closing (a child per client).
 *   "close":             closes each connection at once, without a byte.
 * Checks that must FAIL: time-format in every mode; closes-after-reply for "silent", "endless" and "close";
 * concurrent-clients for "silent" and "close" (no client is answered). clock is SKIPped: there is no time to compare.
 * Usage: tcp_time_garbage [port] [garbage|silent|endless|close]   (0 = any free port; prints "port N")
 */
#include <time.h>
#include "tcp_common.h"

static void endless(int client)
{
    time_t now = time(NULL);
    char *text = ctime(&now);
    char junk[1024];

    memset(junk, 'x', sizeof(junk));
    if (send_all(client, text, strlen(text)) < 0)
        return;
    while (send_all(client, junk, sizeof(junk)) == 0)
        ;
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);
    const char *mode = argc > 2 ? argv[2] : "garbage";
    int held[64];
    int count = 0;
    unsigned char junk[40];
    int i;

    signal(SIGPIPE, SIG_IGN);
    for (i = 0; i < (int)sizeof(junk); i++)
        junk[i] = (unsigned char)(0x80 + i * 7);
    if (strcmp(mode, "endless") == 0)
        tcp_fork_serve(server, endless);
    for (;;) {
        int client = tcp_accept(server);
        if (strcmp(mode, "silent") == 0) {
            if (count == 64)
                close(held[--count]);
            held[count++] = client;
            continue;
        }
        if (strcmp(mode, "garbage") == 0)
            send_all(client, (const char *)junk, sizeof(junk));
        close(client);
    }
    return 0;
}
