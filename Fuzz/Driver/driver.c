// The header is the whole target: it lets Swift call libFuzzer's driver.
#include "ReleaseKitFuzzDriver.h"
