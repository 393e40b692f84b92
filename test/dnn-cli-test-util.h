/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_CLI_TEST_UTIL_H
#define DNN_CLI_TEST_UTIL_H

/**
 * \file
 * Shared harness of the command-line system tests: run a built tool from the repository
 * root, capture its exit status, stdout and stderr, and give each test a temporary folder.
 */

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

namespace fs = std::filesystem;

/** What one run of the tool produced. */
struct RunResult
{
    int status{-1};  //!< exit status (WEXITSTATUS), or 128 + signal if it was killed
    std::string out; //!< standard output
    std::string err; //!< standard error
};

/** Quote \p word for /bin/sh. */
inline std::string
ShellQuote(const std::string& word)
{
    std::string out = "'";
    for (char c : word)
    {
        if (c == '\'')
        {
            out += "'\\''";
        }
        else
        {
            out += c;
        }
    }
    return out + "'";
}

/** Read a whole file ("" if it cannot be opened). */
inline std::string
ReadText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/** A CSV file as rows of column -> cell. */
inline std::vector<std::map<std::string, std::string>>
ReadCsv(const fs::path& file)
{
    std::vector<std::map<std::string, std::string>> rows;
    std::istringstream in(ReadText(file));
    std::string line;
    std::vector<std::string> header;
    while (std::getline(in, line))
    {
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, ',');)
        {
            cells.push_back(cell);
        }
        if (!line.empty() && line.back() == ',')
        {
            cells.emplace_back();
        }
        if (header.empty())
        {
            header = cells;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < header.size(); ++c)
        {
            row[header[c]] = c < cells.size() ? cells[c] : "";
        }
        rows.push_back(row);
    }
    return rows;
}

/** Whether \p haystack contains \p needle. */
inline bool
Contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

/** Runs one tool (build/tools/NAME); gives each test its own temporary directory. */
class DnnCliTest : public ::testing::Test
{
  protected:
    /** \brief A harness for one tool. \param tool program name in build/tools */
    explicit DnnCliTest(const std::string& tool)
        : m_tool(std::string(DNN_BINARY_DIR) + "/tools/" + tool)
    {
    }

    void SetUp() override
    {
        std::string pattern = (fs::path(::testing::TempDir()) / "dnn-cli-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr) << "cannot create " << pattern;
        m_dir = pattern;
    }

    void TearDown() override
    {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    /**
     * Run the tool from the repository root (so scenarios/models/... paths resolve) with
     * \p args (already shell-quoted where needed).
     */
    RunResult Run(const std::string& args) const
    {
        const fs::path errFile = m_dir / "stderr.txt";
        const std::string command = "cd " + ShellQuote(DNN_SOURCE_DIR) + " && " +
                                    ShellQuote(m_tool) + " " + args + " 2>" +
                                    ShellQuote(errFile.string());
        RunResult result;
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr)
        {
            ADD_FAILURE() << "popen failed for: " << command;
            return result;
        }
        char buffer[4096];
        std::size_t n = 0;
        while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
        {
            result.out.append(buffer, n);
        }
        const int raw = pclose(pipe);
        if (raw != -1 && WIFEXITED(raw))
        {
            result.status = WEXITSTATUS(raw);
        }
        else if (raw != -1 && WIFSIGNALED(raw))
        {
            result.status = 128 + WTERMSIG(raw);
        }
        result.err = ReadText(errFile);
        return result;
    }

    /** Write \p text into the temporary directory as \p name. \return its path */
    fs::path WriteFile(const std::string& name, const std::string& text) const
    {
        const fs::path path = m_dir / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    std::string m_tool; //!< the program under test
    fs::path m_dir;     //!< this test's temporary directory
};

} // namespace test
} // namespace ns3

#endif /* DNN_CLI_TEST_UTIL_H */
