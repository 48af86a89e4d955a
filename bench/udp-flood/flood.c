/* bench/udp-flood/flood.c: UDP datagrams to one server, each from a random spoofed source, as fast as a raw socket sends
 * them (IP_HDRINCL, root only). Sources are random addresses inside PREFIX/LEN (e.g. 127.0.0.0/8 on loopback, or
 * 198.18.0.0/15, RFC 2544's benchmarking range, inside a network namespace) and random ports 1024-65535 (so the loop
 * guard lets them through to the rate limit); with LEN 32, one source: PREFIX port 40000. Never aim it at an address
 * outside this machine or its namespaces.
 *
 *   flood TARGET_IP PORT COUNT PREFIX LEN      prints: sent N datagrams in S s
 */
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static uint64_t state = 88172645463325252ull;

static uint32_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 16);
}

static uint16_t checksum(const void *data, int length)
{
    const uint16_t *words = data;
    uint32_t sum = 0;
    for (; length > 1; length -= 2)
        sum += *words++;
    if (length == 1)
        sum += *(const uint8_t *)words;
    sum = (sum >> 16) + (sum & 0xffff);
    sum += sum >> 16;
    return (uint16_t)~sum;
}

int main(int argc, char *argv[])
{
    if (argc != 6) {
        fprintf(stderr, "usage: flood TARGET_IP PORT COUNT PREFIX LEN\n");
        return 2;
    }
    struct in_addr target, prefix;
    if (inet_pton(AF_INET, argv[1], &target) != 1 || inet_pton(AF_INET, argv[4], &prefix) != 1) {
        fprintf(stderr, "flood: bad address\n");
        return 2;
    }
    int port = atoi(argv[2]);
    long count = atol(argv[3]);
    int length = atoi(argv[5]);
    uint32_t mask = length == 0 ? 0 : 0xffffffffu << (32 - length);
    uint32_t base = ntohl(prefix.s_addr) & mask;

    int sock = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    if (sock < 0) {
        perror("socket (raw sockets need root)");
        return 1;
    }
    int on = 1;
    setsockopt(sock, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on));
    int buffer = 4 << 20;
    setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof(buffer));

    unsigned char packet[sizeof(struct iphdr) + sizeof(struct udphdr) + 32];
    memset(packet, 0, sizeof(packet));
    struct iphdr *ip = (struct iphdr *)packet;
    struct udphdr *udp = (struct udphdr *)(packet + sizeof(struct iphdr));
    memcpy(packet + sizeof(struct iphdr) + sizeof(struct udphdr), "spoofed source, bench/udp-flood", 31);
    ip->version = 4;
    ip->ihl = 5;
    ip->ttl = 64;
    ip->protocol = IPPROTO_UDP;
    ip->tot_len = htons(sizeof(packet));
    ip->daddr = target.s_addr;
    udp->dest = htons((uint16_t)port);
    udp->len = htons(sizeof(struct udphdr) + 32);
    udp->check = 0; /* optional over IPv4 (RFC 768) */

    struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = target };
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long sent = 0;
    for (long i = 0; i < count; i++) {
        uint32_t source = base | (next_random() & ~mask);
        ip->saddr = htonl(source);
        ip->id = (uint16_t)i;
        ip->check = 0;
        ip->check = checksum(ip, sizeof(struct iphdr));
        udp->source = htons(length == 32 ? 40000 : (uint16_t)(1024 + next_random() % 64512));
        if (sendto(sock, packet, sizeof(packet), 0, (struct sockaddr *)&to, sizeof(to)) == (ssize_t)sizeof(packet))
            sent++;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("sent %ld datagrams in %.2f s\n", sent, (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
    close(sock);
    return 0;
}
