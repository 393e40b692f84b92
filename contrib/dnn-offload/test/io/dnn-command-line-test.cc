/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * Unit tests of the command-line checks the tools run before ns3::CommandLine parses the
 * arguments (issue 15, class 4): ns-3 aborts (status 134) on "--RngRun=abc", exits 1 with
 * its usage on "--ChecksumEnabled=maybe" or "--out=", and silently reads other malformed
 * values; each must be one message here, naming the option.
 */

#include "ns3/dnn-command-line.h"

#include "ns3/config.h"
#include "ns3/tcp-socket.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/** DnnCheckNs3Options() on the arguments as written (no renamed scheduler types). */
std::string
CheckNs3(const std::vector<std::string>& args,
         const std::map<std::string, std::string>& replaced = {})
{
    std::vector<std::string> all = {"tool"};
    all.insert(all.end(), args.begin(), args.end());
    return DnnCheckNs3Options(all, all, replaced);
}

/** DnnCheckOptionValues() on the arguments. */
std::string
CheckValues(std::vector<std::string> args, const std::map<std::string, DnnOptionType>& options)
{
    args.insert(args.begin(), "tool");
    std::vector<char*> argv;
    for (std::string& arg : args)
    {
        argv.push_back(arg.data());
    }
    return DnnCheckOptionValues(static_cast<int>(argv.size()), argv.data(), options);
}

TEST(DnnCommandLineTest, AttributeTextParsesNumbersAndBothSpellingsOfBoolean)
{
    EXPECT_TRUE(DnnAttributeTextParses("ns3::UintegerValue", "42"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::UintegerValue", "-1"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::UintegerValue", "1.5"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::UintegerValue", "abc"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::UintegerValue", ""));
    EXPECT_TRUE(DnnAttributeTextParses("ns3::IntegerValue", "-7"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::IntegerValue", "- 7"));
    EXPECT_TRUE(DnnAttributeTextParses("ns3::DoubleValue", "2.5e-3"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::DoubleValue", "nan"));
    EXPECT_FALSE(DnnAttributeTextParses("ns3::DoubleValue", "1e999"));
    // ns-3 3.37's boolean checker says "BooleanValue", without the namespace: a check keyed
    // on "ns3::BooleanValue" alone let "maybe" through to ns-3.
    for (const char* type : {"BooleanValue", "ns3::BooleanValue"})
    {
        for (const char* text : {"true", "false", "t", "f", "1", "0"})
        {
            EXPECT_TRUE(DnnAttributeTextParses(type, text)) << type << " " << text;
        }
        EXPECT_FALSE(DnnAttributeTextParses(type, "maybe")) << type;
        EXPECT_FALSE(DnnAttributeTextParses(type, "yes")) << type;
    }
}

TEST(DnnCommandLineTest, GlobalValuesWithBadValuesAreOneMessageNotAnAbort)
{
    // ns-3 aborts the program on this one (UintegerValue::DeserializeFromString).
    EXPECT_EQ(CheckNs3({"--RngRun=abc"}),
              "--RngRun: \"abc\" is not a valid value (a whole number from 0)");
    EXPECT_EQ(CheckNs3({"--RngRun=-1"}),
              "--RngRun: \"-1\" is not a valid value (a whole number from 0)");
    EXPECT_EQ(CheckNs3({"--RngSeed=1.5"}),
              "--RngSeed: \"1.5\" is not a valid value (a whole number from 0)");
    EXPECT_EQ(CheckNs3({"--RngRun=99999999999999999999"}),
              "--RngRun: \"99999999999999999999\" is not a valid value (a whole number from 0)");
    EXPECT_EQ(CheckNs3({"--ChecksumEnabled=maybe"}),
              "--ChecksumEnabled: \"maybe\" is not a valid value (true or false)");
    EXPECT_EQ(CheckNs3({"--SchedulerType=ns3::NoSuchScheduler"}),
              "--SchedulerType: \"ns3::NoSuchScheduler\" is not a valid value");
    EXPECT_EQ(CheckNs3({"--RngRun"}), "--RngRun needs a value (--RngRun=VALUE)");
    EXPECT_EQ(
        CheckNs3({"--RngRun=7", "--ChecksumEnabled=false", "--SchedulerType=ns3::MapScheduler"}),
        "");
}

TEST(DnnCommandLineTest, GlobalValuesTheProgramSetsItselfNameTheOptionToUse)
{
    const std::map<std::string, std::string> replaced = {{"RngSeed", "seed"}, {"RngRun", "run"}};
    EXPECT_EQ(CheckNs3({"--RngRun=5"}, replaced),
              "--RngRun: this program sets it from --run (use --run=N)");
    EXPECT_EQ(CheckNs3({"-RngSeed=abc"}, replaced),
              "--RngSeed: this program sets it from --seed (use --seed=N)");
    EXPECT_EQ(CheckNs3({"--ChecksumEnabled=true"}, replaced), "");
}

TEST(DnnCommandLineTest, AttributeOptionsAreCheckedAndSetAsDefaults)
{
    EXPECT_EQ(CheckNs3({"--ns3::TcpSocket::SegmentSize=abc"}),
              "--ns3::TcpSocket::SegmentSize: \"abc\" is not a valid value");
    EXPECT_EQ(CheckNs3({"--ns3::TcpSocket::SegmentSize=-5"}),
              "--ns3::TcpSocket::SegmentSize: \"-5\" is not a valid value");
    EXPECT_EQ(CheckNs3({"--ns3::TcpSocket::SegmentSiz=5"}),
              "--ns3::TcpSocket::SegmentSiz: ns3::TcpSocket has no attribute \"SegmentSiz\" (did "
              "you mean \"SegmentSize\"?)");
    EXPECT_EQ(CheckNs3({"--ns3::NoSuchType::X=1"}),
              "--ns3::NoSuchType::X: no type \"ns3::NoSuchType\"");
    EXPECT_EQ(CheckNs3({"--ns3::TcpSocket::SegmentSize"}),
              "--ns3::TcpSocket::SegmentSize needs a value (--ns3::TcpSocket::SegmentSize=VALUE)");
    // A valid one is set as the default, where ns-3 would set it.
    EXPECT_EQ(CheckNs3({"--ns3::TcpSocket::SegmentSize=1234"}), "");
    TypeId::AttributeInformation info;
    ASSERT_TRUE(TcpSocket::GetTypeId().LookupAttributeByName("SegmentSize", &info));
    EXPECT_EQ(info.initialValue->SerializeToString(info.checker), "1234");
    Config::Reset();
}

TEST(DnnCommandLineTest, AValueHoldingDoubleColonsIsAValueNotAnAttributePath)
{
    // Only the option's name can be an attribute path: a scenario named my::lab.json or a
    // scheduler given by its TypeId name is a value.
    EXPECT_EQ(CheckNs3({"--scenario=my::lab.json", "--schedulers=ns3::HeftScheduler",
                        "--PrintAttributes=ns3::DnnHeftScheduler"}),
              "");
    EXPECT_EQ(CheckValues({"--scenario=my::lab.json", "--schedulers=ns3::HeftScheduler"},
                          {{"scenario", DnnOptionType::Text}, {"schedulers", DnnOptionType::Text}}),
              "");
    char tool[] = "tool";
    char scenario[] = "--scenario=my::lab.json";
    char* argv[] = {tool, scenario};
    EXPECT_EQ(DnnFindUnknownOption(2, argv, {"scenario"}), "");
    EXPECT_EQ(DnnCanonicalArguments(2, argv)[1], "--scenario=my::lab.json");
}

TEST(DnnCommandLineTest, OptionValuesOfTheWrongShapeAreNamed)
{
    const std::map<std::string, DnnOptionType> options = {{"seed", DnnOptionType::Positive},
                                                          {"count", DnnOptionType::Uint32},
                                                          {"out", DnnOptionType::Text},
                                                          {"force", DnnOptionType::Bool}};
    EXPECT_EQ(CheckValues({"--seed=0"}, options),
              "--seed needs a whole number from 1 to 4294967295 (--seed=N), got \"0\"");
    EXPECT_EQ(CheckValues({"--count=0"}, options), "");
    EXPECT_EQ(CheckValues({"--count=4294967296"}, options),
              "--count needs a whole number from 0 to 4294967295 (--count=N), got \"4294967296\"");
    EXPECT_EQ(CheckValues({"--count=0x10"}, options),
              "--count needs a whole number from 0 to 4294967295 (--count=N), got \"0x10\"");
    EXPECT_EQ(CheckValues({"--out="}, options),
              "--out needs a value (--out=...), got an empty one");
    EXPECT_EQ(CheckValues({"--out"}, options), "--out needs a value (--out=...), got none");
    EXPECT_EQ(CheckValues({"--force"}, options), "");
    EXPECT_EQ(CheckValues({"--force=TRUE"}, options), "");
    EXPECT_EQ(CheckValues({"--force=maybe"}, options),
              "--force: \"maybe\" is not true or false (or leave out the value)");
}

} // namespace
