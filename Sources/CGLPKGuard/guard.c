#include "CGLPKGuard.h"
