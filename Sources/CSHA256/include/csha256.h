/*
 * csha256.h: the block function of SHA-256 (FIPS 180-4), for NgaTuRunner's SHA256.
 * In C because it hashes the whole ngatu executable (the build identity of shards): Swift
 * compiled without optimisation (debug builds, the tests) is about six times slower.
 */
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/* Compresses `blocks` consecutive 64-byte blocks at `data` into the state `h`. */
void csha256_compress(uint32_t h[8], const unsigned char *data, size_t blocks);

#endif
