/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-tool.h"

#include "ns3/dnn-command-line.h"
#include "ns3/dnn-input-error.h"
#include "ns3/dnn-schedule.h"

#include <sys/stat.h>

#include <cmath>
#include <cstdint>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace ns3
{

void
DnnCheckTextOptions(int argc, char* argv[], const std::vector<std::string>& options)
{
    const std::string unknown = DnnFindUnknownOption(argc, argv, options);
    if (!unknown.empty())
    {
        throw DnnUsageError(unknown);
    }
    std::map<std::string, DnnOptionType> types;
    for (const auto& option : options)
    {
        types[option] = DnnOptionType::Text;
    }
    const std::string badValue = DnnCheckOptionValues(argc, argv, types);
    if (!badValue.empty())
    {
        throw DnnUsageError(badValue);
    }
    const std::vector<std::string> args(argv, argv + argc);
    const std::string badNs3Option = DnnCheckNs3Options(args, args, {});
    if (!badNs3Option.empty())
    {
        throw DnnUsageError(badNs3Option);
    }
}

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

std::filesystem::path
DnnNormalPath(const std::string& path)
{
    namespace fs = std::filesystem;
    fs::path normal =
        fs::absolute(path.empty() ? fs::path(".") : fs::path(path)).lexically_normal();
    while (!normal.has_filename() && normal.has_relative_path())
    {
        normal = normal.parent_path(); // "a/b/" -> "a/b"
    }
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(normal, error);
    return error ? normal : canonical.lexically_normal();
}

bool
DnnPathContains(const std::filesystem::path& outer, const std::filesystem::path& inner)
{
    auto o = outer.begin();
    auto i = inner.begin();
    for (; o != outer.end(); ++o, ++i)
    {
        if (o->empty() && std::next(o) == outer.end())
        {
            break; // a trailing separator
        }
        if (i == inner.end() || *o != *i)
        {
            return false;
        }
    }
    return true;
}

void
DnnCheckOutputFile(const std::string& option, const std::string& path,
                   const std::vector<std::string>& inputs)
{
    namespace fs = std::filesystem;
    const std::string place = option + ": " + path;
    if (path.back() == '/')
    {
        throw DnnUsageError(place + " names a folder; give a file name");
    }
    struct stat info;
    if (::lstat(path.c_str(), &info) == 0)
    {
        if (S_ISLNK(info.st_mode))
        {
            throw DnnUsageError(place + " is a symbolic link; the tool does not replace links");
        }
        if (S_ISDIR(info.st_mode))
        {
            throw DnnUsageError(place + " is a folder; give a file name");
        }
        if (!S_ISREG(info.st_mode))
        {
            throw DnnUsageError(place + " exists and is not a regular file");
        }
    }
    const fs::path normal = DnnNormalPath(path);
    for (const std::string& input : inputs)
    {
        std::error_code error;
        if (DnnNormalPath(input) == normal || fs::equivalent(input, path, error))
        {
            throw DnnUsageError(place + " is the input " + input +
                                "; the tool does not overwrite it");
        }
    }
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
