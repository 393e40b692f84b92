/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \brief Default runtime options of AddressSanitizer (with LeakSanitizer) and
 *        UndefinedBehaviorSanitizer for every program of a DNN_SANITIZE=ON tree.
 *
 * Linked into each executable (tests, tools, examples, fuzz targets), so that a sanitizer
 * report fails whoever runs the program (ctest, a system test's child process, libFuzzer,
 * a developer) without ASAN_OPTIONS in the environment; options given there are applied
 * after these and win.
 *
 * LeakSanitizer runs with AddressSanitizer (detect_leaks=1) and needs no suppressions: Debian's
 * ns-3 libraries are not instrumented, but their allocations go through the sanitizer's
 * allocator too, and no leak was found inside them (the leaks found were ours, and fixed).
 */

#define DNN_SANITIZER_HOOK extern "C" __attribute__((visibility("default"), used))

/**
 * \brief AddressSanitizer: stop at the first report, look for leaks at exit, check the
 *        order of global initialisation and string functions strictly, and catch uses of
 *        a returned function's stack (test/fuzz/run.sh turns that one off).
 * \return the options
 */
DNN_SANITIZER_HOOK const char*
__asan_default_options()
{
    return "halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1:"
           "strict_string_checks=1:detect_stack_use_after_return=1:print_summary=1";
}

/**
 * \brief UndefinedBehaviorSanitizer: stop at the first report, with a stack trace.
 * \return the options
 */
DNN_SANITIZER_HOOK const char*
__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1:print_summary=1";
}
