/*
 * A UDP echo client that receives into 128 bytes (netprog check udp-echo-client: long-reply must FAIL, every other
 * check PASS).
 * It is client_udp_echo_ok with a 128-byte reply buffer: recv() of a longer datagram gives its first 128 bytes and
 * drops the rest without an error (recv(2): the excess is discarded, MSG_TRUNC tells), so a 1,000-byte line comes back cut.
 * Usage: client_udp_echo_cut host port
 */
#define REPLY_BUFFER 128
#include "client_udp_echo_ok.c"
