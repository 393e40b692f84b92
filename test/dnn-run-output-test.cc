/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * System tests of where dnn-offload-run writes (issue 15, classes 1 and 6): the results
 * folder's marker, replacing only the tool's own files, --force beside foreign files, path
 * normalisation, partial folders removed on SIGINT/SIGTERM and stale ones of ended runs
 * removed by the next run. The refusals (exit 2) are cases of the bad-input table.
 */
#include "dnn-cli-test-util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <thread>

namespace
{

using namespace ns3::test;

/** A camera and an edge server on a CSMA segment; \p count AlexNet requests. */
std::string
Scenario(int count = 1, const std::string& schedulers = R"(["heft", "local"])")
{
    const std::string models = std::string(DNN_SOURCE_DIR) + "/scenarios/models/";
    return R"({
  "name": "paths",
  "devices": [
    {"name": "edge", "profile": "edge-server", "role": "edge"},
    {"name": "cam", "profile": "rpi4", "role": "iot"}
  ],
  "networks": [
    {"name": "lan", "type": "csma", "members": ["edge", "cam"], "data_rate": "100Mbps",
     "delay": "50us", "efficiency": 0.9}
  ],
  "workload": {
    "requests": [
      {"device": "cam", "model": ")" +
           models + R"(alexnet.json", "count": )" + std::to_string(count) + R"(,
       "arrivals": {"type": "periodic", "start": "0s", "period": "100ms"}}
    ]
  },
  "schedulers": )" +
           schedulers + R"(,
  "simulation": {"stop_time": "1000s"}
})";
}

/** The hidden partial folders in \p dir. */
std::vector<std::string>
Partials(const fs::path& dir)
{
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir))
    {
        if (entry.path().filename().string().find(".partial-") != std::string::npos)
        {
            found.push_back(entry.path().filename().string());
        }
    }
    return found;
}

/** A process id that is no longer alive (a child that has exited and been reaped). */
pid_t
DeadPid()
{
    const pid_t pid = fork();
    if (pid == 0)
    {
        _exit(0);
    }
    waitpid(pid, nullptr, 0);
    return pid;
}

class RunOutputTest : public DnnCliTest
{
  protected:
    RunOutputTest() : DnnCliTest("dnn-offload-run") {}

    /** Plan the scenario into \p out (as written) with extra arguments. */
    RunResult Plan(const std::string& out, const std::string& extra = "",
                   const std::string& text = Scenario())
    {
        const fs::path scenario = WriteFile("paths.json", text);
        return Run("--scenario=" + ShellQuote(scenario.string()) +
                   " --plan-only --out=" + ShellQuote(out) + " " + extra);
    }
};

TEST_F(RunOutputTest, AResultFolderHoldsAMarkerListingTheToolsFiles)
{
    const RunResult r = Plan((m_dir / "out").string());
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string marker = ReadText(m_dir / "out" / ".dnn-offload-results");
    EXPECT_EQ(marker.rfind("dnn-offload-results 1\n", 0), 0u) << marker;
    for (const char* file : {"\ncomparison.csv\n", "\ncomparison.json\n", "\nscenario.json\n",
                             "\nheft/tasks.csv\n", "\nlocal/summary.json\n"})
    {
        EXPECT_TRUE(Contains(marker, file)) << file << " not in\n" << marker;
    }
    EXPECT_TRUE(Partials(m_dir).empty());
}

TEST_F(RunOutputTest, ReplacingAResultRemovesOnlyTheToolsFiles)
{
    ASSERT_EQ(Plan((m_dir / "out").string()).status, 0);
    // A second run with one scheduler: the earlier local/ goes, the new result stays whole.
    RunResult r = Plan((m_dir / "out").string(), "--schedulers=heft");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "out" / "local"));
    EXPECT_EQ(ReadCsv(m_dir / "out" / "comparison.csv").size(), 1u);
    // A note of the user's beside an earlier result: kept, the tool's files replaced.
    WriteFile("out/notes.txt", "mine");
    r = Plan((m_dir / "out").string());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "notes.txt"), "mine");
    EXPECT_EQ(ReadCsv(m_dir / "out" / "comparison.csv").size(), 2u);
    EXPECT_FALSE(Contains(ReadText(m_dir / "out" / ".dnn-offload-results"), "notes.txt"));
    // A file of the user's inside a scheduler's folder survives a replacement too.
    WriteFile("out/heft/mine.txt", "also mine");
    r = Plan((m_dir / "out").string(), "--schedulers=local");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "heft" / "mine.txt"), "also mine");
    EXPECT_FALSE(fs::exists(m_dir / "out" / "heft" / "tasks.csv"));
    EXPECT_TRUE(fs::exists(m_dir / "out" / "local" / "tasks.csv"));
    EXPECT_TRUE(Partials(m_dir).empty());
}

TEST_F(RunOutputTest, ForceWritesBesideOtherFilesAndKeepsThem)
{
    fs::create_directories(m_dir / "out");
    WriteFile("out/notes.txt", "mine");
    RunResult r = Plan((m_dir / "out").string());
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "holds no earlier result")) << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "out" / "comparison.csv"));
    r = Plan((m_dir / "out").string(), "--force");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "notes.txt"), "mine");
    EXPECT_EQ(ReadCsv(m_dir / "out" / "comparison.csv").size(), 2u);
    // Now a result: replaced without --force, the note kept.
    r = Plan((m_dir / "out").string(), "--schedulers=heft");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "notes.txt"), "mine");
    EXPECT_FALSE(fs::exists(m_dir / "out" / "local"));
    EXPECT_TRUE(Partials(m_dir).empty());
}

TEST_F(RunOutputTest, ForceNeverOverwritesAFileTheToolDidNotWrite)
{
    // An old result without a marker: --force may write beside it but not over it.
    fs::create_directories(m_dir / "out");
    WriteFile("out/comparison.csv", "mine\n");
    const RunResult r = Plan((m_dir / "out").string(), "--force");
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "--out: " + (m_dir / "out" / "comparison.csv").string() +
                                    " is in the way and dnn-offload-run did not write it"))
        << r.err;
    EXPECT_EQ(ReadText(m_dir / "out" / "comparison.csv"), "mine\n");
    EXPECT_FALSE(fs::exists(m_dir / "out" / "heft"));
    EXPECT_TRUE(Partials(m_dir).empty());
}

TEST_F(RunOutputTest, AFolderHoldingAModelTheRunReadsIsRefusedEvenWithForce)
{
    // Issue 15: only the scenario was an input; a --out holding a model file it reads
    // (--out=scenarios/models --force) was written into.
    fs::create_directories(m_dir / "models");
    fs::copy_file(fs::path(DNN_SOURCE_DIR) / "scenarios" / "models" / "alexnet.json",
                  m_dir / "models" / "alexnet.json");
    std::string text = Scenario();
    const std::string zoo = std::string(DNN_SOURCE_DIR) + "/scenarios/models/alexnet.json";
    text.replace(text.find(zoo), zoo.size(), "models/alexnet.json");
    const RunResult r = Plan((m_dir / "models").string(), "--force", text);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(Contains(r.err, "--out: " + (m_dir / "models").string() + " is or holds " +
                                    (m_dir / "models" / "alexnet.json").string() +
                                    ", which the run reads"))
        << r.err;
    EXPECT_FALSE(fs::exists(m_dir / "models" / "comparison.csv"));
    EXPECT_TRUE(Partials(m_dir).empty());
}

TEST_F(RunOutputTest, TheResultsScenarioIsTheTextTheRunRead)
{
    const std::string text = Scenario() + "\n\n";
    ASSERT_EQ(Plan((m_dir / "out").string(), "", text).status, 0);
    EXPECT_EQ(ReadText(m_dir / "out" / "scenario.json"), text);
}

TEST_F(RunOutputTest, TrailingSlashesDotsAndDotDotsAreTheSameFolder)
{
    RunResult r = Plan((m_dir / "out").string() + "/");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "results: " + (m_dir / "out").string() + "/")) << r.out;
    // Replacing it through another spelling keeps the result (it used to be deleted).
    r = Plan((m_dir / "x" / ".." / "." / "out" / "").string() + "/", "--schedulers=heft");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(ReadCsv(m_dir / "out" / "comparison.csv").size(), 1u);
    EXPECT_FALSE(fs::exists(m_dir / "x"));
    EXPECT_TRUE(Partials(m_dir).empty());
    // The folder of the scenario, however written, is refused and keeps its files.
    WriteFile("keep.txt", "mine");
    r = Plan((m_dir / "out" / "..").string());
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(Contains(r.err, "is or holds " + (m_dir / "paths.json").string())) << r.err;
    EXPECT_EQ(ReadText(m_dir / "keep.txt"), "mine");
    EXPECT_TRUE(fs::exists(m_dir / "out" / "comparison.csv"));
}

TEST_F(RunOutputTest, ALinkToAResultFolderReplacesTheFolderNotTheLink)
{
    ASSERT_EQ(Plan((m_dir / "real").string()).status, 0);
    fs::create_directory_symlink("real", m_dir / "link");
    const RunResult r = Plan((m_dir / "link").string(), "--schedulers=heft");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::is_symlink(m_dir / "link"));
    EXPECT_EQ(ReadCsv(m_dir / "real" / "comparison.csv").size(), 1u);
}

TEST_F(RunOutputTest, StalePartialFoldersOfEndedRunsAreRemoved)
{
    const std::string dead = std::to_string(DeadPid());
    const auto partial = [&](const std::string& name, bool marker, const std::string& file)
    {
        fs::create_directories(m_dir / name / "heft");
        if (marker)
        {
            WriteFile(name + "/.dnn-offload-results", "dnn-offload-results 1\n");
        }
        WriteFile(name + "/" + file, "x");
    };
    partial(".old.partial-" + dead, true, "heft/tasks.csv");
    partial(".out.partial-" + dead, true, "heft/tasks.csv.tmp-1");
    partial(".foreign.partial-" + dead, false, "heft/tasks.csv");         // no marker
    partial(".notes.partial-" + dead, true, "heft/notes.txt");            // not the tool's file
    partial(".alive.partial-" + std::to_string(getpid()), true, "a.csv"); // still running
    fs::create_directories(m_dir / (".empty.partial-" + dead)); // killed before its marker
    const RunResult r = Plan((m_dir / "out").string());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "removed 3 partial folder(s) of ended runs")) << r.out;
    EXPECT_FALSE(fs::exists(m_dir / (".old.partial-" + dead)));
    EXPECT_FALSE(fs::exists(m_dir / (".out.partial-" + dead)));
    EXPECT_FALSE(fs::exists(m_dir / (".empty.partial-" + dead)));
    EXPECT_TRUE(fs::exists(m_dir / (".foreign.partial-" + dead) / "heft" / "tasks.csv"));
    EXPECT_TRUE(fs::exists(m_dir / (".notes.partial-" + dead) / "heft" / "notes.txt"));
    EXPECT_TRUE(fs::exists(m_dir / (".alive.partial-" + std::to_string(getpid())) / "a.csv"));
}

/** Start a long run, signal it once its partial folder exists: it dies of the signal and
 *  leaves no partial folder. */
class RunSignalTest : public RunOutputTest, public ::testing::WithParamInterface<int>
{
};

TEST_P(RunSignalTest, ASignalRemovesThePartialFolder)
{
    const int sig = GetParam();
    const fs::path scenario = WriteFile("paths.json", Scenario(1000, R"(["heft", "local"])"));
    const std::string out = (m_dir / "out").string();
    const std::string scenarioArg = "--scenario=" + scenario.string();
    const std::string outArg = "--out=" + out;
    const std::string log = (m_dir / "log.txt").string();
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0)
    {
        const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if (chdir(DNN_SOURCE_DIR) != 0)
        {
            _exit(126);
        }
        execl(m_tool.c_str(), m_tool.c_str(), scenarioArg.c_str(), outArg.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    bool started = false;
    for (int i = 0; i < 1200 && !started; ++i)
    {
        started = !Partials(m_dir).empty();
        if (!started)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    EXPECT_TRUE(started) << ReadText(log);
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // let it write a little
    kill(pid, sig);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig)
        << "status " << status << ": " << ReadText(log);
    EXPECT_TRUE(Partials(m_dir).empty()) << Partials(m_dir).front();
    EXPECT_FALSE(fs::exists(m_dir / "out"));
}

INSTANTIATE_TEST_SUITE_P(RunOutput, RunSignalTest, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info)
                         { return info.param == SIGINT ? "SIGINT" : "SIGTERM"; });

} // namespace
