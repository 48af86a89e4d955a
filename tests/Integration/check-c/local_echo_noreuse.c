/* A fork echo server without setsockopt(SO_REUSEADDR): started again right after it was stopped with a client
 * connected, bind() fails with "Address already in use" while the old connection is in TIME_WAIT (RFC 9293 3.6.1).
 * restart must FAIL; the others PASS. Usage: local_echo_noreuse [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    int server;

    server_signals();
    server = listen_on(htons(port_arg(argc, argv)), htonl(INADDR_ANY), 0 /* no SO_REUSEADDR */);
    fork_server(server, 1);
    return 0;
}
