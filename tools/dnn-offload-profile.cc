/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
/**
 * \file
 * dnn-offload-profile: fit device profiles' per-kind speeds (conv, grouped_conv, linear,
 * pooling, elementwise) to measured model or layer times, by least squares
 * (DnnFitProfile), and print them as scenario JSON.
 *
 *   dnn-offload-profile --times=FILE.csv [--base=NAME] [--scenarios=DIR]
 *                       [--format=json|table]
 *
 * FILE.csv has the header profile,model,layer,seconds (in any order); lines starting with
 * '#' and blank lines are skipped, fields may be quoted ("a,b", "" for a quote). Each row is
 * one measured time on one core: the whole model when layer is empty, else that layer.
 * model is a zoo name (DIR/models/NAME.json, DIR defaulting to "scenarios") or a model
 * file path (with a '/' or ending in ".json", relative to the current folder). Each
 * profile is fitted on its own rows, starting from the built-in profile of that name, or
 * from --base for a name that is not built in.
 *
 * --format=json (default): {"profiles": {NAME: {"base", "speed_by_kind", "source"}}} on
 * standard output, ready for a scenario's "profiles", and a table per profile (measured
 * s, fitted s, residual %) on standard error. --format=table: the tables on standard
 * output, nothing else.
 *
 * A kind the times leave no time for (a fit of 0 s per FLOP, an infinite speed) keeps the
 * base's figure, with a warning on standard error (DnnFitProfile).
 *
 * Exit status: 0 on success, 2 on bad input (one line: FILE:LINE: column "c": what is
 * wrong) or usage, 1 on an unexpected internal error.
 */

#include "dnn-tool.h"
#include "ns3/dnn-offload-module.h"

#include "ns3/command-line.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

/** The CSV's columns. */
const std::vector<std::string> COLUMNS = {"profile", "model", "layer", "seconds"};

/** One data row of the CSV. */
struct Row
{
    std::size_t line{0};                     //!< line number in the file (from 1)
    std::map<std::string, std::string> cell; //!< column -> text
};

/** An input error at a line and column of the CSV. */
[[noreturn]] void
Fail(const std::string& file, std::size_t line, const std::string& column,
     const std::string& detail)
{
    throw DnnInputError(file + ":" + std::to_string(line),
                        column.empty() ? "" : "column \"" + column + "\"", detail);
}

/** Split one CSV line into fields (RFC 4180 quoting within the line). */
std::vector<std::string>
SplitCsvLine(const std::string& file, std::size_t lineNo, const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    bool wasQuoted = false; // the current field was a quoted one (only a comma may follow)
    for (std::size_t i = 0; i < line.size(); ++i)
    {
        const char c = line[i];
        if (quoted)
        {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
            {
                fields.back() += '"';
                ++i;
            }
            else if (c == '"')
            {
                quoted = false;
                wasQuoted = true;
            }
            else
            {
                fields.back() += c;
            }
        }
        else if (c == ',')
        {
            fields.emplace_back();
            wasQuoted = false;
        }
        else if (wasQuoted)
        {
            Fail(file, lineNo, "",
                 "text after a closing quote in field " + std::to_string(fields.size()));
        }
        else if (c == '"' && fields.back().empty())
        {
            quoted = true;
        }
        else
        {
            fields.back() += c;
        }
    }
    if (quoted)
    {
        Fail(file, lineNo, "",
             "a quoted field is not closed on its line (fields may not hold line breaks)");
    }
    return fields;
}

/** Read the CSV's rows, checking the header. */
std::vector<Row>
ReadCsv(const std::string& file)
{
    const std::string text = DnnJsonReader::ReadInputFile(file);
    std::vector<Row> rows;
    std::vector<std::string> header;
    std::size_t lineNo = 0;
    std::size_t headerLine = 0;
    for (std::size_t begin = 0; begin < text.size();)
    {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos)
        {
            end = text.size();
        }
        std::string line = text.substr(begin, end - begin);
        begin = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#')
        {
            continue;
        }
        const std::vector<std::string> fields = SplitCsvLine(file, lineNo, line);
        if (header.empty())
        {
            headerLine = lineNo;
            for (const std::string& name : fields)
            {
                if (std::find(COLUMNS.begin(), COLUMNS.end(), name) == COLUMNS.end())
                {
                    const std::string suggestion = DnnDidYouMean(name, COLUMNS);
                    Fail(file, lineNo, name,
                         "unknown column" + (suggestion.empty()
                                                 ? " (the header is profile,model,layer,seconds)"
                                                 : " (did you mean \"" + suggestion + "\"?)"));
                }
                if (std::find(header.begin(), header.end(), name) != header.end())
                {
                    Fail(file, lineNo, name, "column given twice");
                }
                header.push_back(name);
            }
            for (const std::string& name : COLUMNS)
            {
                if (std::find(header.begin(), header.end(), name) == header.end())
                {
                    Fail(file, lineNo, "",
                         "missing column \"" + name + "\" (the header is profile,model,layer," +
                             "seconds)");
                }
            }
            continue;
        }
        if (fields.size() != header.size())
        {
            Fail(file, lineNo, "",
                 std::to_string(fields.size()) + " fields, the header (line " +
                     std::to_string(headerLine) + ") has " + std::to_string(header.size()));
        }
        Row row;
        row.line = lineNo;
        for (std::size_t c = 0; c < header.size(); ++c)
        {
            row.cell[header[c]] = fields[c];
        }
        rows.push_back(row);
    }
    if (header.empty())
    {
        throw DnnInputError(file, "", "no header (profile,model,layer,seconds)");
    }
    if (rows.empty())
    {
        throw DnnInputError(file, "", "no measured times (only the header)");
    }
    return rows;
}

/** Parse a positive number of seconds ("0.477"). */
double
ParseSeconds(const std::string& file, const Row& row)
{
    const std::string& text = row.cell.at("seconds");
    char* end = nullptr;
    const double value = text.empty() ? 0 : std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    {
        Fail(file, row.line, "seconds", "\"" + text + "\" is not a number of seconds");
    }
    if (!(value > 0))
    {
        Fail(file, row.line, "seconds", "must be positive, got " + text);
    }
    return value;
}

/** A speed in FLOP/s as scenario text DnnParseFlops reads back ("16.48213GFLOPS"). */
std::string
FlopsText(double flops)
{
    static const std::vector<std::pair<double, std::string>> units = {
        {1e12, "TFLOPS"}, {1e9, "GFLOPS"}, {1e6, "MFLOPS"}, {1e3, "kFLOPS"}};
    for (const auto& [scale, unit] : units)
    {
        if (flops >= scale)
        {
            std::ostringstream s;
            s << std::setprecision(7) << flops / scale;
            return s.str() + unit;
        }
    }
    return DnnFormatFixed(flops, 6) + "FLOPS";
}

/** The names of the built-in profiles, for messages. */
std::vector<std::string>
BuiltinNames()
{
    std::vector<std::string> names;
    for (const auto& profile : DnnDeviceProfile::Builtin())
    {
        names.push_back(profile.name);
    }
    return names;
}

/** The measurements of one profile, in file order. */
struct ProfileTimes
{
    std::string base;                      //!< the built-in profile started from
    std::vector<DnnTimeMeasurement> times; //!< its rows' work and seconds
};

void
PrintTable(std::ostream& out, const std::string& name, const ProfileTimes& p,
           const DnnProfileFitResult& fit)
{
    out << "profile " << DnnEscapeControl(name) << " (base " << p.base << "):";
    for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
    {
        if (fit.exercised[k])
        {
            const auto kind = static_cast<DnnWorkKind>(k);
            const bool held =
                std::find(fit.heldKinds.begin(), fit.heldKinds.end(), kind) != fit.heldKinds.end();
            out << " " << DnnWorkKindName(kind) << " " << FlopsText(fit.profile.kindFlops[k])
                << (held ? " (held at the base's)" : "");
        }
    }
    out << "\n";
    out << std::left << std::setw(32) << "  measurement" << std::right << std::setw(12)
        << "measured s" << std::setw(12) << "fitted s" << std::setw(12) << "residual %"
        << "\n";
    for (std::size_t i = 0; i < p.times.size(); ++i)
    {
        out << "  " << std::left << std::setw(30) << DnnEscapeControl(p.times[i].label)
            << std::right << std::setw(12) << DnnFormatNumber(p.times[i].seconds) << std::setw(12)
            << DnnFormatFixed(fit.predicted[i], 4) << std::setw(12)
            << DnnFormatFixed(std::abs(fit.residual[i]) < 5e-5 ? 0.0 : 100 * fit.residual[i], 2)
            << "\n";
    }
}

int
Run(int argc, char* argv[])
{
    std::string timesFile;
    std::string baseName;
    std::string scenariosDir = "scenarios";
    std::string format = "json";
    CommandLine cmd(__FILE__);
    cmd.Usage("Fit device profiles' per-kind speeds to measured model or layer times (a CSV "
              "with the header profile,model,layer,seconds) and print them as scenario JSON.");
    cmd.AddValue("times", "CSV of measured times: profile,model,layer,seconds", timesFile);
    cmd.AddValue("base", "built-in profile to start from for profile names that are not built in",
                 baseName);
    cmd.AddValue("scenarios",
                 "folder whose models/ holds the zoo (model NAME: "
                 "DIR/models/NAME.json)",
                 scenariosDir);
    cmd.AddValue("format", "json (profiles on stdout, tables on stderr) or table", format);
    DnnCheckTextOptions(argc, argv, {"times", "base", "scenarios", "format"});
    cmd.Parse(argc, argv);

    if (timesFile.empty())
    {
        throw DnnUsageError(
            "--times=FILE.csv is required (e.g. --times=test/reference/seed-model-times.csv)");
    }
    if (format != "table" && format != "json")
    {
        throw DnnUsageError("--format: \"" + format + "\" is not table or json");
    }
    if (!baseName.empty() && DnnDeviceProfile::FindBuiltin(baseName) == nullptr)
    {
        const std::string suggestion = DnnDidYouMean(baseName, BuiltinNames());
        std::string known;
        for (const auto& n : BuiltinNames())
        {
            known += (known.empty() ? "" : ", ") + n;
        }
        throw DnnUsageError(
            "--base: \"" + baseName + "\" is not a built-in profile" +
            (suggestion.empty() ? " (" + known + ")" : " (did you mean \"" + suggestion + "\"?)"));
    }

    const std::vector<Row> rows = ReadCsv(timesFile);
    std::map<std::string, DnnModel> models; // model file -> model
    std::vector<std::string> order;         // profile names, in order of first appearance
    std::map<std::string, ProfileTimes> profiles;
    for (const Row& row : rows)
    {
        const std::string& name = row.cell.at("profile");
        if (name.empty())
        {
            Fail(timesFile, row.line, "profile", "empty profile name");
        }
        if (profiles.find(name) == profiles.end())
        {
            ProfileTimes p;
            if (DnnDeviceProfile::FindBuiltin(name) != nullptr)
            {
                p.base = name;
            }
            else if (!baseName.empty())
            {
                p.base = baseName;
            }
            else
            {
                const std::string suggestion = DnnDidYouMean(name, BuiltinNames());
                Fail(timesFile, row.line, "profile",
                     "unknown profile \"" + name + "\"" +
                         (suggestion.empty() ? "" : " (did you mean \"" + suggestion + "\"?)") +
                         ": not built in; give --base=NAME to start from a built-in one");
            }
            profiles.emplace(name, p);
            order.push_back(name);
        }
        const std::string& modelName = row.cell.at("model");
        if (modelName.empty())
        {
            Fail(timesFile, row.line, "model", "empty model name");
        }
        std::string file;
        try
        {
            file = DnnScenarioReader::ModelFile(
                modelName, DnnScenarioReader::IsModelPath(modelName) ? "." : scenariosDir);
        }
        catch (const std::invalid_argument& e)
        {
            Fail(timesFile, row.line, "model", e.what());
        }
        auto model = models.find(file);
        if (model == models.end())
        {
            try
            {
                model = models.emplace(file, DnnModelReader::ReadFile(file)).first;
            }
            catch (const DnnInputError& e)
            {
                Fail(timesFile, row.line, "model", e.what());
            }
        }
        const std::string& layer = row.cell.at("layer");
        DnnTimeMeasurement m;
        m.label = model->second.Name();
        if (layer.empty())
        {
            m.work = model->second.Work();
        }
        else
        {
            const int32_t index = model->second.FindLayer(layer);
            if (index < 0)
            {
                std::vector<std::string> names;
                for (const DnnLayer& l : model->second.Layers())
                {
                    names.push_back(l.name);
                }
                const std::string suggestion = DnnDidYouMean(layer, names);
                Fail(timesFile, row.line, "layer",
                     "model \"" + modelName + "\" has no layer \"" + layer + "\"" +
                         (suggestion.empty() ? "" : " (did you mean \"" + suggestion + "\"?)"));
            }
            m.work = model->second.Layer(static_cast<std::size_t>(index)).Work();
            m.label += "/" + layer;
            if (m.work.IsZero())
            {
                Fail(timesFile, row.line, "layer",
                     "layer \"" + layer + "\" of \"" + modelName +
                         "\" does no work (0 FLOPs): its time says nothing about speeds");
            }
        }
        m.seconds = ParseSeconds(timesFile, row);
        profiles[name].times.push_back(m);
    }

    nlohmann::json doc = {{"profiles", nlohmann::json::object()}};
    std::ostringstream tables;
    std::ostringstream warnings;
    for (const std::string& name : order)
    {
        const ProfileTimes& p = profiles.at(name);
        const DnnProfileFitResult fit =
            DnnFitProfile(*DnnDeviceProfile::FindBuiltin(p.base), p.times);
        for (DnnWorkKind k : fit.heldKinds)
        {
            warnings << "warning: " << DnnEscapeControl(timesFile) << ": profile \""
                     << DnnEscapeControl(name) << "\": the measured times leave no time for "
                     << DnnWorkKindName(k)
                     << " work (the least-squares fit gives it 0 s per FLOP, an infinite "
                        "speed); it keeps the base's "
                     << FlopsText(fit.profile.kindFlops[static_cast<std::size_t>(k)])
                     << " and the other kinds are fitted around it (times of single layers "
                        "would separate it)\n";
        }
        nlohmann::json byKind = nlohmann::json::object();
        for (std::size_t k = 0; k < DNN_WORK_KINDS; ++k)
        {
            if (fit.exercised[k])
            {
                byKind[DnnWorkKindName(static_cast<DnnWorkKind>(k))] =
                    FlopsText(fit.profile.kindFlops[k]);
            }
        }
        doc["profiles"][name] = {{"base", p.base},
                                 {"speed_by_kind", byKind},
                                 {"source", "dnn-offload-profile: least-squares fit to " +
                                                std::to_string(p.times.size()) +
                                                " measured times"}};
        PrintTable(tables, name, p, fit);
    }
    std::cerr << warnings.str();
    if (format == "json")
    {
        std::cerr << tables.str();
        std::cout << doc.dump(2) << "\n";
    }
    else
    {
        std::cout << tables.str();
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    return DnnToolMain(argc, argv, Run);
}
