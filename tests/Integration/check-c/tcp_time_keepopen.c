/* A buggy TCP time server: sends the time and keeps the connection open. Each client (in a child of its own) gets
 * ctime() and its NUL, like the course's time_server.c, but the server then waits for the client to close instead
 * of closing itself: a client that reads until the end of the stream, as RFC 867 and RFC 868 clients do, waits forever.
 * Checks that must FAIL: closes-after-reply. The others PASS (time-format notes the NUL).
 * Usage: tcp_time_keepopen [port]   (0 = any free port; prints "port N")
 */
#include <time.h>
#include "tcp_common.h"

static void send_time_and_wait(int client)
{
    time_t now = time(NULL);
    char *text = ctime(&now);
    char buf[256];

    send_all(client, text, strlen(text) + 1);
    while (recv(client, buf, sizeof(buf), 0) > 0)   /* BUG: should close(client) right after the send */
        ;
}

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);

    signal(SIGPIPE, SIG_IGN);
    tcp_fork_serve(server, send_time_and_wait);
    return 0;
}
