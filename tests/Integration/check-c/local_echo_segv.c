/* An iterative echo server that expects every line to end in "\r\n" (as telnet sends it) and writes through the NULL
 * strstr() returns when a line ends in "\n" only: killed by SIGSEGV at the first such line. crash must FAIL with the
 * signal; the checks after the crash are skipped. Usage: local_echo_segv [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    char buf[1024];
    ssize_t n;
    int server;

    server_signals();
    server = listen_on(htons(port_arg(argc, argv)), htonl(INADDR_ANY), 1);
    while (1) {
        int client = accept_client(server);
        if (client < 0) {
            perror("accept");
            continue;
        }
        while ((n = recv(client, buf, sizeof(buf) - 1, 0)) > 0) {
            char *end;
            buf[n] = '\0';
            fprintf(stderr, "received %zd bytes\n", n);
            end = strstr(buf, "\r\n");
            *end = '\0'; /* NULL when the line has no "\r\n" */
            if (send_all(client, buf, strlen(buf)) < 0 || send_all(client, "\r\n", 2) < 0)
                break;
        }
        close(client);
    }
    return 0;
}
