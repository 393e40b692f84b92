/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * DnnDefaultModelsDir: the zoo is found wherever a program runs from.
 */

#include "dnn-test-util.h"
#include "ns3/dnn-data-paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

using namespace ns3;

namespace
{

TEST(DataPathsTest, TheEnvironmentVariableComesFirst)
{
    ASSERT_EQ(setenv("DNN_OFFLOAD_MODELS", "/somewhere/else", 1), 0);
    EXPECT_EQ(DnnDefaultModelsDir(), "/somewhere/else");
    ASSERT_EQ(unsetenv("DNN_OFFLOAD_MODELS"), 0);
}

/** Out of tree the project's scenarios/models; in an ns-3 source tree the module's models/
 *  (DNN_TEST_ZOO_DIR, the layout's folder), whatever the working directory. */
TEST(DataPathsTest, TheZooFromAnyWorkingDirectory)
{
    ASSERT_EQ(unsetenv("DNN_OFFLOAD_MODELS"), 0);
    const std::filesystem::path before = std::filesystem::current_path();
    std::filesystem::current_path(std::filesystem::temp_directory_path());
    const std::filesystem::path dir = DnnDefaultModelsDir();
    std::filesystem::current_path(before);
    EXPECT_TRUE(dir.is_absolute()) << dir;
    EXPECT_TRUE(std::filesystem::equivalent(dir, DNN_TEST_ZOO_DIR)) << dir;
    EXPECT_TRUE(std::filesystem::exists(dir / "resnet50.json")) << dir;
}

} // namespace
