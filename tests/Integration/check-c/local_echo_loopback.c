/* A fork echo server bound to 127.0.0.1 instead of INADDR_ANY: it works from this machine only, another machine (the
 * Windows host of a VM, a classmate) is refused. listen-address must FAIL; the others PASS. Usage: local_echo_loopback [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    int server;

    server_signals();
    server = listen_on(htons(port_arg(argc, argv)), inet_addr("127.0.0.1") /* not htonl(INADDR_ANY) */, 1);
    fork_server(server, 1);
    return 0;
}
