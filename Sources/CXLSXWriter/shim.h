// Debian's libxlsxwriter-dev (xlsxwriter.h, -lxlsxwriter). Only the XLSXWriter
// target imports this module; everything else uses its typed Swift wrapper.
#include <xlsxwriter.h>
