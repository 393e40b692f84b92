/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The module's GoogleTest tests as an ns-3 TestSuite ("dnn-offload"), so that ns-3's
 * test.py runs them inside an ns-3 source tree, where the module is built with build_lib
 * (compiled there only: ns-3's own build has no CTest). Each GoogleTest test is a test case
 * that runs the GoogleTest program (DNN_UNIT_TESTS, set by the module's CMakeLists) on that
 * one test, in its own process, as gtest_discover_tests does out of tree.
 */

#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#ifndef DNN_UNIT_TESTS
#    error "DNN_UNIT_TESTS (the GoogleTest program) is set by the module's CMakeLists"
#endif

namespace ns3
{

namespace
{

/**
 * \brief The full names of a GoogleTest program's tests (Suite.Test), without the disabled
 *        ones, from its --gtest_list_tests output.
 * \param program the GoogleTest program
 * \return the names, in the program's order; empty if it cannot be run
 */
std::vector<std::string>
ListGoogleTests(const std::string& program)
{
    std::vector<std::string> names;
    const std::string command = "'" + program + "' --gtest_list_tests 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe)
    {
        return names;
    }
    std::string suite;
    char buffer[4096];
    while (std::fgets(buffer, sizeof(buffer), pipe.get()) != nullptr)
    {
        std::string line(buffer);
        line = line.substr(0, line.find_first_of("#\n"));
        while (!line.empty() && line.back() == ' ')
        {
            line.pop_back();
        }
        if (line.empty())
        {
            continue;
        }
        if (line[0] != ' ')
        {
            suite = line; // "Suite." (or "Prefix/Suite.")
            continue;
        }
        const std::string test = line.substr(line.find_first_not_of(' '));
        if (test.rfind("DISABLED_", 0) != 0 && suite.find("DISABLED_") == std::string::npos)
        {
            names.push_back(suite + test);
        }
    }
    return names;
}

/** One GoogleTest test, run in its own process. */
class DnnGoogleTestCase : public TestCase
{
  public:
    /** \brief A case. \param program the GoogleTest program \param test the test's name */
    DnnGoogleTestCase(const std::string& program, const std::string& test)
        : TestCase(test), m_program(program), m_test(test)
    {
    }

  private:
    void DoRun() override
    {
        const std::string command =
            "'" + m_program + "' --gtest_filter='" + m_test + "' >/dev/null 2>&1";
        const int status = std::system(command.c_str());
        NS_TEST_ASSERT_MSG_EQ(status, 0,
                              "GoogleTest " << m_test << " failed: run " << m_program
                                            << " --gtest_filter=" << m_test);
    }

    std::string m_program; //!< the GoogleTest program
    std::string m_test;    //!< the test's full name
};

/** Every GoogleTest test of the module, as one ns-3 test suite. */
class DnnGoogleTestSuite : public TestSuite
{
  public:
    DnnGoogleTestSuite() : TestSuite("dnn-offload", Type::UNIT)
    {
        const std::vector<std::string> tests = ListGoogleTests(DNN_UNIT_TESTS);
        for (const std::string& test : tests)
        {
            AddTestCase(new DnnGoogleTestCase(DNN_UNIT_TESTS, test), Duration::QUICK);
        }
        if (tests.empty())
        {
            // Not found or not runnable: one case that fails and says so.
            AddTestCase(new DnnGoogleTestCase(DNN_UNIT_TESTS, "list-the-tests"));
        }
    }
};

/** The suite's one instance, registered with ns-3's test runner. */
DnnGoogleTestSuite g_dnnGoogleTestSuite;

} // namespace

} // namespace ns3
