// Debian's libglpk-dev ships no pkg-config file, so the module map names this header
// and links "glpk" itself.
#include <glpk.h>
