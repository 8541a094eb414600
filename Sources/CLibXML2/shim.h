#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers then pull in ICU types that clash with
// Foundation's copy of ICU on a clean build ("'UErrorCode' has different definitions").
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>

// Swift 6 rejects the global function pointer `xmlFree` (mutable global state), so the
// deallocator is reached through this inline function instead.
static inline void cxml_free(void *pointer) {
    xmlFree(pointer);
}

// Some XPath failures ("xmlXPathCompOpEval: function lower-case not found") are printed through
// libxml2's generic error function, which is variadic and so cannot be written in Swift. This one
// drops them (the XPath context keeps the error code); the setting is per thread in libxml2.
static void cxml_ignore_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void cxml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, cxml_ignore_error);
}

#endif
