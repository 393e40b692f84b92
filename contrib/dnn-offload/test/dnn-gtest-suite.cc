/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The module's GoogleTest tests as ns-3 TestSuites, so that ns-3's test.py runs them inside an
 * ns-3 source tree, where the module is built with build_lib (compiled there only: ns-3's own
 * build has no CTest). Each GoogleTest suite is an ns-3 suite named after it
 * ("TopologyHelperTest" is "dnn-offload-topology-helper-test"), since ns-3 stops a suite at
 * its first failing case; each GoogleTest test is a test case that runs the GoogleTest
 * program (DNN_UNIT_TESTS, set by the module's CMakeLists) on that one test, in its own
 * process, as gtest_discover_tests does out of tree.
 */

#include "ns3/test.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
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

/**
 * \brief The ns-3 suite name of a GoogleTest suite: "dnn-offload-" and the name in lower case
 *        with a dash before each inner capital and for each '/' ("BadInput/BadInputTest." is
 *        "dnn-offload-bad-input-bad-input-test").
 * \param suite the GoogleTest suite, with its trailing '.'
 * \return the name
 */
std::string
Ns3SuiteName(const std::string& suite)
{
    std::string name = "dnn-offload";
    bool wordStart = true;
    for (char c : suite.substr(0, suite.size() - 1))
    {
        if (c == '/' || c == '_')
        {
            wordStart = true;
            continue;
        }
        if (wordStart || std::isupper(static_cast<unsigned char>(c)))
        {
            name += '-';
        }
        wordStart = false;
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

/** The tests of one GoogleTest suite, as one ns-3 test suite. */
class DnnGoogleTestSuite : public TestSuite
{
  public:
    /** \brief A suite. \param name its ns-3 name \param tests its tests' full names */
    DnnGoogleTestSuite(const std::string& name, const std::vector<std::string>& tests)
        : TestSuite(name, Type::UNIT)
    {
        for (const std::string& test : tests)
        {
            AddTestCase(new DnnGoogleTestCase(DNN_UNIT_TESTS, test), Duration::QUICK);
        }
    }
};

/** Registers one ns-3 suite per GoogleTest suite of the module's GoogleTest program. */
class DnnGoogleTestSuites
{
  public:
    DnnGoogleTestSuites()
    {
        std::map<std::string, std::vector<std::string>> bySuite;
        for (const std::string& test : ListGoogleTests(DNN_UNIT_TESTS))
        {
            bySuite[Ns3SuiteName(test.substr(0, test.find('.') + 1))].push_back(test);
        }
        if (bySuite.empty())
        {
            // Not found or not runnable: one case that fails and says so.
            bySuite["dnn-offload"].push_back("list-the-tests");
        }
        for (const auto& [name, tests] : bySuite)
        {
            m_suites.push_back(std::make_unique<DnnGoogleTestSuite>(name, tests));
        }
    }

  private:
    std::vector<std::unique_ptr<DnnGoogleTestSuite>> m_suites; //!< registered with ns-3
};

/** The suites, registered with ns-3's test runner. */
DnnGoogleTestSuites g_dnnGoogleTestSuites;

} // namespace

} // namespace ns3
