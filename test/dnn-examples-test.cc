/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * The module's ns-3 examples run, print what they show, and write NetAnim files that are
 * well-formed XML with the platform's nodes and some packets.
 */
#include "dnn-cli-test-util.h"

#include <gtest/gtest.h>

namespace
{

using namespace ns3::test;

/** Nodes and packets of a NetAnim file, or an error, counted by Debian's Python. */
std::string
NetAnimCounts(const fs::path& file)
{
    const std::string script = "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
                               "print(len(d.getElementsByTagName('node')), "
                               "len(d.getElementsByTagName('p')) + "
                               "len(d.getElementsByTagName('wpr')) > 0)";
    const std::string command =
        "/usr/bin/python3 -c " + ShellQuote(script) + " " + ShellQuote(file.string()) + " 2>&1";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[256];
    std::size_t n = 0;
    while (pipe && (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    {
        out.append(buffer, n);
    }
    if (pipe)
    {
        pclose(pipe);
    }
    return out;
}

/** The NetAnim file a run wrote has the given number of nodes and some packets; a build
 *  without NetAnim (DNN_WITH_NETANIM=OFF) writes none. \param file netanim.xml
 *  \param nodes nodes expected */
void
ExpectNetAnim(const fs::path& file, int nodes)
{
    if (DNN_TEST_NETANIM)
    {
        EXPECT_EQ(NetAnimCounts(file), std::to_string(nodes) + " True\n");
    }
    else
    {
        EXPECT_FALSE(fs::exists(file));
    }
}

class WifiOffloadExampleTest : public DnnCliTest
{
  protected:
    WifiOffloadExampleTest()
        : DnnCliTest("../contrib/dnn-offload/examples/dnn-wifi-offload-example")
    {
    }
};

class CsmaPiecewiseExampleTest : public DnnCliTest
{
  protected:
    CsmaPiecewiseExampleTest()
        : DnnCliTest("../contrib/dnn-offload/examples/dnn-csma-piecewise-example")
    {
    }
};

class CloudOffloadExampleTest : public DnnCliTest
{
  protected:
    CloudOffloadExampleTest()
        : DnnCliTest("../contrib/dnn-offload/examples/dnn-cloud-offload-example")
    {
    }
};

TEST_F(WifiOffloadExampleTest, OffloadingBeatsLocalAndWritesNetAnim)
{
    const RunResult r = Run("--out=" + ShellQuote((m_dir / "out").string()));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "local: planned")) << r.out;
    EXPECT_TRUE(Contains(r.out, "edge: planned")) << r.out;
    ExpectNetAnim(m_dir / "out" / "edge" / "netanim.xml", 2);
}

TEST_F(CsmaPiecewiseExampleTest, SpreadsPiecesAndWritesNetAnim)
{
    const RunResult r = Run("--out=" + ShellQuote((m_dir / "out").string()));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "pieces per device: camera")) << r.out;
    ExpectNetAnim(m_dir / "out" / "netanim.xml", 3);
}

TEST_F(CloudOffloadExampleTest, ThreePlansAndNetAnim)
{
    const RunResult r = Run("--out=" + ShellQuote((m_dir / "out").string()));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(Contains(r.out, "cloud: planned")) << r.out;
    ExpectNetAnim(m_dir / "out" / "cloud" / "netanim.xml", 3);
}

} // namespace
