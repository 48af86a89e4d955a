/* A buggy TCP time server: a time off by whole hours (a time-zone bug), or by a minute and a half (a wrong clock).
 *   default ("iso"): ISO 8601 text marked "Z" (UTC) but made from localtime() in Korea (TZ=KST-9): 9 hours ahead,
 *                    the classic "local time labelled as UTC" (strftime("%Y-%m-%dT%H:%M:%SZ", localtime(...))).
 *   "ctime":         ctime() of a clock 3 hours ahead: what a server whose TZ is 3 hours east of its clients prints;
 *                    the text names no zone, so the client cannot tell.
 *   "skew":          ctime() of a clock 90 seconds behind: not a zone, a clock nobody synchronised.
 * It is otherwise a correct iterative time server (it closes after each reply).
 * Checks that must FAIL: clock ("iso" and "ctime": whole hours on this machine). WARN: clock ("skew"). PASS: the others.
 * Usage: tcp_time_utc_offset [port] [iso|ctime|skew]   (0 = any free port; prints "port N")
 */
#include <time.h>
#include "tcp_common.h"

int main(int argc, char *argv[])
{
    int server = tcp_listen(argc, argv);
    const char *mode = argc > 2 ? argv[2] : "iso";
    char text[64];

    if (strcmp(mode, "iso") == 0) {
        setenv("TZ", "KST-9", 1);   /* POSIX TZ: 9 hours east of UTC, no tzdata needed */
        tzset();
    }
    for (;;) {
        int client = tcp_accept(server);
        time_t now = time(NULL);
        size_t len;

        if (strcmp(mode, "iso") == 0) {
            len = strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ\r\n", localtime(&now));  /* BUG: localtime, "Z" */
        } else {
            now += strcmp(mode, "skew") == 0 ? -90 : 3 * 3600;
            len = strlen(strcpy(text, ctime(&now)));
        }
        send_all(client, text, len);
        close(client);
    }
    return 0;
}
