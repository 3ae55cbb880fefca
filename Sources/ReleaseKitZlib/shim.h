// The system zlib: Debian's zlib1g-dev provides the header, libz the library.
#include <zlib.h>
