/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DNN_TEST_UTIL_H
#define DNN_TEST_UTIL_H

#include "ns3/dnn-device-profile.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-model-reader.h"
#include "ns3/dnn-model.h"
#include "ns3/dnn-platform.h"
#include "ns3/dnn-scheduler.h"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>

namespace ns3
{
namespace test
{

/** \brief Two devices, a (IoT, rpi4) and b (edge, edge-server), on one point-to-point
 *  link. \param rate the link's bit/s \param delay its latency, s \return the platform */
inline DnnPlatform
TwoDevicePlatform(double rate, double delay)
{
    DnnPlatform platform;
    DnnDevice a;
    a.name = "a";
    a.profile = *DnnDeviceProfile::FindBuiltin("rpi4");
    a.role = DnnDeviceRole::Iot;
    DnnDevice b = a;
    b.name = "b";
    b.profile = *DnnDeviceProfile::FindBuiltin("edge-server");
    b.role = DnnDeviceRole::Edge;
    platform.AddDevice(a);
    platform.AddDevice(b);
    platform.AddNetwork({"link", DnnNetworkKind::P2p, {0, 1}, DnnNetwork::NONE, rate, delay});
    return platform;
}

/** \brief Path of a file in the source tree. \param relative path from the repository root
 *  \return the absolute path */
inline std::string
SourcePath(const std::string& relative)
{
    return std::string(DNN_SOURCE_DIR) + "/" + relative;
}

/** \brief The whole content of a file. \param file its path \return the text ("" if it
 *  cannot be read) */
inline std::string
ReadTextFile(const std::string& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/** \brief Load a model of the zoo (scenarios/models/NAME.json). \param name model name
 *  \return the model */
inline std::shared_ptr<const DnnModel>
LoadZooModel(const std::string& name)
{
    return std::make_shared<const DnnModel>(
        DnnModelReader::ReadFile(SourcePath("scenarios/models/" + name + ".json")));
}

/**
 * Run \p action and check that it throws a DnnInputError (or a subclass) for \p file with
 * exactly \p path as JSON path and \p fragment somewhere in what(). Any other exception, or
 * none, is a failure.
 */
inline ::testing::AssertionResult
ThrowsInputError(const std::function<void()>& action, const std::string& path,
                 const std::string& fragment, const std::string& file)
{
    try
    {
        action();
    }
    catch (const DnnInputError& e)
    {
        const std::string what = e.what();
        if (e.File() != file)
        {
            return ::testing::AssertionFailure()
                << "File() is \"" << e.File() << "\", expected \"" << file << "\" (" << what << ")";
        }
        if (e.JsonPath() != path)
        {
            return ::testing::AssertionFailure()
                << "JsonPath() is \"" << e.JsonPath() << "\", expected \"" << path << "\" (" << what
                << ")";
        }
        if (what.find(fragment) == std::string::npos)
        {
            return ::testing::AssertionFailure()
                << "message \"" << what << "\" does not contain \"" << fragment << "\"";
        }
        if (what.find(e.Detail()) == std::string::npos)
        {
            return ::testing::AssertionFailure()
                << "message \"" << what << "\" does not contain the detail \"" << e.Detail()
                << "\"";
        }
        return ::testing::AssertionSuccess() << what;
    }
    catch (const std::exception& e)
    {
        return ::testing::AssertionFailure() << "threw a non-DnnInputError exception: " << e.what();
    }
    catch (...)
    {
        return ::testing::AssertionFailure() << "threw a non-standard exception";
    }
    return ::testing::AssertionFailure() << "did not throw (expected an error at " << path << ")";
}

/**
 * \brief Plan a problem with a scheduler, unless the scheduler is brute-force and the
 *        problem is above its size limits (it refuses those with a DnnInputError: it is
 *        exact, for small instances only).
 * \param name the scheduler's short name \param problem the problem
 * \param schedule set to the plan
 * \return false when brute-force refused the problem
 */
inline bool
PlanUnlessTooLarge(const std::string& name, const DnnSchedulingProblem& problem,
                   DnnSchedule& schedule)
{
    try
    {
        schedule = DnnScheduler::Create(name)->Plan(problem);
        return true;
    }
    catch (const DnnInputError&)
    {
        if (name != "brute-force")
        {
            throw;
        }
        return false;
    }
}

} // namespace test
} // namespace ns3

#endif /* DNN_TEST_UTIL_H */
