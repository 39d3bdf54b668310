/* The header target of the C interface: ngatu.h's types for the Swift module that implements
 * it (NgaTuC). Nothing to compile. */
#include "ngatu.h"
