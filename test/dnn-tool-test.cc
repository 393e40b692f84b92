/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The tools' shared main wrapper (tools/dnn-tool.h): exit statuses and helpers.

#include "dnn-tool.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-schedule.h"

#include <gtest/gtest.h>

#include <new>

using namespace ns3;

namespace
{

int
ThrowInputError(int, char*[])
{
    throw DnnInputError("x.json", "/a/0", "is wrong");
}

int
ThrowUsageError(int, char*[])
{
    throw DnnUsageError("--foo: bad");
}

int
ThrowInvalidSchedule(int, char*[])
{
    throw DnnInvalidScheduleError("scheduler \"x\" produced an invalid schedule");
}

int
ThrowBadAlloc(int, char*[])
{
    throw std::bad_alloc();
}

int
ReturnThree(int argc, char*[])
{
    return argc + 2;
}

} // namespace

TEST(ToolMainTest, ExitStatusFollowsWhatWasThrown)
{
    char name[] = "tool";
    char* argv[] = {name, nullptr};
    testing::internal::CaptureStderr();
    EXPECT_EQ(DnnToolMain(1, argv, ThrowInputError), 2);
    EXPECT_EQ(DnnToolMain(1, argv, ThrowUsageError), 2);
    EXPECT_EQ(DnnToolMain(1, argv, ThrowInvalidSchedule), 1);
    EXPECT_EQ(DnnToolMain(1, argv, ThrowBadAlloc), 1);
    const std::string err = testing::internal::GetCapturedStderr();
    EXPECT_EQ(DnnToolMain(1, argv, ReturnThree), 3);
    // One "error: " line per failure, the input error naming the file and JSON path.
    EXPECT_NE(err.find("error: x.json: /a/0: is wrong\n"), std::string::npos) << err;
    EXPECT_NE(err.find("error: --foo: bad\n"), std::string::npos) << err;
    EXPECT_NE(err.find("error: scheduler \"x\" produced an invalid schedule\n"), std::string::npos)
        << err;
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 4) << err;
}

TEST(ToolMainTest, SplitListDropsEmptyItems)
{
    EXPECT_EQ(DnnSplitList("heft,,cpop,"), (std::vector<std::string>{"heft", "cpop"}));
    EXPECT_EQ(DnnSplitList(",a"), (std::vector<std::string>{"a"}));
    EXPECT_TRUE(DnnSplitList("").empty());
    EXPECT_TRUE(DnnSplitList(",,").empty());
}

TEST(ToolMainTest, NumbersKeepTenSignificantDigits)
{
    EXPECT_EQ(DnnFormatNumber(80), "80");
    EXPECT_EQ(DnnFormatNumber(122.5), "122.5");
    EXPECT_EQ(DnnFormatNumber(1.0 / 3), "0.3333333333");
    EXPECT_EQ(DnnFormatFixed(2.0 / 3, 2), "0.67");
    EXPECT_TRUE(DnnJsonNumber(80.0).is_number_integer());
    EXPECT_EQ(DnnJsonNumber(80.0).dump(), "80");
    EXPECT_TRUE(DnnJsonNumber(0.5).is_number_float());
    EXPECT_TRUE(DnnJsonNumber(1e15).is_number_float()); // beyond the integer range kept
}
