/* A fork echo server whose parent never closes the accepted socket: the child echoes and closes its copy, but the
 * connection stays open in the parent, in CLOSE_WAIT, one more descriptor per client. closes-socket and fd-leak must
 * FAIL; the others PASS. Usage: local_echo_closewait [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    int server;

    server_signals();
    server = listen_on(htons(port_arg(argc, argv)), htonl(INADDR_ANY), 1);
    fork_server(server, 0 /* the parent does not close(client) */);
    return 0;
}
