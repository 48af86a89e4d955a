/* An iterative echo server that never closes a client's socket: on recv() == 0 it goes back to accept() and leaves
 * the socket open (CLOSE_WAIT, one descriptor per client, until accept() fails with EMFILE). closes-socket and fd-leak
 * must FAIL; the others PASS. Usage: local_echo_fdleak [port] */
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
        while ((n = recv(client, buf, sizeof(buf), 0)) > 0)
            if (send_all(client, buf, n) < 0)
                break;
        /* close(client) forgotten */
    }
    return 0;
}
