/* A fork echo server that forgot htons(): sin_port = port as it is, so on a little-endian machine it listens on the
 * port with its two bytes swapped (30000 = 0x7530 -> 0x3075 = 12405). port-byte-order must FAIL; over the swapped port
 * every other local check PASSes. Usage: local_echo_nohtons [port] */
#include "local_common.h"

int main(int argc, char *argv[])
{
    int server;

    server_signals();
    server = listen_on(port_arg(argc, argv) /* htons() forgotten */, htonl(INADDR_ANY), 1);
    fork_server(server, 1);
    return 0;
}
