/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-tool.h"

#include "ns3/dnn-input-error.h"
#include "ns3/dnn-schedule.h"

#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace ns3
{

int
DnnToolMain(int argc, char* argv[], int (*run)(int, char*[]))
{
    try
    {
        return run(argc, argv);
    }
    catch (const DnnInputError& e)
    {
        std::cerr << "error: " << DnnEscapeControl(e.what()) << "\n";
        return 2;
    }
    catch (const DnnUsageError& e)
    {
        std::cerr << "error: " << DnnEscapeControl(e.what()) << "\n";
        return 2;
    }
    catch (const DnnInvalidScheduleError& e)
    {
        std::cerr << "error: " << DnnEscapeControl(e.what()) << "\n";
        return 1;
    }
    catch (const std::exception& e)
    {
        // Not bad input: a bug or the machine (out of memory). Report it, do not abort.
        std::cerr << "error: " << DnnEscapeControl(e.what()) << "\n";
        return 1;
    }
}

std::vector<std::string>
DnnSplitList(const std::string& list)
{
    std::vector<std::string> items;
    for (std::size_t begin = 0; begin <= list.size();)
    {
        const std::size_t comma = std::min(list.find(',', begin), list.size());
        if (comma > begin)
        {
            items.push_back(list.substr(begin, comma - begin));
        }
        begin = comma + 1;
    }
    return items;
}

std::string
DnnFormatNumber(double value)
{
    std::ostringstream s;
    s << std::setprecision(10) << value;
    return s.str();
}

std::string
DnnFormatFixed(double value, int digits)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << value;
    return s.str();
}

nlohmann::json
DnnJsonNumber(double value)
{
    if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 1e15)
    {
        return static_cast<int64_t>(value);
    }
    return value;
}

} // namespace ns3
