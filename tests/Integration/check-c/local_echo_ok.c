/* A correct TCP echo server for `netprog check`'s local checks: a fork server that sets SO_REUSEADDR before bind(),
 * binds INADDR_ANY on htons(port), closes the accepted socket in the parent after fork(), echoes in the child until
 * recv() returns 0 and closes, and reaps its children. Every local check must PASS. Usage: local_echo_ok [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    int server;

    server_signals();
    server = listen_on(htons(port_arg(argc, argv)), htonl(INADDR_ANY), 1);
    fork_server(server, 1);
    return 0;
}
