#ifndef NGATU_CGSL_SHIM_H
#define NGATU_CGSL_SHIM_H
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_blas.h>

/// The Mersenne Twister generator type. GSL exposes it as a mutable global pointer, which
/// Swift 6 will not read from concurrent code; this function hands it over safely.
static inline const gsl_rng_type *ngatu_rng_mt19937(void) { return gsl_rng_mt19937; }

/// Turns GSL's default error handler (which aborts the process) off, once per process.
static inline void ngatu_gsl_quiet_errors(void) { gsl_set_error_handler_off(); }
#endif
