/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dnn-json-reader.h"

#include "ns3/dnn-input-error.h"

#include "ns3/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace ns3
{

// Logged: the files read and parsed; not the value accessors (called per JSON value read).
NS_LOG_COMPONENT_DEFINE("DnnJsonReader");

namespace
{

/** Escape a key for use in a JSON pointer (RFC 6901). */
std::string
EscapePointerToken(const std::string& key)
{
    std::string out;
    for (char c : key)
    {
        if (c == '~')
        {
            out += "~0";
        }
        else if (c == '/')
        {
            out += "~1";
        }
        else
        {
            out += c;
        }
    }
    return out;
}

/**
 * The message of a JSON library exception without its "[json.exception.x.y] " prefix, with
 * bytes that are not printable ASCII (the ill-formed UTF-8 it quotes) written as \\xNN.
 */
std::string
ParserMessage(const nlohmann::json::exception& e)
{
    std::string message = e.what();
    const auto bracket = message.find("] ");
    if (message.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
    {
        message = message.substr(bracket + 2);
    }
    std::string out;
    for (const char c : message)
    {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f)
        {
            out += c;
            continue;
        }
        static const char* hex = "0123456789abcdef";
        out += "\\x";
        out += hex[byte >> 4];
        out += hex[byte & 0xf];
    }
    return out;
}

/** An open object or array of the text being parsed. */
struct Frame
{
    bool object;                //!< object (else array)
    std::string key;            //!< current key (objects)
    int64_t index;              //!< current element (arrays)
    std::set<std::string> keys; //!< keys seen so far (objects)
};

/** Deepest nesting of objects and arrays a file may have (real inputs have under 10; a
 *  64 MiB file of "[[[[..." would otherwise take gigabytes of parser state). */
constexpr std::size_t MAX_NESTING = 256;

/** SAX handler of ParseText's first pass: where the parser is, and the first key an object
 *  repeats. */
struct Tracker
{
    std::string file;          //!< file name for messages
    std::vector<Frame> frames; //!< the open objects and arrays
    std::string duplicatePath; //!< the first repeated key's path

    /** The JSON pointer of the innermost open value. \return the path */
    std::string Path() const
    {
        std::string path;
        for (const auto& frame : frames)
        {
            path +=
                "/" + (frame.object ? EscapePointerToken(frame.key) : std::to_string(frame.index));
        }
        return path;
    }

    /** Open an object or array, at most MAX_NESTING deep. \param object whether an object */
    void Open(bool object)
    {
        Value();
        if (frames.size() >= MAX_NESTING)
        {
            throw DnnInputError(file, Path(),
                                "objects and arrays nested more than " +
                                    std::to_string(MAX_NESTING) + " levels deep");
        }
        frames.push_back({object, "", -1, {}});
    }

    // nlohmann's SAX interface: every value advances the index of the array it is in.

    /** A value in an array advances its index. \return true */
    bool Value()
    {
        if (!frames.empty() && !frames.back().object)
        {
            ++frames.back().index;
        }
        return true;
    }

    bool null() { return Value(); }

    bool boolean(bool) { return Value(); }

    bool number_integer(nlohmann::json::number_integer_t) { return Value(); }

    bool number_unsigned(nlohmann::json::number_unsigned_t) { return Value(); }

    bool number_float(nlohmann::json::number_float_t, const std::string&) { return Value(); }

    bool string(std::string&) { return Value(); }

    bool binary(nlohmann::json::binary_t&) { return Value(); }

    bool start_object(std::size_t)
    {
        Open(true);
        return true;
    }

    bool key(std::string& key)
    {
        Frame& top = frames.back();
        top.key = key;
        if (!top.keys.insert(key).second && duplicatePath.empty())
        {
            duplicatePath = Path();
        }
        return true;
    }

    bool end_object()
    {
        frames.pop_back();
        return true;
    }

    bool start_array(std::size_t)
    {
        Open(false);
        return true;
    }

    bool end_array()
    {
        frames.pop_back();
        return true;
    }

    template<class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception& e)
    {
        throw e;
    }
};

std::string
QuoteList(const std::vector<std::string>& items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        out += (i == 0 ? "" : ", ") + ("\"" + items[i] + "\"");
    }
    return out;
}

} // namespace

nlohmann::json
DnnJsonReader::ParseFile(const std::string& file)
{
    NS_LOG_FUNCTION(file);
    const std::string text = ReadInputFile(file);
    NS_LOG_LOGIC(file << ": " << text.size() << " bytes read");
    return ParseText(text, file);
}

uint64_t
DnnJsonReader::MaxInputBytes()
{
    constexpr uint64_t defaultLimit = uint64_t{64} << 20;
    const char* setting = std::getenv("DNN_MAX_INPUT_BYTES");
    if (setting == nullptr)
    {
        return defaultLimit;
    }
    const std::string text(setting);
    uint64_t value = 0;
    bool valid = !text.empty() && text.size() <= 18;
    for (const char c : text)
    {
        valid = valid && c >= '0' && c <= '9';
        value = valid ? value * 10 + static_cast<uint64_t>(c - '0') : 0;
    }
    if (!valid || value == 0)
    {
        throw DnnInputError("", "",
                            "environment variable DNN_MAX_INPUT_BYTES: must be a positive "
                            "integer number of bytes, got \"" +
                                text.substr(0, 40) + "\"");
    }
    return value;
}

std::string
DnnJsonReader::ReadInputFile(const std::string& file)
{
    NS_LOG_FUNCTION(file);
    const uint64_t limit = MaxInputBytes();
    // O_NONBLOCK: opening a FIFO without a writer must not wait; fstat then refuses it.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
    {
        const int error = errno;
        if (error == EISDIR)
        {
            throw DnnInputError(file, "", "is a directory, not a JSON file");
        }
        throw DnnInputError(file, "",
                            std::string("cannot open the file (") + std::strerror(error) + ")");
    }
    struct FdCloser
    {
        int fd; //!< the descriptor
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat info;
    if (::fstat(fd, &info) != 0)
    {
        throw DnnInputError(file, "",
                            std::string("cannot read the file (") + std::strerror(errno) + ")");
    }
    if (S_ISDIR(info.st_mode))
    {
        throw DnnInputError(file, "", "is a directory, not a JSON file");
    }
    if (!S_ISREG(info.st_mode))
    {
        const char* kind = S_ISFIFO(info.st_mode) ? "a FIFO"
                         : S_ISSOCK(info.st_mode) ? "a socket"
                         : S_ISCHR(info.st_mode)  ? "a character device"
                         : S_ISBLK(info.st_mode)  ? "a block device"
                                                  : "not a file";
        throw DnnInputError(file, "",
                            std::string("is not a regular file (") + kind + "); give a JSON file");
    }
    const auto tooLarge = [&](const std::string& size)
    {
        return DnnInputError(file, "",
                             "is " + size + ", more than the limit of " + std::to_string(limit) +
                                 " bytes (set DNN_MAX_INPUT_BYTES to raise it)");
    };
    if (static_cast<uint64_t>(info.st_size) > limit)
    {
        throw tooLarge(std::to_string(info.st_size) + " bytes");
    }
    std::string text;
    text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[65536];
    while (true)
    {
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
        {
            continue;
        }
        if (n < 0)
        {
            throw DnnInputError(file, "",
                                std::string("cannot read the file (") + std::strerror(errno) + ")");
        }
        if (n == 0)
        {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > limit) // the file grew while being read
        {
            throw tooLarge("more than " + std::to_string(limit) + " bytes");
        }
    }
    return text;
}

nlohmann::json
DnnJsonReader::ParseText(const std::string& text, const std::string& file)
{
    // A first pass with a SAX handler that only tracks where the parser is, to name the
    // object that repeats a key (and the number out of range); the document is then parsed
    // without a callback. (nlohmann's callback parser scans the whole parent object at the
    // end of each member object: 20,000 profiles took 10 s, a 64 MiB file hours.)
    Tracker tracker;
    tracker.file = file;
    std::vector<Frame>& frames = tracker.frames;
    nlohmann::json document;
    try
    {
        nlohmann::json::sax_parse(text, &tracker);
        if (tracker.duplicatePath.empty())
        {
            document = nlohmann::json::parse(text);
        }
    }
    catch (const nlohmann::json::parse_error& e)
    {
        throw DnnInputError(file, "", "not valid JSON: " + ParserMessage(e));
    }
    catch (const nlohmann::json::out_of_range& e)
    {
        // A number beyond the range of a double (1e400): the parser has read up to it, so
        // the open objects and arrays give its path (in an array, the number itself is not
        // counted yet).
        std::string path;
        for (std::size_t i = 0; i < frames.size(); ++i)
        {
            const Frame& frame = frames[i];
            const int64_t index = frame.index + (i + 1 == frames.size() ? 1 : 0);
            path += "/" + (frame.object ? EscapePointerToken(frame.key) : std::to_string(index));
        }
        std::string message = ParserMessage(e);
        const std::string prefix = "number overflow parsing '";
        if (message.rfind(prefix, 0) == 0 && message.back() == '\'')
        {
            std::string number = message.substr(prefix.size(), message.size() - prefix.size() - 1);
            if (number.size() > 40)
            {
                number = number.substr(0, 37) + "..."; // the fuzzers feed 1000-digit numbers
            }
            message =
                "the number " + number + " is out of range (a number must be within +-1.8e308)";
        }
        throw DnnInputError(file, path, "not valid JSON: " + message);
    }
    catch (const nlohmann::json::exception& e)
    {
        throw DnnInputError(file, "", "not valid JSON: " + ParserMessage(e));
    }
    if (!tracker.duplicatePath.empty())
    {
        throw DnnInputError(file, tracker.duplicatePath, "this key appears twice in one object");
    }
    return document;
}

DnnJsonReader::DnnJsonReader(const nlohmann::json& value, std::string file, std::string path)
    : m_value(&value), m_file(std::move(file)), m_path(std::move(path))
{
}

const nlohmann::json&
DnnJsonReader::Value() const
{
    return *m_value;
}

const std::string&
DnnJsonReader::Path() const
{
    return m_path;
}

const std::string&
DnnJsonReader::File() const
{
    return m_file;
}

void
DnnJsonReader::Fail(const std::string& detail) const
{
    throw DnnInputError(m_file, m_path, detail);
}

std::string
DnnJsonReader::Quote() const
{
    const auto& v = *m_value;
    if (v.is_object())
    {
        return "an object";
    }
    if (v.is_array())
    {
        return "a list";
    }
    std::string text = v.dump();
    if (text.size() > 40)
    {
        text = text.substr(0, 37) + "...";
    }
    return text;
}

void
DnnJsonReader::ExpectObject(const std::vector<std::string>& required,
                            const std::vector<std::string>& optional) const
{
    if (!m_value->is_object())
    {
        Fail("must be an object, got " + Quote());
    }
    std::vector<std::string> allowed = required;
    allowed.insert(allowed.end(), optional.begin(), optional.end());
    for (const auto& item : m_value->items())
    {
        if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end())
        {
            continue;
        }
        std::string detail = "unknown key \"" + item.key() + "\"";
        const std::string suggestion = DnnDidYouMean(item.key(), allowed);
        if (!suggestion.empty())
        {
            detail += " (did you mean \"" + suggestion + "\"?)";
        }
        else
        {
            detail += " (allowed here: " + QuoteList(allowed) + ")";
        }
        throw DnnInputError(m_file, m_path + "/" + EscapePointerToken(item.key()), detail);
    }
    for (const auto& key : required)
    {
        if (!m_value->contains(key))
        {
            Fail("missing key \"" + key + "\"");
        }
    }
}

bool
DnnJsonReader::Has(const std::string& key) const
{
    return m_value->is_object() && m_value->contains(key);
}

DnnJsonReader
DnnJsonReader::operator[](const std::string& key) const
{
    if (!m_value->is_object())
    {
        Fail("must be an object, got " + Quote());
    }
    const auto it = m_value->find(key);
    if (it == m_value->end())
    {
        Fail("missing key \"" + key + "\"");
    }
    return DnnJsonReader(*it, m_file, m_path + "/" + EscapePointerToken(key));
}

std::vector<DnnJsonReader>
DnnJsonReader::Elements(std::size_t minSize) const
{
    if (!m_value->is_array())
    {
        Fail("must be a list, got " + Quote());
    }
    if (m_value->size() < minSize)
    {
        Fail(m_value->empty() ? "must not be empty"
                              : "needs at least " + std::to_string(minSize) + " entries, got " +
                                    std::to_string(m_value->size()));
    }
    std::vector<DnnJsonReader> out;
    out.reserve(m_value->size());
    for (std::size_t i = 0; i < m_value->size(); ++i)
    {
        out.emplace_back((*m_value)[i], m_file, m_path + "/" + std::to_string(i));
    }
    return out;
}

std::string
DnnJsonReader::AsString() const
{
    if (!m_value->is_string())
    {
        Fail("must be a string, got " + Quote());
    }
    return m_value->get<std::string>();
}

std::string
DnnJsonReader::AsName() const
{
    std::string s = AsString();
    if (s.empty())
    {
        Fail("must not be empty");
    }
    return s;
}

bool
DnnJsonReader::AsBool() const
{
    if (!m_value->is_boolean())
    {
        Fail("must be true or false, got " + Quote());
    }
    return m_value->get<bool>();
}

int64_t
DnnJsonReader::AsInt(int64_t min, int64_t max) const
{
    const auto& v = *m_value;
    const bool isFloat = v.is_number_float();
    const double d = isFloat ? v.get<double>() : 0.0;
    if (!v.is_number_integer() && !(isFloat && std::isfinite(d) && std::floor(d) == d))
    {
        Fail("must be an integer, got " + Quote());
    }
    bool inRange = false;
    if (isFloat)
    {
        inRange = d >= static_cast<double>(min) && d <= static_cast<double>(max);
    }
    else if (v.is_number_unsigned())
    {
        const auto u = v.get<uint64_t>();
        inRange = u <= static_cast<uint64_t>(max) && (min <= 0 || u >= static_cast<uint64_t>(min));
    }
    else
    {
        inRange = v.get<int64_t>() >= min && v.get<int64_t>() <= max;
    }
    if (!inRange)
    {
        Fail("must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
             Quote());
    }
    const int64_t i = isFloat ? static_cast<int64_t>(d) : v.get<int64_t>();
    return i;
}

uint64_t
DnnJsonReader::AsPositive() const
{
    const auto& v = *m_value;
    if (!v.is_number() || v.get<double>() <= 0)
    {
        Fail("must be a positive integer, got " + Quote());
    }
    return static_cast<uint64_t>(AsInt(1, int64_t{1} << 40));
}

double
DnnJsonReader::AsNumber(double min, double max) const
{
    if (!m_value->is_number() || !std::isfinite(m_value->get<double>()))
    {
        Fail("must be a number, got " + Quote());
    }
    const double d = m_value->get<double>();
    if (d < min || d > max)
    {
        std::ostringstream range;
        range << "must be between " << min << " and " << max << ", got " << Quote();
        Fail(range.str());
    }
    return d;
}

std::array<uint64_t, 2>
DnnJsonReader::AsPositivePair() const
{
    if (m_value->is_array())
    {
        const auto items = Elements();
        if (items.size() != 2)
        {
            Fail("must be an integer or a list of two [height, width], got " + Quote());
        }
        return {items[0].AsPositive(), items[1].AsPositive()};
    }
    const uint64_t v = AsPositive();
    return {v, v};
}

std::array<uint64_t, 2>
DnnJsonReader::AsNonNegativePair() const
{
    const int64_t limit = int64_t{1} << 40;
    if (m_value->is_array())
    {
        const auto items = Elements();
        if (items.size() != 2)
        {
            Fail("must be an integer or a list of two [height, width], got " + Quote());
        }
        return {static_cast<uint64_t>(items[0].AsInt(0, limit)),
                static_cast<uint64_t>(items[1].AsInt(0, limit))};
    }
    const auto v = static_cast<uint64_t>(AsInt(0, limit));
    return {v, v};
}

std::string
DnnJsonReader::AsChoice(const std::vector<std::string>& choices) const
{
    const std::string s = AsString();
    if (std::find(choices.begin(), choices.end(), s) != choices.end())
    {
        return s;
    }
    std::string detail = "\"" + s + "\" is not one of " + QuoteList(choices);
    const std::string suggestion = DnnDidYouMean(s, choices);
    if (!suggestion.empty())
    {
        detail += " (did you mean \"" + suggestion + "\"?)";
    }
    Fail(detail);
}

} // namespace ns3
